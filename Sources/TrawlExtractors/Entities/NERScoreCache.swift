// Trawl — NERScoreCache.swift
// Per-word sums of the entity tagger's weight rows, kept across sentences and documents.

import Synchronization

/// The summed weight rows of the features that depend on one word alone — its own features, and
/// the features it gives the tokens one and two places before and after it — keyed by the word
/// and what the tagger knows of it.
///
/// Most features of a token (about 35 of 50) describe a single token: itself or a neighbour. News
/// text repeats its words, so the tagger sums those rows once per word, stores the five sums
/// here, and afterwards adds five cached vectors instead of fetching 35 rows scattered over the
/// weight table (whose cache misses were most of the tagger's time). The scores are integer sums,
/// so the result is exactly the one of adding every row.
///
/// Direct-mapped: an entry is replaced by the next word that maps to its slot. One cache serves
/// one thread at a time; ``NERScoreCachePool`` hands them out.
final class NERScoreCache: @unchecked Sendable {
    /// log2 of the number of slots.
    static let slotBits = 14
    /// Slots.
    static let slotCount = 1 << slotBits
    /// The five vectors of a slot, each `tagCount` scores, in ``Part`` order.
    enum Part: Int, CaseIterable {
        /// The word's own features, at its own position.
        case own
        /// What the word gives the token two places after it.
        case asBefore2
        /// What the word gives the next token.
        case asBefore1
        /// What the word gives the previous token.
        case asAfter1
        /// What the word gives the token two places before it.
        case asAfter2

        /// The neighbour the word is, seen from the token that receives this part.
        var neighbour: NERNeighbour? {
            switch self {
            case .own: nil
            case .asBefore2: .before2
            case .asBefore1: .before1
            case .asAfter1: .after1
            case .asAfter2: .after2
            }
        }
    }

    private let tagCount: Int
    /// `Part.allCases.count × tagCount`, rounded up to 8 scores.
    private let stride: Int
    /// Three words per slot: the word's exact hash, its lexicon bits, its casing traits and seen
    /// labels; `lexicon` is all ones in an empty slot (a value no token has).
    private let keys: UnsafeMutablePointer<UInt64>
    private let vectors: UnsafeMutablePointer<Int32>
    /// The scores a token receives from each missing neighbour (before the sentence starts or
    /// after it ends), indexed by ``NERNeighbour`` in `allCases` order.
    private let absent: UnsafeMutablePointer<Int32>

    /// Creates an empty cache for `model`'s weights.
    init(model: NERModel) {
        tagCount = model.tagSet.count
        stride = (Part.allCases.count * tagCount + 7) & ~7
        keys = .allocate(capacity: 3 * NERScoreCache.slotCount)
        for slot in 0..<NERScoreCache.slotCount { (keys + 3 * slot).initialize(repeating: 0, count: 3); keys[3 * slot + 1] = .max }
        // Left uninitialized: a slot's vectors are written when a word first takes it, so a
        // thread's cache costs memory only for the slots it uses.
        vectors = .allocate(capacity: stride * NERScoreCache.slotCount)
        absent = .allocate(capacity: NERNeighbour.allCases.count * tagCount)
        absent.initialize(repeating: 0, count: NERNeighbour.allCases.count * tagCount)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: NERFeatures.capacity) { features in
            for (index, neighbour) in NERNeighbour.allCases.enumerated() {
                let count = NERFeatures.extractNeighbour(nil, neighbour, shift: model.shift, into: features.baseAddress!)
                model.addRows(features.baseAddress!, count, to: absent + index * tagCount)
            }
        }
    }

    deinit {
        keys.deallocate()
        vectors.deallocate()
        absent.deallocate()
    }

    /// The scores a token receives when `neighbour` is outside the sentence.
    @inline(__always)
    func absent(_ neighbour: NERNeighbour) -> UnsafePointer<Int32> {
        let index = neighbour.rawValue < 0 ? neighbour.rawValue + 2 : neighbour.rawValue + 1
        return UnsafePointer(absent + index * tagCount)
    }

    /// The five vectors of word `t` (see ``Part``), summed from `model`'s rows on a miss. Valid
    /// until the next call.
    @inline(__always)
    func vectors(of t: NERTokenInfo, model: NERModel, features: UnsafeMutablePointer<Int>) -> UnsafePointer<Int32> {
        let lexicon = t.lexicon & NERFeatures.lexiconFeatureBits
        let known = UInt64(t.traits & NERFeatures.casingTraits) | UInt64(t.seen) << 16
        let slot = Int(truncatingIfNeeded: ((t.exact ^ lexicon ^ known &<< 40) &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - NERScoreCache.slotBits))
        let key = keys + 3 * slot
        let entry = vectors + slot * stride
        if key[0] != t.exact || key[1] != lexicon || key[2] != known {
            key[0] = t.exact
            key[1] = lexicon
            key[2] = known
            entry.initialize(repeating: 0, count: stride)
            for part in Part.allCases {
                let count = part.neighbour.map { NERFeatures.extractNeighbour(t, $0, shift: model.shift, into: features) }
                    ?? NERFeatures.extractOwn(t, shift: model.shift, into: features)
                model.addRows(features, count, to: entry + part.rawValue * tagCount)
            }
        }
        return UnsafePointer(entry)
    }

    /// The offset of `part` in the vectors ``vectors(of:model:features:)`` returns.
    @inline(__always)
    func offset(_ part: Part) -> Int { part.rawValue * tagCount }
}

/// The caches of one model, one per thread using it at a time: a worker takes one for a sentence
/// and gives it back. Their number grows to the number of threads that tagged at once.
final class NERScoreCachePool: Sendable {
    private let free = Mutex<[NERScoreCache]>([])

    /// Runs `body` with a cache for `model` that no other thread uses meanwhile.
    @inline(__always)
    func withCache<Result>(for model: NERModel, _ body: (NERScoreCache) -> Result) -> Result {
        let cache = free.withLock { $0.popLast() } ?? NERScoreCache(model: model)
        defer { free.withLock { $0.append(cache) } }
        return body(cache)
    }
}
