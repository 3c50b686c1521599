// Trawl — QuantityUnits.swift
// Units of measure as data: base units crossed with SI (and binary) prefixes, expanded into
// lexicon lines once, when a lexicon is built.

/// The unit table. Each line of ``bases`` is
/// `kind | prefix set | symbol | name forms (space-separated; `_` stands for a space)`.
/// A line expands into the bare unit and one entry per prefix: `km`, `kilometre`, `kilometres`…
/// Symbols are case-sensitive (`MW` is not `mW`), names are not. Attribute codes are those of
/// ``QTables`` (`L` dimension, `D` duration).
enum QUnits {
    /// Prefixes: `symbol:name`. `μ` (Greek mu) and `µ` (micro sign) both normalise to `µ`.
    static let prefixes = #"""
    Y:yotta Z:zetta E:exa P:peta T:tera G:giga M:mega k:kilo h:hecto d:deci c:centi m:milli µ:micro μ:micro n:nano p:pico f:femto a:atto Ki:kibi Mi:mebi Gi:gibi Ti:tebi Pi:pebi
    """#

    /// Base units: `kind | prefixes | symbol | name forms`. Prefixes are listed by symbol
    /// (space-separated) or with the shorthands `SI` (P T G M k m µ μ n p f a), `MICRO` (m µ μ n p),
    /// `BIG` (k M G T P E), `BIN` (Ki Mi Gi Ti Pi); `-` for none. A symbol written `~X` is not
    /// a unit on its own (`~A`: `mA`, `kA`, but a bare `A` is too ambiguous). Name forms: the
    /// singular first, `_` for a space, `-` for none.
    static let bases = #"""
    L | SI c d h | m | metre metres meter meters
    L | k M G m µ μ n p f c d h | L | litre litres liter liters
    L | - | l | -
    L | SI | g | gram grams gramme grammes
    D | m µ μ n p f | ~s | -
    L | SI | W | watt watts
    L | k M G T P m | Wh | watt-hour watt-hours watt_hour watt_hours watthour watthours
    L | SI E | J | joule joules
    L | BIG m µ μ | eV | electronvolt electronvolts electron-volt electron-volts electron_volt electron_volts
    L | k M G T P m µ μ | Hz | hertz
    L | SI h | Pa | pascal pascals
    L | k M G m µ μ | V | volt volts
    L | k m µ μ n p | ~A | ampere amperes amp amps
    L | k M G m µ μ | Ω | ohm ohms
    L | k M m µ μ | ~N | newton newtons
    L | m µ μ n | Gy | -
    L | m µ μ n | Sv | sievert sieverts
    L | k M G T | Bq | becquerel becquerels
    L | k m µ μ n p | mol | mole moles
    L | k M G | cal | calorie calories
    L | MICRO | ~F | farad farads
    L | MICRO | ~C | coulomb coulombs
    L | m µ μ | Wb | weber webers
    L | m k | bar | -
    L | BIG BIN | ~B | byte bytes
    L | f p n a µ | b | barn barns
    L | BIG BIN | b | bit bits
    L | BIG | bps | -
    L | BIG | bit/s | -
    L | BIG | B/s | -
    L | k M G | t | tonne tonnes
    """#

    /// Extra case-sensitive symbols and spelled forms that the expansion does not produce.
    static let extras = #"""
    !fb−1 = L:fb⁻¹
    !fb-1 = L:fb⁻¹
    !fb^-1 = L:fb⁻¹
    !fb⁻¹ = L:fb⁻¹
    !pb−1 = L:pb⁻¹
    !pb-1 = L:pb⁻¹
    !pb^-1 = L:pb⁻¹
    !pb⁻¹ = L:pb⁻¹
    !ab−1 = L:ab⁻¹
    !nb−1 = L:nb⁻¹
    !Js = L:J·s
    !J s = L:J·s
    !J·s = L:J·s
    !Nm = L:N·m
    !N·m = L:N·m
    !kgf = L:kgf
    !psi = L:psi
    !atm = L:atm
    !mmHg = L:mmHg
    !BTU = L:BTU
    !Btu = L:BTU
    !hp = L:hp
    !ly = L:ly
    !AU = L:AU
    !pc = L:pc
    !kpc = L:kpc
    !Mpc = L:Mpc
    !ppm = L:ppm
    !ppb = L:ppb
    !rpm = L:rpm
    !mpg = L:mpg
    !fl oz = L:fl_oz
    !qt = L:qt
    !pt = L:pt
    !in = L:in
    !ms = D:ms
    !µs = D:µs
    !μs = D:µs
    !ns = D:ns
    !C = T:°C
    !° C = T:°C
    !° F = T:°F
    !Ga = L:Ga
    !ka = L:ka
    !' = L:ft
    !′ = L:ft
    !″ = L:in
    light year = L:ly
    light years = L:ly
    light-year = L:ly
    light-years = L:ly
    parsec = L:pc
    parsecs = L:pc
    horsepower = L:hp
    atmosphere = L:atm
    atmospheres = L:atm
    megaton = L:Mt
    megatons = L:Mt
    kiloton = L:kt
    kilotons = L:kt
    millisecond = D:ms
    milliseconds = D:ms
    microsecond = D:µs
    microseconds = D:µs
    nanosecond = D:ns
    nanoseconds = D:ns
    megayear = L:Ma
    megayears = L:Ma
    gallons per minute = L:gal/min
    parts per million = L:ppm
    parts per billion = L:ppb
    inverse femtobarn = L:fb⁻¹
    inverse femtobarns = L:fb⁻¹
    inverse picobarn = L:pb⁻¹
    inverse picobarns = L:pb⁻¹
    square kilometre = L:km²
    square kilometer = L:km²
    square mile = L:mi²
    square centimeters = L:cm²
    square centimetres = L:cm²
    square inches = L:in²
    square inch = L:in²
    square yards = L:yd²
    cubic meter = L:m³
    cubic metre = L:m³
    cubic centimeters = L:cm³
    cubic centimetres = L:cm³
    cubic inches = L:in³
    cubic yards = L:yd³
    """#

    /// The expanded lexicon lines (`phrase = attributes`), built once per lexicon.
    static func lines() -> [String] {
        var names: [Substring: Substring] = [:]
        for pair in prefixes.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let p = pair.split(separator: ":")
            if p.count == 2 { names[p[0]] = p[1] }
        }
        let shorthands: [Substring: [Substring]] = [
            "SI": ["P", "T", "G", "M", "k", "m", "µ", "μ", "n", "p", "f", "a"], "MICRO": ["m", "µ", "μ", "n", "p"],
            "BIG": ["k", "M", "G", "T", "P", "E"], "BIN": ["Ki", "Mi", "Gi", "Ti", "Pi"],
        ]
        var out: [String] = []
        for line in bases.split(separator: "\n") {
            let fields = line.split(separator: "|").map { $0.split(separator: " ") }
            guard fields.count == 4, let kind = fields[0].first, var symbol = fields[2].first else { continue }
            let bare = symbol.first != "~"
            if !bare { symbol = symbol.dropFirst() }
            let prefixList = fields[1].filter { $0 != "-" }.flatMap { shorthands[$0] ?? [$0] }
            let forms = fields[3].filter { $0 != "-" }.map { String($0.map { $0 == "_" ? " " : $0 }) }
            if bare { out.append("!\(symbol) = \(kind):\(symbol)") }
            for form in forms { out.append("\(form) = \(kind):\(symbol)") }
            for prefix in prefixList {
                let unit = (prefix == "μ" ? "µ" : prefix) + symbol
                out.append("!\(prefix)\(symbol) = \(kind):\(unit)")
                guard let name = names[prefix] else { continue }
                for form in forms where !form.contains(" ") { out.append("\(name)\(form) = \(kind):\(unit)") }
            }
        }
        out.append(contentsOf: extras.split(separator: "\n").map(String.init))
        return out
    }
}
