// Trawl — NERScoreCache.swift
// Per-word sums of the entity tagger's weight rows, kept across sentences and documents.

/// The summed weight rows of the features that depend on one word alone — its own features, the
/// features it gives the tokens one and two places before and after it, and the previous-tag
/// features it takes part in when that tag is `O` — keyed by the word and what the tagger knows
/// of it.
///
/// Most features of a token (about 35 of 50, and 5 of the 7 previous-tag ones when the previous
/// tag is `O`) describe a single word: the token or a neighbour. News text repeats its words, so
/// the tagger sums those rows once per word, stores the eight sums here (``Part``), and afterwards
/// adds cached vectors instead of fetching rows scattered over the weight table (whose cache
/// misses were most of the tagger's time). The scores are integer sums, so the result is exactly
/// the one of adding every row.
///
/// Two-way set-associative: a word maps to a pair of slots and, when neither holds it, replaces
/// the one used less recently. One cache serves one thread at a time; a ``CachePool`` hands
/// them out.
final class NERScoreCache: @unchecked Sendable {
    /// log2 of the number of slots.
    static let slotBits = 14
    /// Slots.
    static let slotCount = 1 << slotBits
    /// The vectors of a slot, each `tagCount` scores, in ``Part`` order.
    enum Part: Int, CaseIterable {
        /// The word's own features, at its own position, with the bias and its place features for
        /// a token inside the sentence (``NERFeatures/extractOwnInside(_:shift:into:)``).
        case own
        /// What the word gives the token two places after it.
        case asBefore2
        /// What the word gives the next token.
        case asBefore1
        /// What the word gives the previous token.
        case asAfter1
        /// What the word gives the token two places before it.
        case asAfter2
        /// The features of the previous tag with the word, when that tag is `O`.
        case ownAfterOutside
        /// What the word gives the next token's previous-tag features when its own tag is `O`.
        case asBefore1AfterOutside
        /// What the word gives the previous token's previous-tag features when the tag before
        /// that token is `O`.
        case asAfter1AfterOutside

        /// Writes the buckets of the part's features for word `t` into `out`; returns how many.
        @inline(__always)
        func extract(_ t: NERTokenInfo, shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int {
            switch self {
            case .own: NERFeatures.extractOwnInside(t, shift: shift, into: out)
            case .asBefore2: NERFeatures.extractNeighbour(t, .before2, shift: shift, into: out)
            case .asBefore1: NERFeatures.extractNeighbour(t, .before1, shift: shift, into: out)
            case .asAfter1: NERFeatures.extractNeighbour(t, .after1, shift: shift, into: out)
            case .asAfter2: NERFeatures.extractNeighbour(t, .after2, shift: shift, into: out)
            case .ownAfterOutside: NERFeatures.extractTagWord(t, previous: 0, shift: shift, into: out)
            case .asBefore1AfterOutside: NERFeatures.extractTagNeighbour(t, .before1, previous: 0, shift: shift, into: out)
            case .asAfter1AfterOutside: NERFeatures.extractTagNeighbour(t, .after1, previous: 0, shift: shift, into: out)
            }
        }
    }

    /// The number of ``Part``s.
    static let partCount = Part.allCases.count

    private let tagCount: Int
    /// `Part.allCases.count × tagCount`, rounded up to 8 scores.
    private let stride: Int
    /// Three words per slot: the word's exact hash, its lexicon bits, its casing traits and seen
    /// labels; `lexicon` is all ones in an empty slot (a value no token has).
    private let keys: UnsafeMutablePointer<UInt64>
    /// Per pair of slots (two ways of one set), the way used last.
    private let recent: UnsafeMutablePointer<UInt8>
    private let vectors: UnsafeMutablePointer<Int32>
    /// The scores a token receives from each missing neighbour (before the sentence starts or
    /// after it ends): the four of ``NERNeighbour`` in `allCases` order, then the previous-tag
    /// feature of the missing ``NERNeighbour/after1`` when the previous tag is `O` (the first
    /// token, the only one with no token before it, has no previous tag).
    private let absent: UnsafeMutablePointer<Int32>
    /// The two features of the previous tags alone, one vector per pair (previous tag, tag
    /// before it), each from `-1` (none) to `tagCount - 1`: `(tagCount + 1)²` vectors.
    private let tagPairs: UnsafeMutablePointer<Int32>
    /// Tokens whose joint features the tagger hashes before adding their rows.
    static let chunk = 8
    /// Room for the buckets of ``chunk`` tokens' features (``NERFeatures/capacity`` each), for
    /// the tagger.
    let features: UnsafeMutablePointer<Int>
    /// A copy of the model's ``NERTagSet/followers``.
    let followers: UnsafeMutablePointer<UInt16>
    /// The tagger's score rows, grown to the longest sentence yet.
    private var scoreRows: UnsafeMutablePointer<Int32>
    /// The capacity of ``scoreRows``.
    private var scoreCapacity = 0

    /// Creates an empty cache for `model`'s weights.
    init(model: NERModel) {
        tagCount = model.tagSet.count
        stride = (NERScoreCache.partCount * tagCount + 7) & ~7
        keys = .allocate(capacity: 3 * NERScoreCache.slotCount)
        recent = .allocate(capacity: NERScoreCache.slotCount / 2)
        recent.initialize(repeating: 0, count: NERScoreCache.slotCount / 2)
        for slot in 0..<NERScoreCache.slotCount { (keys + 3 * slot).initialize(repeating: 0, count: 3); keys[3 * slot + 1] = .max }
        // Left uninitialized: a slot's vectors are written when a word first takes it, so a
        // thread's cache costs memory only for the slots it uses.
        vectors = .allocate(capacity: stride * NERScoreCache.slotCount)
        absent = .allocate(capacity: 5 * tagCount)
        absent.initialize(repeating: 0, count: 5 * tagCount)
        tagPairs = .allocate(capacity: (tagCount + 1) * (tagCount + 1) * tagCount)
        tagPairs.initialize(repeating: 0, count: (tagCount + 1) * (tagCount + 1) * tagCount)
        features = .allocate(capacity: NERFeatures.capacity * NERScoreCache.chunk)
        followers = .allocate(capacity: model.tagSet.followers.count)
        _ = UnsafeMutableBufferPointer(start: followers, count: model.tagSet.followers.count)
            .initialize(from: model.tagSet.followers)
        scoreRows = .allocate(capacity: 0)
        withUnsafeTemporaryAllocation(of: Int.self, capacity: NERFeatures.capacity) { buffer in
            let features = buffer.baseAddress!, shift = model.shift
            for (index, neighbour) in NERNeighbour.allCases.enumerated() {
                let count = NERFeatures.extractNeighbour(nil, neighbour, shift: shift, into: features)
                model.addRows(features, count, to: absent + index * tagCount)
            }
            let count = NERFeatures.extractTagNeighbour(nil, .after1, previous: 0, shift: shift, into: features)
            model.addRows(features, count, to: absent + 4 * tagCount)
            for previous in -1..<tagCount {
                for previous2 in -1..<tagCount {
                    let count = NERFeatures.extractTags(previous: previous, previous2: previous2, shift: shift,
                                                        into: features)
                    model.addRows(features, count,
                                  to: UnsafeMutablePointer(mutating: tagPair(previous: previous, previous2: previous2)))
                }
            }
        }
    }

    deinit {
        keys.deallocate()
        recent.deallocate()
        vectors.deallocate()
        absent.deallocate()
        tagPairs.deallocate()
        features.deallocate()
        followers.deallocate()
        scoreRows.deallocate()
    }

    /// Room for `count` scores, uninitialized, valid until the next call.
    @inline(__always)
    func scores(count: Int) -> UnsafeMutablePointer<Int32> {
        if count > scoreCapacity {
            scoreRows.deallocate()
            scoreCapacity = max(count, 2 * scoreCapacity)
            scoreRows = .allocate(capacity: scoreCapacity)
        }
        return scoreRows
    }

    /// The scores a token receives when `neighbour` is outside the sentence.
    @inline(__always)
    func absent(_ neighbour: NERNeighbour) -> UnsafePointer<Int32> {
        let index = neighbour.rawValue < 0 ? neighbour.rawValue + 2 : neighbour.rawValue + 1
        return UnsafePointer(absent + index * tagCount)
    }

    /// The previous-tag scores the last token receives for the missing token after it, when its
    /// previous tag is `O`.
    @inline(__always)
    func absentNextAfterOutside() -> UnsafePointer<Int32> { UnsafePointer(absent + 4 * tagCount) }

    /// The scores of the two features of the previous tags alone when the previous tag is
    /// `previous` and the one before it `previous2` (each `-1` when none).
    @inline(__always)
    func tagPair(previous: Int, previous2: Int) -> UnsafePointer<Int32> {
        UnsafePointer(tagPairs + ((previous + 1) * (tagCount + 1) + previous2 + 1) * tagCount)
    }

    /// The slot of word `t`: its vectors (see ``Part``), valid until the next call, and whether
    /// they hold its sums. When they do not (a miss), the slot — the way of its pair used less
    /// recently — is now the word's, and the caller sums its vectors there before the next call.
    @inline(__always)
    func slot(of t: UnsafePointer<NERTokenInfo>) -> (vectors: UnsafeMutablePointer<Int32>, filled: Bool) {
        let exact = t.pointee.exact
        let lexicon = t.pointee.lexicon & NERFeatures.lexiconFeatureBits
        let known = UInt64(t.pointee.traits & NERFeatures.casingTraits) | UInt64(t.pointee.seen) << 16
        let pair = Int(truncatingIfNeeded: ((exact ^ lexicon ^ known &<< 40) &* 0x9E37_79B9_7F4A_7C15)
            >> UInt64(65 - NERScoreCache.slotBits))
        var slot = 2 * pair
        var filled = true
        if !matches(slot, exact, lexicon, known) {
            slot += 1
            if !matches(slot, exact, lexicon, known) {
                // Replace the way of the pair used least recently.
                slot = 2 * pair + (recent[pair] == 0 ? 1 : 0)
                let key = keys + 3 * slot
                key[0] = exact
                key[1] = lexicon
                key[2] = known
                filled = false
            }
        }
        recent[pair] = UInt8(slot & 1)
        return (vectors + slot * stride, filled)
    }

    /// Whether slot `slot` holds the word with these keys.
    @inline(__always)
    private func matches(_ slot: Int, _ exact: UInt64, _ lexicon: UInt64, _ known: UInt64) -> Bool {
        let key = keys + 3 * slot
        return key[0] == exact && key[1] == lexicon && key[2] == known
    }}
