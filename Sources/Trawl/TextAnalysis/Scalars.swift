// Trawl — Scalars.swift
// Inline UTF-8 decoding and a compact classification of Unicode scalars for the tokenizer.

/// The class of a Unicode scalar, as far as tokenization cares.
enum ScalarClass: UInt8, Sendable {
    /// White space, including no-break and zero-width spaces.
    case space
    /// A lower-case letter.
    case lower
    /// An upper-case (or title-case) letter.
    case upper
    /// A letter of a script without case (Arabic, Hebrew, Indic, kana, Hangul…).
    case uncased
    /// A combining mark or joiner: continues a word, never starts one.
    case mark
    /// A decimal digit.
    case digit
    /// A Han ideograph: a letter that is a token on its own.
    case ideograph
    /// Punctuation: quotes, dashes, brackets, stops.
    case punctuation
    /// Anything else: currency, math, emoji.
    case symbol

    /// Whether the scalar is a letter (any case, or none).
    @inline(__always) var isLetter: Bool { self == .lower || self == .upper || self == .uncased }
    /// Whether the scalar can continue a word: a letter, digit or mark.
    @inline(__always) var isWordPart: Bool { rawValue >= 1 && rawValue <= 5 }
}

/// Helpers on UTF-8 bytes.
enum UTF8Scalars {
    /// Decodes the scalar starting at `i`: its value and its length in bytes.
    ///
    /// Invalid or truncated sequences decode as U+FFFD with length 1, so a scan always advances.
    @inline(__always)
    static func decode(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(text[i])
        if b0 < 0x80 { return (b0, 1) }
        let n = text.count
        if b0 < 0xE0 {
            guard b0 >= 0xC2, i + 1 < n else { return (0xFFFD, 1) }
            return ((b0 & 0x1F) << 6 | UInt32(text[i + 1] & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 2 < n else { return (0xFFFD, 1) }
            return ((b0 & 0x0F) << 12 | UInt32(text[i + 1] & 0x3F) << 6 | UInt32(text[i + 2] & 0x3F), 3)
        }
        guard b0 < 0xF5, i + 3 < n else { return (0xFFFD, 1) }
        let value = (b0 & 0x07) << 18 | UInt32(text[i + 1] & 0x3F) << 12
            | UInt32(text[i + 2] & 0x3F) << 6 | UInt32(text[i + 3] & 0x3F)
        return (value, 4)
    }

    /// The class of an ASCII byte.
    @inline(__always)
    static func asciiClass(_ b: UInt8) -> ScalarClass {
        if b &- 0x61 < 26 { return .lower }
        if b &- 0x41 < 26 { return .upper }
        if b &- 0x30 < 10 { return .digit }
        if b <= 0x20 || b == 0x7F { return .space }
        switch b {
        case 0x24, 0x25, 0x26, 0x2B, 0x3C, 0x3D, 0x3E, 0x23, 0x40, 0x5E, 0x60, 0x7C, 0x7E: return .symbol
        default: return .punctuation
        }
    }

    /// The class of any scalar.
    @inline(__always)
    static func classify(_ c: UInt32) -> ScalarClass {
        if c < 0x80 { return asciiClass(UInt8(c)) }
        if c < 0x250 { return latin(c) }
        return other(c)
    }

    /// Latin-1 Supplement, Latin Extended-A and -B (U+0080–U+024F).
    private static func latin(_ c: UInt32) -> ScalarClass {
        switch c {
        case 0x80...0x9F: return c == 0x85 ? .space : .symbol
        case 0xA0: return .space
        case 0xAA, 0xBA, 0xB5: return .lower
        case 0xAD: return .mark
        case 0xA1, 0xAB, 0xB7, 0xBB, 0xBF: return .punctuation
        case 0xA2...0xBF: return .symbol
        case 0xD7, 0xF7: return .symbol
        case 0xC0...0xDE: return .upper
        case 0xDF...0xFF: return .lower
        case 0x100...0x137, 0x14A...0x177: return c & 1 == 0 ? .upper : .lower
        case 0x139...0x148, 0x179...0x17E: return c & 1 == 1 ? .upper : .lower
        case 0x178: return .upper
        case 0x1CD...0x1DC: return c & 1 == 1 ? .upper : .lower
        case 0x1DE...0x1EF, 0x1F8...0x24F: return c & 1 == 0 ? .upper : .lower
        default: return .lower
        }
    }

    /// Everything from U+0250 on: a compact range table of letters, marks, digits, spaces and
    /// punctuation; unlisted scalars are symbols.
    private static func other(_ c: UInt32) -> ScalarClass {
        switch c {
        case 0x250...0x2AF: return .lower
        case 0x2B0...0x2FF: return .uncased
        case 0x300...0x36F: return .mark
        case 0x386, 0x388...0x38F, 0x391...0x3AB: return .upper
        case 0x370...0x3FF: return .lower
        case 0x400...0x42F: return .upper
        case 0x430...0x45F: return .lower
        case 0x460...0x481, 0x48A...0x4FF: return c & 1 == 0 ? .upper : .lower
        case 0x483...0x489: return .mark
        case 0x531...0x556: return .upper
        case 0x561...0x587: return .lower
        case 0x591...0x5C7, 0x610...0x61A, 0x64B...0x65F, 0x670, 0x6D6...0x6ED: return .mark
        case 0x5D0...0x5F2, 0x620...0x64A, 0x66E...0x6D5, 0x6EE...0x6FF, 0x700...0x7FF: return .uncased
        case 0x660...0x669, 0x6F0...0x6F9: return .digit
        case 0x900...0xDFF, 0xE00...0xFFF: return .uncased
        case 0x10A0...0x10FF, 0x1100...0x11FF, 0x1200...0x137F: return .uncased
        case 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: return .space
        case 0x200C, 0x200D, 0x1AB0...0x1AFF, 0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE00...0xFE0F: return .mark
        case 0x1D00...0x1DBF: return .lower
        case 0x1E00...0x1EFF: return c & 1 == 0 ? .upper : .lower
        case 0x1F00...0x1FFF: return .lower
        case 0x2010...0x2027, 0x2030...0x205E: return .punctuation
        case 0x2C00...0x2C7F, 0xA720...0xA7FF, 0xAB30...0xAB6F: return .lower
        case 0x2E00...0x2E7F, 0x3001...0x303F, 0xFE10...0xFE6F: return .punctuation
        case 0x3040...0x30FF, 0x3100...0x31FF, 0xAC00...0xD7AF: return .uncased
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return .ideograph
        case 0xFF10...0xFF19: return .digit
        case 0xFF21...0xFF3A: return .upper
        case 0xFF41...0xFF5A: return .lower
        case 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF5B...0xFF65: return .punctuation
        case 0xFF66...0xFFDC: return .uncased
        default: return .symbol
        }
    }
}
