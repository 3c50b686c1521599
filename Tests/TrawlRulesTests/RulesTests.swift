// Trawl — RulesTests.swift
// Rules files: phrase lists, token patterns, relations, overlap policies, errors with positions.

import Foundation
import Testing
import Trawl
@testable import TrawlRules

/// Stands for the statistical model: adds fixed mentions, each its own entity.
private struct FixedMentions: Extractor {
    var name: String { "model" }
    var produces: Set<Layer> { [.mentions, .entities] }
    let mentions: [(String, String)]

    func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) {
        let text = Array(document.text.utf8)
        for (phrase, label) in mentions {
            let bytes = Array(phrase.utf8)
            guard let start = text.indices.first(where: { text[$0...].starts(with: bytes) }) else { continue }
            annotations.entities.append(Entity(id: "e\(annotations.entities.count + 1)", label: label, name: phrase,
                                               mentions: [annotations.mentions.count], extractor: name))
            annotations.mentions.append(Mention(span: Span(start, start + bytes.count), label: label, extractor: name))
        }
    }
}

/// Runs `model` then the rules on `text`; returns the extraction.
private func run(_ yaml: String, _ text: String, model: [(String, String)] = []) throws -> Extraction {
    let rules = RulesExtractor(ruleSets: [try RuleSet(yaml: yaml, file: "test.yaml")])
    let engine = try Engine(extractors: [rules, FixedMentions(mentions: model)])
    return engine.process(Document(id: "t", source: DocumentSource(), format: .text, text: text))
}

/// `text/LABEL` per mention in text order, and each mention's entity name.
private func mentions(_ extraction: Extraction) -> [String] {
    extraction.annotations.mentions.sorted { $0.span < $1.span }.map {
        "\(extraction.analysis.string($0.span))/\($0.label)"
    }
}

/// The relations as `type(name=value, …)`, entity ids replaced by their names.
private func relations(_ extraction: Extraction) -> [String] {
    let annotations = extraction.annotations
    return annotations.relations.map { relation in
        let arguments = relation.arguments.map { argument -> String in
            switch argument.value {
            case .entity(let id): "\(argument.name)=[\(annotations.entities.first { $0.id == id }?.name ?? "?")]"
            case .span(let span): "\(argument.name)=\(extraction.analysis.string(span))"
            case .text(let text): "\(argument.name)=\(text)"
            case .flag(let flag): "\(argument.name)=\(flag)"
            }
        }
        return "\(relation.type)(\(arguments.joined(separator: ", ")))"
    }
}

@Suite struct RulesTests {
    @Test func phraseListsMatchWholeTokensWithTheirCaseMode() throws {
        let yaml = """
            phrase_lists:
              - id: ministries
                label: ORG
                case: insensitive
                phrases: [ministère des Affaires étrangères, Pentagone]
              - id: cities
                label: LOC
                phrases: [Bagdad]
            """
        let extraction = try run(yaml, "Le MINISTÈRE des affaires étrangères et le Pentagone ; bagdad et Bagdad, Bagdadi.")
        #expect(mentions(extraction) == ["MINISTÈRE des affaires étrangères/ORG", "Pentagone/ORG", "Bagdad/LOC"])
        let entity = try #require(extraction.annotations.entities.first { $0.label == "LOC" })
        #expect(entity.extractor == "rules:test.yaml#cities")
        #expect(extraction.annotations.mentions.allSatisfy { $0.extractor.hasPrefix("rules:test.yaml#") })
    }

    @Test func entityPatternsTestTokenAttributes() throws {
        let yaml = """
            patterns:
              - id: honorific
                entity: PER
                span: name
                tokens:
                  - lower: [m., mme, dr]
                  - {group: name, is_title: true, op: "+"}
              - id: year
                entity: YEAR
                tokens:
                  - {lower: en}
                  - {is_digit: true, shape: dddd}
            """
        let extraction = try run(yaml, "M. Fuad Hussein est venu en 2020, pas en 20 ni en mars.")
        #expect(mentions(extraction) == ["Fuad Hussein/PER", "en 2020/YEAR"])
    }

    @Test func greedyQuantifiersGiveBackWhatTheRestNeedsWithoutBacktracking() throws {
        let yaml = """
            patterns:
              - id: pair
                relation: pair
                tokens:
                  - {group: first, is_title: true, op: "+"}
                  - {group: last, is_title: true}
                  - {is_punct: true, op: "?"}
            """
        let extraction = try run(yaml, "Alpha Beta Gamma delta. Epsilon Zeta")
        #expect(relations(extraction) == ["pair(first=Alpha Beta, last=Gamma)", "pair(first=Epsilon, last=Zeta)"])
    }

    @Test func patternsDoNotCrossSentences() throws {
        let yaml = """
            patterns:
              - id: two
                entity: X
                tokens: [{is_title: true}, {is_title: true}]
            """
        #expect(mentions(try run(yaml, "Il a vu Paris. Londres est loin.")).isEmpty)
        #expect(mentions(try run(yaml, "Il a vu Paris Londres.")) == ["Paris Londres/X"])
    }

    @Test func relationsBindGroupsToEntitiesOrSpans() throws {
        let yaml = """
            phrase_lists:
              - id: cues
                phrases: [a rencontré, a reçu, s'est entretenu avec]
              - id: companies
                label: ORG
                phrases: [Rosneft]
            patterns:
              - id: met
                relation: met
                tokens:
                  - {group: visitor, label: PER, op: "+"}
                  - {group: cue, in_lexicon: cues, op: "+"}
                  - {group: host, label: [PER, ORG], op: "+"}
                  - group: place
                    op: "?"
                    tokens:
                      - either:
                          - [{lower: à}]
                          - [{lower: en}]
                      - {is_title: true}
            """
        let text = "Fuad Hussein a rencontré Mike Pompeo à Washington. Igor Setchine a reçu Rosneft."
        let extraction = try run(yaml, text, model: [("Fuad Hussein", "PER"), ("Mike Pompeo", "PER"), ("Igor Setchine", "PER")])
        #expect(relations(extraction) == [
            "met(visitor=[Fuad Hussein], cue=a rencontré, host=[Mike Pompeo], place=à Washington)",
            "met(visitor=[Igor Setchine], cue=a reçu, host=[Rosneft])",
        ])
        #expect(extraction.annotations.relations.allSatisfy { $0.extractor == "rules:test.yaml#met" })
    }

    // MARK: Overlap policies

    private let text = "The New York Times reported it."
    private func policy(_ overlap: String, prefer: String = "rules", phrase: String, label: String = "ORG") throws -> [String] {
        let yaml = """
            overlap: \(overlap)
            prefer: \(prefer)
            phrase_lists:
              - {id: names, label: \(label), phrases: ["\(phrase)"]}
            """
        let extraction = try run(yaml, text, model: [("New York", "LOC"), ("reported", "MISC")])
        let annotations = extraction.annotations
        // Every entity points at existing mentions, and every mention is in one entity.
        let indices = annotations.entities.flatMap(\.mentions).sorted()
        #expect(indices == Array(annotations.mentions.indices))
        #expect(annotations.entities.map(\.id) == (1...annotations.entities.count).map { "e\($0)" })
        return mentions(extraction)
    }

    @Test func keepLongestKeepsTheLongerSpan() throws {
        #expect(try policy("keep-longest", phrase: "New York Times") == ["New York Times/ORG", "reported/MISC"])
        #expect(try policy("keep-longest", phrase: "York Times") == ["York Times/ORG", "reported/MISC"])
        #expect(try policy("keep-longest", phrase: "York") == ["New York/LOC", "reported/MISC"])
    }

    @Test func keepLongestTiesGoToThePreferredSide() throws {
        #expect(try policy("keep-longest", prefer: "rules", phrase: "New York") == ["New York/ORG", "reported/MISC"])
        #expect(try policy("keep-longest", prefer: "model", phrase: "New York") == ["New York/LOC", "reported/MISC"])
    }

    @Test func rulesWinReplacesWhatTheyOverlap() throws {
        #expect(try policy("rules-win", phrase: "York") == ["York/ORG", "reported/MISC"])
    }

    @Test func modelWinsDropsOverlappingRuleMentions() throws {
        #expect(try policy("model-wins", phrase: "New York Times") == ["New York/LOC", "reported/MISC"])
        #expect(try policy("model-wins", phrase: "Times") == ["New York/LOC", "Times/ORG", "reported/MISC"])
    }

    @Test func keepBothKeepsOverlapsButNotDuplicates() throws {
        #expect(try policy("keep-both", phrase: "New York Times") == ["New York/LOC", "New York Times/ORG", "reported/MISC"])
        #expect(try policy("keep-both", phrase: "New York", label: "LOC") == ["New York/LOC", "reported/MISC"])
    }

    @Test func theSameSpanAndLabelKeepsTheModelsEntity() throws {
        for overlap in OverlapPolicy.allCases {
            let yaml = "overlap: \(overlap.rawValue)\nphrase_lists:\n  - {id: p, label: LOC, phrases: [New York]}\n"
            let extraction = try run(yaml, text, model: [("New York", "LOC")])
            #expect(extraction.annotations.mentions.count == 1, "\(overlap)")
            #expect(extraction.annotations.entities.map(\.extractor) == ["model"], "\(overlap)")
        }
    }

    @Test func removedEntitiesRenumberRelationArguments() throws {
        let yaml = """
            overlap: rules-win
            phrase_lists:
              - {id: papers, label: ORG, phrases: [New York Times]}
            patterns:
              - id: reported
                relation: reported
                tokens:
                  - {group: source, label: ORG, op: "+"}
                  - {group: cue, lower: reported}
            """
        let extraction = try run(yaml, "The New York Times reported it.", model: [("New York", "LOC"), ("reported", "MISC")])
        #expect(relations(extraction) == ["reported(source=[New York Times], cue=[reported])"])
    }

    // MARK: Errors

    private func error(_ yaml: String) -> String {
        do {
            _ = try RuleSet(yaml: yaml, file: "bad.yaml")
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func malformedFilesNameFileLineAndColumn() {
        #expect(error("patterns:\n  - id: [unclosed\n") .hasPrefix("bad.yaml:3:1: invalid YAML"))
        #expect(error("""
            patterns:
              - id: p
                entity: PER
                tokens:
                  - {lowr: x}
            """) == "bad.yaml:5:10: unknown key 'lowr' in a token element (allowed: text, lower, shape, is_title, is_digit, is_upper, is_punct, in_lexicon, label, op, group, tokens, either)")
        #expect(error("""
            patterns:
              - id: p
                entity: PER
                tokens:
                  - {lower: x, op: "{2}"}
            """) == "bad.yaml:5:24: op must be \"?\", \"*\" or \"+\", not '{2}'")
        #expect(error("""
            patterns:
              - id: p
                relation: r
                tokens:
                  - {group: a, label: PERSON}
            """) == "bad.yaml:5:27: unknown label 'PERSON' (known: LOC, MISC, ORG, PER)")
        #expect(error("""
            patterns:
              - id: p
                entity: PER
                span: who
                tokens:
                  - {group: name, is_title: true}
            """) == "bad.yaml:4:11: undefined group 'who' (the pattern's groups: name)")
        #expect(error("""
            patterns:
              - id: p
                entity: PER
                tokens:
                  - {in_lexicon: titles}
            """) == "bad.yaml:5:22: no phrase list 'titles' (defined: none)")
        #expect(error("""
            patterns:
              - id: p
                entity: PER
                tokens:
                  - {lower: "prime minister"}
            """) == "bad.yaml:5:17: 'prime minister' is not one token; write one element per token, or use a phrase list")
        #expect(error("""
            patterns:
              - id: p
                entity: PER
                tokens:
                  - {is_title: true, op: "*"}
            """) == "bad.yaml:5:7: the pattern 'p' can match no token at all")
        #expect(error("""
            patterns:
              - id: p
                relation: r
                tokens: [{is_title: true}]
            """) == "bad.yaml:3:15: the relation pattern 'p' needs named groups for its arguments")
        #expect(error("overlap: longest\nphrase_lists: []\n")
                == "bad.yaml:1:10: overlap must be keep-longest, rules-win, model-wins, keep-both, not 'longest'")
        #expect(error("phrase_lists:\n  - {id: a, phrases: [x]}\n  - {id: a, phrases: [y]}\n")
                == "bad.yaml:3:10: the id 'a' is used twice")
    }

    @Test func phraseFilesAreReadRelativeToTheRulesFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-rules-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let rules = directory.appendingPathComponent("r.yaml")
        try "phrase_lists:\n  - {id: towns, label: LOC, file: towns.txt}\n".write(to: rules, atomically: true, encoding: .utf8)
        let names = (0..<2_000).map { "Ville\($0) sur Mer" } + ["# a comment", "", "Bagdad"]
        try names.joined(separator: "\n").write(to: directory.appendingPathComponent("towns.txt"), atomically: true, encoding: .utf8)
        let ruleSet = try RuleSet(contentsOf: rules.path)
        #expect(ruleSet.phraseLists.map(\.phraseCount) == [2_001])
        let engine = try Engine(extractors: [RulesExtractor(ruleSets: [ruleSet])])
        let extraction = engine.process(Document(id: "t", source: DocumentSource(), format: .text,
                                                 text: "De Ville42 sur Mer à Bagdad, pas Ville42."))
        #expect(mentions(extraction) == ["Ville42 sur Mer/LOC", "Bagdad/LOC"])
        try "Paris\n  \n\u{01}\n".write(to: directory.appendingPathComponent("towns.txt"), atomically: true, encoding: .utf8)
        #expect(throws: RuleError(file: directory.appendingPathComponent("towns.txt").path, line: 3, column: 1,
                                  message: "the phrase '\u{01}' has no tokens")) { try RuleSet(contentsOf: rules.path) }
    }

    @Test func theExampleRulesFileWorksOnTheExampleArticle() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let ruleSet = try RuleSet(contentsOf: root.appendingPathComponent("Examples/rules/iraq-us-dialogue.fr.yaml").path)
        let text = try String(contentsOf: root.appendingPathComponent("Examples/iraq-us-dialogue.fr.txt"), encoding: .utf8)
        let model = FixedMentions(mentions: [("Fuad Hussein", "PER"), ("Anthony Blinken", "PER"), ("Mustafa Al-Kazemi", "PER")])
        let engine = try Engine(extractors: [model, RulesExtractor(ruleSets: [ruleSet])])
        let extraction = engine.process(Document(id: "t", source: DocumentSource(), format: .text, text: text))
        #expect(relations(extraction) == [
            "dialogue(first=[Irak], second=[États-Unis])",
            "dialogue(first=[Bagdad], second=[Washington])",
            "title(role=ministre irakien des Affaires étrangères, person=[Fuad Hussein])",
            "title(role=secrétaire d’État américain, person=[Anthony Blinken])",
            "title(person=[Mustafa Al-Kazemi], role=Premier ministre irakien)",
        ])
    }

    @Test func jsonFilesAreYAMLToo() throws {
        let json = #"{"phrase_lists": [{"id": "c", "label": "LOC", "phrases": ["Bagdad"]}]}"#
        #expect(mentions(try run(json, "À Bagdad.")) == ["Bagdad/LOC"])
        #expect(error(#"{"phrase_lists": [{"id": "c", "label": "LOC" "phrases": []}]}"#).hasPrefix("bad.yaml:1:"))
    }

    @Test func shapesFollowSpaCy() {
        func shape(_ text: String) -> String {
            var out: [UInt8] = []
            Array(text.utf8).withUnsafeBufferPointer { TokenView.shape($0, into: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        #expect(shape("Washington") == "Xxxxx")
        #expect(shape("U.S.") == "X.X.")
        #expect(shape("2020") == "dddd")
        #expect(shape("Élysée") == "Xxxxx")
        #expect(shape("COVID-19") == "XXXX-dd")
    }
}
