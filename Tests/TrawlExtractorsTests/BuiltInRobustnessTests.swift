// Trawl — BuiltInRobustnessTests.swift
// Every built-in extractor survives arbitrary text: edge cases and random token soup.

import Testing
import Trawl
@testable import TrawlExtractors

@Suite struct BuiltInRobustnessTests {
    private static let engine: Engine = {
        let extractors = try! ExtractorRegistry.builtIn.makeExtractors()
        return try! Engine(extractors: extractors)
    }()

    private func check(_ text: String) {
        let extraction = BuiltInRobustnessTests.engine.process(
            Document(id: "fuzz", source: DocumentSource(), format: .text, text: text))
        let count = extraction.analysis.bytes.count
        let spans = extraction.annotations.mentions.map(\.span) + extraction.annotations.quantities.map(\.span)
            + extraction.annotations.dates.map(\.span)
        #expect(spans.allSatisfy { $0.start >= 0 && $0.end <= count && $0.start <= $0.end }, "\(text)")
        #expect(extraction.issues.isEmpty, "\(extraction.issues) on \(text)")
    }

    @Test(arguments: ["", " ", "de", "l’agence", "la société", "Le", "M.", "3", "3 000", "60 %", "« ", "»", "entre 10 et",
                      "le ministre de la", "Premier ministre", "a déclaré que", "According to", "juin dernier", "1er",
                      "\u{301}", "https://x.y/1?2=3", "l’", "Mme", "le 7 avril", "$", "€ 5", "2,5 milliards de"])
    func edgeCases(text: String) {
        check(text)
    }

    @Test func randomTokenSoup() {
        let words = ["la", "société", "Renault", "agence", "de", "l’", "Conseil", "ONU", "M.", "Mme", "Hussein", "a", "déclaré",
                     "que", "«", "»", "3", "000", "soldats", "%", "environ", "juin", "dernier", "2020", "the", "of", "Mr.",
                     "said", "\"", ".", ",", "\n", "Premier", "ministre", "États-Unis", "€", "$", "2,5", "millions", "entre",
                     "et", "hier", "April", "7", "IrakLe", "https://t.co/x", "un", "tiers", "Al-Kazemi", "Paris", "Inc."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let count = Int.random(in: 0..<40, using: &generator)
            let text = (0..<count).map { _ in words.randomElement(using: &generator)! }.joined(
                separator: Bool.random(using: &generator) ? " " : "")
            check(text)
        }
    }
}
