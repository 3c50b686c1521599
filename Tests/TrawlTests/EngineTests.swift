// Trawl — EngineTests.swift
// Engine validation and ordering, registry selection, unclustered mentions.

import Testing
@testable import Trawl

/// A configurable test extractor that records the order it ran in.
private struct Probe: Extractor {
    let name: String
    var requires: Set<Layer> = []
    var produces: Set<Layer> = []
    var languages: Set<Language>? = nil
    var fails = false

    func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        struct Failure: Error, CustomStringConvertible { var description: String { "probe failed" } }
        if fails { throw Failure() }
        annotations.relations.append(Relation(type: "ran", arguments: [.init("name", .text(name))], extractor: name))
    }
}

private func document(_ text: String) -> Document {
    Document(id: "t", source: DocumentSource(), format: .text, text: text)
}

@Suite struct EngineTests {
    @Test func runsProducersBeforeConsumers() throws {
        let engine = try Engine(extractors: [
            Probe(name: "quotes", requires: [.entities], produces: [.relations]),
            Probe(name: "clusters", requires: [.mentions], produces: [.entities]),
            Probe(name: "tagger", produces: [.mentions]),
        ])
        #expect(engine.extractors.map(\.name) == ["tagger", "clusters", "quotes"])
        let extraction = engine.process(document("Hello world."))
        #expect(extraction.annotations.relations.map(\.extractor) == ["tagger", "clusters", "quotes"])
    }

    @Test func keepsGivenOrderWithoutDependencies() throws {
        let engine = try Engine(extractors: [Probe(name: "b", produces: [.dates]), Probe(name: "a", produces: [.quantities])])
        #expect(engine.extractors.map(\.name) == ["b", "a"])
    }

    @Test func refinerOfALayerRunsAfterItsOtherProducers() throws {
        let engine = try Engine(extractors: [
            Probe(name: "rules", requires: [.mentions], produces: [.mentions]),
            Probe(name: "tagger", produces: [.mentions]),
        ])
        #expect(engine.extractors.map(\.name) == ["tagger", "rules"])
    }

    @Test func rejectsAMissingProducerNamingTheExtractor() {
        #expect {
            try Engine(extractors: [Probe(name: "quotes", requires: [.entities], produces: [.relations])])
        } throws: { error in
            let error = error as? EngineError
            return error?.extractors == ["quotes"] && error?.message.contains("'entities'") == true
        }
    }

    @Test func rejectsACycleNamingItsMembers() {
        #expect {
            try Engine(extractors: [
                Probe(name: "a", requires: [.dates], produces: [.quantities]),
                Probe(name: "b", requires: [.quantities], produces: [.dates]),
            ])
        } throws: { error in
            guard let error = error as? EngineError else { return false }
            return Set(error.extractors) == ["a", "b"] && error.message.contains("cycle")
        }
    }

    @Test func rejectsDuplicateNames() {
        #expect(throws: EngineError.self) {
            try Engine(extractors: [Probe(name: "x", produces: [.mentions]), Probe(name: "x", produces: [.dates])])
        }
    }

    @Test func recordsAThrowingExtractorAndRunsTheOthers() throws {
        let engine = try Engine(extractors: [Probe(name: "bad", produces: [.dates], fails: true),
                                             Probe(name: "good", produces: [.quantities])])
        let extraction = engine.process(document("Text."))
        #expect(extraction.issues == [ExtractionIssue(extractor: "bad", message: "probe failed")])
        #expect(extraction.annotations.relations.map(\.extractor) == ["good"])
    }

    @Test func skipsExtractorsForOtherLanguages() throws {
        let engine = try Engine(extractors: [Probe(name: "klingon", produces: [.mentions], languages: ["tlh"])])
        let extraction = engine.process(document("The cat sat on the mat."))
        #expect(extraction.skippedExtractors == ["klingon"])
        #expect(extraction.annotations.relations.isEmpty)
    }

    @Test func clustersUnassignedMentionsByLabelAndText() {
        let text = "Paris and Paris and Lyon"
        let analysis = TextAnalyzer().analyze(text: text)
        var annotations = Annotations()
        annotations.mentions = [
            Mention(span: Span(0, 5), label: "LOC", extractor: "x"),
            Mention(span: Span(10, 15), label: "LOC", extractor: "x"),
            Mention(span: Span(20, 24), label: "LOC", extractor: "x"),
        ]
        Engine.clusterUnassignedMentions(&annotations, analysis: analysis)
        #expect(annotations.entities.map(\.name) == ["Paris", "Lyon"])
        #expect(annotations.entities.map(\.mentions) == [[0, 1], [2]])
        #expect(annotations.entities.map(\.id) == ["e1", "e2"])
    }
}

@Suite struct RegistryTests {
    private var registry: ExtractorRegistry {
        var registry = ExtractorRegistry()
        registry.register(ExtractorDescriptor(name: "one", summary: "", produces: [.mentions]) { _ in
            Probe(name: "one", produces: [.mentions])
        })
        registry.register(ExtractorDescriptor(name: "two", summary: "", produces: [.dates], isDefault: false) { options in
            Probe(name: "two", produces: [.dates], fails: options["fail"] == ["yes"])
        })
        return registry
    }

    @Test func selectsDefaultsWhenNoNamesGiven() throws {
        #expect(try registry.makeExtractors().map(\.name) == ["one"])
        #expect(try registry.makeExtractors(named: ["two", "one"]).map(\.name) == ["one", "two"])
    }

    @Test func unknownNameListsTheKnownOnes() {
        #expect(throws: RegistryError("unknown extractor 'three' (known: one, two)")) {
            try registry.makeExtractors(named: ["three"])
        }
    }

    @Test func registeringTheSameNameReplaces() {
        var registry = self.registry
        registry.register(ExtractorDescriptor(name: "one", summary: "new", produces: []) { _ in Probe(name: "one") })
        #expect(registry.descriptors.map(\.summary) == ["new", ""])
    }
}
