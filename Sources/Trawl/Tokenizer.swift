// Trawl — Tokenizer.swift
// A hand-written UTF-8 byte scanner that splits French and English text into tokens.

/// Splits UTF-8 text into word, number, punctuation, symbol, URL and e-mail tokens.
///
/// The scanner reads bytes once, decodes non-ASCII scalars inline and never allocates per token.
/// Its rules, chosen for French and English news text:
///
/// - **Elisions** split after the apostrophe (`’` or `'`) when the head is an elided word
///   (`l’Irak` → `l’` + `Irak`, `jusqu’à`, `qu’il`, Italian `dell’`), flagged `.elision`;
///   `aujourd’hui`, `quelqu’un`, `presqu’île` and `O'Brien` stay whole.
/// - **English clitics** split as in the Penn Treebank: `Biden’s` → `Biden` + `’s`,
///   `don't` → `do` + `n't`; `'re`, `'ve`, `'ll`, `'d`, `'m` likewise.
/// - **Hyphenated words** stay one token flagged `.hasHyphen` (`Al-Kazemi`, `vingt-et-un`), except
///   a French verb with an inverted subject pronoun, which splits before the pronoun so that the
///   verb stands alone for quote attribution: `a-t-il` → `a` + `-t-il`, `dit-elle` → `dit` +
///   `-elle`, `Est-ce` → `Est` + `-ce`. `rendez-vous` stays; `-on` splits only after a `t`
///   (`peut-on`, not `add-on`); a capitalized head splits only if it ends in `t` or before
///   `-t-il` or `-ce` (`Faut-il`, not `Jong-il`).
/// - **Numbers** take `,` or `.` between digits (`2,5`, `3,000.50`, `12.05.2020`) and a space
///   (ASCII, U+00A0, U+202F or U+2009) between a first group of 1–3 digits and exactly 3 digits
///   not followed by another digit (`3 000`, `1 250 000`); a 4-digit group never starts a spaced
///   number, so `en 2014 3 000 soldats` gives `2014` + `3 000`. Ordinal and decade suffixes stay
///   in the number token (`21st`, `3e`, `1er`, `2ème`, `XXe` is a word, `1990s`), as do times like
///   `14h30`; other letters split off (`10km` → `10` + `km`). `60%` → `60` + `%`.
/// - **Abbreviations** keep their period and are flagged `.abbreviation`: the words of
///   `TokenTables.abbreviations` (`M.`, `Mme`, `Dr.`, `etc.`, `No.` only before a number),
///   dotted acronyms (`U.S.`, `a.m.`, `J.-C.`) and single capital initials (`J.`).
/// - **URLs** (`http://`, `https://`, `www.`, or `name.tld` for common top-level domains) run to
///   white space minus trailing punctuation (a `)` stays when it closes a `(` of the URL);
///   e-mail addresses are one token.
/// - **Punctuation** is one token per mark, except runs of periods (`...`) or hyphens (`--`),
///   `<<`/`>>` and `''`. Quotation marks get `.openingQuote` or `.closingQuote` from their shape, corrected
///   by context (a `“` that ends a line closes; a `»` before a word after a space opens, as in
///   German); a straight `"` opens after space and before a non-space, closes after a non-space,
///   and alternates when spaced on both sides.
/// - **Glued words** from HTML are split at a lower-to-upper transition when the tail is a
///   capitalized function word (`IrakLe` → `Irak` + `Le`, `aussiQui`) or both parts are at least
///   four letters long (`renforceAccuser`), unless the word is a known camel-case name
///   (`PlayStation`); short heads like `Mc`, `Mac`, `i`, `e` never split (`McDonald`, `iPhone`).
/// - **CJK ideographs** are one token each.
public enum Tokenizer {
    /// Appends the tokens of `text` to `tokens`.
    ///
    /// - Parameters:
    ///   - text: Valid UTF-8 (invalid bytes are tolerated and become symbol tokens).
    ///   - tokens: Receives the tokens in text order; existing elements are kept.
    /// - Complexity: O(n) in the length of `text`.
    public static func tokenize(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        guard !text.isEmpty else { return }
        var scanner = TokenScanner(text: text)
        scanner.run(into: &tokens)
    }
}

/// Counters for the word being scanned, from which its flags are made.
private struct WordState {
    var start: Int
    var flags: TokenFlags
    var casedLetters = 0
    var uppers = 0
    var firstUpper = false
    var sawLetter = false
    /// Start of the current hyphen-separated segment.
    var segmentStart: Int
    var segmentLetters = 0
    var segmentInnerUpper = false
    var previousLower = false

    init(start: Int, spaceBefore: Bool) {
        self.start = start
        self.segmentStart = start
        self.flags = spaceBefore ? .spaceBefore : []
    }

    @inline(__always)
    mutating func letter(_ cls: ScalarClass) {
        if !sawLetter {
            sawLetter = true
            firstUpper = cls == .upper
        }
        if cls == .upper {
            uppers += 1
            if segmentLetters > 0 { segmentInnerUpper = true }
        }
        if cls != .uncased { casedLetters += 1 }
        segmentLetters += 1
        previousLower = cls == .lower
    }

    /// Counts a run of `count` lower-case ASCII letters.
    @inline(__always)
    mutating func lowerRun(_ count: Int) {
        if !sawLetter {
            sawLetter = true
            firstUpper = false
        }
        casedLetters += count
        segmentLetters += count
        previousLower = true
    }

    @inline(__always)
    mutating func newSegment(at index: Int) {
        segmentStart = index
        segmentLetters = 0
        segmentInnerUpper = false
        previousLower = false
    }

    /// The flags of the word, with its case properties.
    @inline(__always)
    var wordFlags: TokenFlags {
        var result = flags
        if firstUpper { result.insert(.capitalized) }
        if uppers >= 2 && uppers == casedLetters { result.insert(.allCaps) }
        return result
    }
}

/// The scanner behind ``Tokenizer``.
private struct TokenScanner {
    let text: UnsafeBufferPointer<UInt8>
    let n: Int
    /// Whether a straight `"` is open in the current line (for spaced quotes).
    var straightQuoteOpen = false

    init(text: UnsafeBufferPointer<UInt8>) {
        self.text = text
        self.n = text.count
    }

    // MARK: Main loop

    mutating func run(into tokens: inout [Token]) {
        var i = 0
        var space = true
        while i < n {
            let b = text[i]
            let cls: ScalarClass
            var length = 1
            if b < 0x80 {
                cls = UTF8Scalars.asciiClass(b)
            } else {
                let decoded = UTF8Scalars.decode(text, i)
                length = decoded.length
                cls = UTF8Scalars.classify(decoded.scalar)
            }
            switch cls {
            case .space:
                if b == 0x0A { straightQuoteOpen = false }
                space = true
                i += length
                continue
            case .lower, .upper, .uncased:
                i = plainWord(i, space, &tokens) ?? word(i, space, &tokens)
            case .digit where b < 0x80:
                i = number(i, space, &tokens)
            case .digit:
                // Other scripts' digits (fullwidth ０–９, Arabic-Indic…): one number token per run.
                let start = i
                var flags: TokenFlags = [.nonASCII, .hasDigit]
                if space { flags.insert(.spaceBefore) }
                i += length
                while i < n, text[i] >= 0x80 {
                    let next = UTF8Scalars.decode(text, i)
                    guard UTF8Scalars.classify(next.scalar) == .digit else { break }
                    i += next.length
                }
                tokens.append(Token(start: start, end: i, kind: .number, flags: flags))
            case .ideograph:
                var flags: TokenFlags = [.nonASCII]
                if space { flags.insert(.spaceBefore) }
                tokens.append(Token(start: i, end: i + length, kind: .word, flags: flags))
                i += length
            case .mark:
                if !space, let last = tokens.indices.last, Int(tokens[last].end) == i {
                    tokens[last].end += UInt32(length)
                    tokens[last].flags.insert(.nonASCII)
                } else {
                    var flags: TokenFlags = [.nonASCII]
                    if space { flags.insert(.spaceBefore) }
                    tokens.append(Token(start: i, end: i + length, kind: .symbol, flags: flags))
                }
                i += length
            case .punctuation, .symbol:
                i = punctuation(i, length, cls, space, &tokens)
            }
            space = false
        }
    }

    // MARK: Character helpers

    @inline(__always)
    func isDigit(_ i: Int) -> Bool { i < n && text[i] &- 0x30 < 10 }

    @inline(__always)
    func isASCIILetter(_ i: Int) -> Bool { i < n && (text[i] | 0x20) &- 0x61 < 26 }

    /// The class and byte length of the scalar at `i` (`.space` past the end).
    @inline(__always)
    func scalar(_ i: Int) -> (cls: ScalarClass, length: Int, value: UInt32) {
        guard i < n else { return (.space, 0, 0x20) }
        let b = text[i]
        if b < 0x80 { return (UTF8Scalars.asciiClass(b), 1, UInt32(b)) }
        let decoded = UTF8Scalars.decode(text, i)
        return (UTF8Scalars.classify(decoded.scalar), decoded.length, decoded.scalar)
    }

    /// The length of a white-space scalar at `i` usable inside a number (space, U+00A0, U+202F,
    /// U+2009), or 0.
    @inline(__always)
    func numberSpace(_ i: Int) -> Int {
        guard i < n else { return 0 }
        switch text[i] {
        case 0x20: return 1
        case 0xC2: return i + 1 < n && text[i + 1] == 0xA0 ? 2 : 0
        case 0xE2:
            guard i + 2 < n, text[i + 1] == 0x80 else { return 0 }
            return text[i + 2] == 0xAF || text[i + 2] == 0x89 ? 3 : 0
        default: return 0
        }
    }

    /// The end of the run of ASCII lower-case letters from `i`: eight bytes at a time, so that
    /// the end of a word costs one test, not a mispredicted loop exit.
    @inline(__always)
    func lowerRunEnd(_ i: Int) -> Int {
        var j = i
        let base = UnsafeRawPointer(text.baseAddress!)
        let high: UInt64 = 0x8080_8080_8080_8080
        while j + 8 <= n {
            let x = UInt64(littleEndian: (base + j).loadUnaligned(as: UInt64.self))
            let y = x & ~high  // no carry crosses a byte below
            // bit 7 of a byte: at least `a` (0x61 + 0x1F = 0x80), not past `z`, and ASCII
            let letters = (y &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(y &+ 0x0505_0505_0505_0505) & ~x & high
            if letters != high { return j + (~letters & high).trailingZeroBitCount >> 3 }
            j += 8
        }
        while j < n, text[j] &- 0x61 < 26 { j += 1 }
        return j
    }

    /// Whether the bytes at `i` start with the ASCII `prefix`, ignoring case.
    @inline(__always)
    func hasPrefix(_ i: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard i + count <= n else { return false }
        let p = prefix.utf8Start
        for k in 0..<count where text[i + k] | 0x20 != p[k] { return false }
        return true
    }

    // MARK: Words

    /// Appends the most common word, a letter and lower-case letters (ASCII or Latin-1) ended
    /// by white space or punctuation that no word rule looks at, and returns its end; `nil`
    /// for any other word, which ``word(_:_:_:)`` then scans from `start`.
    ///
    /// These words need none of ``word(_:_:_:)``'s rules (no inner capital, hyphen,
    /// apostrophe, period, digit or e-mail character) and get the same token; the general scan
    /// keeps a dozen counters a word like this does not need.
    @inline(__always)
    func plainWord(_ start: Int, _ space: Bool, _ tokens: inout [Token]) -> Int? {
        var flags: TokenFlags = space ? .spaceBefore : []
        var i = start
        let first = text[start]
        if first &- 0x41 < 26 {
            flags.insert(.capitalized)
            i += 1
        } else if first == 0xC3, start + 1 < n, Self.isLatin1Letter(text[start + 1]) {
            if text[start + 1] < 0x9F { flags.insert(.capitalized) }
            flags.insert(.nonASCII)
            i += 2
        } else if first &- 0x61 >= 26 {
            return nil
        }
        if first | 0x20 == 0x68 || first | 0x20 == 0x77, startsURL(start) { return nil }
        while true {
            i = lowerRunEnd(i)
            guard i + 1 < n, text[i] == 0xC3, Self.isLatin1Letter(text[i + 1]), text[i + 1] >= 0x9F else { break }
            flags.insert(.nonASCII)
            i += 2
        }
        if i < n {
            let b = text[i]
            if b < 0x80 {
                switch UTF8Scalars.asciiClass(b) {
                case .space: break
                case .punctuation, .symbol:
                    // Hyphen, apostrophe, period, `&` and the e-mail characters have rules.
                    if b == 0x2D || b == 0x27 || b == 0x2E || b == 0x26 || b == 0x40 || b == 0x5F || b == 0x25 || b == 0x2B {
                        return nil
                    }
                default: return nil
                }
            } else {
                // No-break space, « and »: common after a French word, and no word rule's concern.
                guard b == 0xC2, i + 1 < n, text[i + 1] == 0xA0 || text[i + 1] == 0xAB || text[i + 1] == 0xBB else { return nil }
            }
        }
        tokens.append(Token(start: start, end: i, kind: .word, flags: flags))
        return i
    }

    /// Whether `byte`, after `0xC3`, makes a Latin-1 letter (U+00C0–U+00FF but × and ÷); those
    /// below `0x9F` are capitals.
    @inline(__always)
    static func isLatin1Letter(_ byte: UInt8) -> Bool {
        byte &- 0x80 < 0x40 && byte != 0x97 && byte != 0xB7
    }

    /// Scans the word (or words, URL, e-mail) starting at the letter at `start`.
    mutating func word(_ start: Int, _ space: Bool, _ tokens: inout [Token]) -> Int {
        if text[start] | 0x20 == 0x68 || text[start] | 0x20 == 0x77, let end = url(start, space, &tokens) { return end }
        var w = WordState(start: start, spaceBefore: space)
        var i = start
        scan: while i < n {
            if text[i] &- 0x61 < 26 {
                let j = lowerRunEnd(i + 1)
                w.lowerRun(j - i)
                i = j
                continue
            }
            if text[i] == 0x20 { break scan }  // the usual end of a word, as in the default case below
            let (cls, length, value) = scalar(i)
            switch cls {
            case .lower, .uncased, .upper:
                if cls == .upper, w.previousLower, gluedSplit(at: i, w) {
                    tokens.append(Token(start: w.start, end: i, kind: .word, flags: w.wordFlags))
                    w = WordState(start: i, spaceBefore: false)
                }
                if length > 1 { w.flags.insert(.nonASCII) }
                w.letter(cls)
                i += length
            case .digit, .mark:
                if length > 1 { w.flags.insert(.nonASCII) }
                if cls == .digit {
                    w.flags.insert(.hasDigit)
                    w.previousLower = false
                }
                i += length
            default:
                if value == 0x2D || value == 0x2010 || value == 0x2011 {
                    let after = i + length
                    guard scalar(after).cls.isWordPart else { break scan }
                    if !w.flags.contains(.hasHyphen), let end = invertedClitic(head: w, hyphen: i, after: after) {
                        tokens.append(Token(start: w.start, end: i, kind: .word, flags: w.wordFlags))
                        var flags: TokenFlags = .hasHyphen
                        if length > 1 { flags.insert(.nonASCII) }
                        tokens.append(Token(start: i, end: end, kind: .word, flags: flags))
                        return end
                    }
                    w.flags.insert(.hasHyphen)
                    if length > 1 { w.flags.insert(.nonASCII) }
                    i = after
                    w.newSegment(at: i)
                } else if value == 0x27 || value == 0x2019 || value == 0x2BC {
                    let after = i + length
                    let nextIsLetter = scalar(after).cls.isLetter
                    let pure = w.segmentStart == w.start && !w.flags.contains(.hasDigit)
                    if pure, i - w.start <= 7, TokenTables.elisions.contains(text, w.start..<i, .fold),
                       !(nextIsLetter && isPresquIle(w.start, after)) {
                        var flags = w.wordFlags.union(.elision)
                        flags.remove(.allCaps)
                        if length > 1 { flags.insert(.nonASCII) }
                        tokens.append(Token(start: w.start, end: after, kind: .word, flags: flags))
                        if !nextIsLetter { return after }
                        w = WordState(start: after, spaceBefore: false)
                        i = after
                        continue
                    }
                    guard nextIsLetter else { break scan }
                    if let end = englishClitic(head: w, apostrophe: i, after: after, &tokens) { return end }
                    if length > 1 { w.flags.insert(.nonASCII) }
                    i = after
                    w.previousLower = false
                } else if value == 0x2E {
                    if let end = abbreviationOrDomain(w, period: i, &tokens) { return end }
                    break scan
                } else if value == 0x26, w.previousLower == false, w.uppers > 0,
                          i + 1 < n, text[i + 1] &- 0x41 < 26 {
                    // AT&T, R&D, S&P.
                    i += 1
                } else {
                    break scan
                }
            }
        }
        if w.start == start, i < n, Self.isEmailLocal(text[i]) || text[i] == 0x40, let end = email(start, &tokens, w.flags) {
            return end
        }
        tokens.append(Token(start: w.start, end: i, kind: .word, flags: w.wordFlags))
        return i
    }

    /// Whether the word should split before the capital at `i` (see ``Tokenizer``).
    func gluedSplit(at i: Int, _ w: WordState) -> Bool {
        guard w.segmentLetters >= 3, !w.segmentInnerUpper else { return false }
        // The tail: this capital and the lower-case letters after it.
        var end = i + scalar(i).length
        var tailLetters = 1
        while true {
            let next = scalar(end)
            guard next.cls == .lower else { break }
            tailLetters += 1
            end += next.length
        }
        let stop = scalar(end).cls
        guard tailLetters >= 2, stop != .digit, stop != .mark, stop != .uncased else { return false }
        let isFunctionWord = (FunctionWords.table.value(text, i..<end, .fold) ?? 0)
            & (FunctionWords.Bits.french | FunctionWords.Bits.english) != 0
        guard isFunctionWord || (w.segmentLetters >= 4 && tailLetters >= 4) else { return false }
        // The whole letter run must not be a known camel-case name.
        var runEnd = end
        while true {
            let next = scalar(runEnd)
            guard next.cls.isLetter else { break }
            runEnd += next.length
        }
        return !TokenTables.camelCaseNames.contains(text, w.segmentStart..<runEnd, .exact)
    }

    /// The end of an inverted subject pronoun after the hyphen at `hyphen`, if the word so far is
    /// a verb it inverts with.
    func invertedClitic(head w: WordState, hyphen: Int, after: Int) -> Int? {
        guard w.sawLetter, !w.flags.contains(.hasDigit), isASCIILetter(after) else { return nil }
        var end = after
        while isASCIILetter(end) { end += 1 }
        if end - after == 1, text[after] | 0x20 == 0x74, end < n, text[end] == 0x2D, isASCIILetter(end + 1) {
            end += 1
            while isASCIILetter(end) { end += 1 }
        }
        let next = scalar(end)
        guard !next.cls.isWordPart, next.value != 0x2D, next.value != 0x27, next.value != 0x2019,
              TokenTables.invertedClitics.contains(text, after..<end, .fold)
        else { return nil }
        let headLast = text[hyphen - 1] | 0x20
        let pronoun = (text[after] | 0x20, end - after)
        let isTForm = pronoun.0 == 0x74 && pronoun.1 > 2
        let isCe = pronoun == (0x63, 2)
        if pronoun == (0x6F, 2), headLast != 0x74 { return nil }  // peut-on, not add-on
        if w.firstUpper, !isTForm, !isCe, headLast != 0x74 { return nil }
        if hasPrefix(w.start, "rendez"), hyphen - w.start == 6 { return nil }
        return end
    }

    /// Whether `presqu’` at `start` is followed by `île`/`ile` (one word: `presqu’île`).
    func isPresquIle(_ start: Int, _ after: Int) -> Bool {
        guard hasPrefix(start, "presqu") else { return false }
        if hasPrefix(after, "ile") { return true }
        return after + 3 < n && (text[after] == 0xC3 && text[after + 1] | 0x20 == 0xAE) && text[after + 2] | 0x20 == 0x6C
    }

    /// Splits an English clitic after the apostrophe at `apostrophe` (`’s`, `n't`), appending
    /// both tokens; `nil` when the apostrophe is inside the word (`O'Brien`).
    func englishClitic(head w: WordState, apostrophe: Int, after: Int, _ tokens: inout [Token]) -> Int? {
        var end = after
        while isASCIILetter(end) { end += 1 }
        guard end > after, !scalar(end).cls.isWordPart else { return nil }
        let apostropheFlags: TokenFlags = text[apostrophe] == 0x27 ? [] : .nonASCII
        if TokenTables.englishClitics.contains(text, after..<end, .fold) {
            tokens.append(Token(start: w.start, end: apostrophe, kind: .word, flags: w.wordFlags))
            tokens.append(Token(start: apostrophe, end: end, kind: .word, flags: apostropheFlags))
            return end
        }
        if end == after + 1, text[after] | 0x20 == 0x74, apostrophe - w.start >= 3,
           text[apostrophe - 1] | 0x20 == 0x6E {
            tokens.append(Token(start: w.start, end: apostrophe - 1, kind: .word, flags: w.wordFlags))
            tokens.append(Token(start: apostrophe - 1, end: end, kind: .word, flags: apostropheFlags))
            return end
        }
        return nil
    }

    /// Handles a period after the word `w`: an abbreviation, dotted acronym, initial or domain
    /// name is appended and its end returned; `nil` leaves the period to punctuation.
    func abbreviationOrDomain(_ w: WordState, period: Int, _ tokens: inout [Token]) -> Int? {
        let wordRange = w.start..<period
        let single = w.segmentStart == w.start && w.segmentLetters == 1 && !w.flags.contains(.hasDigit)
        var flags = w.wordFlags.union(.abbreviation)
        if single {
            // Dotted acronym: a letter, then (optionally "-") letter "." at least once.
            var end = period + 1
            var letters = 1, uppers = w.uppers
            while true {
                var j = end
                if j < n, text[j] == 0x2D { j += 1 }
                let next = scalar(j)
                guard next.cls.isLetter, j + next.length < n, text[j + next.length] == 0x2E else { break }
                letters += 1
                if next.cls == .upper { uppers += 1 }
                if next.length > 1 { flags.insert(.nonASCII) }
                if j > end { flags.insert(.hasHyphen) }
                end = j + next.length + 1
            }
            if letters > 1 {
                if uppers == letters { flags.insert(.allCaps) }
                tokens.append(Token(start: w.start, end: end, kind: .word, flags: flags))
                return end
            }
        }
        if let bits = TokenTables.abbreviations.value(text, wordRange, .exact)
            ?? TokenTables.abbreviations.value(text, wordRange, .lowerFirst) {
            if bits & TokenTables.AbbreviationBits.needsNumber != 0 {
                var j = period + 1
                while j < n, text[j] == 0x20 { j += 1 }
                // "p. 12" is the abbreviation; "Marsha P. Johnson" has an initial.
                guard isDigit(j) || (single && w.firstUpper) else { return nil }
            }
            tokens.append(Token(start: w.start, end: period + 1, kind: .word, flags: flags))
            return period + 1
        }
        if single && w.firstUpper {
            tokens.append(Token(start: w.start, end: period + 1, kind: .word, flags: flags))
            return period + 1
        }
        // name.tld, name.sub.tld, optionally with a path.
        guard !w.flags.contains(.nonASCII), w.segmentStart == w.start else { return nil }
        var end = period
        var lastLabel = period..<period
        while end < n, text[end] == 0x2E {
            var j = end + 1
            while j < n, (text[j] &- 0x61 < 26 || text[j] &- 0x30 < 10 || text[j] == 0x2D) { j += 1 }
            guard j > end + 1 else { break }
            lastLabel = end + 1..<j
            end = j
        }
        guard end > period, !scalar(end).cls.isWordPart, text[end - 1] != 0x2D,
              TokenTables.topLevelDomains.contains(text, lastLabel, .exact)
        else { return nil }
        if end < n, text[end] == 0x2F { end = urlEnd(end) }
        tokens.append(Token(start: w.start, end: end, kind: .url, flags: w.flags))
        return end
    }

    // MARK: URLs and e-mail

    /// Appends a URL token starting at `start`, if there is one, and returns its end.
    func url(_ start: Int, _ space: Bool, _ tokens: inout [Token]) -> Int? {
        var flags: TokenFlags = space ? .spaceBefore : []
        if startsURL(start) {
            let end = urlEnd(start)
            for k in start..<end where text[k] >= 0x80 {
                flags.insert(.nonASCII)
                break
            }
            tokens.append(Token(start: start, end: end, kind: .url, flags: flags))
            return end
        }
        return nil
    }

    /// Whether a URL starts at `start`: `http://`, `https://`, or `www.` and a letter.
    @inline(__always)
    func startsURL(_ start: Int) -> Bool {
        let first = text[start] | 0x20
        return (first == 0x68 && (hasPrefix(start, "http://") || hasPrefix(start, "https://")))
            || (first == 0x77 && hasPrefix(start, "www.") && isASCIILetter(start + 4))
    }

    /// Appends an e-mail token starting at `start`, if there is one, and returns its end.
    func email(_ start: Int, _ tokens: inout [Token], _ flags: TokenFlags) -> Int? {
        guard text[start] < 0x80 else { return nil }
        var j = start
        while j < n, Self.isEmailLocal(text[j]) { j += 1 }
        guard j < n, text[j] == 0x40 else { return nil }
        var end = j + 1
        var dots = 0
        var labelStart = end
        var lastLabel = 0..<0
        while end < n {
            let b = text[end]
            if (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x2D {
                end += 1
            } else if b == 0x2E, end > labelStart, isASCIILetter(end + 1) || isDigit(end + 1) {
                dots += 1
                end += 1
                labelStart = end
            } else {
                break
            }
            lastLabel = labelStart..<end
        }
        guard dots > 0, lastLabel.count >= 2, isASCIILetter(lastLabel.lowerBound) else { return nil }
        for k in start..<end where text[k] == 0x2E && (k == start || text[k - 1] == 0x2E) { return nil }
        if text[j - 1] == 0x2E { return nil }
        tokens.append(Token(start: start, end: end, kind: .email, flags: flags.intersection(.spaceBefore)))
        return end
    }

    @inline(__always)
    static func isEmailLocal(_ b: UInt8) -> Bool {
        (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }

    /// The end of a URL starting at `start`: up to white space or a quotation mark, minus
    /// trailing punctuation and unbalanced closing brackets.
    func urlEnd(_ start: Int) -> Int {
        var end = start
        scan: while end < n {
            let b = text[end]
            switch b {
            case 0...0x20, 0x22, 0x3C, 0x3E, 0x60, 0x7F: break scan
            case 0xC2 where end + 1 < n && (text[end + 1] == 0xA0 || text[end + 1] == 0xAB || text[end + 1] == 0xBB):
                break scan
            case 0xE2 where end + 2 < n && text[end + 1] == 0x80
                && (text[end + 2] == 0x9C || text[end + 2] == 0x9D || text[end + 2] == 0xAF
                    || text[end + 2] <= 0x8B || text[end + 2] == 0xA6):
                break scan
            default: end += 1
            }
        }
        while end > start {
            let b = text[end - 1]
            if b == 0x2E || b == 0x2C || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x3F || b == 0x27 {
                end -= 1
            } else if b == 0x99, end - start >= 3, text[end - 3] == 0xE2, text[end - 2] == 0x80 {
                end -= 3  // ’
            } else if b == 0x29 || b == 0x5D || b == 0x7D {
                let open: UInt8 = b == 0x29 ? 0x28 : (b == 0x5D ? 0x5B : 0x7B)
                var balance = 0
                for k in start..<end {
                    if text[k] == open { balance += 1 } else if text[k] == b { balance -= 1 }
                }
                guard balance < 0 else { break }
                end -= 1
            } else {
                break
            }
        }
        return end
    }

    // MARK: Numbers

    /// Scans the number starting at the digit at `start`.
    func number(_ start: Int, _ space: Bool, _ tokens: inout [Token]) -> Int {
        var flags: TokenFlags = space ? [.spaceBefore, .hasDigit] : .hasDigit
        var i = start
        while i < n, text[i] &- 0x30 < 10 { i += 1 }
        var group = i - start
        var firstGroup = true
        var separated = false
        while i < n {
            let b = text[i]
            if (b == 0x2C || b == 0x2E), isDigit(i + 1) {
                separated = true
                i += 1
                while i < n, text[i] &- 0x30 < 10 { i += 1 }
                continue
            }
            let gap = separated ? 0 : numberSpace(i)
            if gap > 0, firstGroup ? group <= 3 : group == 3,
               isDigit(i + gap), isDigit(i + gap + 1), isDigit(i + gap + 2), !isDigit(i + gap + 3)
            {
                if gap > 1 { flags.insert(.nonASCII) }
                i += gap + 3
                group = 3
                firstGroup = false
                continue
            }
            break
        }
        if i < n, text[i] >= 0x41 {
            i = numberSuffix(start, i, &flags)
        }
        tokens.append(Token(start: start, end: i, kind: .number, flags: flags))
        return i
    }

    /// The end of an ordinal, decade or time suffix glued to the digits ending at `end`
    /// (`st`, `e`, `ème`, `s`, `h30`), or `end` when the letters there are a separate word.
    func numberSuffix(_ start: Int, _ end: Int, _ flags: inout TokenFlags) -> Int {
        var j = end
        // Suffixes are at most 4 bytes (`ème`): stop scanning beyond, so that a long letter run
        // after digits (unspaced CJK text) costs O(1) per number, not O(run length).
        while j - end <= 4 {
            let next = scalar(j)
            guard next.cls.isLetter else { break }
            j += next.length
        }
        guard j > end, j - end <= 4 else { return end }
        let after = scalar(j).cls
        if text[end] == 0x68, j == end + 1, isDigit(j), isDigit(j + 1), !scalar(j + 2).cls.isWordPart {
            return j + 2  // 14h30
        }
        guard !after.isWordPart else { return end }
        let length = j - end
        let s0 = text[end], s1: UInt8 = length > 1 ? text[end + 1] : 0
        let isOrdinal: Bool
        switch length {
        case 1: isOrdinal = s0 == 0x65 || (s0 == 0x73 && end - start >= 2)   // 3e, 1990s
        case 2:
            switch (s0, s1) {
            case (0x73, 0x74), (0x6E, 0x64), (0x72, 0x64), (0x74, 0x68), (0x65, 0x72), (0x72, 0x65), (0x65, 0x73),
                 (0xC3, 0xA8), (0xC2, 0xBA), (0xC2, 0xAA): isOrdinal = true
            default: isOrdinal = false
            }
        case 3:
            isOrdinal = hasPrefix(end, "eme") || hasPrefix(end, "res") || hasPrefix(end, "ers")
                || (s0 == 0xE1 && s1 == 0xB5 && text[end + 2] == 0x89)  // ᵉ
        case 4: isOrdinal = text[end + 2] == 0x6D && text[end + 3] == 0x65 && (text[end] == 0xC3) // ème
            || (text[end] == 0x72 && text[end + 1] == 0xC3 && text[end + 3] == 0x65)           // ère
        default: isOrdinal = false
        }
        guard isOrdinal else { return end }
        if text[end] >= 0x80 || (length > 1 && text[end + 1] >= 0x80) { flags.insert(.nonASCII) }
        return j
    }

    // MARK: Punctuation and symbols

    /// Appends the punctuation or symbol token at `i` (a run of periods or hyphens, `<<`/`>>`,
    /// or a single mark) and returns its end.
    mutating func punctuation(_ i: Int, _ length: Int, _ cls: ScalarClass, _ space: Bool,
                              _ tokens: inout [Token]) -> Int {
        var flags: TokenFlags = space ? .spaceBefore : []
        let b = text[i]
        var end = i + length
        var kind: TokenKind = cls == .symbol ? .symbol : .punctuation
        if length > 1 { flags.insert(.nonASCII) }
        switch length == 1 ? UInt32(b) : scalar(i).value {
        case 0x2E, 0x2D:
            while end < n, text[end] == b { end += 1 }
        case 0x3C, 0x3E:
            if end < n, text[end] == b {
                end += 1
                kind = .punctuation
                flags.insert(quoteFlag(opensByShape: b == 0x3C, at: i, end: end, space: space))
            }
        case 0x22, 0x27:
            // `''` (two apostrophes) is a double quotation mark, as in typewriter-style news text;
            // in a closing `'''` the single mark closes first (`the word 'old-school,''' said`).
            if b == 0x27, end < n, text[end] == 0x27,
               end + 1 >= n || text[end + 1] != 0x27 || opensContext(i, space: space)
            {
                end += 1
            }
            flags.insert(straightQuote(at: i, end: end, space: space))
        case 0xAB, 0x2018, 0x201A, 0x201C, 0x201E, 0x201F, 0x2039:
            flags.insert(quoteFlag(opensByShape: true, at: i, end: end, space: space))
        case 0xBB, 0x2019, 0x201D, 0x203A:
            flags.insert(quoteFlag(opensByShape: false, at: i, end: end, space: space))
        default: break
        }
        tokens.append(Token(start: i, end: end, kind: kind, flags: flags))
        return end
    }

    /// Whether the character before `i` leaves a following quote free to open: white space, the
    /// start of the text, or an opening bracket.
    @inline(__always)
    func opensContext(_ i: Int, space: Bool) -> Bool {
        if space || i == 0 { return true }
        let b = text[i - 1]
        return b == 0x28 || b == 0x5B || b == 0x7B || b == 0x2D
    }

    /// Whether what follows `end` lets a quote close: white space, the end of the text, or
    /// punctuation that usually follows a closing quote.
    @inline(__always)
    func closesContext(_ end: Int) -> Bool {
        let next = scalar(end)
        if next.cls == .space { return true }
        switch next.value {
        case 0x2C, 0x2E, 0x3B, 0x3A, 0x21, 0x3F, 0x29, 0x5D, 0x7D, 0x2026: return true
        default: return false
        }
    }

    /// Whether only spaces and tabs separate `end` from a line end or the end of the text.
    @inline(__always)
    func atLineEnd(_ end: Int) -> Bool {
        var j = end
        while j < n, text[j] == 0x20 || text[j] == 0x09 { j += 1 }
        return j == n || text[j] == 0x0A || text[j] == 0x0D
    }

    /// The quote flag of a typographic quotation mark: its shape, unless the context clearly
    /// says otherwise.
    func quoteFlag(opensByShape: Bool, at i: Int, end: Int, space: Bool) -> TokenFlags {
        let before = opensContext(i, space: space)
        let after = closesContext(end)
        if opensByShape {
            return (!before && after) || atLineEnd(end) ? .closingQuote : .openingQuote
        }
        return before && !after && !atLineEnd(end) ? .openingQuote : .closingQuote
    }

    /// The quote flag of a straight `"`, a doubled `''` or a free-standing `'` ending at `end`.
    mutating func straightQuote(at i: Int, end: Int, space: Bool) -> TokenFlags {
        let double = text[i] == 0x22 || end - i == 2
        let before = opensContext(i, space: space)
        let after = closesContext(end)
        let opens: Bool
        if before != after {
            opens = before
        } else if !before {
            opens = false
        } else {
            opens = double ? !straightQuoteOpen : false
        }
        if double { straightQuoteOpen = opens }
        return opens ? .openingQuote : .closingQuote
    }
}
