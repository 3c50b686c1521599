// Trawl — NEREvaluation.swift
// Exact-span precision, recall and F1 of entity mentions against gold JSON Lines, conlleval-style.

import Foundation
import Trawl

/// Exact-span scores per label, and micro-averaged over the scored labels.
public struct NERScores: Sendable, Hashable, CustomStringConvertible {
    /// True positives, false positives and false negatives, and the measures they give.
    public struct Counts: Sendable, Hashable {
        /// Predicted spans that match a gold span exactly (bounds and label).
        public var truePositives = 0
        /// Predicted spans that match no gold span.
        public var falsePositives = 0
        /// Gold spans that no predicted span matches.
        public var falseNegatives = 0

        /// Creates zero counts.
        public init() {}

        /// `tp / (tp + fp)`, or 0.
        public var precision: Double {
            truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
        }
        /// `tp / (tp + fn)`, or 0.
        public var recall: Double {
            truePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
        }
        /// The harmonic mean of precision and recall, or 0.
        public var f1: Double {
            let p = precision, r = recall
            return p + r == 0 ? 0 : 2 * p * r / (p + r)
        }
    }

    /// The labels that count in ``micro`` (by default `PER`, `ORG`, `LOC`).
    public var microLabels: Set<String>
    /// Counts per label, for every label seen in gold or predictions.
    public var byLabel: [String: Counts] = [:]
    /// Counts summed over ``microLabels``.
    public var micro = Counts()
    /// The number of sentences or documents scored.
    public var documents = 0

    /// Creates empty scores.
    public init(microLabels: Set<String> = ["PER", "ORG", "LOC"]) {
        self.microLabels = microLabels
    }

    /// A labelled span, in any consistent offset unit: the same shape as a gold annotation.
    public typealias LabeledSpan = NERExample.Annotation

    /// Scores one document's predicted spans against its gold spans.
    public mutating func add(gold: [LabeledSpan], predicted: [LabeledSpan]) {
        documents += 1
        let goldSet = Set(gold), predictedSet = Set(predicted)
        for span in predictedSet {
            let hit = goldSet.contains(span)
            count(span.label) { hit ? ($0.truePositives += 1) : ($0.falsePositives += 1) }
        }
        for span in goldSet where !predictedSet.contains(span) {
            count(span.label) { $0.falseNegatives += 1 }
        }
    }

    private mutating func count(_ label: String, _ update: (inout Counts) -> Void) {
        update(&byLabel[label, default: Counts()])
        if microLabels.contains(label) { update(&micro) }
    }

    /// A conlleval-like table: one line per label, then the micro average.
    public var description: String {
        func line(_ name: String, _ c: Counts) -> String {
            let measures = [c.precision, c.recall, c.f1].map { String(format: "%6.2f", $0 * 100) }
            return name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + "P \(measures[0])  R \(measures[1])  F1 \(measures[2])  "
                + "(tp \(c.truePositives), fp \(c.falsePositives), fn \(c.falseNegatives))"
        }
        var lines = byLabel.keys.sorted().map { line($0, byLabel[$0]!) }
        lines.append(line("micro", micro) + " over \(microLabels.sorted().joined(separator: "/"))")
        return lines.joined(separator: "\n")
    }
}

/// Evaluation of entity extraction on gold data in the WikiNEuRal JSON Lines format.
public enum NEREvaluation {
    /// Runs the full pipeline (``TextAnalyzer`` then ``EntityExtractor``) on every record of
    /// `goldFile` and scores the mentions by exact span and label.
    ///
    /// Each record is one document. When the analyzer cannot tell the language (`und`),
    /// `language` is used.
    ///
    /// - Parameters:
    ///   - goldFile: a `.jsonl` or `.jsonl.gz` file: `{"text", "entities": [{"start", "end",
    ///     "label"}]}` with code-point offsets.
    ///   - language: the language of the data, used when identification returns `und`.
    ///   - extractor: the extractor to score; by default the bundled one with `MISC` included, so
    ///     that `MISC` is reported too (the micro average covers `PER`, `ORG`, `LOC` only).
    ///   - limit: score only the first `limit` records.
    /// - Returns: the scores.
    /// - Throws: ``NERCorpusError`` for an unreadable file; the extractor's errors.
    public static func evaluate(goldFile: String, language: Language, extractor: EntityExtractor? = nil,
                                limit: Int? = nil) throws -> NERScores
    {
        let examples = try NERCorpus.read(goldFile, limit: limit)
        let extractor = try extractor ?? EntityExtractor(includeMisc: true)
        return try evaluate(examples, language: language, extractor: extractor)
    }

    /// Scores `extractor` on examples already read (see ``evaluate(goldFile:language:extractor:limit:)``).
    public static func evaluate(_ examples: [NERExample], language: Language, extractor: EntityExtractor) throws
        -> NERScores
    {
        let analyzer = TextAnalyzer()
        var scores = NERScores()
        for example in examples {
            let document = Document(id: example.id, source: DocumentSource(), format: .text, text: example.text)
            var analysis = analyzer.analyze(document)
            if analysis.language == .undetermined {
                analysis = Analysis(bytes: analysis.bytes, tokens: analysis.tokens, sentences: analysis.sentences,
                                    language: language)
            }
            var annotations = Annotations()
            try extractor.extract(document, analysis: analysis, into: &annotations)
            let predicted = annotations.mentions.map {
                NERScores.LabeledSpan(start: $0.span.start, end: $0.span.end, label: $0.label)
            }
            let gold = example.entities.map { NERScores.LabeledSpan(start: $0.start, end: $0.end, label: $0.label) }
            scores.add(gold: gold, predicted: predicted)
        }
        return scores
    }

    /// Scores the tagger alone on the gold tokens of `goldFile` (its text split at spaces), with
    /// no lexicon rules or document-level consistency.
    /// - Throws: ``NERCorpusError`` for an unreadable file.
    public static func evaluateTagger(_ model: NERModel, goldFile: String, limit: Int? = nil) throws -> NERScores {
        let lexicon = EntityLexicon.bundled(for: model.language)
        let sentences = try NERCorpus.read(goldFile, limit: limit).map {
            var sentence = NERSentence($0, labels: model.labels, tagSet: model.tagSet, lexicon: lexicon)
            sentence.infos.withUnsafeMutableBufferPointer { model.vocabulary.mark($0) }
            return sentence
        }
        return evaluateTagger(model, on: sentences)
    }

    /// Measures the tagger's speed on the text of `goldFile`: scanning the tokens' bytes, lexicon
    /// matching and tagging, one sentence at a time on the calling thread (reading the file and
    /// splitting it into tokens are not timed).
    /// - Parameter repetitions: how many times to tag the whole file.
    /// - Returns: the number of tokens tagged, the wall-clock seconds it took, and the CPU seconds
    ///   of the calling thread (the fairer figure on a shared machine).
    /// - Throws: ``NERCorpusError`` for an unreadable file.
    public static func measureTaggerSpeed(_ model: NERModel, goldFile: String, repetitions: Int = 5) throws
        -> (tokens: Int, seconds: Double, cpuSeconds: Double)
    {
        let lexicon = EntityLexicon.bundled(for: model.language)
        let sentences: [(bytes: [UInt8], ranges: [Range<Int>])] = try NERCorpus.read(goldFile).map { example in
            let bytes = Array(example.text.utf8)
            var ranges: [Range<Int>] = []
            var start = 0
            for (i, byte) in bytes.enumerated() where byte == 0x20 {
                if i > start { ranges.append(start..<i) }
                start = i + 1
            }
            if bytes.count > start { ranges.append(start..<bytes.count) }
            return (bytes, ranges)
        }
        var infos: [NERTokenInfo] = []
        var tags: [Int32] = []
        var tokens = 0
        let clock = ContinuousClock()
        let cpuStart = ThreadCPUTime.seconds
        let elapsed = clock.measure {
            for _ in 0..<max(repetitions, 1) {
                for sentence in sentences {
                    infos.removeAll(keepingCapacity: true)
                    sentence.bytes.withUnsafeBufferPointer { bytes in
                        for range in sentence.ranges {
                            infos.append(NERTextScanner.scan(bytes, range.lowerBound, range.upperBound))
                        }
                    }
                    if tags.count < infos.count { tags = Array(repeating: 0, count: infos.count * 2) }
                    infos.withUnsafeMutableBufferPointer { infos in
                        lexicon.annotate(infos)
                        model.vocabulary.mark(infos)
                        tags.withUnsafeMutableBufferPointer { tags in
                            model.tag(UnsafeBufferPointer(infos), into: UnsafeMutableBufferPointer(rebasing: tags[0..<infos.count]))
                        }
                    }
                    tokens += infos.count
                }
            }
        }
        let cpuSeconds = ThreadCPUTime.seconds - cpuStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return (tokens, seconds, cpuSeconds)
    }

    /// Scores the tagger on prepared sentences.
    static func evaluateTagger(_ model: NERModel, on sentences: [NERSentence]) -> NERScores {
        var scores = NERScores()
        var tags: [Int32] = []
        var goldSpans: [NERSpan] = [], predictedSpans: [NERSpan] = []
        for sentence in sentences {
            tags = Array(repeating: 0, count: sentence.infos.count)
            sentence.infos.withUnsafeBufferPointer { infos in
                tags.withUnsafeMutableBufferPointer { model.tag(infos, into: $0) }
            }
            goldSpans.removeAll(keepingCapacity: true)
            predictedSpans.removeAll(keepingCapacity: true)
            sentence.gold.withUnsafeBufferPointer { model.tagSet.spans($0, into: &goldSpans) }
            tags.withUnsafeBufferPointer { model.tagSet.spans($0, into: &predictedSpans) }
            let labels = model.labels
            scores.add(gold: goldSpans.map { .init(start: $0.start, end: $0.end, label: labels[$0.label]) },
                       predicted: predictedSpans.map { .init(start: $0.start, end: $0.end, label: labels[$0.label]) })
        }
        return scores
    }
}
