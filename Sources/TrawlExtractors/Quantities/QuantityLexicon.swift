// Trawl — QuantityLexicon.swift
// Word and phrase tables for quantities and dates (French, English), compiled once into hash maps.

/// The kind of unit a lexicon entry names.
enum QUnitKind: UInt8 {
    case none, dimension, temperature, duration, money, percent, angle, cents, age
}

/// What the lexicon knows about one word or phrase.
struct QWord {
    /// Cardinal value (`nan` when the entry is not a number word).
    var cardinal: Double = .nan
    /// 1 digit 0–9, 2 teen 10–19, 3 tens, 4 hundred, 5 scale (thousand and up), 6 article ("a", "an"),
    /// 7 dozen.
    var cardinalClass: UInt8 = 0
    /// The multiplier may only follow digits (`k`, `bn`, `M`).
    var afterDigitsOnly = false
    /// Ordinal rank (0 when none).
    var ordinal: Double = 0
    /// Fraction denominator (0 when none): "tiers" 3, "quarter" 4, "fifths" 5.
    var denominator: Double = 0
    /// Plural form ("thirds", "cinquièmes").
    var plural = false
    /// The unit kind, if the entry is a unit.
    var unitKind: QUnitKind = .none
    /// The normalised unit (`km`, `EUR`, `%`).
    var unit: String? {
        get { unitCode?.string }
        set { unitCode = newValue.map(QTiny.init) }
    }
    private var unitCode: QTiny? = nil
    /// A currency symbol or code that may stand before the number (`$`, `EUR`).
    var currencyPrefix = false
    /// "environ", "about", "plus de"…
    var approximate = false
    /// A function word: never a counted noun.
    var stop = false
    /// A preposition that makes a following bare year a date ("en", "in", "depuis").
    var dateCue = false
    /// Month number 1–12 (0 when none).
    var month: Int8 = 0
    /// Weekday 1 (Monday)–7 (0 when none).
    var weekday: Int8 = 0
    /// Relative day offset ("hier" −1) or `Int8.min`.
    var relativeDay: Int8 = .min
    /// Period noun: 1 day, 2 week, 3 month, 4 year (0 when none).
    var period: Int8 = 0
    /// Direction word: −1 last, +1 next, 2 this (0 when none).
    var direction: Int8 = 0
    /// Connector: 1 and, 2 to, 3 between, 4 from, 5 minus, 6 over, 7 ago, 8 in (after), 9 at.
    var connector: UInt8 = 0
    /// 1 a.m., 2 p.m., 3 hour word ("heures", "h"), 4 o'clock, 5 minutes word.
    var timeMarker: UInt8 = 0
    /// A fixed time of day in minutes ("midi" 720), or −1.
    var timeOfDay: Int16 = -1
    /// A word that makes "degrees" an angle ("rotate", "angle").
    var angleContext = false
    /// A verb form that makes "N ans" an age ("a", "avait", "âgé").
    var ageContext = false
    /// Words like "pounds" that are money after a scale word ("20 million pounds").
    var scaledMoney: String? {
        get { scaledMoneyCode?.string }
        set { scaledMoneyCode = newValue.map(QTiny.init) }
    }
    private var scaledMoneyCode: QTiny? = nil
    /// "now", "maintenant".
    var present = false
    /// A phrase that is a whole quantity on its own ("absolute zero" = 0 K): its value.
    var fixedValue: Double? = nil
    /// An adjective of size after a unit ("thick", "wide", "long"): "2 in thick" is inches.
    var sizeAdjective = false
    /// A determiner ("the", "a", "that", "this"): before "one" it makes a pronoun ("that one"),
    /// before a bare percent word a mention without a value ("a percentage").
    var determiner = false
    /// A factor the unit applies to the number (`MEUR` = 10⁶ EUR).
    var factor: Double = 1
    /// "baker's" (before "dozen": 13).
    var bakers = false
    /// A word that is a recurrence on its own ("weekly": `P1W`).
    var recurrence: String? {
        get { recurrenceCode?.string }
        set { recurrenceCode = newValue.map(QTiny.init) }
    }
    private var recurrenceCode: QTiny? = nil
    /// "every", "each", "chaque", "tous les": a recurrence before a period or weekday.
    var every = false
    /// A modifier that bounds a date ("before", "after", "since", "depuis"): part of the date's span.
    var dateModifier = false
    /// "square" (before "dozen": 144).
    var square = false
    /// A vague quantifier ("several", "many", "plusieurs"): "several hundred" has no value.
    var vague = false
}

extension QWord {
    /// Whether no numeral starts with this word: no number word, ordinal, "minus", "baker's" or
    /// "square" (see ``QNumeralParser/startsNoNumeral(_:)``).
    var startsNoNumeral: Bool { cardinal.isNaN && !(ordinal > 0) && connector != 5 && !bakers && !square }

    /// Whether a date expression starts with this phrase: "ago", a recurrence ("weekly"), "every".
    var startsDatePhrase: Bool { connector == 7 || recurrence != nil || every }

    /// Whether this word may start a date on its own: a weekday, month, relative day, period,
    /// direction, time of day, "now", an article, a vague or approximate quantifier, "in" (after),
    /// or a word that starts a numeral (a duration's amount).
    var mayStartDateAsWord: Bool {
        connector == 8 || weekday != 0 || relativeDay != .min || present || direction != 0 || period != 0
            || month != 0 || timeOfDay >= 0 || vague || approximate || cardinalClass == 6 || !startsNoNumeral
    }

    /// Whether a quantity may start with this word or symbol (``QComposer``): a fixed quantity
    /// ("absolute zero"), a percent word, a currency before its number, or a numeral.
    var mayStartQuantity: Bool {
        (fixedValue != nil && unitKind != .none) || unitKind == .percent || (unitKind == .money && currencyPrefix)
            || !startsNoNumeral
    }
}

/// What an entry may start, precomputed once per lexicon entry so that the per-item scans test a
/// bit of the item (``QItem/traits``) instead of copying the entry.
struct QTraits: OptionSet {
    let rawValue: UInt8

    /// ``QWord/startsDatePhrase``.
    static let datePhrase = QTraits(rawValue: 1)
    /// ``QWord/mayStartDateAsWord``.
    static let dateWord = QTraits(rawValue: 2)
    /// ``QWord/mayStartQuantity``.
    static let quantity = QTraits(rawValue: 4)
    /// Either date trait: a word without them starts no date.
    static let date: QTraits = [.datePhrase, .dateWord]

    /// The traits of `word`.
    init(of word: QWord) {
        var traits: QTraits = []
        if word.startsDatePhrase { traits.insert(.datePhrase) }
        if word.mayStartDateAsWord { traits.insert(.dateWord) }
        if word.mayStartQuantity { traits.insert(.quantity) }
        self = traits
    }

    init(rawValue: UInt8) { self.rawValue = rawValue }
}

/// A proper prefix of a lexicon phrase, kept while the lexicon is built (the phrase's traits are
/// known once all lines are read).
struct QPrefixLink {
    /// The hash of the prefix.
    var prefix: UInt64
    /// The hash of the whole phrase.
    var phrase: UInt64
    /// Both hashes are exact (case-sensitive) ones, else folded ones.
    var caseSensitive: Bool
}

/// A short string stored inline (at most 16 UTF-8 bytes), so that ``QWord`` is a plain value:
/// copying a lexicon entry in the hot loops costs no reference counting.
struct QTiny: Hashable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ string: String) {
        let bytes = Array(string.utf8)
        precondition(bytes.count <= 16, "lexicon string longer than 16 bytes: \(string)")
        for (i, byte) in bytes.enumerated() {
            if i < 8 { low |= UInt64(byte) << (8 * UInt64(i)) } else { high |= UInt64(byte) << (8 * UInt64(i - 8)) }
        }
    }

    /// The string (decoded in place: a string of at most 15 bytes is stored inline, so reading a
    /// unit in the hot loops does not allocate).
    var string: String {
        withUnsafeBytes(of: (low.littleEndian, high.littleEndian)) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<(bytes.firstIndex(of: 0) ?? 16)]), as: UTF8.self)
        }
    }
}

/// A compiled table: phrase hashes (folded and exact) to entries.
struct QLexicon: Sendable {
    var entries: [QWord] = []
    /// The traits of each entry (same indices as ``entries``).
    var traits: [QTraits] = []
    var folded = QHashTable()
    var exact = QHashTable()
    /// Hashes of proper prefixes of multi-item phrases, to the union of the ``traits`` of the
    /// phrases they start (raw values).
    var foldedPrefixes = QHashTable()
    var exactPrefixes = QHashTable()

    /// Stores each item's lexicon lookups (one of each per item per document, most of them
    /// answered by the tables' filters): its single-item entry in ``QItem/entry``, and for
    /// ``match(_:_:limit:)`` its exact and folded entries and whether longer phrases start with it.
    func annotate(_ items: inout [QItem]) {
        for k in items.indices {
            let exactHash = items[k].exact, foldedHash = items[k].folded
            if exact.mayContain(exactHash), let e = exact[exactHash] { items[k].exactEntry = e }
            if folded.mayContain(foldedHash), let e = folded[foldedHash] { items[k].foldedEntry = e }
            var phraseTraits: Int32 = 0
            if exactPrefixes.mayContain(exactHash), let t = exactPrefixes[exactHash] {
                items[k].exactPrefix = true
                phraseTraits |= t
            }
            if foldedPrefixes.mayContain(foldedHash), let t = foldedPrefixes[foldedHash] {
                items[k].foldedPrefix = true
                phraseTraits |= t
            }
            items[k].phraseTraits = QTraits(rawValue: UInt8(truncatingIfNeeded: phraseTraits))
            if items[k].kind == .word || items[k].kind == .symbol {
                let entry = items[k].exactEntry >= 0 ? items[k].exactEntry : items[k].foldedEntry
                items[k].entry = entry
                if entry >= 0 { items[k].traits = traits[Int(entry)] }
            }
        }
    }

    /// Longest phrase match starting at item `j`: (entry, items used). The one-item lookups come
    /// from ``annotate(_:)``: the tables are read only for phrases of two items or more.
    @inline(__always)
    func match(_ items: [QItem], _ j: Int, limit: Int) -> (QWord, Int)? {
        guard let (entry, length) = matchEntry(items, j, limit: limit) else { return nil }
        return (entries[Int(entry)], length)
    }

    /// ``match(_:_:limit:)`` as the entry's index (its ``traits`` tell what it may start without
    /// copying the entry).
    @inline(__always)
    func matchEntry(_ items: [QItem], _ j: Int, limit: Int) -> (Int32, Int)? {
        var best: (Int32, Int)? = nil
        // exact (case-sensitive) phrases first, they are the more specific
        if items[j].exactEntry >= 0 { best = (items[j].exactEntry, 1) }
        var h = items[j].exact
        var len = 1
        var longer = items[j].exactPrefix
        while longer, j + len < limit, !items[j + len].breakBefore {
            h = QHash.combine(h, items[j + len].exact)
            len += 1
            if let e = exact[h] { best = (e, len) }
            longer = exactPrefixes[h] != nil
        }
        if items[j].foldedEntry >= 0, best == nil { best = (items[j].foldedEntry, 1) }
        h = items[j].folded
        len = 1
        longer = items[j].foldedPrefix
        while longer, j + len < limit, !items[j + len].breakBefore {
            h = QHash.combine(h, items[j + len].folded)
            len += 1
            if let e = folded[h], best == nil || len > best!.1 { best = (e, len) }
            longer = foldedPrefixes[h] != nil
        }
        return best
    }

    /// The single-item entry of item `j` (exact first), ignoring phrases.
    @inline(__always)
    func word(_ items: [QItem], _ j: Int) -> QWord? {
        let e = items[j].entry
        return e < 0 ? nil : entries[Int(e)]
    }

    /// Builds the lexicon for `french` (or English) from the tables: the unit table first, so
    /// that the hand-written tables can refine its entries.
    init(french: Bool) {
        var caseSensitive: [(exact: UInt64, folded: UInt64)] = []
        var links: [QPrefixLink] = []
        for line in QUnits.lines() { add(line: line, french: french, caseSensitive: &caseSensitive, prefixes: &links) }
        for table in [QTables.shared, french ? QTables.french : QTables.english] {
            for line in table.split(separator: "\n") {
                add(line: String(line), french: french, caseSensitive: &caseSensitive, prefixes: &links)
            }
        }
        // A case-sensitive entry shadows the case-insensitive one of the same word ("am" the
        // attometre and "am" the time marker): give it the other's attributes too.
        for (exactHash, foldedHash) in caseSensitive {
            guard let e = exact[exactHash], let f = folded[foldedHash] else { continue }
            var word = entries[Int(f)]
            if entries[Int(e)].unitKind != .none { word.unitKind = .none; word.unit = nil }
            merge(word, into: Int(e))
        }
        traits = entries.map(QTraits.init(of:))
        // each prefix learns what the phrases it starts may start
        for link in links {
            guard let entry = link.caseSensitive ? exact[link.phrase] : folded[link.phrase] else { continue }
            let bits = Int32(traits[Int(entry)].rawValue)
            if link.caseSensitive {
                exactPrefixes[link.prefix] = (exactPrefixes[link.prefix] ?? 0) | bits
            } else {
                foldedPrefixes[link.prefix] = (foldedPrefixes[link.prefix] ?? 0) | bits
            }
        }
    }

    private mutating func add(line: String, french: Bool, caseSensitive pairs: inout [(exact: UInt64, folded: UInt64)],
                              prefixes links: inout [QPrefixLink]) {
        guard let eq = line.firstIndex(of: "=") else { return }
        var phrase = String(line[..<eq]).trimmingSpaces
        let attributes = line[line.index(after: eq)...].split(separator: " ")
        let caseSensitive = phrase.hasPrefix("!")
        if caseSensitive { phrase.removeFirst() }
        var word = QWord()
        for attribute in attributes {
            let parts = attribute.split(separator: ":", maxSplits: 1).map(String.init)
            let key = parts[0]
            let arg = parts.count > 1 ? parts[1] : ""
            switch key {
            case "n":
                word.cardinal = Double(arg) ?? .nan
                let v = word.cardinal
                word.cardinalClass = v < 10 ? 1 : v < 20 ? 2 : v < 100 ? 3 : v == 100 ? 4 : 5
            case "one": word.cardinal = 1; word.cardinalClass = 6
            case "dig": word.afterDigitsOnly = true
            case "doz": word.cardinalClass = 7
            case "o": word.ordinal = Double(arg) ?? 0
            case "d": word.denominator = Double(arg) ?? 0
            case "pl": word.plural = true
            case "L", "T", "D", "M", "P", "A", "C", "G":
                word.unitKind = ["L": .dimension, "T": .temperature, "D": .duration, "M": .money, "P": .percent,
                                 "A": .angle, "C": .cents, "G": .age][key]!
                word.unit = arg.replacingUnderscores
            case "pre": word.currencyPrefix = true
            case "x": word.approximate = true
            case "stop": word.stop = true
            case "cue": word.dateCue = true
            case "mon": word.month = Int8(arg) ?? 0
            case "wd": word.weekday = Int8(arg) ?? 0
            case "rd": word.relativeDay = Int8(arg) ?? 0
            case "per": word.period = Int8(arg) ?? 0
            case "dir": word.direction = Int8(arg) ?? 0
            case "c": word.connector = UInt8(arg) ?? 0
            case "tm": word.timeMarker = UInt8(arg) ?? 0
            case "tod": word.timeOfDay = Int16(arg) ?? -1
            case "ang": word.angleContext = true
            case "agev": word.ageContext = true
            case "sm": word.scaledMoney = arg
            case "now": word.present = true
            case "q": word.fixedValue = Double(arg)
            case "adj": word.sizeAdjective = true
            case "det": word.determiner = true
            case "mul": word.factor = Double(arg) ?? 1
            case "bak": word.bakers = true
            case "vague": word.vague = true
            case "sq": word.square = true
            case "mod": word.dateModifier = true
            case "set": word.recurrence = arg
            case "every": word.every = true
            default: break
            }
        }
        // Hash the phrase with the text tokenizer so that it matches exactly what text yields.
        var items: [QItem] = []
        let bytes = Array(phrase.utf8)
        bytes.withUnsafeBufferPointer { QScanner.scan($0, french: french, into: &items) }
        guard !items.isEmpty else { return }
        var h = caseSensitive ? items[0].exact : items[0].folded
        var f = items[0].folded
        let firstLink = links.count
        for k in 1..<max(items.count, 1) where k < items.count {
            if caseSensitive { exactPrefixes[h] = 0 } else { foldedPrefixes[h] = 0 }  // traits come at the end
            links.append(QPrefixLink(prefix: h, phrase: 0, caseSensitive: caseSensitive))
            h = QHash.combine(h, caseSensitive ? items[k].exact : items[k].folded)
            f = QHash.combine(f, items[k].folded)
        }
        for l in firstLink..<links.count { links[l].phrase = h }
        if caseSensitive { pairs.append((h, f)) }
        if let existing = caseSensitive ? exact[h] : folded[h] {
            merge(word, into: Int(existing))
        } else {
            let index = Int32(entries.count)
            entries.append(word)
            if caseSensitive { exact[h] = index } else { folded[h] = index }
        }
    }

    /// A later line for the same phrase adds its attributes (a word can be a number and a unit).
    private mutating func merge(_ word: QWord, into index: Int) {
        var e = entries[index]
        if !word.cardinal.isNaN { e.cardinal = word.cardinal; e.cardinalClass = word.cardinalClass }
        if word.afterDigitsOnly { e.afterDigitsOnly = true }
        if word.ordinal != 0 { e.ordinal = word.ordinal }
        if word.denominator != 0 { e.denominator = word.denominator; e.plural = word.plural }
        if word.unitKind != .none { e.unitKind = word.unitKind; e.unit = word.unit }
        if word.currencyPrefix { e.currencyPrefix = true }
        if word.approximate { e.approximate = true }
        if word.stop { e.stop = true }
        if word.dateCue { e.dateCue = true }
        if word.month != 0 { e.month = word.month }
        if word.weekday != 0 { e.weekday = word.weekday }
        if word.relativeDay != .min { e.relativeDay = word.relativeDay }
        if word.period != 0 { e.period = word.period }
        if word.direction != 0 { e.direction = word.direction }
        if word.connector != 0 { e.connector = word.connector }
        if word.timeMarker != 0 { e.timeMarker = word.timeMarker }
        if word.timeOfDay >= 0 { e.timeOfDay = word.timeOfDay }
        if word.angleContext { e.angleContext = true }
        if word.ageContext { e.ageContext = true }
        if word.scaledMoney != nil { e.scaledMoney = word.scaledMoney }
        if word.present { e.present = true }
        if word.fixedValue != nil { e.fixedValue = word.fixedValue }
        if word.sizeAdjective { e.sizeAdjective = true }
        if word.determiner { e.determiner = true }
        if word.factor != 1 { e.factor = word.factor }
        if word.bakers { e.bakers = true }
        if word.vague { e.vague = true }
        if word.square { e.square = true }
        if word.dateModifier { e.dateModifier = true }
        if word.recurrence != nil { e.recurrence = word.recurrence }
        if word.every { e.every = true }
        entries[index] = e
    }

    /// The French lexicon, built on first use.
    static let french = QLexicon(french: true)
    /// The English lexicon, built on first use.
    static let english = QLexicon(french: false)
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    fileprivate var replacingUnderscores: String {
        String(self.map { $0 == "_" ? " " : $0 })
    }
}

/// An open-addressing map from 64-bit hashes to entry indices (the keys are hashes already, so
/// no second hashing: cheaper than `Dictionary` in the per-word lookup).
///
/// Most lookups of ``QLexicon/annotate(_:)`` are misses (words that are in no table), and the
/// tables outgrow the first-level cache: a 64 Kbit filter (one bit per key, from the key's high
/// bits), ``mayContain(_:)``, answers most misses without touching them.
struct QHashTable: Sendable {
    private var keys: [UInt64] = Array(repeating: 0, count: 1024)
    private var values: [Int32] = Array(repeating: -1, count: 1024)
    private var count = 0
    private var filter = [UInt64](repeating: 0, count: 1024)

    /// The filter bit of `key`.
    @inline(__always)
    private static func filterBit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 48) }

    /// The value stored for `key`, or nil.
    subscript(key: UInt64) -> Int32? {
        @inline(__always) get {
            keys.withUnsafeBufferPointer { keys in
                values.withUnsafeBufferPointer { values in
                    let mask = keys.count - 1
                    var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
                    while true {
                        let value = values[slot]
                        if value < 0 { return nil }
                        if keys[slot] == key { return value }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
        set {
            guard let newValue else { return }
            if (count + 1) * 2 > keys.count { grow() }
            let mask = keys.count - 1
            var slot = Int(truncatingIfNeeded: key ^ (key >> 29)) & mask
            while values[slot] >= 0, keys[slot] != key { slot = (slot + 1) & mask }
            if values[slot] < 0 { count += 1 }
            let bit = Self.filterBit(key)
            filter[bit >> 6] |= 1 << UInt64(bit & 63)
            keys[slot] = key
            values[slot] = newValue
        }
    }

    /// Whether `key` may be in the table (`false`: it is not), from the filter alone.
    @inline(__always)
    func mayContain(_ key: UInt64) -> Bool {
        let bit = Self.filterBit(key)
        return filter.withUnsafeBufferPointer { $0[bit >> 6] } & (1 << UInt64(bit & 63)) != 0
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: -1, count: oldKeys.count * 2)
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where value >= 0 { self[key] = value }
    }
}
