// Trawl — NERTraining.swift
// Trains the averaged-perceptron entity tagger on annotated sentences, reproducibly.

import Foundation
import Trawl

/// Training the entity tagger: an averaged perceptron over hashed features, greedy BIO
/// decoding with the predicted previous tags, a fixed-seed shuffle per epoch, and model
/// selection on a development set.
public enum NERTraining {
    /// What happened in one epoch, for progress reports.
    public struct EpochReport: Sendable {
        /// The epoch, from 1.
        public var epoch: Int
        /// The share of training tokens tagged right during the epoch (before the update).
        public var trainAccuracy: Double
        /// Tagger scores on the development set with the averaged, quantised weights (`nil`
        /// without a development set).
        public var dev: NERScores?
        /// Seconds since training started.
        public var seconds: Double
        /// Whether this epoch's model is the best so far (the one returned unless a later one wins).
        public var isBest: Bool
    }

    /// Trains a model on a WikiNEuRal-format file, choosing the epoch by development F1.
    ///
    /// - Parameters:
    ///   - trainFile: training sentences, JSON Lines (`.jsonl` or `.jsonl.gz`), tokens separated by spaces.
    ///   - devFile: development sentences in the same format, for model selection and early
    ///     stopping; without one, the last epoch is kept.
    ///   - language: the language of the data; selects the lexicons used as features.
    ///   - epochs: the most epochs to run.
    ///   - seed: the seed of the per-epoch shuffle; the same inputs and seed give the same model.
    ///   - hashBits: the weight table has `2^hashBits` rows (the file stores only non-zero rows).
    ///   - scheme: the tags, ``NERTagScheme/bio`` by default.
    ///   - patience: stop after this many epochs without a better development F1.
    ///   - progress: called after every epoch.
    /// - Returns: the model of the best epoch.
    /// - Throws: ``NERCorpusError`` when a file cannot be read.
    public static func train(trainFile: String, devFile: String?, language: Language, epochs: Int = 20,
                             seed: UInt64 = 20_240_611, hashBits: Int = 19, scheme: NERTagScheme = .bio,
                             patience: Int = 4, progress: (@Sendable (EpochReport) -> Void)? = nil) throws -> NERModel
    {
        let trainExamples = try NERCorpus.read(trainFile)
        let devExamples = try devFile.map { try NERCorpus.read($0) } ?? []
        return train(examples: trainExamples, dev: devExamples, language: language, epochs: epochs, seed: seed,
                     hashBits: hashBits, scheme: scheme, patience: patience, progress: progress)
    }

    /// Trains a model on examples already read (see ``train(trainFile:devFile:language:epochs:seed:hashBits:scheme:patience:progress:)``).
    public static func train(examples: [NERExample], dev: [NERExample], language: Language, epochs: Int = 20,
                             seed: UInt64 = 20_240_611, hashBits: Int = 19, scheme: NERTagScheme = .bio,
                             patience: Int = 4, progress: (@Sendable (EpochReport) -> Void)? = nil) -> NERModel
    {
        let clock = ContinuousClock(), started = clock.now
        let lexicon = EntityLexicon.bundled(for: language)
        let labels = labelOrder(examples)
        let tagSet = NERTagSet(labels: labels, scheme: scheme)
        var trainSentences = examples.map { NERSentence($0, labels: labels, tagSet: tagSet, lexicon: lexicon) }
        var devSentences = dev.map { NERSentence($0, labels: labels, tagSet: tagSet, lexicon: lexicon) }
        // The vocabulary of each tenth of the training data (in runs of 50 consecutive sentences,
        // which keep an article's sentences together), and for its sentences the union of the
        // other tenths, so that no sentence sees its own article's labels (jackknifing).
        let folds = 10
        func fold(_ i: Int) -> Int { (i / 50) % folds }
        var foldVocabularies = Array(repeating: NERVocabulary(), count: folds)
        for (i, sentence) in trainSentences.enumerated() {
            foldVocabularies[fold(i)].learn(sentence.infos, tags: sentence.gold, tagSet: tagSet)
        }
        // The union of the folds before each fold, then of those after it.
        var before = [NERVocabulary()]
        for f in 0..<(folds - 1) {
            var next = before[f]
            next.formUnion(foldVocabularies[f])
            before.append(next)
        }
        var after = NERVocabulary()
        for f in stride(from: folds - 1, through: 0, by: -1) {
            var others = before[f]
            others.formUnion(after)
            for i in trainSentences.indices where fold(i) == f {
                trainSentences[i].infos.withUnsafeMutableBufferPointer { others.mark($0) }
            }
            after.formUnion(foldVocabularies[f])
        }
        let vocabulary = after
        for i in devSentences.indices { devSentences[i].infos.withUnsafeMutableBufferPointer { vocabulary.mark($0) } }
        let perceptron = AveragedPerceptron(tagSet: tagSet, hashBits: hashBits)
        var order = Array(trainSentences.indices)
        var random = SplitMix64(seed: seed)
        var best: NERModel?
        var bestF1 = -1.0, sinceBest = 0
        for epoch in 1...max(epochs, 1) {
            // Fisher–Yates with our own generator, so the order never depends on the standard library.
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            var correct = 0, total = 0
            for index in order {
                correct += perceptron.learn(trainSentences[index])
                total += trainSentences[index].infos.count
            }
            let model = NERModel(language: language, tagSet: tagSet, hashBits: hashBits,
                                 floatWeights: perceptron.averagedWeights(), vocabulary: vocabulary)
            var scores: NERScores?
            var isBest = devSentences.isEmpty
            if !devSentences.isEmpty {
                let devScores = NEREvaluation.evaluateTagger(model, on: devSentences)
                scores = devScores
                isBest = devScores.micro.f1 > bestF1
                if isBest { bestF1 = devScores.micro.f1 }
            }
            if isBest { best = model; sinceBest = 0 } else { sinceBest += 1 }
            let elapsed = clock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            progress?(EpochReport(epoch: epoch, trainAccuracy: Double(correct) / Double(max(total, 1)),
                                  dev: scores, seconds: seconds, isBest: isBest))
            if sinceBest >= patience { break }
        }
        return best!
    }

    /// The labels of the examples: `PER`, `ORG`, `LOC`, `MISC` first, then others alphabetically.
    static func labelOrder(_ examples: [NERExample]) -> [String] {
        var seen = Set<String>()
        for example in examples { for entity in example.entities { seen.insert(entity.label) } }
        let standard = ["PER", "ORG", "LOC", "MISC"]
        return standard.filter(seen.contains) + seen.subtracting(standard).sorted()
    }
}

/// A training or evaluation sentence: scanned tokens and gold tags.
struct NERSentence {
    /// The tokens' features, lexicon bits included.
    var infos: [NERTokenInfo]
    /// The gold tag of each token.
    var gold: [Int32]

    /// Splits the example's text at spaces, scans the tokens and maps the gold spans to tags
    /// (spans not on token boundaries or with unknown labels are dropped).
    init(_ example: NERExample, labels: [String], tagSet: NERTagSet, lexicon: EntityLexicon) {
        let bytes = Array(example.text.utf8)
        var ranges: [(Int, Int)] = []
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            let start = i
            while i < bytes.count, bytes[i] != 0x20 { i += 1 }
            if i > start { ranges.append((start, i)) }
        }
        var infos = bytes.withUnsafeBufferPointer { buffer in
            ranges.map { NERTextScanner.scan(buffer, $0.0, $0.1) }
        }
        infos.withUnsafeMutableBufferPointer { lexicon.annotate($0) }
        var startIndex: [Int: Int] = [:], endIndex: [Int: Int] = [:]
        for (index, range) in ranges.enumerated() {
            startIndex[range.0] = index
            endIndex[range.1] = index + 1
        }
        var spans: [NERSpan] = []
        for entity in example.entities {
            guard let start = startIndex[entity.start], let end = endIndex[entity.end], end > start,
                  let label = labels.firstIndex(of: entity.label) else { continue }
            spans.append(NERSpan(start: start, end: end, label: label))
        }
        self.infos = infos
        self.gold = tagSet.tags(count: ranges.count, spans: spans).map { Int32($0) }
    }
}

/// The perceptron's weights and the running sums that average them (the "lazy" trick: the
/// average is `w − u / c`, with `u` accumulating `c × update`).
final class AveragedPerceptron {
    private let tagSet: NERTagSet
    private let hashBits: Int
    private var weights: [Double]
    private var sums: [Double]
    private var instances: Double = 1

    init(tagSet: NERTagSet, hashBits: Int) {
        self.tagSet = tagSet
        self.hashBits = hashBits
        weights = Array(repeating: 0, count: (1 << hashBits) * tagSet.count)
        sums = weights
    }

    /// Tags the sentence greedily with the current weights, updating them at every wrong tag.
    /// - Returns: the number of tokens tagged right.
    func learn(_ sentence: NERSentence) -> Int {
        let tagCount = tagSet.count, shift = UInt64(64 - hashBits)
        var correct = 0
        sentence.infos.withUnsafeBufferPointer { infos in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: NERFeatures.capacity) { features in
                withUnsafeTemporaryAllocation(of: Double.self, capacity: tagCount) { scores in
                    weights.withUnsafeMutableBufferPointer { w in
                        sums.withUnsafeMutableBufferPointer { u in
                            var previous = -1, previous2 = -1
                            for i in 0..<infos.count {
                                let count = NERFeatures.extract(infos, i, previous: previous, previous2: previous2,
                                                                shift: shift, into: features.baseAddress!)
                                for t in 0..<tagCount { scores[t] = 0 }
                                for f in 0..<count {
                                    let row = features[f] * tagCount
                                    for t in 0..<tagCount { scores[t] += w[row + t] }
                                }
                                let from = (previous < 0 ? tagCount : previous) * tagCount
                                let last = i == infos.count - 1
                                var guess = 0, bestScore = -Double.infinity
                                for t in 0..<tagCount
                                where tagSet.allowed[from + t] && (!last || tagSet.canEnd[t]) && scores[t] > bestScore {
                                    bestScore = scores[t]
                                    guess = t
                                }
                                let truth = Int(sentence.gold[i])
                                if guess == truth {
                                    correct += 1
                                } else {
                                    for f in 0..<count {
                                        let row = features[f] * tagCount
                                        w[row + truth] += 1
                                        u[row + truth] += instances
                                        w[row + guess] -= 1
                                        u[row + guess] -= instances
                                    }
                                }
                                instances += 1
                                previous2 = previous
                                previous = guess
                            }
                        }
                    }
                }
            }
        }
        return correct
    }

    /// The averaged weights.
    func averagedWeights() -> [Float] {
        var averaged = [Float](repeating: 0, count: weights.count)
        for i in 0..<weights.count { averaged[i] = Float(weights[i] - sums[i] / instances) }
        return averaged
    }
}

/// A small, fast, seedable generator (SplitMix64), so shuffles are the same on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    /// Creates a generator from a seed.
    init(seed: UInt64) { state = seed }
    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
