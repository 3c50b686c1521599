// Trawl — NEREvaluationTests.swift
// Scoring, the gold file reader, and the bundled models on a sample of the development sets.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

@Suite struct NEREvaluationTests {
    @Test func exactSpanScores() {
        var scores = NERScores()
        scores.add(gold: [.init(start: 0, end: 5, label: "PER"), .init(start: 10, end: 15, label: "LOC"),
                          .init(start: 20, end: 22, label: "MISC")],
                   predicted: [.init(start: 0, end: 5, label: "PER"), .init(start: 10, end: 14, label: "LOC"),
                               .init(start: 30, end: 32, label: "ORG")])
        #expect(scores.byLabel["PER"]?.f1 == 1)
        #expect(scores.byLabel["LOC"]?.truePositives == 0)
        #expect(scores.byLabel["MISC"]?.falseNegatives == 1)
        #expect(scores.micro.truePositives == 1)
        #expect(scores.micro.falsePositives == 2)
        #expect(scores.micro.falseNegatives == 1)  // MISC is not in the micro average
        #expect(abs(scores.micro.f1 - 0.4) < 1e-9)
        #expect(scores.description.contains("micro"))
    }

    @Test func readsCodePointOffsetsAsBytes() throws {
        let line = #"{"id": "x", "text": "L' État et Noël à Paris .", "entities": [{"start": 11, "end": 15, "label": "PER"}, {"start": 18, "end": 23, "label": "LOC"}]}"#
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gold-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let examples = try NERCorpus.read(path)
        #expect(examples.count == 1)
        let text = examples[0].text
        let found = examples[0].entities.map { text.utf8Slice(Span($0.start, $0.end)) + "/" + $0.label }
        #expect(found == ["Noël/PER", "Paris/LOC"])
    }

    /// `../shared/data/ner` from this file, if the shared folder exists.
    static let sharedData: String? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/ner")
        return FileManager.default.fileExists(atPath: url.path) ? url.path : nil
    }()

    /// The bundled models on the first 300 development sentences, through the full pipeline and
    /// on the gold tokens. The full-set figures are in the README.
    @Test(arguments: [Language.french, .english])
    func developmentSample(language: Language) throws {
        guard let data = Self.sharedData else {
            print("skipped: ../shared/data/ner not found next to the package")
            return
        }
        let gold = "\(data)/wikineural-\(language).dev.jsonl.gz"
        let pipeline = try NEREvaluation.evaluate(goldFile: gold, language: language, limit: 300)
        let model = try #require(try NERModel.bundled(for: language))
        let tagger = try NEREvaluation.evaluateTagger(model, goldFile: gold, limit: 300)
        print("\(language) full pipeline, 300 dev sentences:\n\(pipeline)\ntagger only:\n\(tagger)")
        #expect(pipeline.documents == 300)
        #expect(pipeline.micro.f1 > 0.72)
        #expect(tagger.micro.f1 > 0.72)
    }
}
