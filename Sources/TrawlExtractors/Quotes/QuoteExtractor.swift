// Trawl — QuoteExtractor.swift
// The `quotes` extractor: `said` relations (speaker, cue, quote, direct) in French and English.

import Trawl

/// Finds who said what: direct quotations in marks and reported speech, each with its reporting
/// cue and its speaker, as `said` relations.
///
/// Arguments, in this order: `speaker` (``RelationArgument/entity(_:)`` when the speaker is a
/// known entity, else ``RelationArgument/span(_:)`` of the phrase naming it — "Les deux pays",
/// "a spokesman"), `speaker_mention` (only with an entity speaker: the span where this
/// attribution names it — a mention, or the pronoun "Il" resolved to it), `cue` (the span of the reporting verb or phrase), `quote` (the span of the
/// content, without quotation marks) and `direct` (``RelationArgument/flag(_:)``, `true` when the
/// content is a quotation in marks; reported speech with a quoted fragment — "said the plan was
/// “a disaster”", "Il devait ramener des Français, « les plus éprouvés », selon X" — is `false`,
/// and then carries `quoted` (`true`) when the rules read it from its quotation marks: PolNeAR's
/// "has quote marks" is `direct` or `quoted`).
///
/// The constructions covered:
/// - **Quotation marks** « », “ ”, " " (and its typewriter form '' … ''), „ “, ‹ ›, ‘ ’ and
///   `<<`/`>>`, paired within a family;
///   an unclosed quotation ends with its paragraph, and a paragraph opening with the same mark
///   continues it; nested marks of another family are content.
/// - **Cue after** the quotation (", a-t-il déclaré", ", a affirmé Blinken", "," he said",
///   ", said Mr. Smith", ", selon X") or **before** it in its sentence ("a déclaré que « … »",
///   "Il a ajouté …, “…”", "He said:" ending the paragraph before), or **inside** it between
///   commas with an inverted subject ("« A, affirme-t-elle. B »"); after the quotation the speaker
///   may carry an apposition or parentheses (", Rep. Jim Jordan (R-Ohio), an oversight panel
///   member, said"), and day words or adverbs may stand between cue and inverted subject
///   (", a déclaré jeudi le ministre", ", rappelle ainsi X"); a quotation with no cue that opens
///   the next paragraph continues the previous speaker (and keeps its cue); a quotation after a
///   colon with no reporting verb takes the colon as its cue and the first person named in the
///   colon's sentence (or the singular pronoun opening it) as its speaker ("Francisca
///   Joly-Gomez est plus nuancée : « … »").
/// - **Partly quoted clauses**: a quotation that only finishes a clause takes the clause, as
///   reported speech ("said he holds his roots “very near”", "que le projet était « une erreur »",
///   "The party “allows us to get our message out,” said X", French words before a postposed
///   cue); naming verbs quote only the marked words ("called his death “a crisis of public
///   trust”"); "“A,” said X. “B.”" is one attribution from A to B; an English reported clause
///   ends at a dash, a semicolon, a comma before "and", "but", "while", "which", another cue or
///   a short subject and a cue ("…, Hawk Sawyer told lawmakers …"), or "and" before a cue; a
///   French one runs to the end of its sentence. A cue and a colon before a quotation report
///   twice: the cue's own clause and the quotation ("précise qu’il s’agit d’un progrès : « … »",
///   "P, selon X : « … »").
/// - **Not quotations**: a noun phrase in marks right after a French verb that takes one
///   ("dénonce « un passage en force »"), a one- or two-word quotation right after a cue that
///   the sentence goes on after ("a jugé « inacceptable » la décision"), a quotation inside a
///   writer's sentence of the same paragraph with no cue ("avec des voix « alternatives »").
/// - **Reported speech**: "X a déclaré que …", "X said (that) …", "X told reporters that …",
///   "selon X, …", "d’après X", "according to X", participles ("expliquant que", "adding that"),
///   "Pour le ministre, …" (when a person, organization, title or noun for people follows), a
///   bare English clause before any later "that" ("said he understands how hard that can be"),
///   also after an apposition ("Chris Cox, who runs the NRA’s lobbying arm, says the …"),
///   cues that end their sentence ("…, a-t-il ajouté.", "…, the IMF said.", "…, estime Berne qui
///   …"), parenthetical cues (the whole sentence: "Though it went well, he said, the …") and
///   clefts pointing at the previous sentence ("C’est ce qu’a annoncé la mairesse"), French
///   incises with "comme" ("comme le montre Florence Audier, …", "…, comme nous le raconte
///   Antoine."), "selon lui", "à en croire X"; findings ("l’étude montre que …"); French
///   requests with an infinitive ("appelle à rejoindre la grève", "a demandé à la Confédération
///   d’interdire ce produit"). An English bare clause after a verb that often takes a noun
///   phrase needs a verb ("denied the allegations" reports nothing); "told" may take a one-word
///   or named object first ("told lawmakers no evidence supports …").
/// - **Speakers**: the subject mention (past adverbs, a reflexive pronoun or an acronym in
///   parentheses: "She also said", "la jeune femme s’inquiète", "L’Office fédéral de
///   l’environnement (OFEV) a révélé"), the entity before a relative "qui"/"who", an apposition
///   ("le secrétaire d’État américain, Anthony Blinken, a affirmé"; the person before it when it
///   is a relative clause, a party and state or ends with another kind of name: "Ted Cruz,
///   R-Texas, said"), an inverted subject (also after a French adjunct: "a réagi sur Twitter la
///   maire"), singular pronouns (the most recent person who was a speaker, opened a sentence or
///   was set off by commas, and whose gender — from the given name or an honorific — agrees with
///   the pronoun's; but a person introduced in another role in a later paragraph, alone in its
///   sentence, comes first), the clause subject after "et"/"and" and for participles (else the
///   pronoun opening the sentence: "He also spoke about the wall, saying …", else the sentence's
///   opening entity or noun phrase: "La police allemande apprécie moyen et précise que …");
///   aliases come resolved by the entity clusters ("Hussein" → "Fuad Hussein").
///
/// The reporting verbs are the editable lists in `Lexicons/quotes/` (see the README
/// there); they are loaded once and shared.
public struct QuoteExtractor: Extractor {
    /// The registry entry: `quotes`, on by default, for `fr`, `en` and undetermined text.
    public static let descriptor = ExtractorDescriptor(
        name: "quotes",
        summary: "who said what: direct and reported speech with cue and speaker ('said' relations), French and English",
        requires: [.entities],
        produces: [.relations],
        languages: [.french, .english, .undetermined],
        make: { _ in QuoteExtractor() })

    /// `quotes`.
    public var name: String { "quotes" }
    /// Entities, for speakers.
    public var requires: Set<Layer> { [.entities] }
    /// `said` relations.
    public var produces: Set<Layer> { [.relations] }
    /// French, English, and undetermined text (read with the French lists).
    public var languages: Set<Language>? { [.french, .english, .undetermined] }

    private let french: QuoteAttributor
    private let english: QuoteAttributor

    /// Creates the extractor with the compiled-in reporting-verb lists.
    public init() {
        french = QuoteAttributor(lexicons: QuoteLexicons.bundled(for: .french), english: false)
        english = QuoteAttributor(lexicons: QuoteLexicons.bundled(for: .english), english: true)
    }

    /// Adds the document's `said` relations, in text order of their content.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        for attribution in attributions(analysis, annotations) {
            var arguments: [Relation.Argument]
            if let entity = attribution.speakerEntity {
                arguments = [.init("speaker", .entity(annotations.entities[entity].id)),
                             .init("speaker_mention", .span(attribution.speakerSpan))]
            } else {
                arguments = [.init("speaker", .span(attribution.speakerSpan))]
            }
            arguments += [.init("cue", .span(attribution.cue)), .init("quote", .span(attribution.quote)),
                          .init("direct", .flag(attribution.direct))]
            if attribution.quoted, !attribution.direct { arguments.append(.init("quoted", .flag(true))) }
            annotations.relations.append(Relation(type: "said", arguments: arguments, extractor: name))
        }
    }

    /// The attributions of one analysed document, with the anchors the evaluation reads.
    func attributions(_ analysis: Analysis, _ annotations: Annotations) -> [Attribution] {
        (analysis.language == .english ? english : french).attributions(analysis, annotations)
    }
}
