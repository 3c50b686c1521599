// Trawl — NERModel.swift
// A trained entity tagger: quantised hashed weights, greedy BIO decoding, binary file I/O.

import Foundation
import Trawl

/// Why a tagger model could not be read or written.
public struct NERModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// A readable explanation.
    public var description: String { message }
    /// Creates an error.
    public init(_ message: String) { self.message = message }
}

/// A trained averaged-perceptron entity tagger for one language.
///
/// Weights live in a hashed table of `2^hashBits` rows, one `Int16` per tag, shared
/// read-only by every worker. Decoding is greedy, left to right, with the previous two tags as
/// features and the scheme's transitions enforced.
public struct NERModel: Sendable {
    /// The language the model was trained on.
    public let language: Language
    /// The entity labels it predicts (`PER`, `ORG`, `LOC`, `MISC`).
    public var labels: [String] { tagSet.labels }
    /// The number of hash bits: the weight table has `2^hashBits` rows.
    public let hashBits: Int

    let tagSet: NERTagSet
    /// Row-major `2^hashBits × tagSet.count` weights.
    let weights: [Int16]
    /// The words seen in lower case in the training data.
    let vocabulary: NERVocabulary
    /// The per-thread sums of word features (``NERScoreCache``), made as threads need them.
    let scoreCaches: CachePool<NERScoreCache>

    /// Creates a model from its parts.
    init(language: Language, tagSet: NERTagSet, hashBits: Int, weights: [Int16], vocabulary: NERVocabulary) {
        self.language = language
        self.hashBits = hashBits
        self.tagSet = tagSet
        self.weights = weights
        self.vocabulary = vocabulary
        scoreCaches = CachePool()
        precondition(weights.count == (1 << hashBits) * tagSet.count, "weight table size mismatch")
    }

    /// Quantises float weights to `Int16` (scaled so the largest magnitude maps to 32,767).
    init(language: Language, tagSet: NERTagSet, hashBits: Int, floatWeights: [Float], vocabulary: NERVocabulary) {
        let largest = floatWeights.reduce(Float(0)) { max($0, abs($1)) }
        let scale = largest > 0 ? 32_767 / largest : 1
        let quantised = floatWeights.map { Int16(clamping: Int(($0 * scale).rounded())) }
        self.init(language: language, tagSet: tagSet, hashBits: hashBits, weights: quantised, vocabulary: vocabulary)
    }

    // MARK: Tagging

    /// Tags the tokens `infos` (one sentence), writing one tag per token into `tags`.
    ///
    /// Two passes: first every token's scores from the features that do not depend on the tags
    /// — the word features summed once per word by a ``NERScoreCache`` (with the bias and the
    /// place features of a token inside the sentence, corrected for the first and last tokens),
    /// then the joint features of each token with its neighbours, whose rows are fetched for
    /// several tokens at once so that the processor overlaps their cache misses — then greedy
    /// decoding, which adds the few features of the previous tags and picks the best allowed tag.
    /// Integer sums (wrapping, so a subtraction undoes an addition exactly): the result is the
    /// same as scoring each token's features one by one.
    func tag(_ infos: UnsafeBufferPointer<NERTokenInfo>, into tags: UnsafeMutableBufferPointer<Int32>) {
        tag(infos, sentences: CollectionOfOne(0..<infos.count), into: tags)
    }

    /// Tags each sentence of `sentences` (ranges of token indices) of the tokens `infos` as
    /// ``tag(_:into:)`` does, writing the tags of a sentence's tokens at their indices in `tags`:
    /// one ``NERScoreCache`` checked out for them all.
    func tag(_ infos: UnsafeBufferPointer<NERTokenInfo>, sentences: some Sequence<Range<Int>>,
             into tags: UnsafeMutableBufferPointer<Int32>) {
        scoreCaches.withCache(making: { NERScoreCache(model: self) }) { cache in
            weights.withUnsafeBufferPointer { table in
                for sentence in sentences {
                    let sentenceInfos = UnsafeBufferPointer(rebasing: infos[sentence])
                    let sentenceTags = UnsafeMutableBufferPointer(rebasing: tags[sentence])
                    // The shipped models have 9 tags (BIO, four labels): a copy of the loops for
                    // that count lets the compiler make each vector add one `SIMD8` add and one
                    // scalar add.
                    if tagSet.count == 9 {
                        tag(sentenceInfos, into: sentenceTags, cache: cache, table: table, tagCount: 9)
                    } else {
                        tag(sentenceInfos, into: sentenceTags, cache: cache, table: table, tagCount: tagSet.count)
                    }
                }
            }
        }
    }

    /// ``tag(_:into:)`` with `cache`, the weight `table` and `tagCount` (`tagSet.count`) tags:
    /// inlined, and without closures, so that a constant count specialises all its loops.
    @inline(__always)
    private func tag(_ infos: UnsafeBufferPointer<NERTokenInfo>, into tags: UnsafeMutableBufferPointer<Int32>,
                     cache: NERScoreCache, table: UnsafeBufferPointer<Int16>, tagCount: Int) {
        let n = infos.count
        let shift = self.shift
        let chunk = NERScoreCache.chunk, jointCount = NERFeatures.jointCount
        let features = cache.features, followers = cache.followers
        let scores = cache.scores(count: 2 * n * tagCount)
        // The previous-tag scores of each token for when the tag before it is `O` (most
        // tokens): summed here from cached parts, off the decoding's critical path.
        let outside = scores + n * tagCount
        @inline(__always) func add(_ vector: UnsafePointer<Int32>, to row: UnsafeMutablePointer<Int32>) {
            addVector(vector, to: row, tagCount: tagCount)
        }
        @inline(__always) func part(_ part: NERScoreCache.Part) -> Int { part.rawValue * tagCount }
        // A token's rows are first written by the word two places before it (a copy, not an add),
        // so only the first two tokens' rows are cleared beforehand.
        for i in 0..<min(2, n) {
            (scores + i * tagCount).initialize(repeating: 0, count: tagCount)
            (outside + i * tagCount).initialize(repeating: 0, count: tagCount)
        }
        // Each word's cached parts go to the token itself and to its neighbours.
        for i in 0..<n {
            let token = infos.baseAddress! + i
            let (parts, filled) = cache.slot(of: token)
            if !filled { sumParts(of: token, into: parts, table: table, features: features, tagCount: tagCount) }
            if i + 2 < n {
                (scores + (i + 2) * tagCount).initialize(from: parts + part(.asBefore2), count: tagCount)
                (outside + (i + 2) * tagCount).initialize(repeating: 0, count: tagCount)
            }
            add(parts + part(.own), to: scores + i * tagCount)
            add(parts + part(.ownAfterOutside), to: outside + i * tagCount)
            if i >= 2 { add(parts + part(.asAfter2), to: scores + (i - 2) * tagCount) }
            if i >= 1 {
                add(parts + part(.asAfter1), to: scores + (i - 1) * tagCount)
                add(parts + part(.asAfter1AfterOutside), to: outside + (i - 1) * tagCount)
            }
            if i + 1 < n {
                add(parts + part(.asBefore1), to: scores + (i + 1) * tagCount)
                add(parts + part(.asBefore1AfterOutside), to: outside + (i + 1) * tagCount)
            }
        }
        // Neighbours past the sentence's ends.
        for i in 0..<min(2, n) { add(cache.absent(.before2), to: scores + i * tagCount) }
        if n > 0 {
            add(cache.absent(.before1), to: scores)
            add(cache.absent(.after1), to: scores + (n - 1) * tagCount)
            add(cache.absentNextAfterOutside(), to: outside + (n - 1) * tagCount)
        }
        for i in max(0, n - 2)..<n { add(cache.absent(.after2), to: scores + i * tagCount) }
        // Hash a chunk of tokens' joint features, then add their rows: a loop of loads and adds
        // only, so many rows are fetched at once. A token's right bigram is the next one's left.
        var bigram = n > 0 ? NERFeatures.leftBigram(infos, 0) : 0
        for first in stride(from: 0, to: n, by: chunk) {
            let end = min(first + chunk, n)
            for i in first..<end {
                _ = NERFeatures.extractJoint(infos, i, shift: shift, into: features + (i - first) * jointCount,
                                             bigram: &bigram)
            }
            for i in first..<end {
                addRows(table, features + (i - first) * jointCount, jointCount, to: scores + i * tagCount,
                        tagCount: tagCount)
            }
        }
        // The cached own vector holds the place features of a token inside the sentence: the
        // first and last tokens swap them for those of their place.
        @inline(__always) func replacePlace(_ i: Int) {
            let row = scores + i * tagCount
            var count = NERFeatures.extractPlace(infos[i], place: NERFeatures.insidePlace, shift: shift, into: features)
            addRows(table, features, count, to: row, tagCount: tagCount, negated: true)
            count = NERFeatures.extractPlace(infos[i], place: NERFeatures.place(i, count: n), shift: shift, into: features)
            addRows(table, features, count, to: row, tagCount: tagCount)
        }
        if n > 0 { replacePlace(0) }
        if n > 1 { replacePlace(n - 1) }
        var previous = -1, previous2 = -1
        for i in 0..<n {
            let row = scores + i * tagCount
            add(cache.tagPair(previous: previous, previous2: previous2), to: row)
            if previous == 0 {
                add(outside + i * tagCount, to: row)
            } else {
                let count = NERFeatures.extractTagWords(infos, i, previous: previous, shift: shift, into: features)
                addRows(table, features, count, to: row, tagCount: tagCount)
            }
            let last = i == n - 1 ? 1 : 0
            let allowed = followers + (2 * (previous < 0 ? tagCount : previous) + last) * (tagCount + 1)
            var best = 0
            var bestScore = Int32.min
            for tag in UnsafeBufferPointer(start: allowed + 1, count: Int(allowed[0])) {
                let t = Int(tag)
                if row[t] > bestScore { bestScore = row[t]; best = t }
            }
            tags[i] = Int32(best)
            previous2 = previous
            previous = best
        }
    }

    /// Sums the weight rows of word `t`'s features into its cache `vectors`: one vector of
    /// `tagCount` scores per ``NERScoreCache/Part``.
    @inline(__always)
    private func sumParts(of t: UnsafePointer<NERTokenInfo>, into vectors: UnsafeMutablePointer<Int32>,
                          table: UnsafeBufferPointer<Int16>, features: UnsafeMutablePointer<Int>, tagCount: Int) {
        vectors.initialize(repeating: 0, count: NERScoreCache.partCount * tagCount)
        for raw in 0..<NERScoreCache.partCount {
            let part = NERScoreCache.Part(rawValue: raw)!
            addRows(table, features, part.extract(t.pointee, shift: shift, into: features), to: vectors + raw * tagCount,
                    tagCount: tagCount)
        }
    }

    /// `64 - hashBits`: a feature's row is the top `hashBits` bits of its hash.
    var shift: UInt64 { UInt64(64 - hashBits) }

    /// Adds the weight rows of `count` feature buckets to `scores` (one per tag).
    func addRows(_ features: UnsafePointer<Int>, _ count: Int, to scores: UnsafeMutablePointer<Int32>) {
        weights.withUnsafeBufferPointer { addRows($0, features, count, to: scores, tagCount: tagSet.count) }
    }

    /// Adds a vector of `tagCount` scores to `scores`.
    @inline(__always)
    private func addVector(_ vector: UnsafePointer<Int32>, to scores: UnsafeMutablePointer<Int32>, tagCount: Int) {
        var t = 0
        while t + 8 <= tagCount {
            let sum = UnsafeRawPointer(vector + t).loadUnaligned(as: SIMD8<Int32>.self)
                &+ UnsafeRawPointer(scores + t).loadUnaligned(as: SIMD8<Int32>.self)
            UnsafeMutableRawPointer(scores + t).storeBytes(of: sum, as: SIMD8<Int32>.self)
            t += 8
        }
        while t < tagCount { scores[t] &+= vector[t]; t += 1 }
    }

    /// Adds (or, `negated`, subtracts) the weight rows of `count` feature buckets to `scores`
    /// (`tagCount` per row): tag 0 as a scalar, tags `1…` eight at a time (`SIMD8`, sign-extended
    /// to 32 bits), the rest one by one.
    @inline(__always)
    private func addRows(_ table: UnsafeBufferPointer<Int16>, _ features: UnsafePointer<Int>, _ count: Int,
                         to scores: UnsafeMutablePointer<Int32>, tagCount: Int, negated: Bool = false) {
        @inline(__always) func signed(_ weight: Int16) -> Int32 { negated ? 0 &- Int32(weight) : Int32(weight) }
        let blocks = (tagCount - 1) / 8
        let rowBytes = tagCount * MemoryLayout<Int16>.stride
        let base = UnsafeRawPointer(table.baseAddress!)
        let scoreBytes = UnsafeMutableRawPointer(scores)
        var outside = scores[0]
        for block in 0..<blocks {
            let offset = 2 + 16 * block
            var lanes = scoreBytes.loadUnaligned(fromByteOffset: 4 + 32 * block, as: SIMD8<Int32>.self)
            for f in 0..<count {
                let row = base + features[f] &* rowBytes
                if block == 0 { outside &+= signed(row.load(as: Int16.self)) }
                let weights = SIMD8<Int32>(truncatingIfNeeded: row.loadUnaligned(fromByteOffset: offset, as: SIMD8<Int16>.self))
                lanes = negated ? lanes &- weights : lanes &+ weights
            }
            scoreBytes.storeBytes(of: lanes, toByteOffset: 4 + 32 * block, as: SIMD8<Int32>.self)
        }
        if blocks == 0 {
            for f in 0..<count { outside &+= signed(table[features[f] &* tagCount]) }
        }
        scores[0] = outside
        for t in (1 + 8 * blocks)..<tagCount {
            for f in 0..<count { scores[t] &+= signed(table[features[f] &* tagCount + t]) }
        }
    }

    // MARK: File format

    /// Magic bytes opening a model file.
    private static let magic: [UInt8] = Array("TRWLNER2".utf8)

    /// The model as a compact binary file: a header (hash bits, language, labels, scheme), the
    /// vocabulary (lower-case bit set, then one byte of labels per entry), a bitmap of non-zero weight rows, then those rows, little-endian.
    public func serialized() -> [UInt8] {
        var out = NERModel.magic
        func put32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        func putString(_ string: String) { put32(UInt32(string.utf8.count)); out.append(contentsOf: string.utf8) }
        put32(UInt32(hashBits))
        putString(language.rawValue)
        put32(UInt32(labels.count))
        for label in labels { putString(label) }
        put32(tagSet.scheme.rawValue)
        put32(UInt32(vocabulary.words.count))
        for word in vocabulary.words { withUnsafeBytes(of: word.littleEndian) { out.append(contentsOf: $0) } }
        out.append(contentsOf: vocabulary.labels)
        let tagCount = tagSet.count, rows = 1 << hashBits
        var bitmap = [UInt8](repeating: 0, count: (rows + 7) / 8)
        var nonZero = 0
        weights.withUnsafeBufferPointer { table in
            for row in 0..<rows where (0..<tagCount).contains(where: { table[row * tagCount + $0] != 0 }) {
                bitmap[row >> 3] |= 1 << UInt8(row & 7)
                nonZero += 1
            }
        }
        out.append(contentsOf: bitmap)
        put32(UInt32(nonZero))
        out.reserveCapacity(out.count + nonZero * tagCount * 2)
        for row in 0..<rows where bitmap[row >> 3] & (1 << UInt8(row & 7)) != 0 {
            for t in 0..<tagCount {
                withUnsafeBytes(of: weights[row * tagCount + t].littleEndian) { out.append(contentsOf: $0) }
            }
        }
        return out
    }

    /// Reads a model from the bytes ``serialized()`` made.
    /// - Throws: ``NERModelError`` when the bytes are not a model or are truncated.
    public init(serialized bytes: [UInt8]) throws {
        self = try bytes.withUnsafeBytes { try NERModel(reading: $0) }
    }

    /// Parses a model file's bytes.
    private init(reading raw: UnsafeRawBufferPointer) throws {
        var offset = 0
        func take(_ count: Int) throws -> UnsafeRawBufferPointer {
            guard count >= 0, offset + count <= raw.count else { throw NERModelError("truncated model file") }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)])
        }
        func get32() throws -> UInt32 { UInt32(littleEndian: try take(4).loadUnaligned(as: UInt32.self)) }
        func getString() throws -> String { String(decoding: try take(Int(try get32())), as: UTF8.self) }
        guard Array(try take(8)) == NERModel.magic else { throw NERModelError("not a Trawl NER model") }
        let hashBits = Int(try get32())
        guard (8...26).contains(hashBits) else { throw NERModelError("bad hash size \(hashBits)") }
        let language = Language(rawValue: try getString())
        let labelCount = Int(try get32())
        guard labelCount <= 64 else { throw NERModelError("bad label count \(labelCount)") }
        let labels = try (0..<labelCount).map { _ in try getString() }
        guard let scheme = NERTagScheme(rawValue: try get32()) else { throw NERModelError("unknown tag scheme") }
        let wordCount = Int(try get32())
        guard wordCount == NERVocabulary.wordCount else { throw NERModelError("bad vocabulary size") }
        let vocabularyBytes = try take(wordCount * 8)
        let words = (0..<wordCount).map { UInt64(littleEndian: vocabularyBytes.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self)) }
        let seenLabels = Array(try take(wordCount * 64))
        let tagSet = NERTagSet(labels: labels, scheme: scheme)
        let tagCount = tagSet.count, rows = 1 << hashBits
        let bitmap = try take((rows + 7) / 8)
        let nonZero = Int(try get32())
        let rowBytes = try take(nonZero * tagCount * 2)
        var seen = 0
        let weights = [Int16](unsafeUninitializedCapacity: rows * tagCount) { table, initialized in
            table.initialize(repeating: 0)
            initialized = rows * tagCount
            // Each stored row is copied whole, then (on a big-endian machine only) byte-swapped.
            let rowSize = tagCount * 2
            var from = 0
            for byteIndex in 0..<bitmap.count where bitmap[byteIndex] != 0 {
                var bits = bitmap[byteIndex]
                while bits != 0, seen < nonZero {
                    let row = byteIndex * 8 + bits.trailingZeroBitCount
                    bits &= bits - 1
                    seen += 1
                    UnsafeMutableRawPointer(table.baseAddress! + row * tagCount)
                        .copyMemory(from: rowBytes.baseAddress! + from, byteCount: rowSize)
                    from += rowSize
                }
            }
            #if _endian(big)
            for index in table.indices { table[index] = Int16(littleEndian: table[index]) }
            #endif
        }
        guard seen == nonZero else { throw NERModelError("model bitmap and rows disagree") }
        self.init(language: language, tagSet: tagSet, hashBits: hashBits, weights: weights,
                  vocabulary: NERVocabulary(words: words, labels: seenLabels))
    }

    /// Writes the model to `path`.
    /// - Throws: the file system's error.
    public func write(to path: String) throws {
        try Data(serialized()).write(to: URL(fileURLWithPath: path))
    }

    /// Reads a model file.
    /// - Throws: the file system's error, or ``NERModelError`` for a corrupt file.
    public init(contentsOf path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        self = try data.withUnsafeBytes { try NERModel(reading: $0) }
    }

    /// The model shipped for `language` (`fr`, `en`), loaded once and shared; `nil` when none.
    /// - Throws: ``NERModelError`` if the bundled file is corrupt.
    public static func bundled(for language: Language) throws -> NERModel? {
        switch language {
        case .french: return try bundledFrench.get()
        case .english: return try bundledEnglish.get()
        default: return nil
        }
    }

    private static let bundledFrench = Result { try loadResource("ner-fr") }
    private static let bundledEnglish = Result { try loadResource("ner-en") }

    private static func loadResource(_ name: String) throws -> NERModel? {
        guard let url = Bundle.module.url(forResource: name, withExtension: "bin", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: "bin")
        else { return nil }
        return try NERModel(contentsOf: url.path)
    }
}
