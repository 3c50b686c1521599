// Trawl — TokenizerRobustnessTests.swift
// The analysis terminates and stays well-formed on any input, including other scripts' digits.

import Testing
@testable import Trawl

@Suite struct TokenizerRobustnessTests {
    @Test func fullwidthAndArabicIndicDigitsAreNumberTokens() {
        let analysis = TextAnalyzer().analyze(text: "２０２１年４月 と ٣٤ et 12")
        let numbers = analysis.tokens.indices.filter { analysis.tokens[$0].kind == .number }.map { analysis.string(token: $0) }
        #expect(numbers == ["２０２１", "４", "٣٤", "12"])
    }

    @Test func randomTextYieldsOrderedTokensAndCoveringSentences() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [String] = ["a", "Z", "é", "1", "２", " ", "\n", ".", "«", "»", "’", "-", "%", "日", "ア", "٣", "http://x.y", "@", "\u{301}", "<<", "M.", "\"", "…"]
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0..<300, using: &generator))
                .map { _ in alphabet.randomElement(using: &generator)! }.joined()
            let analysis = TextAnalyzer().analyze(text: text)
            var previousEnd: UInt32 = 0
            for token in analysis.tokens {
                #expect(token.start >= previousEnd && token.end > token.start && Int(token.end) <= analysis.bytes.count)
                previousEnd = token.end
            }
            #expect(analysis.sentences.reduce(0) { $0 + $1.tokens.count } == analysis.tokens.count)
        }
    }
}
