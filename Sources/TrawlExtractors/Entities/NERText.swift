// Trawl — NERText.swift
// Byte-level token properties for the entity tagger: folded hashes, shapes, affixes, no Strings.

/// Hashing primitives: FNV-1a over bytes, and a 64-bit mixer to combine hashes.
enum NERHash {
    /// The FNV-1a offset basis.
    static let basis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a prime.
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// Feeds one byte to an FNV-1a hash.
    @inline(__always)
    static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* prime }

    /// Feeds one code point (as its UTF-8 bytes) to an FNV-1a hash.
    @inline(__always)
    static func step(_ hash: UInt64, scalar: UInt32) -> UInt64 {
        if scalar < 0x80 { return step(hash, UInt8(scalar)) }
        if scalar < 0x800 {
            return step(step(hash, UInt8(0xC0 | (scalar >> 6))), UInt8(0x80 | (scalar & 0x3F)))
        }
        if scalar < 0x10000 {
            let h = step(step(hash, UInt8(0xE0 | (scalar >> 12))), UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            return step(h, UInt8(0x80 | (scalar & 0x3F)))
        }
        var h = step(step(hash, UInt8(0xF0 | (scalar >> 18))), UInt8(0x80 | ((scalar >> 12) & 0x3F)))
        h = step(h, UInt8(0x80 | ((scalar >> 6) & 0x3F)))
        return step(h, UInt8(0x80 | (scalar & 0x3F)))
    }

    /// Combines two hashes into a well-mixed one (order matters).
    @inline(__always)
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = (a &* 0x9E37_79B9_7F4A_7C15) ^ (b &+ 0x632B_E59B_D9B4_E019)
        x ^= x >> 31
        x &*= 0xBF58_476D_1CE4_E5B9
        x ^= x >> 29
        x &*= 0x94D0_49BB_1331_11EB
        x ^= x >> 32
        return x
    }
}

/// What a token's bytes say about it, computed in one pass over its code points.
struct NERTokenInfo {
    /// Hash of the case-folded text (quotes and apostrophes normalised).
    var lower: UInt64 = 0
    /// Hash of the text with only quotes and apostrophes normalised (for case-sensitive lexicons).
    var exact: UInt64 = 0
    /// Hash of the shape, runs capped at four (`Xxxx`, `dddd`, `Xx-Xxxx`).
    var shape: UInt64 = 0
    /// Hash of the shape with runs collapsed (`Xx`, `d`, `Xx-Xx`, `X.X.`).
    var shortShape: UInt64 = 0
    /// Hashes of the folded first 1…4 code points.
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Hashes of the folded last 1…4 code points.
    var suffix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Properties (see the `NERTokenInfo.is…` constants).
    var traits: UInt16 = 0
    /// Lexicon matches covering the token: bit `4 × class + position` (B, I, L, U).
    var lexicon: UInt64 = 0
    /// The labels the word had in the training data (bit `label`; bit 7: outside entities), set
    /// by ``NERVocabulary``.
    var seen: UInt8 = 0

    /// The first letter is upper case.
    static let isCapitalized: UInt16 = 1 << 0
    /// At least two letters, all upper case.
    static let isAllCaps: UInt16 = 1 << 1
    /// Contains a letter.
    static let hasLetter: UInt16 = 1 << 2
    /// Contains a digit.
    static let hasDigit: UInt16 = 1 << 3
    /// Letters only, or letters with inner hyphens, apostrophes or periods.
    static let isWordLike: UInt16 = 1 << 4
    /// An elided article or pronoun (`l’`, `d'`, `qu’`).
    static let isElision: UInt16 = 1 << 5
    /// A URL or e-mail address; never inside a mention.
    static let isURL: UInt16 = 1 << 6
    /// No letter and no digit: punctuation or symbols.
    static let isPunctuation: UInt16 = 1 << 7
    /// Starts with a lower-case letter.
    static let isLowercase: UInt16 = 1 << 8
    /// The model's vocabulary has seen the word written in lower case (set by ``NERVocabulary``).
    static let isKnownLowercase: UInt16 = 1 << 9
    /// Contains an upper-case letter anywhere (`Paris`, `iPhone`).
    static let hasUpper: UInt16 = 1 << 10

    /// Whether all the bits of `trait` are set.
    @inline(__always) func has(_ trait: UInt16) -> Bool { traits & trait == trait }
}

/// Scans token bytes into ``NERTokenInfo`` values.
enum NERTextScanner {
    /// The case class of a code point.
    private enum CaseClass { case upper, lower, digit, other }

    /// Decodes the code point starting at `i`, returning it and its length (invalid bytes decode
    /// as themselves, length 1).
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 & 0xE0 == 0xC0, i + 1 < end {
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < end {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < end {
            let high = (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
            return (high | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F), 4)
        }
        return (UInt32(b0), 1)
    }

    /// Normalises typographic quotes and apostrophes to their ASCII forms.
    @inline(__always)
    static func normalizePunctuation(_ c: UInt32) -> UInt32 {
        switch c {
        case 0x2019, 0x2018, 0x02BC, 0x2032: return 0x27  // ’ ‘ ʼ ′ → '
        case 0x201C, 0x201D, 0x00AB, 0x00BB, 0x201E: return 0x22  // “ ” « » „ → "
        case 0x2013, 0x2014, 0x2010, 0x2011: return 0x2D  // – — ‐ ‑ → -
        case 0x00A0, 0x202F: return 0x20
        default: return c
        }
    }

    /// The case class of `c`, and its lower-case form.
    @inline(__always)
    private static func classify(_ c: UInt32) -> (CaseClass, UInt32) {
        if c < 0x80 {
            if c >= 0x41 && c <= 0x5A { return (.upper, c + 0x20) }
            if c >= 0x61 && c <= 0x7A { return (.lower, c) }
            if c >= 0x30 && c <= 0x39 { return (.digit, c) }
            return (.other, c)
        }
        switch c {
        case 0xC0...0xDE where c != 0xD7: return (.upper, c + 0x20)
        case 0xDF...0xFF where c != 0xF7: return (.lower, c)
        case 0x100...0x17F:
            let oddUpper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)
            if c == 0x178 { return (.upper, 0xFF) }
            if c == 0x131 || c == 0x138 || c == 0x149 { return (.lower, c) }
            if oddUpper { return c & 1 == 1 ? (.upper, c + 1) : (.lower, c) }
            return c & 1 == 0 ? (.upper, c + 1) : (.lower, c)
        case 0x391...0x3A9: return (.upper, c + 0x20)
        case 0x3AC...0x3CE: return (.lower, c)
        case 0x400...0x40F: return (.upper, c + 0x50)
        case 0x410...0x42F: return (.upper, c + 0x20)
        case 0x430...0x45F: return (.lower, c)
        case 0x2000...0x2BFF, 0x3000...0x303F: return (.other, c)
        default: return c >= 0x2E80 || (c >= 0x0590 && c <= 0x1FFF) ? (.lower, c) : (.other, c)
        }
    }

    /// Scans the token `bytes[start..<end]`.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> NERTokenInfo {
        var info = NERTokenInfo()
        var lower = NERHash.basis, exact = NERHash.basis
        var shape = NERHash.basis, shortShape = NERHash.basis
        var lastShape: UInt32 = 0, run = 0
        var count = 0, letters = 0, uppers = 0, lowers = 0, digits = 0, others = 0
        var firstLetterSeen = false
        var last: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)  // the last four folded code points
        var apostropheAtEnd = false
        var i = start
        while i < end {
            let c: UInt32, kind: CaseClass, folded: UInt32
            let lead = bytes[i]
            if lead < 0x80 {
                // ASCII: nothing to decode or normalise, one byte per hash step.
                i += 1
                c = UInt32(lead)
                (kind, folded) = classify(c)
                lower = NERHash.step(lower, UInt8(truncatingIfNeeded: folded))
                exact = NERHash.step(exact, lead)
            } else {
                let (raw, length) = decode(bytes, i, end)
                i += length
                c = normalizePunctuation(raw)
                (kind, folded) = classify(c)
                lower = NERHash.step(lower, scalar: folded)
                exact = NERHash.step(exact, scalar: c)
            }
            count += 1
            switch count {
            case 1: info.prefix.0 = lower
            case 2: info.prefix.1 = lower
            case 3: info.prefix.2 = lower
            case 4: info.prefix.3 = lower
            default: break
            }
            last = (last.1, last.2, last.3, folded)
            let shapeCode: UInt32
            switch kind {
            case .upper:
                shapeCode = 0x58  // X
                letters += 1; uppers += 1
                if !firstLetterSeen { firstLetterSeen = true; info.traits |= NERTokenInfo.isCapitalized }
            case .lower:
                shapeCode = 0x78  // x
                letters += 1; lowers += 1
                if !firstLetterSeen { firstLetterSeen = true; info.traits |= NERTokenInfo.isLowercase }
            case .digit:
                shapeCode = 0x64  // d
                digits += 1
            case .other:
                shapeCode = c < 0x80 ? c : 0x7E
                if c != 0x2D && c != 0x27 && c != 0x2E { others += 1 }
            }
            apostropheAtEnd = c == 0x27
            if shapeCode == lastShape { run += 1 } else { run = 1; lastShape = shapeCode }
            if run <= 4 { shape = NERHash.step(shape, scalar: shapeCode) }
            if run == 1 { shortShape = NERHash.step(shortShape, scalar: shapeCode) }
        }
        info.lower = lower
        info.exact = exact
        info.shape = shape
        info.shortShape = shortShape
        // Suffixes: the last n folded code points, oldest first.
        if count >= 1 { info.suffix.0 = NERHash.step(NERHash.basis, scalar: last.3) }
        if count >= 2 {
            info.suffix.1 = NERHash.step(NERHash.step(NERHash.basis, scalar: last.2), scalar: last.3)
        }
        if count >= 3 {
            let h = NERHash.step(NERHash.step(NERHash.basis, scalar: last.1), scalar: last.2)
            info.suffix.2 = NERHash.step(h, scalar: last.3)
        }
        if count >= 4 {
            let h = NERHash.step(NERHash.step(NERHash.basis, scalar: last.0), scalar: last.1)
            info.suffix.3 = NERHash.step(NERHash.step(h, scalar: last.2), scalar: last.3)
        }
        if letters > 0 { info.traits |= NERTokenInfo.hasLetter }
        if uppers > 0 { info.traits |= NERTokenInfo.hasUpper }
        if digits > 0 { info.traits |= NERTokenInfo.hasDigit }
        if letters >= 2 && lowers == 0 && uppers >= 2 { info.traits |= NERTokenInfo.isAllCaps }
        if letters > 0 && digits == 0 && others == 0 { info.traits |= NERTokenInfo.isWordLike }
        if letters == 0 && digits == 0 { info.traits |= NERTokenInfo.isPunctuation }
        if apostropheAtEnd && letters >= 1 && letters <= 6 && count == letters + 1 {
            info.traits |= NERTokenInfo.isElision
        }
        if looksLikeURL(bytes, start, end) { info.traits |= NERTokenInfo.isURL }
        return info
    }

    /// A hash of the letters and digits of `bytes[start..<end]`, case-folded and without the
    /// accents of Latin-1 letters, so that "Etats-Unis" and "États-Unis" hash alike.
    static func baseHash(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var hash = NERHash.basis
        var i = start
        while i < end {
            let (raw, length) = decode(bytes, i, end)
            i += length
            let (kind, folded) = classify(raw)
            guard kind != .other else { continue }
            let base: UInt32
            switch folded {
            case 0xE0...0xE5: base = 0x61  // à…å → a
            case 0xE7: base = 0x63  // ç → c
            case 0xE8...0xEB: base = 0x65  // è…ë → e
            case 0xEC...0xEF: base = 0x69  // ì…ï → i
            case 0xF1: base = 0x6E  // ñ → n
            case 0xF2...0xF6, 0xF8: base = 0x6F  // ò…ö, ø → o
            case 0xF9...0xFC: base = 0x75  // ù…ü → u
            case 0xFD, 0xFF: base = 0x79  // ý, ÿ → y
            default: base = folded
            }
            hash = NERHash.step(hash, scalar: base)
        }
        return hash
    }

    /// Whether the bytes contain `://`, start with `www.`, or hold an `@` between letters.
    static func looksLikeURL(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 5 else { return false }
        if bytes[start] | 0x20 == 0x77, bytes[start + 1] | 0x20 == 0x77, bytes[start + 2] | 0x20 == 0x77,
           bytes[start + 3] == 0x2E
        {
            return true
        }
        var i = start + 1
        while i + 2 < end {
            if bytes[i] == 0x3A, bytes[i + 1] == 0x2F, bytes[i + 2] == 0x2F { return true }
            if bytes[i] == 0x40, i > start, bytes[i - 1] > 0x40 { return true }
            i += 1
        }
        return false
    }

    /// The byte length of a glued French elision at the start of `bytes[start..<end]`
    /// (`l’` in `l’Irak`, `qu'` in `qu'il`), or 0 when there is none or the token is the elision.
    static func elisionPrefixLength(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        // The elided words below have 1, 2, 5 or 6 letters: without an apostrophe's first byte
        // after as many (most tokens), there is none.
        @inline(__always) func apostrophe(after letters: Int) -> Bool {
            start + letters < end && (bytes[start + letters] == 0x27 || bytes[start + letters] == 0xE2)
        }
        guard apostrophe(after: 1) || apostrophe(after: 2) || apostrophe(after: 5) || apostrophe(after: 6) else { return 0 }
        var i = start
        while i < end, i - start < 7, (bytes[i] | 0x20) >= 0x61, (bytes[i] | 0x20) <= 0x7A { i += 1 }
        let letters = i - start
        guard letters >= 1, letters <= 6, i < end else { return 0 }
        let apostropheLength: Int
        if bytes[i] == 0x27 {
            apostropheLength = 1
        } else if i + 2 < end, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 {
            apostropheLength = 3
        } else {
            return 0
        }
        guard i + apostropheLength < end else { return 0 }
        // Only the French elided words: l, d, j, m, n, s, t, c, qu, jusqu, lorsqu, puisqu, quoiqu.
        var word: UInt64 = 0
        for k in start..<i { word = word << 8 | UInt64(bytes[k] | 0x20) }
        switch word {
        case 0x6C, 0x64, 0x6A, 0x6D, 0x6E, 0x73, 0x74, 0x63, 0x7175,  // l d j m n s t c qu
             0x6A_7573_7175, 0x6C6F_7273_7175, 0x7075_6973_7175, 0x71_756F_6971_75:
            return letters + apostropheLength
        default:
            return 0
        }
    }
}
