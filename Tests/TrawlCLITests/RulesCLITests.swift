// Trawl — RulesCLITests.swift
// `trawl extract --rules FILE`: a phrase list and a token pattern producing a relation, end to end.

import Foundation
import Testing

@Suite struct RulesCLITests {
    private static let rules = """
        # A phrase list of people, one of cue verbs (no label: for in_lexicon only), and a pattern.
        phrase_lists:
          - id: people
            label: PER
            phrases: [Fuad Hussein, Anthony Blinken]
          - id: cues
            case: insensitive
            phrases: [a rencontré, a reçu]
        patterns:
          - id: met
            relation: met
            tokens:
              - {group: visitor, label: PER, op: "+"}
              - {group: cue, in_lexicon: cues, op: "+"}
              - {group: host, label: PER, op: "+"}
              - group: place
                op: "?"
                tokens: [{lower: à}, {is_title: true}]
        """

    private func withFiles(_ files: [String: String], _ body: (URL) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-rules-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        try body(directory)
    }

    @Test func phraseListAndPatternProduceARelation() throws {
        let text = "À l’issue du « dialogue », Fuad Hussein a rencontré Anthony Blinken à Bagdad."
        try withFiles(["rules.yaml": Self.rules, "article.txt": text]) { directory in
            let result = try TrawlProcess.run(["extract", "--extractors", "rules",
                                               "--rules", directory.appendingPathComponent("rules.yaml").path,
                                               directory.appendingPathComponent("article.txt").path])
            #expect(result.status == 0, "\(result.stderr)")
            let line = try #require(result.lines.first)
            let entities = try #require(line["entities"] as? [[String: Any]])
            let relations = try #require(line["relations"] as? [[String: Any]])
            #expect(relations.count == 1)
            let relation = try #require(relations.first)
            #expect(relation["type"] as? String == "met")
            #expect(relation["extractor"] as? String == "rules:rules.yaml#met")
            // Offsets are in Unicode scalars: "À", "’", "«" and "»" come before the mentions.
            let scalars = Array(text.unicodeScalars)
            func offsets(of phrase: String) -> (Int, Int) {
                let target = Array(phrase.unicodeScalars)
                let start = (0...(scalars.count - target.count)).first { Array(scalars[$0..<$0 + target.count]) == target }!
                return (start, start + target.count)
            }
            func entity(_ argument: String) -> [String: Any]? {
                entities.first { $0["id"] as? String == relation[argument] as? String }
            }
            for (argument, name) in [("visitor", "Fuad Hussein"), ("host", "Anthony Blinken")] {
                let found = try #require(entity(argument), "\(argument) is not an entity id")
                #expect(found["name"] as? String == name)
                #expect(found["label"] as? String == "PER")
                #expect(found["extractor"] as? String == "rules:rules.yaml#people")
                let mention = try #require((found["mentions"] as? [[String: Any]])?.first)
                let (start, end) = offsets(of: name)
                #expect(mention["start"] as? Int == start && mention["end"] as? Int == end, "\(mention)")
            }
            for (argument, phrase) in [("cue", "a rencontré"), ("place", "à Bagdad")] {
                let span = try #require(relation[argument] as? [String: Any], "\(argument) is not a span")
                let (start, end) = offsets(of: phrase)
                #expect(span["start"] as? Int == start && span["end"] as? Int == end && span["text"] as? String == phrase)
            }
        }
    }

    @Test func malformedRulesAreUsageErrorsWithLineAndColumn() throws {
        try withFiles(["bad.yaml": "patterns:\n  - id: p\n    entity: PER\n    tokens:\n      - {lower: x, op: \"{2}\"}\n"]) { directory in
            let path = directory.appendingPathComponent("bad.yaml").path
            let result = try TrawlProcess.run(["extract", "--rules", path, "-"], stdin: Data("texte".utf8))
            #expect(result.status == 2)
            #expect(result.stderr.contains("\(path):5:24: op must be"), "\(result.stderr)")
        }
        let list = try TrawlProcess.run(["extractors"])
        #expect(String(decoding: list.stdout, as: UTF8.self).contains("rules"))
    }
}
