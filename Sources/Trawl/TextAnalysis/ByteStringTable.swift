// Trawl — ByteStringTable.swift
// An allocation-free lookup table from short UTF-8 strings to small values, for word lists.

/// How a looked-up byte string is normalized before it is compared with the table's keys.
enum ByteFolding: Sendable {
    /// Bytes compare as they are.
    case exact
    /// The first byte is lower-cased if it is an ASCII capital; the rest compare as they are.
    case lowerFirst
    /// ASCII and Latin-1 capitals are lower-cased and `’` (U+2019) reads as `'`.
    case fold
}

/// A read-only open-addressing hash table from byte strings to `UInt8` values.
///
/// Keys live in one contiguous byte array; lookups hash and compare the probe bytes in place, with
/// the requested ``ByteFolding`` applied on the fly, so a lookup never allocates. Tables are built
/// once from whitespace-separated word lists in raw string literals (which compile fast, unlike
/// large collection literals).
///
/// Most probes are misses (a word that is not a function word, an ending that is no suffix): a
/// 32 Kbit filter of the keys' (first byte, last byte, length), with case and `’` variants, rejects
/// most of them from three bytes, before the probe is hashed.
///
/// Strings of at most eight bytes (after folding) are hashed as one little-endian word, and each
/// slot keeps such a key as a word too: a caller whose probes mostly hit (the language
/// identifier's function words) reads a short ASCII word with one load
/// (``foldedASCIIWord(_:_:)``) and looks it up with one word comparison
/// (``value(ofFoldedWord:count:)``), without the filter.
struct ByteStringTable: Sendable {
    private var keyBytes: [UInt8] = []
    /// Slot entries: key offset (high 32 bits), key length (bits 8–23) and value (low 8 bits);
    /// `0` marks an empty slot (offsets are stored plus one).
    private var slots: [UInt64]
    /// The key of each slot as a little-endian word (zeros above) when it has at most eight
    /// bytes, else 0.
    private var slotWords: [UInt64]
    private var mask: Int
    /// Bits set at ``filterBit(_:_:_:)`` of every form a probe that matches a key can have.
    private var filter = [UInt64](repeating: 0, count: Self.filterBits / 64)
    /// Bits set at ``endingBit(_:_:)`` of the last two bytes of every key (all of them when a key
    /// is shorter or ends with an apostrophe, which a probe may spell `’`).
    private var endings = [UInt64](repeating: 0, count: 1024)

    /// Creates a table from groups of whitespace-separated words, each group with its value.
    ///
    /// A word present in several groups gets the bitwise OR of their values. Words are stored as
    /// written: callers list them in the folded form they will look them up with.
    init(_ groups: [(words: String, value: UInt8)]) {
        var entries: [([UInt8], UInt8)] = []
        var index: [[UInt8]: Int] = [:]
        for group in groups {
            for word in group.words.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                let bytes = Array(word.utf8)
                if let at = index[bytes] {
                    entries[at].1 |= group.value
                } else {
                    index[bytes] = entries.count
                    entries.append((bytes, group.value))
                }
            }
        }
        var capacity = 16
        while capacity < entries.count * 3 { capacity *= 2 }
        slots = Array(repeating: 0, count: capacity)
        slotWords = Array(repeating: 0, count: capacity)
        mask = capacity - 1
        for (bytes, value) in entries {
            let offset = keyBytes.count
            keyBytes.append(contentsOf: bytes)
            let hash = bytes.withUnsafeBufferPointer { Self.hash($0.baseAddress!, $0.count, .exact) }
            var slot = hash & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt64(offset + 1) << 32 | UInt64(bytes.count) << 8 | UInt64(value)
            if bytes.count <= 8 {
                for (k, byte) in bytes.enumerated() { slotWords[slot] |= UInt64(byte) << UInt64(8 * k) }
            }
            if bytes.count < 2 || bytes[bytes.count - 2] == 0x27 || bytes[bytes.count - 1] == 0x27 {
                endings = [UInt64](repeating: ~0, count: endings.count)
            } else {
                let bit = Self.endingBit(bytes[bytes.count - 2], bytes[bytes.count - 1])
                endings[bit >> 6] |= 1 << UInt64(bit & 63)
            }
            // A probe matching the key under `.fold` may spell each `'` as `’` (two bytes more).
            let apostrophes = bytes.reduce(0) { $0 + ($1 == 0x27 ? 1 : 0) }
            for first in bytes[0] == 0x27 ? [0x27, 0xE2] : [bytes[0]] {
                for last in bytes[bytes.count - 1] == 0x27 ? [0x27, 0x99] : [bytes[bytes.count - 1]] {
                    for extra in 0...apostrophes {
                        let bit = Self.filterBit(first, last, bytes.count + 2 * extra)
                        filter[bit >> 6] |= 1 << UInt64(bit & 63)
                    }
                }
            }
        }
    }

    /// The filter's size in bits (a power of two).
    private static let filterBits = 1 << 15

    /// A byte as a probe and the key it folds to both have it: ASCII capitals and the trail bytes
    /// of Latin-1 capitals (`0x80–0x9E`) map to lower case.
    @inline(__always)
    private static func normalized(_ byte: UInt8) -> UInt32 {
        if byte &- 0x41 < 26 || byte &- 0x80 < 0x1F { return UInt32(byte) + 0x20 }
        return UInt32(byte)
    }

    /// The ending bit of a probe or key whose last two bytes are these.
    @inline(__always)
    private static func endingBit(_ penultimate: UInt8, _ last: UInt8) -> Int {
        Int(normalized(penultimate) << 8 | normalized(last)) & 0xFFFF
    }

    /// Whether a key may end the bytes before `end` (`end >= 2`): `false` when no key of two
    /// bytes or more ends with their last two, so that no suffix of them needs a lookup.
    @inline(__always)
    func mayEnd(_ text: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        let bit = Self.endingBit(text[end - 2], text[end - 1])
        return endings.withUnsafeBufferPointer { $0[bit >> 6] } & (1 << UInt64(bit & 63)) != 0
    }

    /// The filter bit of a probe with these first and last bytes and byte count, normalized.
    @inline(__always)
    private static func filterBit(_ first: UInt8, _ last: UInt8, _ count: Int) -> Int {
        let mixed = (normalized(first) &* 0x9E37_79B1) ^ (normalized(last) &* 0x85EB_CA77) ^ (UInt32(truncatingIfNeeded: count) &* 0xC2B2_AE3D)
        return Int((mixed ^ (mixed >> 15)) & UInt32(filterBits - 1))
    }

    /// The value stored for the bytes `start..<start+count`, or `nil`.
    /// - Complexity: O(`count`) expected.
    @inline(__always)
    func value(_ start: UnsafePointer<UInt8>, _ count: Int, _ folding: ByteFolding) -> UInt8? {
        guard count > 0, count < 64 else { return nil }
        let bit = Self.filterBit(start[0], start[count - 1], count)
        guard filter.withUnsafeBufferPointer({ $0[bit >> 6] }) & (1 << UInt64(bit & 63)) != 0 else { return nil }
        return folding == .fold ? probeFolded(start, count) : probe(start, count, folding)
    }

    /// ``lookUp(_:_:_:)`` out of line, after the filter let the bytes through.
    @inline(never)
    private func probe(_ start: UnsafePointer<UInt8>, _ count: Int, _ folding: ByteFolding) -> UInt8? {
        lookUp(start, count, folding)
    }

    /// ``lookUp(_:_:_:)`` with ``ByteFolding/fold`` known at compile time (the folding of the
    /// hot lookups, function words and suffixes: no test of the folding per byte), or, for bytes
    /// that fold to themselves (ASCII without capitals, the common case), ``ByteFolding/exact``.
    @inline(never)
    private func probeFolded(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt8? {
        var plain = true
        for k in 0..<count where start[k] &- 0x41 < 26 || start[k] >= 0x80 { plain = false }
        return plain ? lookUp(start, count, .exact) : lookUp(start, count, .fold)
    }

    /// The value stored for the bytes `start..<start+count` (`0 < count < 64`), or `nil`.
    @inline(__always)
    private func lookUp(_ start: UnsafePointer<UInt8>, _ count: Int, _ folding: ByteFolding) -> UInt8? {
        var slot = Self.hash(start, count, folding) & mask
        return keyBytes.withUnsafeBufferPointer { keys -> UInt8? in
            while true {
                let entry = slots[slot]
                if entry == 0 { return nil }
                let offset = Int(entry >> 32) - 1
                let length = Int((entry >> 8) & 0xFFFF)
                if Self.equals(start, count, folding, keys.baseAddress! + offset, length) {
                    return UInt8(truncatingIfNeeded: entry)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The value stored for the bytes of `range` in `text`, or `nil`.
    @inline(__always)
    func value(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ folding: ByteFolding) -> UInt8? {
        value(text.baseAddress! + range.lowerBound, range.count, folding)
    }

    /// The bytes of `range` in `text` as a little-endian word (zeros above), folded as
    /// ``ByteFolding/fold`` folds them, when they are 1 to 8 ASCII bytes; `nil` otherwise, or
    /// when `text` has fewer than 8 bytes. One load reads them (8 bytes of `text` hold the range).
    @inline(__always)
    static func foldedASCIIWord(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64? {
        let count = range.count, start = range.lowerBound
        guard count > 0, count <= 8, text.count >= 8 else { return nil }
        let base = UnsafeRawPointer(text.baseAddress!)
        var word: UInt64
        if start + 8 <= text.count {
            word = UInt64(littleEndian: (base + start).loadUnaligned(as: UInt64.self))
        } else {
            let at = text.count - 8
            word = UInt64(littleEndian: (base + at).loadUnaligned(as: UInt64.self)) >> UInt64(8 * (start - at))
        }
        if count < 8 { word &= 1 << UInt64(8 * count) - 1 }
        guard word & 0x8080_8080_8080_8080 == 0 else { return nil }
        return ASCIIWord.lowercased(word)
    }

    /// The value stored for the `count` bytes (1...8) of `word`, a string as
    /// ``foldedASCIIWord(_:_:)`` gives it, or `nil`: ``value(_:_:_:)`` with ``ByteFolding/fold``.
    @inline(never)
    func value(ofFoldedWord word: UInt64, count: Int) -> UInt8? {
        var slot = Self.wordHash(word, count) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if Int((entry >> 8) & 0xFFFF) == count, slotWords[slot] == word { return UInt8(truncatingIfNeeded: entry) }
            slot = (slot + 1) & mask
        }
    }

    /// Whether the table holds the bytes of `range` in `text`.
    @inline(__always)
    func contains(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ folding: ByteFolding) -> Bool {
        value(text, range, folding) != nil
    }

    /// Whether the table holds `word` (for tests and table checks).
    func contains(_ word: String, _ folding: ByteFolding = .exact) -> Bool {
        var word = word
        return word.withUTF8 { value($0.baseAddress!, $0.count, folding) != nil }
    }

    /// The folded bytes of `start..<start+count`, one at a time.
    private struct FoldedBytes {
        let start: UnsafePointer<UInt8>
        let count: Int
        let folding: ByteFolding
        var index = 0

        @inline(__always)
        mutating func next() -> UInt8? {
            guard index < count else { return nil }
            let byte = start[index]
            switch folding {
            case .exact:
                index += 1
                return byte
            case .lowerFirst:
                index += 1
                return index == 1 && byte &- 0x41 < 26 ? byte | 0x20 : byte
            case .fold:
                if byte &- 0x41 < 26 {
                    index += 1
                    return byte | 0x20
                }
                if byte == 0xE2, index + 2 < count, start[index + 1] == 0x80, start[index + 2] == 0x99 {
                    index += 3
                    return 0x27
                }
                // Latin-1 capitals U+00C0–U+00DE (not ×) are 0xC3 0x80–0x9E; lower case adds 0x20.
                if index > 0, start[index - 1] == 0xC3, byte &- 0x80 < 0x1F, byte != 0x97 {
                    index += 1
                    return byte + 0x20
                }
                index += 1
                return byte
            }
        }
    }

    /// The hash of the folded bytes: ``wordHash(_:_:)`` when they are at most eight, else
    /// 32-bit FNV-1a.
    @inline(__always)
    private static func hash(_ start: UnsafePointer<UInt8>, _ count: Int, _ folding: ByteFolding) -> Int {
        var bytes = FoldedBytes(start: start, count: count, folding: folding)
        var word: UInt64 = 0
        var length = 0
        while let byte = bytes.next() {
            if length == 8 {
                var all = FoldedBytes(start: start, count: count, folding: folding)
                var hash: UInt32 = 0x811C_9DC5
                while let byte = all.next() { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
                return Int(hash)
            }
            word |= UInt64(byte) << UInt64(8 * length)
            length += 1
        }
        return wordHash(word, length)
    }

    /// The hash of a string of at most eight bytes, given as a little-endian word.
    @inline(__always)
    private static func wordHash(_ word: UInt64, _ count: Int) -> Int {
        var hash = (word ^ UInt64(count) << 59) &* 0x9E37_79B9_7F4A_7C15
        hash ^= hash >> 32
        return Int(truncatingIfNeeded: hash)
    }

    @inline(__always)
    private static func equals(
        _ start: UnsafePointer<UInt8>, _ count: Int, _ folding: ByteFolding,
        _ key: UnsafePointer<UInt8>, _ keyLength: Int
    ) -> Bool {
        if folding == .exact && count != keyLength { return false }
        var bytes = FoldedBytes(start: start, count: count, folding: folding)
        var at = 0
        while let byte = bytes.next() {
            if at == keyLength || key[at] != byte { return false }
            at += 1
        }
        return at == keyLength
    }
}
