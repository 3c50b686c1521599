// Trawl — LanguageIdentifierTests.swift
// Language identification on short texts, a fixture of five languages, and shared corpora.

import Foundation
import Testing
@testable import Trawl

/// The language and confidence the identifier gives `text`.
private func identify(_ text: String) -> (language: Language, confidence: Double) {
    let bytes = Array(text.utf8)
    var tokens: [Token] = []
    return bytes.withUnsafeBufferPointer { buffer in
        Tokenizer.tokenize(buffer, into: &tokens)
        return LanguageIdentifier.identify(buffer, tokens: tokens)
    }
}

/// The shared data folder beside the repository (`../shared`), if present.
private let sharedFolder: URL? = {
    let url = TextAnalysisTesting.packageRoot().deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
}()

/// Accuracy counts per expected language.
private struct Tally {
    var total: [Language: Int] = [:]
    var correct: [Language: Int] = [:]
    var undetermined: [Language: Int] = [:]

    mutating func add(expected: Language, found: Language) {
        total[expected, default: 0] += 1
        if found == expected { correct[expected, default: 0] += 1 }
        if found == .undetermined { undetermined[expected, default: 0] += 1 }
    }

    func accuracy(_ language: Language) -> Double {
        Double(correct[language, default: 0]) / Double(max(1, total[language, default: 0]))
    }

    func report(_ title: String) {
        for language in total.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            print(String(format: "%@ %@: %.1f%% correct, %.1f%% und (n=%d)", title, language.rawValue,
                         100 * accuracy(language),
                         100 * Double(undetermined[language, default: 0]) / Double(total[language]!),
                         total[language]!))
        }
    }
}

/// The `text` fields of a gzip JSON Lines file.
private func jsonLinesTexts(_ url: URL) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["gzip", "-dc", url.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return try data.split(separator: UInt8(ascii: "\n")).compactMap { line in
        let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
        return object?["text"] as? String
    }
}

@Suite struct LanguageIdentifierTests {
    @Test func shortTexts() {
        #expect(identify("Bonjour, je suis à Paris.").language == .french)
        #expect(identify("The cat sat on the mat.").language == .english)
        #expect(identify("Ich weiß nicht, ob er kommt.").language == .german)
        #expect(identify("¿Dónde está la estación?").language == .spanish)
        #expect(identify("Non so se lui verrà oggi.").language == .italian)
    }

    @Test func undeterminedWithoutEvidence() {
        #expect(identify("").language == .undetermined)
        #expect(identify("Paris").language == .undetermined)
        #expect(identify("https://www.example.com/the/les/der 2020 3 000").language == .undetermined)
        #expect(identify("Москва — столица России, и это очень большой город.").language == .undetermined)
        #expect(identify("北京市是中国的首都。").language == .undetermined)
    }

    @Test func confidenceGrowsWithEvidence() throws {
        let short = identify("Le chat dort.")
        let long = identify(try TextAnalysisTesting.exampleArticle())
        #expect(long.language == .french)
        #expect(long.confidence > short.confidence)
        #expect((0...1).contains(short.confidence) && (0...1).contains(long.confidence))
    }

    @Test func fixtureOfFiveLanguages() throws {
        let url = try #require(Bundle.module.url(forResource: "languages", withExtension: "tsv", subdirectory: "Fixtures"))
        var tally = Tally()
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", maxSplits: 1)
            let expected = Language(rawValue: String(fields[0]))
            let found = identify(String(fields[1])).language
            #expect(found == expected, "\(fields[1])")
            tally.add(expected: expected, found: found)
        }
        tally.report("fixture")
    }

    @Test(.enabled(if: sharedFolder != nil, "needs ../shared/data/ner (the shared data folder beside the repository)"))
    func wikiNeuralSentences() throws {
        var short = Tally(), long = Tally()
        for language in [Language.french, .english] {
            let url = sharedFolder!.appendingPathComponent("data/ner/wikineural-\(language.rawValue).dev.jsonl.gz")
            let texts = try jsonLinesTexts(url)
            for text in texts { short.add(expected: language, found: identify(text).language) }
            for start in stride(from: 0, to: texts.count, by: 10) {
                let group = texts[start..<min(texts.count, start + 10)].joined(separator: " ")
                long.add(expected: language, found: identify(group).language)
            }
        }
        short.report("wikineural sentences")
        long.report("wikineural 10-sentence texts")
        #expect(short.accuracy(.french) > 0.9 && short.accuracy(.english) > 0.9)
        #expect(long.accuracy(.french) > 0.99 && long.accuracy(.english) > 0.99)
    }

    @Test(.enabled(if: sharedFolder != nil, "needs ../shared/corpus (the shared data folder beside the repository)"))
    func corpusGoldTexts() throws {
        let corpus = sharedFolder!.appendingPathComponent("corpus")
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var tally = Tally()
        for line in manifest.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count > 6, fields[6] == "gold-text", ["fr", "en", "de"].contains(fields[3]) else { continue }
            let text = try String(contentsOf: corpus.appendingPathComponent(fields[0]), encoding: .utf8)
            tally.add(expected: Language(rawValue: fields[3]), found: identify(text).language)
        }
        tally.report("corpus gold texts")
        #expect(tally.accuracy(.english) > 0.95)
    }
}
