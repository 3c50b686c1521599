// Trawl — NERWordCache.swift
// Per-thread scan results of the words seen lately, keyed by their bytes.

/// What ``NERTextScanner/scan(_:_:_:)``, ``NERVocabulary/mark(_:)``,
/// ``NERTextScanner/elisionPrefixLength(_:_:_:)`` and ``EntityLexicon/firstStep(_:)`` say of the
/// words seen lately, so that a word news text repeats (within a document or across documents)
/// is scanned and looked up once.
///
/// A word of at most ``longest`` bytes is its own key: its bytes in three zero-padded 64-bit
/// words, and its length. A lookup compares all four, so a hit is always the same bytes and the
/// result is the one of scanning them. Longer tokens (rare) are scanned every time.
///
/// Two-way set-associative: a word maps to a pair of slots and, when neither holds it, replaces
/// the one used less recently. The vocabulary marks depend on the model, so a cache serves one
/// model (and its language's lexicon); one thread uses it at a time, and a ``CachePool`` hands them out.
final class NERWordCache: @unchecked Sendable {
    /// log2 of the number of slots.
    static let slotBits = 14
    /// Slots.
    static let slotCount = 1 << slotBits
    /// The longest word kept, in bytes.
    static let longest = 24

    /// The vocabulary whose marks the cached results carry.
    private let vocabulary: NERVocabulary
    /// The lexicon whose first matching steps the cached results carry.
    let lexicon: EntityLexicon
    /// Four words per slot: the word's bytes (three little-endian words, zero-padded), then its
    /// length; the length is 0 in an empty slot (a value no kept word has).
    private let keys: UnsafeMutablePointer<UInt64>
    /// Per pair of slots (two ways of one set), the way used last.
    private let recent: UnsafeMutablePointer<UInt8>
    /// The result of each slot's word. Left uninitialized: a slot's result is written when a word
    /// first takes it, so a thread's cache costs memory only for the slots it uses.
    private let infos: UnsafeMutablePointer<NERTokenInfo>
    /// The length of the glued elision each slot's word starts with (0: none), also written when a
    /// word takes the slot.
    private let elisions: UnsafeMutablePointer<UInt8>
    /// The ``EntityLexicon/firstStep(_:)`` of each slot's word, also written when a word takes
    /// the slot.
    private let firstSteps: UnsafeMutablePointer<UInt64>

    /// Creates an empty cache whose results carry `vocabulary`'s marks and `lexicon`'s first
    /// steps.
    init(vocabulary: NERVocabulary, lexicon: EntityLexicon) {
        self.vocabulary = vocabulary
        self.lexicon = lexicon
        keys = .allocate(capacity: 4 * NERWordCache.slotCount)
        keys.initialize(repeating: 0, count: 4 * NERWordCache.slotCount)
        recent = .allocate(capacity: NERWordCache.slotCount / 2)
        recent.initialize(repeating: 0, count: NERWordCache.slotCount / 2)
        infos = .allocate(capacity: NERWordCache.slotCount)
        elisions = .allocate(capacity: NERWordCache.slotCount)
        firstSteps = .allocate(capacity: NERWordCache.slotCount)
    }

    deinit {
        keys.deallocate()
        recent.deallocate()
        infos.deallocate()
        elisions.deallocate()
        firstSteps.deallocate()
    }

    /// Initializes `info` to the token `bytes[start..<end]` scanned and marked with the
    /// vocabulary and `firstStep` to its lexicon's ``EntityLexicon/firstStep(_:)``, and returns
    /// the length of the glued French elision it starts with: copied from the cache when it holds
    /// the same bytes, else scanned (and kept when short enough).
    @inline(__always) @discardableResult
    func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
              into info: UnsafeMutablePointer<NERTokenInfo>, firstStep: UnsafeMutablePointer<UInt64>) -> Int
    {
        let length = end - start
        guard length > 0, length <= NERWordCache.longest else {
            info.initialize(to: scan(bytes, start, end))
            firstStep.initialize(to: lexicon.firstStep(info.pointee))
            return NERTextScanner.elisionPrefixLength(bytes, start, end)
        }
        let w0 = NERWordCache.load(bytes, start, min(length, 8))
        let w1 = length > 8 ? NERWordCache.load(bytes, start + 8, min(length - 8, 8)) : 0
        let w2 = length > 16 ? NERWordCache.load(bytes, start + 16, length - 16) : 0
        let w3 = UInt64(length)
        let hash = ((((w0 &+ w3) &* 0x9E37_79B9_7F4A_7C15) ^ w1) &* 0xBF58_476D_1CE4_E5B9 ^ w2) &* 0x94D0_49BB_1331_11EB
        let pair = Int(truncatingIfNeeded: hash >> UInt64(65 - NERWordCache.slotBits))
        var slot = 2 * pair
        if !matches(slot, w0, w1, w2, w3) {
            slot += 1
            if !matches(slot, w0, w1, w2, w3) {
                // Replace the way of the pair used least recently.
                slot = 2 * pair + (recent[pair] == 0 ? 1 : 0)
                let key = keys + 4 * slot
                key[0] = w0
                key[1] = w1
                key[2] = w2
                key[3] = w3
                (infos + slot).initialize(to: scan(bytes, start, end))
                elisions[slot] = UInt8(NERTextScanner.elisionPrefixLength(bytes, start, end))
                firstSteps[slot] = lexicon.firstStep(infos[slot])
            }
        }
        recent[pair] = UInt8(slot & 1)
        info.initialize(to: infos[slot])
        firstStep.initialize(to: firstSteps[slot])
        return Int(elisions[slot])
    }

    /// Whether slot `slot` holds the word with these keys.
    @inline(__always)
    private func matches(_ slot: Int, _ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) -> Bool {
        let key = keys + 4 * slot
        return key[0] == w0 && key[1] == w1 && key[2] == w2 && key[3] == w3
    }

    /// The token scanned and marked, without the cache.
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> NERTokenInfo {
        var info = NERTextScanner.scan(bytes, start, end)
        vocabulary.mark(&info)
        return info
    }

    /// The `count` (1…8) bytes at `from` as a little-endian word, zero-padded: one unaligned load
    /// when eight bytes are in the buffer there, else byte by byte.
    @inline(__always)
    private static func load(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ count: Int) -> UInt64 {
        if from + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + from).loadUnaligned(as: UInt64.self))
            return count == 8 ? word : word & ((1 << UInt64(8 * count)) - 1)
        }
        var word: UInt64 = 0
        for k in 0..<count { word |= UInt64(bytes[from + k]) << UInt64(8 * k) }
        return word
    }
}
