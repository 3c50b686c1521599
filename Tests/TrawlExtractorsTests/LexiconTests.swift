// Trawl — LexiconTests.swift
// Lexicon files, longest-match token matching, and the lexicon extractor.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

@Suite struct LexiconTests {
    private func matches(_ lexicon: Lexicon, _ text: String) -> [String] {
        let analysis = TextAnalyzer().analyze(text: text)
        return lexicon.matches(in: analysis).map { "\(analysis.string($0.span))/\(lexicon.entries[$0.entry].label)" }
    }

    @Test func longestMatchWinsOnTokenBoundaries() throws {
        var lexicon = Lexicon()
        try lexicon.add(contentsOf: """
            # organisations
            @label ORG
            Conseil
            Conseil de sécurité nationale
            @label LOC
            Irak
            """, file: "test", defaultLabel: "X")
        #expect(matches(lexicon, "Le Conseil de sécurité nationale de l'Irak et le Conseil.")
                == ["Conseil de sécurité nationale/ORG", "Irak/LOC", "Conseil/ORG"])
        #expect(matches(lexicon, "Irakien et Conseiller").isEmpty, "no match inside a longer word")
    }

    /// Matching keys tokens without building their folded bytes: the key must be the one the
    /// trie was built with, for ASCII and Latin-1 capitals, ’, truncated sequences, and lengths
    /// on both sides of the exact keys' limit.
    @Test(arguments: ["Paris", "ÉTATS-UNIS", "l’Irak", "L'IRAK", "Œuvre", "×", "\u{E2}\u{80}", "ÀÞß", "a\u{C3}",
                      "ABCDEFG", "ABCDEFGH", "ABCDEFGHIJKLMNOP", "INTERNATIONALISÉES", "Déclaré", "DÉCLARÉ", "a", "l’ÉTÉ"])
    func foldedKeyIsTheKeyOfTheFoldedBytes(word: String) {
        let bytes = Array(word.utf8)
        let streamed = bytes.withUnsafeBufferPointer { Lexicon.foldedKey($0) }
        #expect(streamed == Lexicon.key(Lexicon.fold(bytes)))
    }

    /// The 8-byte reading of short ASCII tokens gives the byte-by-byte key, for every token of a
    /// text, whether 8 bytes follow its start or not.
    @Test func tokenKeysAreFoldedKeys() {
        let text = Array("Le PDG a DIT: « Ça ira » ZZ@[`{ l’Été, AUJOURD'HUI ABCDEFGH Internationales déclarées INTERNATIONALISATION x".utf8)
        var tokens: [Token] = []
        text.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
        #expect(tokens.count > 10)
        text.withUnsafeBufferPointer { buffer in
            for token in tokens {
                let (start, end) = (Int(token.start), Int(token.end))
                #expect(Lexicon.tokenKey(buffer, start, end)
                        == Lexicon.foldedKey(UnsafeBufferPointer(rebasing: buffer[start..<end])))
            }
        }
    }

    /// Keys of folded tokens up to seven bytes spell them (matching skips verifying them), so
    /// distinct short tokens never share a key, nor with a longer token.
    @Test func shortKeysAreExact() {
        let words = ["a", "à", "de", "des", "dès", "ab\u{0}", "abcdefg", "abcdefh", "abcdefgh", "abcdefgi", "’", "'"]
        let keys = words.map { Lexicon.key(Array($0.utf8)) }
        #expect(Set(keys).count == words.count)
        #expect(Lexicon.key(Array("abc".utf8)) == 0x0300_0000_0063_6261)
    }

    /// Phrases are found whatever token they start with, including after many tokens that start
    /// none (the first-token filter must not hide a phrase).
    @Test func phrasesStartingAnywhereAreFound() throws {
        var lexicon = Lexicon()
        for phrase in ["Conseil de sécurité", "a déclaré", "Washington", "É.-U."] {
            lexicon.add(phrase: phrase, label: "X", caseSensitive: false)
        }
        let filler = Array(repeating: "mot", count: 50).joined(separator: " ")
        let found = matches(lexicon, "\(filler) le conseil de Sécurité \(filler) WASHINGTON a déclaré É.-U.")
        #expect(found == ["conseil de Sécurité/X", "WASHINGTON/X", "a déclaré/X", "É.-U./X"])
    }

    @Test func caseModesAndPerLineLabels() throws {
        var lexicon = Lexicon()
        try lexicon.add(contentsOf: "@case insensitive\nétats-unis\tLOC\n@case sensitive\nEI\n", file: "t", defaultLabel: "ORG")
        #expect(matches(lexicon, "Les ÉTATS-UNIS contre l'EI, pas ei.") == ["ÉTATS-UNIS/LOC", "EI/ORG"])
    }

    @Test func malformedFilesNameTheLine() {
        var lexicon = Lexicon()
        #expect(throws: LexiconError(file: "bad.lexicon", line: 3, message: "@case takes 'sensitive' or 'insensitive', not 'maybe'")) {
            try lexicon.add(contentsOf: "# x\nParis\n@case maybe\n", file: "bad.lexicon", defaultLabel: "LOC")
        }
        #expect(throws: LexiconError.self) { try Lexicon(contentsOf: "/nonexistent/file.lexicon") }
    }

    @Test func extractorLabelsMentionsFromFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-lexicon-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("PER.lexicon")
        try "Fuad Hussein\nAnthony Blinken\n".write(to: file, atomically: true, encoding: .utf8)
        let engine = try Engine(extractors: ExtractorRegistry.builtIn.makeExtractors(
            named: ["lexicon"], options: ExtractorOptions(["lexicon": [file.path]])))
        let text = "Fuad Hussein a reçu Anthony Blinken. Fuad Hussein a parlé."
        let extraction = engine.process(Document(id: "d", source: DocumentSource(), format: .text, text: text))
        #expect(extraction.annotations.entities.map(\.name) == ["Fuad Hussein", "Anthony Blinken"])
        #expect(extraction.annotations.entities.map(\.label) == ["PER", "PER"])
        #expect(extraction.annotations.entities[0].mentions.count == 2)
    }

    @Test func lexiconExtractorNeedsAFile() {
        #expect(throws: RegistryError.self) { try ExtractorRegistry.builtIn.makeExtractors(named: ["lexicon"]) }
    }
}
