// Trawl — RoleExtractor.swift
// The `roles` extractor: `role` relations between a person and a title, with its organisation.

import Trawl

/// Links persons to the titles the text gives them, as `role` relations.
///
/// Arguments, in this order: `person` (``RelationArgument/entity(_:)``), `role` (the span of the
/// title phrase: "ministre irakien des Affaires étrangères", "Secretary of State"), and, when
/// the phrase names a country or an organisation, `org` — the entity when one is known (a
/// mention inside the phrase, or the country of a nationality adjective: "irakien" → the entity
/// "Irak"), else the span of the word.
///
/// A title phrase is a title from the entity lexicons (`titles.*.lexicon`) followed by nationality
/// adjectives, "de/des/of" complements ("des Affaires étrangères", "des forces armées") and
/// titles joined by "et"/"and" ("Premier ministre irakien et commandant en chef des forces
/// armées"). Patterns: "le TITLE, NAME," · "NAME, (le) TITLE" · "TITLE NAME".
public struct RoleExtractor: Extractor {
    /// The registry entry: `roles`, on by default, for `fr`, `en` and undetermined text.
    public static let descriptor = ExtractorDescriptor(
        name: "roles",
        summary: "person–title relations ('role'), with the organisation or country the title names",
        requires: [.entities],
        produces: [.relations],
        languages: [.french, .english, .undetermined],
        make: { _ in RoleExtractor() })

    /// `roles`.
    public var name: String { "roles" }
    /// Entities, for persons and organisations.
    public var requires: Set<Layer> { [.entities] }
    /// `role` relations.
    public var produces: Set<Layer> { [.relations] }
    /// French, English, and undetermined text (read with the French lists).
    public var languages: Set<Language>? { [.french, .english, .undetermined] }

    /// How far from a person's mention a title phrase may start or end, in tokens.
    private static let window = 24

    private let french: QuoteLexicons
    private let english: QuoteLexicons

    /// Creates the extractor with the compiled-in title and nationality lists.
    public init() {
        french = QuoteLexicons.bundled(for: .french)
        english = QuoteLexicons.bundled(for: .english)
    }

    /// Adds the document's `role` relations, one per person and title phrase.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        let lexicons = analysis.language == .english ? english : french
        let t = QuoteTokens(analysis: analysis, annotations: annotations, lexicons: lexicons,
                            personWindow: RoleExtractor.window)
        let titles = t.titles
        var seen = Set<[Int]>()
        var titleIndex = 0
        while titleIndex < titles.count {
            let title = titles[titleIndex]
            titleIndex += 1
            // Skip titles inside a person's mention and titles already inside a phrase.
            guard !isPerson(title.lowerBound, t) else { continue }
            let end = phraseEnd(title, titles, &titleIndex, t)
            let role = title.lowerBound..<end
            guard let person = person(next: role, t) else { continue }
            guard seen.insert([person, role.lowerBound, role.upperBound]).inserted else { continue }
            var arguments: [Relation.Argument] = [
                .init("person", .entity(annotations.entities[person].id)),
                .init("role", .span(t.span(role.lowerBound, role.upperBound - 1))),
            ]
            if let org = organisation(in: role, annotations, t) {
                arguments.append(.init("org", org))
            }
            annotations.relations.append(Relation(type: "role", arguments: arguments, extractor: name))
        }
    }

    /// The end of the title phrase that starts with `first`: nationality adjectives, complements
    /// after a connector (up to a person, punctuation or a clause word) and titles after "et"/"and".
    private func phraseEnd(_ first: Range<Int>, _ titles: [Range<Int>], _ titleIndex: inout Int,
                           _ t: QuoteTokens) -> Int
    {
        let count = t.analysis.tokens.count
        var end = first.upperBound
        while end < count, end - first.lowerBound < 16 {
            if t.demonyms[end] != nil, !isPerson(end, t) {
                end += 1
            } else if t.word[end] == .connector, end + 1 < count {
                var k = end + 1
                if t.word[k] == .determiner { k += 1 }
                var words = 0
                while k < count, words < 3, t.analysis.tokens[k].kind == .word, !isPerson(k, t),
                      t.word[k] == .none || t.word[k] == .connector && words > 0
                {
                    k += 1
                    words += 1
                }
                guard words > 0 else { break }
                end = k
            } else if titleIndex < titles.count, titles[titleIndex].lowerBound == end + 1,
                      t.isText(end, "et") || t.isText(end, "and")
            {
                end = titles[titleIndex].upperBound
                titleIndex += 1
            } else {
                break
            }
        }
        return end
    }

    /// The person the title phrase `role` belongs to: "TITLE NAME", "TITLE, NAME," or
    /// "NAME, (le) TITLE".
    private func person(next role: Range<Int>, _ t: QuoteTokens) -> Int? {
        let count = t.analysis.tokens.count
        var k = role.upperBound
        if k < count, t.isPunctuation(k, ",") { k += 1 }
        if k < count, isPerson(k, t), Int(t.mentionStart[k]) == k {
            return Int(t.entity[k])
        }
        var before = role.lowerBound - 1
        if before >= 0, t.word[before] == .determiner { before -= 1 }
        if before >= 1, t.isPunctuation(before, ","), isPerson(before - 1, t) {
            return Int(t.entity[before - 1])
        }
        return nil
    }

    /// The organisation a title phrase names: a mention inside it, or the country of a
    /// nationality adjective (as its entity when the document has one).
    private func organisation(in role: Range<Int>, _ annotations: Annotations, _ t: QuoteTokens)
        -> RelationArgument?
    {
        for k in role where t.entity[k] >= 0 && !t.entityIsPerson[Int(t.entity[k])] {
            return .entity(annotations.entities[Int(t.entity[k])].id)
        }
        for k in role {
            guard let country = t.demonyms[k] else { continue }
            if let entity = annotations.entities.first(where: { $0.label != "PER" && $0.name == country }) {
                return .entity(entity.id)
            }
            return .span(t.span(k, k))
        }
        return nil
    }

    private func isPerson(_ index: Int, _ t: QuoteTokens) -> Bool {
        t.entity[index] >= 0 && t.entityIsPerson[Int(t.entity[index])]
    }
}
