// Trawl — RoleTests.swift
// The `roles` extractor: person–title relations with the organisation or country of the title.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

/// The `role` relations of `text` as "person | role | org" strings.
private func roles(_ text: String) throws -> [String] {
    let (relations, annotations, analysis) = try quoteRelations(text, type: "role")
    return relations.map { relation in
        ["person", "role", "org"].map { argumentText(relation[$0], annotations, analysis) }.joined(separator: " | ")
    }
}

@Suite struct RoleTests {
    @Test func exampleArticleRoles() throws {
        let text = try String(contentsOfFile: QuoteExampleTests.examplePath, encoding: .utf8)
        #expect(try roles(text) == [
            "Fuad Hussein | ministre irakien des Affaires étrangères | Irak",
            "Anthony Blinken | secrétaire d’État américain | États-Unis",
            "Mustafa Al-Kazemi | Premier ministre irakien et commandant en chef des forces armées | Irak",
        ])
    }

    @Test func roleArgumentsAreEntitiesAndSpans() throws {
        let text = try String(contentsOfFile: QuoteExampleTests.examplePath, encoding: .utf8)
        let (relations, _, _) = try quoteRelations(text, type: "role")
        #expect(relations.first?.arguments.map(\.name) == ["person", "role", "org"])
        guard case .entity = relations.first?["person"], case .span = relations.first?["role"] else {
            Issue.record("person should be an entity and role a span"); return
        }
        #expect(relations.allSatisfy { $0.extractor == "roles" })
    }

    @Test func titleBeforeNameInEnglish() throws {
        #expect(try roles("Secretary of State Antony Blinken met his counterpart in Paris.")
            == ["Antony Blinken | Secretary of State | -"])
    }

    @Test func nameThenTitleWithDeterminer() throws {
        #expect(try roles("Olaf Scholz, le chancelier allemand, est arrivé à Paris.")
            == ["Olaf Scholz | chancelier allemand | allemand"])
    }

    @Test func titleWithoutAdjacentPersonGivesNothing() throws {
        #expect(try roles("Le ministre a parlé longtemps devant les députés.").isEmpty)
    }
}
