// Trawl — LexiconPluginTests.swift
// A target that uses the LexiconCompiler plugin as a user's target would: its `Lexicons/*.lexicon`
// files become `Lexicons.people` and `Lexicons.places` at build time.

import Foundation
import Testing
import Trawl
import TrawlExtractors
import TrawlLexiconFormat

@Suite struct LexiconPluginTests {
    @Test func compiledLexiconsMatchLikeLoadedOnes() throws {
        let text = "Fuad Hussein a reçu Anthony Blinken à Washington, aux ÉTATS-UNIS, pour parler de l'Irak."
        let analysis = TextAnalyzer().analyze(text: text)
        let found = [Lexicons.people, Lexicons.places].flatMap { lexicon in
            lexicon.matches(in: analysis).map { "\(analysis.string($0.span))/\(lexicon.entries[$0.entry].label)" }
        }
        #expect(found == ["Fuad Hussein/PER", "Anthony Blinken/PER", "Washington/CITY", "ÉTATS-UNIS/LOC", "Irak/LOC"])

        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Lexicons")
        let loaded = try Lexicon(contentsOf: directory.appendingPathComponent("places.lexicon").path)
        #expect(loaded.entries == Lexicons.places.entries)
        #expect(LexiconSources.places.file == "Lexicons/places.lexicon")
        #expect(LexiconSources.places.defaultLabel == "places")
    }

    @Test func theBuiltInLexiconsHaveNoProblems() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/TrawlExtractors/Lexicons").standardized
        let files = try #require(FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String })
            .filter { $0.hasSuffix(".lexicon") }
        #expect(files.count == 30)
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: root.appendingPathComponent(file)))
            let diagnostics = bytes.withUnsafeBufferPointer { LexiconFormat.check(bytes: $0, file: file).diagnostics }
            #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
        }
    }

    /// The format's blanks are exactly the tokenizer's white space, so a phrase the format accepts
    /// always has a token (``Lexicon`` relies on it).
    @Test func blanksAreTheTokenizersWhiteSpace() {
        var tokens: [Token] = []
        for value in Array(0...0x3100) + [0xFEFF, 0xFF10, 0x1F600] {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            tokens.removeAll()
            Array(String(scalar).utf8).withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
            #expect(LexiconFormat.isBlank(UInt32(value)) == tokens.isEmpty, "U+\(String(value, radix: 16))")
        }
    }
}
