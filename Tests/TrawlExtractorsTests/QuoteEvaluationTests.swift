// Trawl — QuoteEvaluationTests.swift
// Quote evaluation: the matching rules, the French development set and PolNeAR dev (when present).

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

@Suite struct QuoteEvaluationTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let frenchDevSet = here.appendingPathComponent("Fixtures/quotes/fr-dev.jsonl").path
    static let polnear = here.appendingPathComponent("../../../shared/data/quotes/polnear-en.train-dev.jsonl.gz")
        .standardized.path

    @Test func countsAndScores() {
        var counts = QuoteCounts()
        counts.gold = 10
        counts.predicted = 8
        counts.matched = 6
        counts.speakerCorrect = 3
        #expect(counts.precision == 0.75)
        #expect(counts.recall == 0.6)
        #expect(counts.speakerAccuracy == 0.5)
        #expect(abs(counts.endToEndF1 - 2 * 0.375 * 0.3 / 0.675) < 1e-9)
        #expect(QuoteCounts().f1 == 0)
    }

    @Test func readsTheTrawlFormatInCodePoints() throws {
        let documents = try QuoteEvaluation.read(Self.frenchDevSet, format: .trawl)
        #expect(documents.count == 9)
        #expect(documents.map(\.quotes.count).reduce(0, +) == 85)
        for document in documents {
            let analysis = TextAnalyzer().analyze(text: document.text)
            for quote in document.quotes {
                // Offsets are code points in the file: converted spans land on the annotated text.
                #expect(!analysis.string(quote.quote[0]).isEmpty)
                if let speaker = quote.speaker, let name = quote.speakerName, name == analysis.string(speaker) {
                    #expect(quote.cue.map { !analysis.string($0).isEmpty } ?? false)
                }
            }
        }
    }

    @Test func frenchDevelopmentSet() throws {
        let scores = try QuoteEvaluation.evaluate(goldFile: Self.frenchDevSet, format: .trawl)
        print(scores)
        #expect(scores.documents == 9)
        #expect(scores.all.gold == 85)
        #expect(scores.all.endToEndF1 >= 0.80)
        #expect(scores.direct.endToEndF1 >= 0.84)
    }

    /// The other gold sets of `Fixtures/quotes` (see its README): documents, attributions and the
    /// end-to-end F1 floors (all, direct) a change must keep. `en-test3` is held out: its floor
    /// guards against regressions, and its errors are not read.
    @Test(arguments: [
        ("fr-test.jsonl", 6, 33, 0.35, 0.45),
        ("fr-test2.jsonl", 3, 10, 0.70, 0.95),
        ("en-test.jsonl", 5, 74, 0.76, 0.95),
        ("en-test2.jsonl", 6, 77, 0.78, 0.85),
        ("en-test3.jsonl", 6, 100, 0.78, 0.88),
    ])
    func goldSet(file: String, documents: Int, attributions: Int, allFloor: Double, directFloor: Double) throws {
        let path = Self.here.appendingPathComponent("Fixtures/quotes/\(file)").path
        let scores = try QuoteEvaluation.evaluate(goldFile: path, format: .trawl)
        print(file, scores)
        #expect(scores.documents == documents)
        #expect(scores.all.gold == attributions)
        #expect(scores.all.endToEndF1 >= allFloor)
        #expect(scores.direct.endToEndF1 >= directFloor)
    }

    @Test func exampleArticleScoresPerfectly() throws {
        let text = try String(contentsOfFile: QuoteExampleTests.examplePath, encoding: .utf8)
        let analysis = TextAnalyzer().analyze(text: text)
        let document = Document(id: "example", source: DocumentSource(), format: .text, text: text)
        var annotations = Annotations()
        try EntityExtractor().extract(document, analysis: analysis, into: &annotations)
        let predicted = QuoteExtractor().attributions(analysis, annotations)
        let gold = predicted.map {
            QuoteGold(speaker: $0.speakerSpan, speakerName: nil, cue: $0.cue, quote: [$0.quote], direct: $0.direct)
        }
        var counts = QuoteCounts()
        QuoteEvaluation.add(gold, predicted, annotations, analysis, into: &counts)
        #expect(counts.matched == 12 && counts.speakerCorrect == 12 && counts.predicted == 12)
    }

    @Test func polnearDevelopmentSplit() throws {
        guard FileManager.default.fileExists(atPath: Self.polnear) else {
            print("skipped: PolNeAR not found at \(Self.polnear)")
            return
        }
        let scores = try QuoteEvaluation.evaluate(goldFile: Self.polnear, format: .polnear, split: "dev")
        print(scores)
        #expect(scores.documents == 84)
        #expect(scores.direct.endToEndF1 >= 0.74)
        #expect(scores.all.endToEndF1 >= 0.51)
    }
}
