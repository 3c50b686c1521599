// Trawl — QuantityExtractor.swift
// Quantities in French and English: numbers, percentages, money, units, counted nouns, ranges.

import Trawl

/// Finds quantities: numbers in digits and words, ordinals, fractions, percentages, money,
/// dimensions, temperatures, ages, durations and counted nouns ("3 000 soldats"), with ranges
/// ("entre 10 et 20") and approximations ("environ", "about").
///
/// Spans cover the number, its unit and its counted noun; the approximation word is not part of
/// the span but sets ``Quantity/approximate``. The counted noun is the head noun only: in
/// "2 500 soldats américains" the quantity is "2 500 soldats", `counted` "soldats" (adjectives
/// are not joined: without a part-of-speech tagger they cannot be told from complements).
/// Years that belong to dates are left to ``DateExtractor``; digits inside URLs, e-mail addresses,
/// identifiers ("v2.3.1", "B52") and phone numbers are skipped.
///
/// Money units are ISO 4217 codes (`$` is `USD`, `C$` `CAD`); subunits are `¢` (cents, centimes)
/// and `GBp` (pence); percentages use `%`; dimensions use SI or customary symbols (`km`, `kg`,
/// `m²`, `km/h`, `mph`, `bbl`, and every SI prefix with the base units of ``QUnits``: `MWh`, `TeV`,
/// `GiB`, `mGy`…); temperatures `°C`, `°F`, `K` or `°`; durations and ages `s`, `min`, `h`, `day`,
/// `week`, `month`, `year`. Compound units are written with `/` and `^`: "20 J/m^2 per year" is
/// `J/m^2/year`, "$15.4/hour" is money in `USD/h`, "four times per week" is kind `frequency`, unit
/// `/week`. A percent word without a number before it is a percentage of the number after it
/// ("percent of 10" is 10 %), or after a determiner a percentage without a value ("a percentage":
/// kind `percent`, value nil).
public struct QuantityExtractor: Extractor {
    /// `quantities`.
    public var name: String { "quantities" }
    /// The quantities layer.
    public var produces: Set<Layer> { [.quantities] }

    /// The registry entry.
    public static let descriptor = ExtractorDescriptor(
        name: "quantities",
        summary: "numbers, percentages, money, units, counted nouns, ranges (French, English)",
        produces: [.quantities],
        make: { _ in QuantityExtractor() })

    /// Creates the extractor (the word tables load once per process).
    public init() {
        _ = QLexicon.french
        _ = QLexicon.english
    }

    /// Adds the quantities of `document`. Language: the analysis's, else guessed from the text.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        let scan = QDocumentScan.of(analysis, reference: document.date)
        annotations.quantities.append(contentsOf: compose(scan.bytes, items: scan.items, dates: scan.dates, french: scan.french)
            .quantities.map(\.quantity))
    }

    /// The quantities of `bytes` with their numeral spans (the evaluation needs those).
    func quantities(in bytes: [UInt8], french: Bool) -> [QMatch] {
        analyze(bytes, french: french).quantities
    }

    /// The quantities of `bytes`, and the numbers inside the dates that the quantities leave
    /// out ("2018" in "5/17/2018"), for evaluations that count every number.
    func analyze(_ bytes: [UInt8], french: Bool) -> (quantities: [QMatch], dates: [QDateNumerals]) {
        var items: [QItem] = []
        bytes.withUnsafeBufferPointer { QScanner.scan($0, french: french, into: &items) }
        let lex = french ? QLexicon.french : QLexicon.english
        lex.annotate(&items)
        let dates = bytes.withUnsafeBufferPointer { buffer in
            DateScanner(items: items, bytes: buffer, lex: lex, french: french, reference: nil).scan()
        }
        return compose(bytes, items: items, dates: dates, french: french)
    }

    /// The quantities over scanned `items`, outside the `dates` that are not durations or
    /// recurrences; with the numbers of those dates.
    private func compose(_ bytes: [UInt8], items: [QItem], dates: [QDateMatch], french: Bool)
        -> (quantities: [QMatch], dates: [QDateNumerals])
    {
        let lex = french ? QLexicon.french : QLexicon.english
        return bytes.withUnsafeBufferPointer { buffer in
            let composer = QComposer(items: items, bytes: buffer, lex: lex, french: french,
                                     parser: QNumeralParser(items: items, bytes: buffer, lex: lex, french: french))
            // durations and recurrences stay quantities too ("six mois", "three years")
            let claimed = dates.filter { $0.granularity != "duration" && $0.granularity != "set" }
            let quantities = composer.run(claimed: claimed.map(\.items))
            let numerals = claimed.map { date in
                QDateNumerals(span: Span(Int(items[date.items.lowerBound].start), Int(items[date.items.upperBound - 1].end)),
                              numerals: date.items.filter {  // "4" of "May 4th" is an ordinal
                                  items[$0].kind == .number && !($0 + 1 < items.count && items[$0 + 1].kind == .word
                                      && items[$0 + 1].start == items[$0].end)
                              }.map {
                                  (Span(Int(items[$0].start), Int(items[$0].end)), items[$0].value)
                              },
                              year: date.granularity == "year" && date.value.map { $0.utf8.count == 4 } == true
                                  ? date.value.flatMap { Double($0) } : nil)
            }
            return (quantities, numerals)
        }
    }
}

/// Picks French or English rules for a document.
enum QLanguage {
    /// The analysis's language when it is `fr` or `en`; otherwise a vote of common function words.
    static func isFrench(_ analysis: Analysis) -> Bool {
        if analysis.language == .french { return true }
        if analysis.language == .english { return false }
        return guessFrench(analysis.bytes)
    }

    /// Counts French and English function words in the first 8 KB.
    static func guessFrench(_ bytes: [UInt8]) -> Bool {
        var french = 0
        var english = 0
        bytes.withUnsafeBufferPointer { b in
            var items: [QItem] = []
            var end = min(b.count, 8192)
            while end < b.count, end > 0, b[end] & 0xC0 == 0x80 { end -= 1 }  // cut on a character boundary
            QScanner.scan(UnsafeBufferPointer(rebasing: b[0..<end]), french: true, into: &items)
            for item in items where item.kind == .word {
                if let side = QLanguage.functionWords[item.folded] {
                    if side == 0 { french += 1 } else { english += 1 }
                }
            }
        }
        return french > english
    }

    /// Function words: 0 French, 1 English.
    static let functionWords: QHashTable = {
        var table = QHashTable()
        for (side, words) in [(Int32(0), "le la les des du et est une dans pour qui que sur au aux avec pas ce cette sont ont"),
                              (1, "the of and to is in that for with was on are by this be from have has it")] {
            for word in words.split(separator: " ") {
                var hash = QHash.seed
                for byte in word.utf8 { hash = QHash.add(hash, byte) }
                table[hash] = side
            }
        }
        return table
    }()
}

/// A date found while looking for quantities, with the numbers written in it.
struct QDateNumerals {
    /// The whole date.
    var span: Span
    /// Its numbers in digits, with their values.
    var numerals: [(span: Span, value: Double)]
    /// The year, for a date that is only a year ("in 2013").
    var year: Double?
}

/// One quantity with the spans of its numerals.
struct QMatch {
    /// The public annotation.
    var quantity: Quantity
    /// The numerals inside it, with their values; `glued` when a letter unit sticks to the digits.
    var numerals: [(span: Span, value: Double, glued: Bool)]
}

/// Combines numerals with units, currencies, counted nouns, ranges and approximation words.
struct QComposer {
    let items: [QItem]
    let bytes: UnsafeBufferPointer<UInt8>
    let lex: QLexicon
    let french: Bool
    let parser: QNumeralParser

    init(items: [QItem], bytes: UnsafeBufferPointer<UInt8>, lex: QLexicon, french: Bool, parser: QNumeralParser) {
        self.items = items
        self.bytes = bytes
        self.lex = lex
        self.french = french
        self.parser = parser
    }

    @inline(__always)
    private func span(_ first: Int, _ end: Int) -> Span {
        Span(Int(items[first].start), Int(items[end - 1].end))
    }

    private func string(_ first: Int, _ end: Int) -> String {
        let s = span(first, end)
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[s.start..<s.end]), as: UTF8.self)
    }

    /// Whether a quantity could start at `k` (cheap filter before ``compose(at:limit:into:)``, which
    /// returns nil for the others): digits outside an identifier, or a word or symbol whose entry
    /// or longest phrase (up to `limit`) may start one (``QTraits/quantity``), or a symbol that
    /// starts a numeral (a minus sign, a vulgar fraction).
    @inline(__always)
    private func candidate(_ k: Int, limit: Int) -> Bool {
        let item = items[k]
        switch item.kind {
        case .number: return !identifierContext(k)
        case .identifier: return false
        case .symbol, .word:
            if item.traits.contains(.quantity) { return true }
            if item.kind == .symbol, parser.isMinusSign(k) || parser.vulgarFraction(k) != nil { return true }
            guard item.phraseTraits.contains(.quantity), let (phrase, _) = lex.matchEntry(items, k, limit: limit) else {
                return false
            }
            return lex.traits[Int(phrase)].contains(.quantity)
        }
    }

    /// Whether an approximation phrase ("environ", "more than") ends right before item `k`.
    private func approximation(before k: Int) -> Bool {
        var start = max(0, k - 4)
        while start < k {
            if let (w, length) = lex.match(items, start, limit: k), start + length == k, w.approximate { return true }
            start += 1
        }
        return false
    }

    /// The unit phrase at `k` (optionally after a hyphen, or "de"/"of" after a scaled number).
    private func unitPhrase(at k: Int, scaled: Bool) -> (QWord, Int, Int)? {
        guard k < items.count, !items[k].breakBefore else { return nil }
        var start = k
        if parser.isDash(k), parser.glued(k), k + 1 < items.count, parser.glued(k + 1), items[k + 1].kind == .word {
            start = k + 1  // "six-mile", "10-gallon"
        }
        if let (w, length) = lex.match(items, start, limit: items.count), w.unitKind != .none {
            return (w, start, start + length)
        }
        if scaled, start == k, let w = lex.word(items, k), w.connector == 4 || isOf(k) || isElidedDe(k),
           k + 1 < items.count, let (u, length) = lex.match(items, k + 1, limit: items.count), u.unitKind != .none {
            return (u, k + 1, k + 1 + length)
        }
        if scaled, isElidedDe(k), k + 1 < items.count, let (u, length) = lex.match(items, k + 1, limit: items.count),
           u.unitKind != .none {
            return (u, k + 1, k + 1 + length)
        }
        return nil
    }

    private static let ofHash: UInt64 = QHash.add(QHash.add(QHash.seed, 0x6F), 0x66)
    private static let elidedDeHash: UInt64 = QHash.add(QHash.add(QHash.seed, 0x64), 0x27)
    private static let inHash: UInt64 = QHash.add(QHash.add(QHash.seed, 0x69), 0x6E)
    private static let ministreHash: UInt64 = {
        var hash = QHash.seed
        for byte in "ministre".utf8 { hash = QHash.add(hash, byte) }
        return hash
    }()

    private func isOf(_ k: Int) -> Bool { items[k].folded == QComposer.ofHash }
    private func isElidedDe(_ k: Int) -> Bool { items[k].folded == QComposer.elidedDeHash }

    /// A counted noun at `k`: a lower-case content word after the number.
    private func countedNoun(at k: Int, scaled: Bool) -> Int? {
        var k = k
        guard k < items.count, !items[k].breakBefore else { return nil }
        if scaled, french, items[k].kind == .word, let w = lex.word(items, k), w.connector == 4 || isElidedDe(k) {
            k += 1  // "3 millions de personnes"
        } else if scaled, !french, items[k].kind == .word, isOf(k) {
            k += 1
        }
        guard k < items.count, items[k].kind == .word, items[k].spaceBefore || isElidedDe(k - 1), !items[k].breakBefore,
              !items[k].capitalized, items[k].end - items[k].start >= 3 else { return nil }
        let first = bytes[Int(items[k].start)]
        guard first >= 0x61 && first <= 0x7A || first == 0xC3 || first == 0xC5 else { return nil }
        if k + 1 < items.count, parser.isDash(k + 1), parser.glued(k + 1) { return nil }
        if let w = lex.word(items, k) {
            if w.stop || !w.cardinal.isNaN || w.unitKind != .none || w.month != 0 || w.weekday != 0 || w.direction != 0
                || w.approximate || w.connector != 0 || w.ordinal > 0 || w.denominator > 0 || w.period != 0 || w.timeMarker != 0
                || w.relativeDay != .min || w.dateCue || w.ageContext { return nil }
        }
        return k
    }

    /// Whether an angle word ("rotate", "angle") is near items `first..<end`.
    private func angleContext(_ first: Int, _ end: Int) -> Bool {
        for k in max(0, first - 4)..<min(items.count, end + 2) where items[k].kind == .word {
            if let w = lex.word(items, k), w.angleContext { return true }
        }
        return false
    }

    /// Whether the digits at `k` belong to a name or code: glued after letters ("L2", "A380"),
    /// or after letters and a hyphen ("F-16", "scp-173"), unless the letters are a currency.
    private func identifierContext(_ k: Int) -> Bool {
        guard k > 0, parser.glued(k) else { return false }
        let before = items[k - 1]
        if before.kind == .word { return !(lex.word(items, k - 1)?.currencyPrefix ?? false) }
        if before.kind == .identifier { return true }
        if parser.isDash(k - 1), k >= 2, parser.glued(k - 1) {
            if items[k - 2].kind == .word || items[k - 2].kind == .identifier { return true }
            if items[k - 2].kind == .number { return identifierContext(k - 2) }
        }
        return false
    }

    /// Whether the straight quote at `k` closes a quotation opened earlier on its line
    /// (`"English 101"` is a number, `9"` is inches).
    private func closesQuote(_ k: Int) -> Bool {
        let quote = bytes[Int(items[k].start)]
        var count = 0
        var m = k - 1
        while m >= 0, k - m < 80 {
            if items[m].kind == .symbol, items[m].end - items[m].start == 1, bytes[Int(items[m].start)] == quote { count += 1 }
            if items[m].breakBefore { break }
            m -= 1
        }
        return count % 2 == 1
    }

    /// Powers and rates after a unit ending at `k`: "^2", "²", "/h", "per year", "/m^2 per year".
    /// Returns the unit suffix ("/h", "^2") and the item after it.
    private func compoundUnit(after k: Int, limit: Int) -> (String, Int)? {
        var suffix = ""
        var m = k
        for _ in 0..<4 {
            guard m < limit, !items[m].breakBefore else { break }
            if parser.isSymbol(m, 0x5E), parser.glued(m), m + 1 < limit, parser.glued(m + 1) {  // ^2, ^-1
                var e = m + 1
                var sign = ""
                if parser.isDash(e), e + 1 < limit, parser.glued(e + 1) { sign = "-"; e += 1 }
                guard items[e].kind == .number, items[e].plainInteger, items[e].value < 10 else { break }
                suffix += "^" + sign + String(Int(items[e].value))
                m = e + 1
                continue
            }
            let slash = parser.isSymbol(m, 0x2F) && parser.glued(m) && m + 1 < limit && parser.glued(m + 1)
            let per = !slash && items[m].kind == .word && lex.word(items, m)?.connector == 11
            if slash || per {
                var u = m + 1
                if per, u < limit, let article = lex.word(items, u), article.cardinalClass == 6 { u += 1 }
                guard u < limit, !items[u].breakBefore, let (w, length) = lex.match(items, u, limit: limit), w.unitKind != .none,
                      w.unitKind != .money, w.unitKind != .percent, let unit = w.unit, u + length <= limit else { break }
                suffix += "/" + unit
                m = u + length
                continue
            }
            break
        }
        return suffix.isEmpty ? nil : (suffix, m)
    }

    /// "four times per week", "deux fois par mois": (unit "/week", item after).
    private func frequency(after k: Int, limit: Int) -> (String, Int)? {
        guard k + 1 < limit, items[k].kind == .word, items[k].folded == QComposer.timesHash || items[k].folded == QComposer.foisHash
        else { return nil }
        var m = k + 1
        if let w = lex.word(items, m), w.connector == 11 || w.cardinalClass == 6 || w.determiner { m += 1 }
        guard m > k + 1, m < limit, !items[m].breakBefore, let (w, length) = lex.match(items, m, limit: limit),
              w.unitKind == .duration, let unit = w.unit else { return nil }
        return ("/" + unit, m + length)
    }

    private static func hash(_ word: String) -> UInt64 {
        var hash = QHash.seed
        for byte in word.utf8 { hash = QHash.add(hash, byte) }
        return hash
    }
    private static let timesHash = hash("times")
    private static let foisHash = hash("fois")
    private static let plusMinusHash = hash("±")

    /// A percent word without a number before it: "percent of 10", "pourcent des trois cent cinq"
    /// (value 10, 305) or, after a determiner, "a percentage", "the %", "a small percent"
    /// (a percentage without a value).
    private func percentWord(at k: Int, limit: Int, into results: inout [QMatch]) -> Int? {
        guard let (w, length) = lex.match(items, k, limit: limit), w.unitKind == .percent else { return nil }
        let end = k + length
        if end + 1 < limit, !items[end].breakBefore, let of = lex.word(items, end),
           isOf(end) || (french && (of.connector == 4 || items[end].folded == QComposer.desHash)),
           let numeral = parser.parse(at: end + 1), numeral.kind == .cardinal, numeral.end <= limit {
            let quantity = Quantity(span: span(k, numeral.end), kind: "percent", value: numeral.value, unit: w.unit,
                                    extractor: "quantities")
            results.append(QMatch(quantity: quantity, numerals: [(span(numeral.first, numeral.end), numeral.value, false)]))
            return numeral.end
        }
        var d = k - 1
        if d >= 1, items[d].kind == .word, lex.word(items, d) == nil, !items[d].capitalized { d -= 1 }  // "a small percent"
        guard d >= 0, d < k, items[d].kind == .word, let det = lex.word(items, d), det.determiner, !items[k].breakBefore,
              end >= items.count || items[end].kind != .number else { return nil }
        results.append(QMatch(quantity: Quantity(span: span(k, end), kind: "percent", value: nil, unit: w.unit,
                                                 extractor: "quantities"), numerals: []))
        return end
    }
    private static let desHash = hash("des")

    /// The upper bound of a range whose bounds both carry the unit: "44 mg to 50 mg",
    /// "between 44 mg and 50 mg", "10 km - 20 km".
    private func unitRange(after k: Int, lower: QNumeral, unit: String?, start: Int, limit: Int) -> (QNumeral, Int)? {
        guard k < limit, !items[k].breakBefore else { return nil }
        var m = k
        if parser.isDash(m) || lex.word(items, m)?.connector == 2 {
            m += 1
        } else if lex.word(items, m)?.connector == 1, start > 0, lex.word(items, start - 1)?.connector == 3 {
            m += 1
        } else {
            return nil
        }
        guard m < limit, let upper = parser.parse(at: m), upper.kind == .cardinal, upper.end < limit, upper.value > lower.value,
              let (w, us, ue) = unitPhrase(at: upper.end, scaled: upper.scaled), us == upper.end, w.unit == unit, ue <= limit
        else { return nil }
        return (upper, ue)
    }

    /// Runs over all items; `claimed` are item ranges taken by dates.
    ///
    /// Nothing here is `mutating`: a mutating method that calls the others would copy the whole
    /// composer (its lexicon and parser) for each call.
    func run(claimed: [Range<Int>]) -> [QMatch] {
        var results: [QMatch] = []
        var claimIndex = 0
        var k = 0
        let n = items.count
        while k < n {
            while claimIndex < claimed.count, claimed[claimIndex].upperBound <= k { claimIndex += 1 }
            if claimIndex < claimed.count, claimed[claimIndex].contains(k) {
                k = claimed[claimIndex].upperBound
                continue
            }
            let limit = claimIndex < claimed.count ? claimed[claimIndex].lowerBound : n
            guard candidate(k, limit: limit) else { k += 1; continue }
            if let next = compose(at: k, limit: limit, into: &results) {
                k = next
            } else {
                k += 1
            }
        }
        return results
    }

    /// Tries to build a quantity starting at item `k`, appended to `results`; returns the item after it.
    private func compose(at k: Int, limit: Int, into results: inout [QMatch]) -> Int? {
        var start = k
        var currency: String? = nil
        var currencyFactor = 1.0
        var numeralStart = k
        if items[k].kind != .number, let (w, length) = lex.match(items, k, limit: limit) {
            if let fixed = w.fixedValue, w.unitKind != .none {  // "absolute zero"
                let kind = w.unitKind == .temperature ? "temperature" : "dimension"
                results.append(QMatch(quantity: Quantity(span: span(k, k + length), kind: kind, value: fixed, unit: w.unit,
                                                         extractor: "quantities"), numerals: []))
                return k + length
            }
            if w.unitKind == .percent { return percentWord(at: k, limit: limit, into: &results) }
            // A currency before the number: "$2.5bn", "€ 2 millions", "EUR 125", "USD115".
            if w.unitKind == .money, w.currencyPrefix, k + length < limit,
               items[k + length].kind == .number || parser.startsNumber(k + length) {
                currency = w.unit
                currencyFactor = w.factor
                numeralStart = k + length
            }
        }
        guard let numeral = parser.parse(at: numeralStart), numeral.end <= limit else { return nil }
        if currency != nil, numeral.kind != .cardinal { return nil }
        // "several hundred years", "many thousands": a scale word after a vague quantifier has no value
        if currency == nil, !numeral.hasDigits, numeral.first > 0, let first = lex.word(items, numeral.first),
           first.cardinalClass == 4 || first.cardinalClass == 5, lex.word(items, numeral.first - 1)?.vague == true {
            return numeral.end
        }
        // "that one", "the one": a pronoun, not a number
        if numeral.bareOne, !french, numeral.first > 0, let det = lex.word(items, numeral.first - 1), det.determiner,
           items[numeral.first - 1].kind == .word {
            return numeral.end
        }
        var end = numeral.end
        var value = numeral.value * currencyFactor
        var approximate = false
        // "2,000.45±0.01": the uncertainty goes into the span and makes the value approximate.
        if currency == nil, end + 1 < limit, items[end].kind == .symbol, items[end].folded == QComposer.plusMinusHash,
           let error = parser.parse(at: end + 1), error.kind == .cardinal, error.hasDigits, error.end <= limit {
            end = error.end
            approximate = true
        }
        var upper: Double? = nil
        var numerals: [(span: Span, value: Double, glued: Bool)] = []
        var kind = "number"
        var unit: String? = nil
        var counted: String? = nil
        var scaled = numeral.scaled
        func numeralGlued(_ e: Int) -> Bool {
            e < items.count && items[e].kind == .word && parser.glued(e) && items[e - 1].kind == .number
        }
        numerals.append((span(numeral.first, numeral.end), numeral.value, numeralGlued(numeral.end)))
        if var money = currency {
            kind = "money"
            // "$2.5m"
            if end < limit, parser.glued(end), items[end].kind == .word, items[end].end - items[end].start == 1,
               bytes[Int(items[end].start)] | 0x20 == 0x6D {
                value *= 1_000_000
                end += 1
            } else if end < limit, let (w, length) = lex.match(items, end, limit: limit), w.unitKind == .money,
                      !w.currencyPrefix, w.unit == money || (money == "USD" && w.unit != nil) {
                money = w.unit ?? money  // "$ usd", "$ c"
                value *= w.factor
                end += length
            }
            if let (suffix, after) = compoundUnit(after: end, limit: limit), suffix.hasPrefix("/") {
                money += suffix  // "$15.4/hour"
                end = after
            }
            // "($99.99)": an accounting negative
            if start > 0, parser.isSymbol(start - 1, 0x28), parser.glued(start), end < limit, parser.isSymbol(end, 0x29), parser.glued(end) {
                start -= 1
                end += 1
                value = -value
            }
            unit = money
        } else {
            // Ranges: "10-20", "10 to 20", "entre 10 et 20", "de 10 à 20".
            if numeral.kind == .cardinal, end < limit, let range = rangeEnd(after: end, lower: numeral, limit: limit) {
                upper = range.value
                numerals.append((span(range.first, range.end), range.value, numeralGlued(range.end)))
                end = range.end
                scaled = scaled || range.scaled
            }
            if numeral.kind != .ordinal, let (w, unitStart, unitEnd) = unitPhrase(at: end, scaled: scaled), unitEnd <= limit,
               acceptUnit(w, at: unitStart, unitEnd: unitEnd, numeral: numeral) {
                unit = w.unit
                switch w.unitKind {
                case .percent: kind = "percent"
                case .money: kind = "money"
                case .cents:
                    kind = "money"
                    if french, !numeral.hasDigits, w.unit == "¢" { return nil }
                case .temperature: kind = "temperature"
                case .angle:
                    if angleContext(numeral.first, unitEnd) {
                        kind = "dimension"
                    } else {
                        kind = "temperature"
                    }
                case .duration:
                    kind = ageContext(before: numeral.first) ? "age" : "duration"
                case .age: kind = "age"
                case .dimension:
                    kind = "dimension"
                    if scaled, let money = w.scaledMoney {
                        kind = "money"
                        unit = money
                    }
                case .none: break
                }
                end = unitEnd
                if let (suffix, after) = compoundUnit(after: end, limit: limit) {
                    unit = (unit ?? "") + suffix
                    end = after
                    if kind == "duration" || kind == "age" { kind = "dimension" }
                } else if upper == nil, let (high, after) = unitRange(after: end, lower: numeral, unit: w.unit, start: start, limit: limit) {
                    upper = high.value
                    numerals.append((span(high.first, high.end), high.value, numeralGlued(high.end)))
                    end = after
                }
                if kind == "money", let (cents, centsEnd) = compoundCents(at: end, limit: limit) {
                    value += cents
                    end = centsEnd
                }
                // "six weeks' time": the possessive apostrophe belongs to the unit word
                if !french, end < limit, parser.isSymbol(end, 0x27), parser.glued(end), bytes[Int(items[end - 1].end) - 1] == 0x73,
                   items[end - 1].kind == .word, end + 1 >= items.count || items[end + 1].spaceBefore {
                    end += 1
                }
            } else if numeral.kind == .cardinal, let (rate, after) = frequency(after: end, limit: limit) {
                kind = "frequency"
                unit = rate
                end = after
            } else if numeral.kind == .cardinal, numeral.hasDigits, upper == nil, let (w, _) = distributedUnit(after: end, limit: limit) {
                // "45 and 50 mg": the first number has the unit of the second
                unit = w.unit
                switch w.unitKind {
                case .percent: kind = "percent"
                case .temperature: kind = "temperature"
                case .money: kind = "money"
                default: kind = "dimension"
                }
            } else if numeral.bareOne, french {
                return nil
            } else if let noun = countedNoun(at: end, scaled: scaled), noun < limit {
                if numeral.kind == .ordinal, items[noun].folded == QComposer.ministreHash { return numeral.end }
                counted = string(noun, noun + 1)
                kind = numeral.kind == .cardinal ? "count" : numeral.kind == .ordinal ? "ordinal" : "fraction"
                end = noun + 1
            } else {
                kind = numeral.kind == .cardinal ? "number" : numeral.kind == .ordinal ? "ordinal" : "fraction"
            }
        }
        if kind == "fraction" || kind == "number" || kind == "count", numeral.kind == .fraction { kind = counted == nil ? "fraction" : "count" }
        if kind == "number", numeral.kind == .ordinal { kind = "ordinal" }
        // "between"/"entre" opens a range span
        if upper != nil, start > 0, let w = lex.word(items, start - 1), w.connector == 3 {
            start -= 1
        } else if approximation(before: start) {
            approximate = true
        }
        if numeral.kind == .fraction, kind == "number" { kind = "fraction" }
        let quantity = Quantity(span: span(start, end), kind: kind, value: value, upperValue: upper, unit: unit,
                                counted: counted, approximate: approximate, extractor: "quantities")
        results.append(QMatch(quantity: quantity, numerals: numerals))
        return end
    }

    /// "45 and 50 mg", "10, 20 or 30 %": the unit after the last of several bare numbers.
    private func distributedUnit(after k: Int, limit: Int) -> (QWord, Int)? {
        var m = k
        for _ in 0..<4 {
            guard m < limit, !items[m].breakBefore else { return nil }
            let isComma = parser.isSymbol(m, 0x2C)
            guard isComma || lex.word(items, m)?.connector == 1 || items[m].folded == QComposer.orHash else { return nil }
            m += 1
            if isComma, m < limit, lex.word(items, m)?.connector == 1 || items[m].folded == QComposer.orHash { m += 1 }
            guard m < limit, items[m].kind == .number, let next = parser.parse(at: m), next.kind == .cardinal, next.hasDigits,
                  next.end <= limit else { return nil }
            if let (w, us, ue) = unitPhrase(at: next.end, scaled: next.scaled), us == next.end, ue <= limit,
               acceptUnit(w, at: us, unitEnd: ue, numeral: next), w.unitKind != .duration, w.unitKind != .age, w.unitKind != .cents,
               w.unitKind != .angle {
                return (w, ue)
            }
            m = next.end
        }
        return nil
    }
    private static let orHash = hash("or")

    /// Whether the unit found after a number really is one here.
    private func acceptUnit(_ w: QWord, at k: Int, unitEnd: Int, numeral: QNumeral) -> Bool {
        // "in" is an inch only at the end of a phrase ("2 in.") or before a size ("2 in thick"),
        // not "2 in my car".
        if !french, unitEnd == k + 1, items[k].folded == QComposer.inHash {
            guard unitEnd >= items.count || items[unitEnd].kind != .word || items[unitEnd].breakBefore
                || lex.match(items, unitEnd, limit: items.count)?.0.sizeAdjective == true else { return false }
        }
        // Single-letter symbols must be glued or followed by a non-word ("5 m", not "5 m de").
        if french, unitEnd == k + 1, items[k].end - items[k].start == 1, items[k].kind == .word, !parser.glued(k) {
            if unitEnd < items.count, items[unitEnd].kind == .word, !items[unitEnd].breakBefore { return false }
        }
        // A symbol followed by digits is a code ("L-202", "m212").
        if unitEnd < items.count, parser.glued(unitEnd) {
            if items[unitEnd].kind == .number || items[unitEnd].kind == .identifier { return false }
            if parser.isDash(unitEnd), unitEnd + 1 < items.count, parser.glued(unitEnd + 1), items[unitEnd + 1].kind == .number { return false }
        }
        // Quote marks as feet and inches ("9\"", "2½'") must be glued and not close a quotation.
        if unitEnd == k + 1, items[k].kind == .symbol, items[k].end - items[k].start == 1 {
            let byte = bytes[Int(items[k].start)]
            if byte == 0x22 || byte == 0x27 {
                guard parser.glued(k), !closesQuote(k) else { return false }
            }
        }
        return true
    }

    /// "âgé de 30 ans", "il a 30 ans": the number's duration is an age.
    private func ageContext(before first: Int) -> Bool {
        var k = first - 1
        guard k >= 0 else { return false }
        if let w = lex.word(items, k), w.connector == 4 { k -= 1 }  // "âgé de"
        if k >= 0, lex.match(items, k, limit: first) != nil, let w = lex.word(items, k) {
            return w.ageContext
        }
        return false
    }

    /// "13 dollars 45", "15 dollars and 50", "treize euros et quarante-cinq cents".
    private func compoundCents(at k: Int, limit: Int) -> (Double, Int)? {
        var m = k
        if m < limit, let w = lex.word(items, m), w.connector == 1 { m += 1 }
        guard m < limit, !items[m].breakBefore, let cents = parser.parse(at: m), cents.kind == .cardinal,
              cents.value < 100, cents.value >= 1, cents.value == cents.value.rounded(), cents.end <= limit else { return nil }
        var end = cents.end
        if end < limit, let (w, length) = lex.match(items, end, limit: limit) {
            if w.unitKind == .cents { end += length } else if w.unitKind != .none { return nil }
        }
        return (cents.value / 100, end)
    }

    /// The upper bound of a range after a lower bound ending at `k`.
    private func rangeEnd(after k: Int, lower: QNumeral, limit: Int) -> QNumeral? {
        var m = k
        guard m < limit, !items[m].breakBefore else { return nil }
        var connector = false
        if parser.isDash(m) || parser.isSymbol(m, 0x7E) {
            m += 1
            if m < limit, let w = lex.word(items, m), w.connector == 2 { m += 1 }  // "8- to 16-meter"
            connector = true
        } else if let w = lex.word(items, m), w.connector == 2 {
            m += 1
            connector = true
        } else if let w = lex.word(items, m), w.connector == 1, lower.first > 0, let before = lex.word(items, lower.first - 1),
                  before.connector == 3 {
            m += 1
            connector = true
        }
        guard connector, m < limit, let upper = parser.parse(at: m), upper.kind == .cardinal, upper.end <= limit,
              upper.value > lower.value, !upper.bareOne else { return nil }
        return upper
    }
}
