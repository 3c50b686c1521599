// Trawl — UTF8Validation.swift
// Fast UTF-8 validation over raw bytes: eight ASCII bytes at a time, exact sequence rules.

/// What a validation pass found: how many valid multi-byte sequences and invalid subsequences.
struct UTF8Census: Sendable {
    /// Valid sequences of two to four bytes (non-ASCII characters).
    var multiByte = 0
    /// Maximal invalid subsequences (each would become one U+FFFD).
    var invalid = 0
}

enum UTF8Validation {
    /// The mask of the high bit of each byte in a 64-bit word.
    static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// Counts the valid multi-byte sequences and invalid subsequences of `bytes`.
    /// - Complexity: O(n), about a word per step over ASCII.
    static func census(of bytes: UnsafeBufferPointer<UInt8>) -> UTF8Census {
        guard let base = bytes.baseAddress else { return UTF8Census() }
        let count = bytes.count
        var census = UTF8Census()
        var index = asciiPrefix(base, from: 0, count: count)
        while index < count {
            let length = sequenceLength(base, at: index, count: count)
            if length > 0 {
                census.multiByte += 1
                index += length
            } else {
                census.invalid += 1
                index -= length
            }
            index = asciiPrefix(base, from: index, count: count)
        }
        return census
    }

    /// The index of the first non-ASCII byte at or after `from`, or `count`.
    @inline(__always)
    static func asciiPrefix(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int {
        var index = from
        while index + 8 <= count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            let high = UInt64(littleEndian: word) & highBits
            if high != 0 { return index + high.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count, base[index] < 0x80 { index += 1 }
        return index
    }

    /// For the non-ASCII byte at `index`: the length of the valid UTF-8 sequence it starts, or
    /// minus the length of the maximal invalid subsequence there (Unicode's "maximal subpart",
    /// as WHATWG and Python count replacement characters).
    @inline(__always)
    static func sequenceLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int {
        var low: UInt8 = 0x80, high: UInt8 = 0xBF
        let continuations: Int
        switch base[index] {
        case 0xC2...0xDF: continuations = 1
        case 0xE0: continuations = 2; low = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: continuations = 2
        case 0xED: continuations = 2; high = 0x9F
        case 0xF0: continuations = 3; low = 0x90
        case 0xF1...0xF3: continuations = 3
        case 0xF4: continuations = 3; high = 0x8F
        default: return -1
        }
        var cursor = index + 1
        guard cursor < count, base[cursor] >= low, base[cursor] <= high else { return -1 }
        cursor += 1
        for _ in 1..<continuations {
            guard cursor < count, base[cursor] & 0xC0 == 0x80 else { return index - cursor }
            cursor += 1
        }
        return cursor - index
    }
}
