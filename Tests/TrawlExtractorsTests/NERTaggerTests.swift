// Trawl — NERTaggerTests.swift
// The entity tagger: byte scanning, tag schemes, training on tiny data, model files.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

/// Builds an example from space-separated tokens and `(first token, token count, label)` spans.
func nerExample(_ text: String, _ entities: [(Int, Int, String)]) -> NERExample {
    let tokens = text.split(separator: " ")
    var starts: [Int] = [], ends: [Int] = []
    var offset = 0
    for token in tokens {
        starts.append(offset)
        ends.append(offset + token.utf8.count)
        offset += token.utf8.count + 1
    }
    return NERExample(id: text, text: text, entities: entities.map {
        NERExample.Annotation(start: starts[$0.0], end: ends[$0.0 + $0.1 - 1], label: $0.2)
    })
}

/// Scans one token.
func scanned(_ token: String) -> NERTokenInfo {
    Array(token.utf8).withUnsafeBufferPointer { NERTextScanner.scan($0, 0, $0.count) }
}

@Suite struct NERTaggerTests {
    @Test func scannerFoldsCaseQuotesAndApostrophes() {
        #expect(scanned("L’").lower == scanned("l'").lower)
        #expect(scanned("ÉTATS").lower == scanned("états").lower)
        #expect(scanned("«").lower == scanned("\"").lower)
        #expect(scanned("Paris").exact != scanned("paris").exact)
        #expect(scanned("Paris").shape == scanned("Lyonn").shape)
        #expect(scanned("Al-Kazemi").shortShape == scanned("Jean-Luc").shortShape)
        #expect(scanned("Paris").suffix.2 == scanned("iris").suffix.2)
        #expect(scanned("Irak").prefix.1 == scanned("irène").prefix.1)
    }

    @Test func scannerTraits() {
        let kazemi = scanned("Al-Kazemi")
        #expect(kazemi.has(NERTokenInfo.isCapitalized) && kazemi.has(NERTokenInfo.isWordLike))
        #expect(scanned("EI").has(NERTokenInfo.isAllCaps))
        #expect(!scanned("E").has(NERTokenInfo.isAllCaps))
        #expect(scanned("l’").has(NERTokenInfo.isElision))
        #expect(scanned("qu'").has(NERTokenInfo.isElision))
        #expect(!scanned("aujourd’hui").has(NERTokenInfo.isElision))
        #expect(scanned("https://example.com/x").has(NERTokenInfo.isURL))
        #expect(scanned(",").has(NERTokenInfo.isPunctuation))
        #expect(scanned("iPhone").has(NERTokenInfo.hasUpper) && !scanned("iPhone").has(NERTokenInfo.isCapitalized))
    }

    @Test func elisionPrefixes() {
        func prefix(_ word: String) -> Int {
            Array(word.utf8).withUnsafeBufferPointer { NERTextScanner.elisionPrefixLength($0, 0, $0.count) }
        }
        #expect(prefix("l’Irak") == 4)
        #expect(prefix("d'Al-Kazemi") == 2)
        #expect(prefix("jusqu’au") == 8)
        #expect(prefix("O'Brien") == 0)
        #expect(prefix("aujourd’hui") == 0)
        #expect(prefix("l’") == 0)
    }

    @Test(arguments: NERTagScheme.allCases)
    func tagsRoundTrip(scheme: NERTagScheme) {
        let tagSet = NERTagSet(labels: ["PER", "ORG", "LOC", "MISC"], scheme: scheme)
        let spans = [NERSpan(start: 0, end: 2, label: 0), NERSpan(start: 2, end: 3, label: 2),
                     NERSpan(start: 4, end: 7, label: 1)]
        let tags = tagSet.tags(count: 8, spans: spans).map { Int32($0) }
        var decoded: [NERSpan] = []
        tags.withUnsafeBufferPointer { tagSet.spans($0, into: &decoded) }
        #expect(decoded == spans)
        // Every gold sequence is allowed by the transition table.
        var previous = tagSet.count
        for tag in tags {
            #expect(tagSet.allowed[previous * tagSet.count + Int(tag)])
            previous = Int(tag)
        }
        #expect(tagSet.canEnd[Int(tags[7])])
    }

    /// A few sentences where capitalised words after "à" are places and after "par" persons.
    static let tinyCorpus: [NERExample] = [
        nerExample("Marie Curie est née à Varsovie .", [(0, 2, "PER"), (5, 1, "LOC")]),
        nerExample("Il habite à Lyon depuis 2010 .", [(3, 1, "LOC")]),
        nerExample("Le livre écrit par Victor Hugo est long .", [(4, 2, "PER")]),
        nerExample("Elle travaille à Paris pour Renault .", [(3, 1, "LOC"), (5, 1, "ORG")]),
        nerExample("Jean Dupont vit à Marseille .", [(0, 2, "PER"), (4, 1, "LOC")]),
        nerExample("Le film réalisé par Agnès Varda sort à Nantes .", [(4, 2, "PER"), (8, 1, "LOC")]),
        nerExample("Renault ouvre une usine à Douai .", [(0, 1, "ORG"), (5, 1, "LOC")]),
    ]

    /// The two-pass, SIMD scorer of `NERModel.tag` against a plain one-pass scorer over
    /// `NERFeatures.extract`, with random weights, for tag counts that use the SIMD blocks, the
    /// scalar remainder, or both (BIO 1–5 labels: 3–11 tags; BILOU 2 and 4 labels: 9 and 17).
    @Test(arguments: [(1, NERTagScheme.bio), (2, .bio), (3, .bio), (4, .bio), (5, .bio), (2, .bilou), (4, .bilou)])
    func taggerMatchesOnePassScoring(labelCount: Int, scheme: NERTagScheme) {
        let tagSet = NERTagSet(labels: Array(["PER", "ORG", "LOC", "MISC", "EVT"].prefix(labelCount)), scheme: scheme)
        let hashBits = 10
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(labelCount * 7 + Int(scheme.rawValue))
        let weights = (0..<((1 << hashBits) * tagSet.count)).map { _ -> Int16 in
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int16(truncatingIfNeeded: Int64(bitPattern: seed) >> 40) / 3
        }
        let model = NERModel(language: .french, tagSet: tagSet, hashBits: hashBits, weights: weights,
                             vocabulary: NERVocabulary())
        let words = "Le président Emmanuel Macron a reçu à Paris le 3 mai 2021 M. Joe Biden , « ami » de la France".split(separator: " ")
        let infos = words.map { scanned(String($0)) }
        var tags = [Int32](repeating: -1, count: infos.count)
        infos.withUnsafeBufferPointer { infos in
            tags.withUnsafeMutableBufferPointer { model.tag(infos, into: $0) }
        }
        // The reference: every feature of a token at once, every tag summed one by one.
        var expected: [Int32] = []
        var features = [Int](repeating: 0, count: NERFeatures.capacity)
        infos.withUnsafeBufferPointer { infos in
            var previous = -1, previous2 = -1
            for i in 0..<infos.count {
                let count = features.withUnsafeMutableBufferPointer {
                    NERFeatures.extract(infos, i, previous: previous, previous2: previous2,
                                        shift: UInt64(64 - hashBits), into: $0.baseAddress!)
                }
                var best = 0, bestScore = Int32.min
                let from = (previous < 0 ? tagSet.count : previous) * tagSet.count
                for t in 0..<tagSet.count where tagSet.allowed[from + t] && (i < infos.count - 1 || tagSet.canEnd[t]) {
                    var score: Int32 = 0
                    for f in 0..<count { score &+= Int32(weights[features[f] * tagSet.count + t]) }
                    if score > bestScore { bestScore = score; best = t }
                }
                expected.append(Int32(best))
                previous2 = previous
                previous = best
            }
        }
        #expect(tags == expected)
        #expect(Set(expected).count > 1)  // the random weights do produce entities
    }

    @Test func trainsOnTinyData() throws {
        let model = NERTraining.train(examples: Self.tinyCorpus, dev: [], language: .french, epochs: 8, hashBits: 14)
        #expect(model.labels == ["PER", "ORG", "LOC"])
        let extractor = EntityExtractor(models: [model], includeMisc: true)
        let text = "Marie Curie vit à Lyon ."
        let document = Document(id: "t", source: DocumentSource(), format: .text, text: text)
        var annotations = Annotations()
        try extractor.extract(document, analysis: TextAnalyzer().analyze(document), into: &annotations)
        let found = annotations.mentions.map { "\(text.utf8Slice($0.span))/\($0.label)" }
        #expect(found == ["Marie Curie/PER", "Lyon/LOC"])
    }

    @Test func trainingIsReproducible() {
        let first = NERTraining.train(examples: Self.tinyCorpus, dev: [], language: .french, epochs: 3, hashBits: 12)
        let second = NERTraining.train(examples: Self.tinyCorpus, dev: [], language: .french, epochs: 3, hashBits: 12)
        #expect(first.serialized() == second.serialized())
    }

    @Test func modelFileRoundTrip() throws {
        let model = NERTraining.train(examples: Self.tinyCorpus, dev: [], language: .french, epochs: 2, hashBits: 12)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ner-\(UUID().uuidString).bin").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try model.write(to: path)
        let loaded = try NERModel(contentsOf: path)
        #expect(loaded.language == .french)
        #expect(loaded.labels == model.labels)
        #expect(loaded.hashBits == 12)
        #expect(loaded.weights == model.weights)
        #expect(loaded.vocabulary == model.vocabulary)
        #expect(loaded.tagSet.scheme == model.tagSet.scheme)
        #expect(loaded.serialized() == model.serialized())
    }

    @Test func corruptModelsAreRejected() {
        #expect(throws: NERModelError.self) { try NERModel(serialized: Array("not a model".utf8)) }
        let model = NERTraining.train(examples: Self.tinyCorpus, dev: [], language: .french, epochs: 1, hashBits: 10)
        let bytes = model.serialized()
        #expect(throws: NERModelError.self) { try NERModel(serialized: Array(bytes.dropLast(5))) }
    }

    @Test(arguments: [Language.french, .english])
    func bundledModelsLoad(language: Language) throws {
        let loaded = try #require(try NERModel.bundled(for: language))
        #expect(loaded.language == language)
        #expect(loaded.labels == ["PER", "ORG", "LOC", "MISC"])
        #expect(try NERModel.bundled(for: "de") == nil)
    }
}

extension String {
    /// The text of a byte span.
    func utf8Slice(_ span: Span) -> String {
        String(decoding: Array(utf8)[span.start..<span.end], as: UTF8.self)
    }
}
