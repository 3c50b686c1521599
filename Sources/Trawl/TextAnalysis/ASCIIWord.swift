// Trawl — ASCIIWord.swift
// Eight ASCII bytes at a time, as one 64-bit word.

/// Operations on up to eight ASCII bytes held in a 64-bit word (little-endian: the first byte in
/// the low bits), shared by the word tables of the core and the phrase lexicons of the extractors.
package enum ASCIIWord {
    /// `word` with its ASCII capitals (`A`–`Z`) lower-cased, every other byte unchanged, when all
    /// its bytes are ASCII (below 0x80); meaningless otherwise, so callers test that first or
    /// discard the result.
    @inline(__always)
    package static func lowercased(_ word: UInt64) -> UInt64 {
        // Bit 7 of a byte: at least `A` (0x41 + 0x3F = 0x80) and below `[` (0x5B + 0x25 = 0x80).
        let capitals = (word &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(word &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
        return word | capitals &>> 2
    }
}
