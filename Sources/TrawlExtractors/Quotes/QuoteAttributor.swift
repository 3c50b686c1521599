// Trawl — QuoteAttributor.swift
// Finds direct and indirect quotations in one document, with their cues and speakers: the types
// and the driver; the rules are in QuoteAttributor+Marks (quotations in marks), +Reported
// (reported speech), +Speakers (reading speakers) and +Resolution (pronouns, continuations).

import Trawl

/// A quotation attributed to a speaker.
struct Attribution: Sendable, Hashable {
    /// The speaker's entity (index in ``Annotations/entities``), when resolved to one.
    var speakerEntity: Int?
    /// Where the text names the speaker: the mention, pronoun or phrase the rules read.
    var speakerSpan: Span
    /// The reporting verb or phrase.
    var cue: Span
    /// The quoted or reported content, without quotation marks.
    var quote: Span
    /// Whether the content is a quotation (direct speech): it opens with its quotation mark.
    /// Reported speech with quoted fragments ("said the plan was “a disaster”") is not direct.
    var direct: Bool
    /// Whether the content is or contains a quotation in marks (PolNeAR's `has_quote_marks`).
    var quoted: Bool
}

/// The speaker of a cue as the rules find it, before pronouns and clause subjects are resolved.
enum SpeakerReference {
    /// A mention of an entity; the anchor is the mention's span.
    case entity(Int, anchor: Span)
    /// A noun phrase or pronoun that names no entity ("Les deux pays", "a spokesman", "ils").
    case phrase(Span)
    /// A singular personal pronoun, resolved to the most recent person.
    case pronoun(Span)
    /// The subject of the clause: the previous speaker in the sentence, else the person opening
    /// the sentence or the last one named earlier in it ("Fuad Hussein … et a déclaré", "…,
    /// expliquant que"), else the pronoun opening the sentence.
    case clauseSubject
    /// The speaker and cue of an earlier quotation (a quotation continued without a new cue).
    case continuation(of: Int)
}

/// A quotation found, waiting for its speaker to be resolved in text order.
struct Candidate {
    var speaker: SpeakerReference
    /// Index in ``QuoteTokens/cues``, or -1 for a continuation.
    var cue: Int
    var content: Range<Int>
    var direct: Bool
    /// Whether the content is or contains a quotation in marks (found from the marks).
    var quoted: Bool
    /// The token that places the candidate in text order (the earlier of cue and content).
    var order: Int
    /// The colon that is the cue of a quotation it introduces with no reporting verb, if so.
    var colon: Int? = nil
    /// The cue also reports a clause of its own before the colon that introduces this quotation
    /// ("précise que P : « Q »", "P, selon X : « Q »"): it stays free for reported speech.
    var sharesCue = false
}

/// A quotation delimited by quotation marks: the mark tokens and the content between them.
struct MarkedQuote {
    var open: Int
    /// The closing mark, or `nil` when the paragraph ended first.
    var close: Int?
    var content: Range<Int>
}

/// The attribution rules (see ``QuoteExtractor`` for the constructions they cover).
struct QuoteAttributor {
    /// The lexicons of the document's language.
    let lexicons: QuoteLexicons
    /// Whether the language is English (a bare clause may follow "said").
    let english: Bool

    /// The most tokens between a cue and the quotation it introduces.
    static let cueWindow = 40
    /// The most tokens an unclosed quotation may run before it is cut.
    static let unclosedLimit = 300
    /// Clitics and negation words between "à"/"de" and an infinitive.
    static let infinitiveClitics: [StaticString] = [
        "y", "en", "se", "s’", "s'", "le", "les", "lui", "leur", "nous", "vous", "me", "m’", "m'", "te",
        "t’", "t'", "ne", "n’", "n'", "pas", "plus"
    ]
    /// Stems of French cues that often take a noun phrase as object.
    static let nounPhraseVerbStems: [StaticString] = [
        "dénon", "critiqu", "regrett", "déplor", "évoqu", "réclam", "fustig", "condamn", "salu"
    ]
    /// English verbs that name what they report ("called it “a disaster”").
    static let namingVerbs: [StaticString] = [
        "called", "calls", "calling", "call", "dubbed", "labeled", "labelled", "branded"
    ]
    /// "told" and its forms, which may take a one-word object before their clause.
    static let tellVerbs: [StaticString] = ["told", "tells", "telling"]
    /// English verbs of saying whose object is a clause.
    static let clauseOnlyVerbs: [StaticString] = [
        "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "stated", "states",
        "warned", "warns", "explained", "explains", "argued", "argues", "insisted", "insists", "noted",
        "wrote", "writes", "testified", "acknowledged", "acknowledges", "claimed", "claims", "alleged",
        "alleges", "suggested", "suggests", "concluded", "estimated", "predicted", "announced"
    ]
    /// Modals and common irregular English past forms that show a clause has a verb.
    static let commonVerbs: [StaticString] = [
        "must", "should", "can", "cannot", "shall", "won’t", "won't", "made", "took", "went", "got", "saw",
        "came", "gave", "knew", "felt", "left", "kept", "paid", "lost", "won", "met", "began", "brought",
        "found", "held", "led", "meant", "sent", "thought", "became", "told", "said", "need"
    ]

    /// The attributions of one document, in text order of their content.
    func attributions(_ analysis: Analysis, _ annotations: Annotations) -> [Attribution] {
        let t = QuoteTokens(analysis: analysis, annotations: annotations, lexicons: lexicons)
        let marked = markedQuotes(t)
        var candidates: [Candidate] = []
        var cueUsed = [Bool](repeating: false, count: t.cues.count)
        var previousDirect: Int? = nil
        for quote in marked {
            // A quotation inside the clause of the previous one ("it “meritless” and “improper”").
            if let last = candidates.last, last.content.contains(quote.open) { continue }
            if let candidate = attributeMarked(quote, t, previous: previousDirect.map { candidates[$0] },
                                               previousIndex: previousDirect)
            {
                // "“A,” said X. “B.”": one attribution, its content running from A to B.
                // Only across a short cue sentence ("," she said.) and when B opens a sentence.
                if english, case .continuation(let source) = candidate.speaker,
                   quote.open - candidates[source].content.upperBound <= 8,
                   t.sentence[quote.open] != t.sentence[quote.open - 1],
                   t.paragraph[quote.open] == t.paragraph[candidates[source].content.upperBound - 1]
                {
                    candidates[source].content = candidates[source].content.lowerBound..<quote.content.upperBound
                    continue
                }
                if candidate.cue >= 0, !candidate.sharesCue { cueUsed[candidate.cue] = true }
                previousDirect = candidates.count
                candidates.append(candidate)
            }
        }
        let directContent = candidates.map(\.content)
        for (index, cue) in t.cues.enumerated() where !cueUsed[index] {
            guard let candidate = reported(index, cue, t),
                  candidate.direct || !t.analysis.tokens[candidate.content.lowerBound].flags.contains(.openingQuote),
                  !directContent.contains(where: { Self.overlapShare($0, of: candidate.content) >= 0.5 })
            else { continue }
            candidates.append(candidate)
        }
        return resolve(candidates, t)
    }

    // MARK: Helpers

    /// `range` without leading and trailing punctuation other than quotation marks.
    func trimmed(_ range: Range<Int>, _ t: QuoteTokens) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, t.isBreak(lower) { lower += 1 }
        while upper > lower, t.isBreak(upper - 1) { upper -= 1 }
        return lower..<upper
    }

    /// The share of `b` that `a` covers.
    static func overlapShare(_ a: Range<Int>, of b: Range<Int>) -> Double {
        let common = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        return common > 0 ? Double(common) / Double(b.count) : 0
    }
}
