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
/// content, without quotation marks) and `direct` (``RelationArgument/flag(_:)``, `true` for a
/// quotation in marks).
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
/// - **English spans** (PolNeAR's conventions): a quotation that only finishes a clause takes the
///   clause ("called the plan “a disaster” and “a fraud”", "said he holds his roots “very near”",
///   "The party “allows us to get our message out,” said X"); "“A,” said X. “B.”" is one
///   attribution from A to B; a reported clause ends at a dash, a semicolon, a comma before
///   "and", "but", "while", "which" or another cue, or "and" before a cue ("complained that … and
///   questioned why …").
/// - **Reported speech**: "X a déclaré que …", "X said (that) …", "X told reporters that …",
///   "selon X, …", "d’après X", "according to X", participles ("expliquant que", "adding that"),
///   "Pour le ministre, …" (when a person, organization, title or noun for people follows), a
///   bare English clause before any later "that" ("said he understands how hard that can be"),
///   also after an apposition ("Chris Cox, who runs the NRA’s lobbying arm, says the …"),
///   cues that end their sentence ("…, a-t-il ajouté.", "…, the IMF said.", "…, estime Berne qui
///   …"), parenthetical cues (the whole sentence: "Though it went well, he said, the …") and
///   clefts pointing at the previous sentence ("C’est ce qu’a annoncé la mairesse").
/// - **Speakers**: the subject mention, an apposition ("le secrétaire d’État américain, Anthony
///   Blinken, a affirmé"), an inverted subject, singular pronouns (the most recent person who
///   was a speaker, opened a sentence or was set off by commas, and whose gender — from the
///   given name or an honorific — agrees with the pronoun's), the clause subject after "et"/"and" and for
///   participles (else the pronoun opening the sentence: "He also spoke about the wall, saying …"); aliases come resolved by the entity clusters ("Hussein" → "Fuad Hussein").
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
            annotations.relations.append(Relation(type: "said", arguments: arguments, extractor: name))
        }
    }

    /// The attributions of one analysed document, with the anchors the evaluation reads.
    func attributions(_ analysis: Analysis, _ annotations: Annotations) -> [Attribution] {
        (analysis.language == .english ? english : french).attributions(analysis, annotations)
    }
}
