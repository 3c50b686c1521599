// Trawl — NERFeatures.swift
// BIO/BILOU tag sets, the hashed feature templates and the training vocabulary of the entity tagger.

/// The tagging scheme of an entity tagger: BIO (begin, inside) or BILOU (begin, inside, last,
/// unit). BIO is the default: with greedy decoding it measured better on the development sets,
/// and it has half the tags, so it is faster.
public enum NERTagScheme: UInt32, Sendable, CaseIterable {
    /// Begin, inside, last, unit-length, outside.
    case bilou = 4
    /// Begin, inside, outside.
    case bio = 2
}

/// The tags over a list of entity labels: tag 0 is `O`, then one tag per position (`B`, `I`, and
/// for BILOU `L`, `U`) for each label.
struct NERTagSet: Sendable {
    /// The entity labels (`PER`, `ORG`, `LOC`, `MISC`).
    let labels: [String]
    /// The scheme.
    let scheme: NERTagScheme
    /// `1 + positions × labels.count`.
    let count: Int
    /// `allowed[previous × count + tag]`: whether `tag` may follow `previous` (`previous == count`
    /// stands for the sentence start).
    let allowed: [Bool]
    /// Whether a tag may end a sentence (BILOU: not `B` or `I`).
    let canEnd: [Bool]
    /// The tags allowed after each previous tag, ascending, for decoding: list
    /// `2 × previous + (last ? 1 : 0)` (`previous == count` at the sentence start; `last` for the
    /// sentence's last token, which must be a tag of ``canEnd``) starts at `list × (count + 1)`
    /// with the number of tags, then the tags.
    let followers: [UInt16]
    private let positions: Int

    /// Creates the tag set of `labels`.
    init(labels: [String], scheme: NERTagScheme) {
        self.labels = labels
        self.scheme = scheme
        let positions = Int(scheme.rawValue)
        self.positions = positions
        let count = 1 + positions * labels.count
        self.count = count
        func position(_ tag: Int) -> Int { (tag - 1) % positions }
        func label(_ tag: Int) -> Int { (tag - 1) / positions }
        var allowed = Array(repeating: false, count: (count + 1) * count)
        for previous in 0...count {
            let open = previous != count && previous != 0 && position(previous) <= 1
            for tag in 0..<count {
                let continues = tag != 0 && (position(tag) == 1 || position(tag) == 2)
                    && open && label(tag) == label(previous)
                let starts = tag == 0 || position(tag) == 0 || position(tag) == 3
                allowed[previous * count + tag] = scheme == .bio ? (starts || continues)
                    : (open ? continues : starts)
            }
        }
        self.allowed = allowed
        let canEnd = (0..<count).map { scheme == .bio || $0 == 0 || position($0) >= 2 }
        self.canEnd = canEnd
        var followers = [UInt16]()
        for previous in 0...count {
            for last in [false, true] {
                let tags = (0..<count).filter { allowed[previous * count + $0] && (!last || canEnd[$0]) }
                followers.append(UInt16(tags.count))
                followers += tags.map { UInt16($0) }
                followers += repeatElement(0, count: count - tags.count)
            }
        }
        self.followers = followers
    }

    /// The position of a non-`O` tag: 0 `B`, 1 `I`, 2 `L`, 3 `U`.
    @inline(__always) func position(_ tag: Int) -> Int { (tag - 1) % positions }
    /// The label index of a non-`O` tag.
    @inline(__always) func label(_ tag: Int) -> Int { (tag - 1) / positions }
    /// The tag of `label` at `position` (`L` and `U` become `I` and `B` in BIO).
    @inline(__always) func tag(label: Int, position: Int) -> Int {
        1 + positions * label + (positions == 4 ? position : (position == 1 || position == 2 ? 1 : 0))
    }

    /// The tags for `count` tokens with entity `spans` (token ranges and label indices).
    func tags(count: Int, spans: [NERSpan]) -> [Int] {
        var tags = Array(repeating: 0, count: count)
        for span in spans where span.end > span.start {
            if span.end - span.start == 1 {
                tags[span.start] = tag(label: span.label, position: 3)
            } else {
                tags[span.start] = tag(label: span.label, position: 0)
                for i in (span.start + 1)..<(span.end - 1) { tags[i] = tag(label: span.label, position: 1) }
                tags[span.end - 1] = tag(label: span.label, position: 2)
            }
        }
        return tags
    }

    /// Decodes tags into spans, leniently (an unfinished entity ends where the next starts).
    func spans(_ tags: UnsafeBufferPointer<Int32>, offset: Int = 0, into spans: inout [NERSpan]) {
        var open = -1, openLabel = -1
        for i in 0..<tags.count {
            let tag = Int(tags[i])
            if tag == 0 {
                if open >= 0 { spans.append(NERSpan(start: offset + open, end: offset + i, label: openLabel)) }
                open = -1
                continue
            }
            let position = position(tag), label = label(tag)
            if open >= 0, position == 0 || position == 3 || label != openLabel {
                spans.append(NERSpan(start: offset + open, end: offset + i, label: openLabel))
                open = -1
            }
            if open < 0 { open = i; openLabel = label }
            if position >= 2 {
                spans.append(NERSpan(start: offset + open, end: offset + i + 1, label: openLabel))
                open = -1
            }
        }
        if open >= 0 { spans.append(NERSpan(start: offset + open, end: offset + tags.count, label: openLabel)) }
    }
}

/// An entity span over tokens: `start..<end` and a label index.
struct NERSpan: Hashable, Sendable {
    /// First token.
    var start: Int
    /// One past the last token.
    var end: Int
    /// Index into the tag set's labels.
    var label: Int
}

/// The feature templates: each feature is a template seed mixed with a value hash, reduced to a
/// bucket of the weight table. Extraction writes bucket indices into a caller's buffer and
/// allocates nothing.
enum NERFeatures {
    /// The most features one token can have.
    static let capacity = 64

    /// The bucket of a feature's `hash`: its top `64 - shift` bits. `shift` is below 64 (there
    /// are at least 8 hash bits), so the unchecked shift `&>>` gives the same result.
    @inline(__always)
    static func bucket(of hash: UInt64, shift: UInt64) -> Int { Int(truncatingIfNeeded: hash &>> shift) }

    // Template seeds (arbitrary distinct constants).
    private static let bias: UInt64 = 1, word: UInt64 = 2, prefix1: UInt64 = 3, prefix2: UInt64 = 4
    private static let prefix3: UInt64 = 5, prefix4: UInt64 = 6, suffix1: UInt64 = 7, suffix2: UInt64 = 8
    private static let suffix3: UInt64 = 9, suffix4: UInt64 = 10, shape: UInt64 = 11, shortShape: UInt64 = 12
    private static let wordM1: UInt64 = 13, wordP1: UInt64 = 14, wordM2: UInt64 = 15, wordP2: UInt64 = 16
    private static let shapeM1: UInt64 = 17, shapeP1: UInt64 = 18, shortM2: UInt64 = 19, shortP2: UInt64 = 20
    private static let bigramLeft: UInt64 = 21, bigramRight: UInt64 = 22, shapeTrigram: UInt64 = 23
    private static let previousTag: UInt64 = 24, previousTags: UInt64 = 25, previousTagWord: UInt64 = 26
    private static let previousTagShape: UInt64 = 27, position: UInt64 = 28, lexiconBit: UInt64 = 29
    private static let lexiconM1: UInt64 = 30, lexiconP1: UInt64 = 31, lexiconShape: UInt64 = 32
    private static let wordM1Shape: UInt64 = 33, shapeWordP1: UInt64 = 34, previousTagSuffix: UInt64 = 35
    private static let previousTagWordM1: UInt64 = 36, casing: UInt64 = 37, casingM1: UInt64 = 38
    private static let casingP1: UInt64 = 39, suffixM1: UInt64 = 40, suffixP1: UInt64 = 41
    private static let surrounding: UInt64 = 42, previousTagWordP1: UInt64 = 43
    private static let seen: UInt64 = 44, seenM1: UInt64 = 45, seenP1: UInt64 = 46

    /// The lexicon bits used as features: all lists but those that only drive rules (name
    /// particles, organisation nouns, contracted organisation names); measured on the
    /// development sets. Rule-only lists can change without retraining.
    static let lexiconFeatureBits: UInt64 = ~(EntityLexiconClass.nameParticle.tokenBits
        | EntityLexiconClass.organizationNoun.tokenBits | EntityLexiconClass.organizationAfterContraction.tokenBits)

    /// The traits that describe a token's casing against the vocabulary.
    static let casingTraits = NERTokenInfo.isCapitalized | NERTokenInfo.isAllCaps
        | NERTokenInfo.isKnownLowercase | NERTokenInfo.isLowercase

    // Values standing for positions outside the sentence.
    private static let before1: UInt64 = 0xB0F1, before2: UInt64 = 0xB0F2
    private static let after1: UInt64 = 0xE0F1, after2: UInt64 = 0xE0F2

    /// Writes the bucket of every feature of token `i` into `out` and returns how many: the
    /// features of ``extractStatic(_:_:shift:into:)`` then those of
    /// ``extractDynamic(_:_:previous:previous2:shift:into:)``.
    ///
    /// - Parameters:
    ///   - infos: the sentence's tokens.
    ///   - i: the token.
    ///   - previous: the tag of token `i - 1` (`-1` at the start).
    ///   - previous2: the tag of token `i - 2` (`-1` when none).
    ///   - shift: `64 - hashBits`: a feature's bucket is its hash's top `hashBits` bits.
    ///   - out: room for ``capacity`` buckets.
    @inline(__always)
    static func extract(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, previous: Int, previous2: Int,
                        shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int
    {
        let k = extractStatic(infos, i, shift: shift, into: out)
        return k + extractDynamic(infos, i, previous: previous, previous2: previous2, shift: shift, into: out + k)
    }

    /// The number of features ``extractDynamic(_:_:previous:previous2:shift:into:)`` writes.
    static let dynamicCount = 7

    /// Writes the buckets of the features of token `i` that depend on the previous tags (there
    /// are ``dynamicCount``) into `out`, and returns how many: the tags themselves, then the
    /// previous tag with the word, and with each word next to it.
    @inline(__always)
    static func extractDynamic(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, previous: Int, previous2: Int,
                               shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int
    {
        let k = extractTags(previous: previous, previous2: previous2, shift: shift, into: out)
        return k + extractTagWords(infos, i, previous: previous, shift: shift, into: out + k)
    }

    /// Writes the buckets of the five features of the previous tag with the words — token `i`'s
    /// own (word, shape, suffix) and those of the tokens just before and after it — into `out`,
    /// and returns how many: ``extractDynamic(_:_:previous:previous2:shift:into:)`` without the
    /// two features of the tags alone.
    @inline(__always)
    static func extractTagWords(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, previous: Int,
                                shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int
    {
        var k = extractTagWord(infos[i], previous: previous, shift: shift, into: out)
        k += extractTagNeighbour(i >= 1 ? infos[i - 1] : nil, .before1, previous: previous, shift: shift, into: out + k)
        k += extractTagNeighbour(i + 1 < infos.count ? infos[i + 1] : nil, .after1, previous: previous, shift: shift,
                                 into: out + k)
        return k
    }

    /// Writes the buckets of the two features of the previous tags alone into `out`.
    @inline(__always)
    static func extractTags(previous: Int, previous2: Int, shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int {
        let previousValue = UInt64(bitPattern: Int64(previous))
        out[0] = bucket(of: NERHash.mix(previousTag, previousValue), shift: shift)
        out[1] = bucket(of: NERHash.mix(previousTags, NERHash.mix(UInt64(bitPattern: Int64(previous2)), previousValue)),
                        shift: shift)
        return 2
    }

    /// Writes the buckets of the three features of the previous tag with token `t` (its word,
    /// shape and suffix) into `out`.
    @inline(__always)
    static func extractTagWord(_ t: NERTokenInfo, previous: Int, shift: UInt64,
                               into out: UnsafeMutablePointer<Int>) -> Int
    {
        let previousValue = UInt64(bitPattern: Int64(previous))
        out[0] = bucket(of: NERHash.mix(previousTagWord, NERHash.mix(previousValue, t.lower)), shift: shift)
        out[1] = bucket(of: NERHash.mix(previousTagShape, NERHash.mix(previousValue, t.shortShape)), shift: shift)
        out[2] = bucket(of: NERHash.mix(previousTagSuffix, NERHash.mix(previousValue, t.suffix.2)), shift: shift)
        return 3
    }

    /// Writes the bucket of the feature of the previous tag with the word of neighbour `x`
    /// (``NERNeighbour/before1`` or ``NERNeighbour/after1``; `nil` outside the sentence) into `out`.
    @inline(__always)
    static func extractTagNeighbour(_ x: NERTokenInfo?, _ neighbour: NERNeighbour, previous: Int, shift: UInt64,
                                    into out: UnsafeMutablePointer<Int>) -> Int
    {
        let before = neighbour == .before1
        let value = x?.lower ?? (before ? before1 : after1)
        let mixed = NERHash.mix(UInt64(bitPattern: Int64(previous)), value)
        out[0] = bucket(of: NERHash.mix(before ? previousTagWordM1 : previousTagWordP1, mixed), shift: shift)
        return 1
    }

    /// Writes the buckets of the features of token `i` that do not depend on the tags (at most
    /// ``capacity`` − ``dynamicCount``) into `out`, and returns how many. They can be scored for
    /// a whole sentence before decoding.
    ///
    /// They are the token's own features, the features that describe each neighbour within two
    /// tokens (or its absence), and the features that join the token with its neighbours or its
    /// place in the sentence: three groups, so that ``NERScoreCache`` can sum the first two per
    /// word once and reuse the sums.
    @inline(__always)
    static func extractStatic(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, shift: UInt64,
                              into out: UnsafeMutablePointer<Int>) -> Int
    {
        let n = infos.count
        var k = extractOwn(infos[i], shift: shift, into: out)
        for neighbour in NERNeighbour.allCases {
            let j = i + neighbour.rawValue
            k += extractNeighbour(j >= 0 && j < n ? infos[j] : nil, neighbour, shift: shift, into: out + k)
        }
        return k + extractContext(infos, i, shift: shift, into: out + k)
    }

    /// The most features ``extractOwn(_:shift:into:)`` writes before it stops adding lexicon
    /// bits: with ``lexiconShape``, the ``neighbourCount`` neighbour features, the
    /// ``contextCount`` context features and the ``dynamicCount`` dynamic ones, a token never has
    /// more than ``capacity`` features.
    static let ownLimit = 30
    /// The number of features ``extractNeighbour(_:_:shift:into:)`` writes for all four
    /// neighbours.
    static let neighbourCount = 16
    /// The number of features ``extractContext(_:_:shift:into:)`` writes.
    static let contextCount = 9

    /// Writes the buckets of the features of token `t` alone (its word, affixes, shapes, what
    /// the vocabulary and the lexicons say of it) into `out`, and returns how many.
    @inline(__always)
    static func extractOwn(_ t: NERTokenInfo, shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int {
        var k = 0
        @inline(__always) func add(_ template: UInt64, _ value: UInt64) {
            out[k] = bucket(of: NERHash.mix(template, value), shift: shift)
            k += 1
        }
        add(word, t.lower)
        if t.prefix.0 != 0 { add(prefix1, t.prefix.0) }
        if t.prefix.1 != 0 { add(prefix2, t.prefix.1) }
        if t.prefix.2 != 0 { add(prefix3, t.prefix.2) }
        if t.prefix.3 != 0 { add(prefix4, t.prefix.3) }
        if t.suffix.0 != 0 { add(suffix1, t.suffix.0) }
        if t.suffix.1 != 0 { add(suffix2, t.suffix.1) }
        if t.suffix.2 != 0 { add(suffix3, t.suffix.2) }
        if t.suffix.3 != 0 { add(suffix4, t.suffix.3) }
        add(shape, t.shape)
        add(shortShape, t.shortShape)
        add(seen, NERHash.mix(UInt64(t.seen), t.shortShape))
        let lexicon = t.lexicon & lexiconFeatureBits
        var bits = lexicon
        while bits != 0, k < ownLimit {
            add(lexiconBit, UInt64(bits.trailingZeroBitCount))
            bits &= bits - 1
        }
        add(lexiconShape, NERHash.mix(lexicon, t.shortShape))
        return k
    }

    /// Writes the buckets of the features that describe neighbour `x` of a token (`nil` when the
    /// sentence ends before it) into `out`, and returns how many: six for the tokens next to it,
    /// two for those two away.
    @inline(__always)
    static func extractNeighbour(_ x: NERTokenInfo?, _ neighbour: NERNeighbour, shift: UInt64,
                                 into out: UnsafeMutablePointer<Int>) -> Int
    {
        @inline(__always) func bucket(_ template: UInt64, _ value: UInt64) -> Int {
            NERFeatures.bucket(of: NERHash.mix(template, value), shift: shift)
        }
        switch neighbour {
        case .before2, .after2:
            let before = neighbour == .before2, outside = before ? before2 : after2
            out[0] = bucket(before ? wordM2 : wordP2, x?.lower ?? outside)
            out[1] = bucket(before ? shortM2 : shortP2, x?.shortShape ?? outside)
            return 2
        case .before1, .after1:
            let before = neighbour == .before1, outside = before ? before1 : after1
            out[0] = bucket(before ? wordM1 : wordP1, x?.lower ?? outside)
            out[1] = bucket(before ? shapeM1 : shapeP1, x?.shape ?? outside)
            out[2] = bucket(before ? casingM1 : casingP1, UInt64(x.map { $0.traits & casingTraits } ?? 0xFFFF))
            out[3] = bucket(before ? seenM1 : seenP1, UInt64(x?.seen ?? 0xFF) | 0x100)
            out[4] = bucket(before ? suffixM1 : suffixP1, x?.suffix.2 ?? outside)
            out[5] = bucket(before ? lexiconM1 : lexiconP1, x.map { $0.lexicon & lexiconFeatureBits } ?? outside)
            return 6
        }
    }

    /// Writes the buckets of the features that join token `i` with its neighbours or its place
    /// in the sentence (``contextCount`` of them, the bias among them) into `out`, and returns how
    /// many: the bias, three of ``extractJoint(_:_:shift:into:)``, the two of
    /// ``extractPlace(_:place:shift:into:)``, the other three joint ones.
    @inline(__always)
    static func extractContext(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, shift: UInt64,
                               into out: UnsafeMutablePointer<Int>) -> Int
    {
        out[0] = biasBucket(shift: shift)
        _ = extractJoint(infos, i, shift: shift, into: out + 1)
        (out[6], out[7], out[8]) = (out[4], out[5], out[6])
        _ = extractPlace(infos[i], place: place(i, count: infos.count), shift: shift, into: out + 4)
        return contextCount
    }

    /// The bucket of the bias feature, which every token has.
    @inline(__always)
    static func biasBucket(shift: UInt64) -> Int { bucket(of: NERHash.mix(bias, 0), shift: shift) }

    /// The number of features ``extractJoint(_:_:shift:into:)`` writes.
    static let jointCount = 6

    /// Writes the buckets of the features that join token `i` with its neighbours (``jointCount``
    /// of them: the two word bigrams, the shape trigram, the two words around it, the word before
    /// with its shape, its shape with the word after) into `out`, and returns how many.
    @inline(__always)
    static func extractJoint(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, shift: UInt64,
                             into out: UnsafeMutablePointer<Int>) -> Int
    {
        var bigram = leftBigram(infos, i)
        return extractJoint(infos, i, shift: shift, into: out, bigram: &bigram)
    }

    /// The word before token `i` (or the sentence start) mixed with its word: what its left bigram
    /// feature hashes.
    @inline(__always)
    static func leftBigram(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int) -> UInt64 {
        NERHash.mix(i >= 1 ? infos[i - 1].lower : before1, infos[i].lower)
    }

    /// ``extractJoint(_:_:shift:into:)`` given token `i`'s ``leftBigram(_:_:)`` in `bigram`, which
    /// it sets to the word mixed with the next one (or the sentence end): what the right bigram
    /// hashes, and the next token's left bigram, so a tagger going left to right mixes each
    /// bigram once.
    @inline(__always)
    static func extractJoint(_ infos: UnsafeBufferPointer<NERTokenInfo>, _ i: Int, shift: UInt64,
                             into out: UnsafeMutablePointer<Int>, bigram: inout UInt64) -> Int
    {
        @inline(__always) func bucket(_ template: UInt64, _ value: UInt64) -> Int {
            NERFeatures.bucket(of: NERHash.mix(template, value), shift: shift)
        }
        let n = infos.count
        let t = infos[i]
        let wordM1Value = i >= 1 ? infos[i - 1].lower : before1, wordP1Value = i + 1 < n ? infos[i + 1].lower : after1
        let shortM1 = i >= 1 ? infos[i - 1].shortShape : before1, shortP1 = i + 1 < n ? infos[i + 1].shortShape : after1
        out[0] = bucket(bigramLeft, bigram)
        bigram = NERHash.mix(t.lower, wordP1Value)
        out[1] = bucket(bigramRight, bigram)
        out[2] = bucket(shapeTrigram, NERHash.mix(NERHash.mix(shortM1, t.shortShape), shortP1))
        out[3] = bucket(surrounding, NERHash.mix(wordM1Value, wordP1Value))
        out[4] = bucket(wordM1Shape, NERHash.mix(wordM1Value, t.shortShape))
        out[5] = bucket(shapeWordP1, NERHash.mix(t.shortShape, wordP1Value))
        return jointCount
    }

    /// The place of token `i` of `n` in its sentence, as ``extractPlace(_:place:shift:into:)``
    /// takes it: 0 for the first token, 2 for the last, ``insidePlace`` between.
    @inline(__always)
    static func place(_ i: Int, count n: Int) -> UInt64 { i == 0 ? 0 : (i == n - 1 ? 2 : insidePlace) }

    /// The place of a token that neither starts nor ends its sentence (most tokens).
    static let insidePlace: UInt64 = 1

    /// Writes the buckets of the two features of token `t` at `place` (see
    /// ``place(_:count:)``) in its sentence — with its short shape, with its casing — into `out`,
    /// and returns how many.
    @inline(__always)
    static func extractPlace(_ t: NERTokenInfo, place: UInt64, shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int {
        out[0] = bucket(of: NERHash.mix(position, NERHash.mix(place, t.shortShape)), shift: shift)
        out[1] = bucket(of: NERHash.mix(casing, NERHash.mix(UInt64(t.traits & casingTraits), place)), shift: shift)
        return 2
    }

    /// Writes the buckets of the features of token `t` that depend on that word alone when it is
    /// inside its sentence into `out`, and returns how many: those of
    /// ``extractOwn(_:shift:into:)``, the bias, and ``extractPlace(_:place:shift:into:)`` at
    /// ``insidePlace``. ``NERScoreCache`` sums them per word; the tagger corrects the first and
    /// last tokens.
    @inline(__always)
    static func extractOwnInside(_ t: NERTokenInfo, shift: UInt64, into out: UnsafeMutablePointer<Int>) -> Int {
        var k = extractOwn(t, shift: shift, into: out)
        out[k] = biasBucket(shift: shift)
        k += 1
        return k + extractPlace(t, place: insidePlace, shift: shift, into: out + k)
    }
}

/// A neighbour of a token within two tokens; the raw value is its offset.
enum NERNeighbour: Int, CaseIterable {
    /// Two tokens before.
    case before2 = -2
    /// The token before.
    case before1 = -1
    /// The token after.
    case after1 = 1
    /// Two tokens after.
    case after2 = 2
}

/// What a model learnt about words from its training data, by hash: which words it saw written
/// in lower case (a capitalised word whose lower-case form is common, "Cependant", is rarely a
/// name), and which labels each word had (a prior for rare words).
struct NERVocabulary: Sendable, Hashable {
    /// `2^bits` entries.
    static let bits = 20
    /// The number of 64-bit words of the lower-case bit set.
    static let wordCount = (1 << bits) / 64
    /// The lower-case bit set.
    private(set) var words: [UInt64]
    /// The labels seen per word hash (bit `label`, bit 7 outside entities).
    private(set) var labels: [UInt8]

    /// Creates an empty vocabulary.
    init() {
        words = Array(repeating: 0, count: NERVocabulary.wordCount)
        labels = Array(repeating: 0, count: 1 << NERVocabulary.bits)
    }

    /// Creates a vocabulary from its stored parts.
    init(words: [UInt64], labels: [UInt8]) {
        self.words = words
        self.labels = labels
    }

    @inline(__always) private static func bit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - bits)) }

    /// Adds the lower-case tokens of `infos`, and the labels of `tags` (decoded with `tagSet`).
    mutating func learn(_ infos: [NERTokenInfo], tags: [Int32], tagSet: NERTagSet) {
        for (info, tag) in zip(infos, tags) {
            let bit = NERVocabulary.bit(info.lower)
            if info.has(NERTokenInfo.isLowercase) { words[bit >> 6] |= 1 << UInt64(bit & 63) }
            labels[bit] |= tag == 0 ? 0x80 : 1 << UInt8(tagSet.label(Int(tag)))
        }
    }

    /// Adds the words and labels of `other`.
    mutating func formUnion(_ other: NERVocabulary) {
        words.withUnsafeMutableBufferPointer { mine in
            other.words.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] |= theirs[i] }
            }
        }
        labels.withUnsafeMutableBufferPointer { mine in
            other.labels.withUnsafeBufferPointer { theirs in
                for i in 0..<mine.count { mine[i] |= theirs[i] }
            }
        }
    }

    /// Sets ``NERTokenInfo/isKnownLowercase`` on the capitalised tokens whose folded form is in the
    /// vocabulary (lower-case tokens are left alone: in training they would all be known), and
    /// ``NERTokenInfo/seen`` on every token.
    func mark(_ infos: UnsafeMutableBufferPointer<NERTokenInfo>) {
        for i in 0..<infos.count { mark(&infos[i]) }
    }

    /// Marks one token the way the buffer version above marks each.
    @inline(__always)
    func mark(_ info: inout NERTokenInfo) {
        let bit = NERVocabulary.bit(info.lower)
        info.seen = labels[bit]
        if info.has(NERTokenInfo.isCapitalized), words[bit >> 6] & (1 << UInt64(bit & 63)) != 0 {
            info.traits |= NERTokenInfo.isKnownLowercase
        }
    }
}
