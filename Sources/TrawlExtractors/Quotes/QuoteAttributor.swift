// Trawl — QuoteAttributor.swift
// Finds direct and indirect quotations in one document, with their cues and speakers.

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
private enum SpeakerReference {
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
private struct Candidate {
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
private struct MarkedQuote {
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
    private static let cueWindow = 40
    /// The most tokens an unclosed quotation may run before it is cut.
    private static let unclosedLimit = 300
    /// Clitics and negation words between "à"/"de" and an infinitive.
    private static let infinitiveClitics: [StaticString] = [
        "y", "en", "se", "s’", "s'", "le", "les", "lui", "leur", "nous", "vous", "me", "m’", "m'", "te",
        "t’", "t'", "ne", "n’", "n'", "pas", "plus"
    ]
    /// Stems of French cues that often take a noun phrase as object.
    private static let nounPhraseVerbStems: [StaticString] = [
        "dénon", "critiqu", "regrett", "déplor", "évoqu", "réclam", "fustig", "condamn", "salu"
    ]
    /// English verbs that name what they report ("called it “a disaster”").
    private static let namingVerbs: [StaticString] = [
        "called", "calls", "calling", "call", "dubbed", "labeled", "labelled", "branded"
    ]
    /// English verbs of saying whose object is a clause.
    private static let clauseOnlyVerbs: [StaticString] = [
        "said", "says", "say", "saying", "told", "tells", "tell", "added", "adds", "stated", "states",
        "warned", "warns", "explained", "explains", "argued", "argues", "insisted", "insists", "noted",
        "wrote", "writes", "testified", "acknowledged", "acknowledges", "claimed", "claims", "alleged",
        "alleges", "suggested", "suggests", "concluded", "estimated", "predicted", "announced"
    ]
    /// Modals and common irregular English past forms that show a clause has a verb.
    private static let commonVerbs: [StaticString] = [
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

    // MARK: Quotation marks

    /// Pairs opening and closing marks of one family. An unclosed quotation ends with its
    /// paragraph (or before the next opening mark of its family), unless the next paragraph
    /// opens with a mark of the same family: a quotation continued over paragraphs.
    private func markedQuotes(_ t: QuoteTokens) -> [MarkedQuote] {
        let tokens = t.analysis.tokens
        var quotes: [MarkedQuote] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].flags.contains(.openingQuote) else { index += 1; continue }
            let family = t.markFamily(index)
            var paragraph = t.paragraph[index]
            var close: Int? = nil
            var last = index
            var next = index + 1
            while next < tokens.count, next - index <= Self.unclosedLimit {
                let flags = tokens[next].flags
                if t.paragraph[next] != paragraph {
                    guard flags.contains(.openingQuote), t.markFamily(next) == family else { break }
                    paragraph = t.paragraph[next]
                } else if t.markFamily(next).pairing == family.pairing {
                    if flags.contains(.closingQuote) { close = next; break }
                    if flags.contains(.openingQuote) { break }
                }
                last = next
                next += 1
            }
            let content = (index + 1)..<(close ?? last + 1)
            if !content.isEmpty { quotes.append(MarkedQuote(open: index, close: close, content: content)) }
            index = close.map { $0 + 1 } ?? max(last + 1, index + 1)
        }
        return quotes
    }

    /// The attribution of a quotation in marks: a cue after it ("», a-t-il déclaré", "," he
    /// said"), else a cue before it in its sentence, else the continuation of the previous one.
    private func attributeMarked(_ quote: MarkedQuote, _ t: QuoteTokens, previous: Candidate?,
                                 previousIndex: Int?) -> Candidate?
    {
        let tokens = t.analysis.tokens
        if let close = quote.close {
            var k = close + 1
            if k < tokens.count, t.isCommaOrDash(k) { k += 1 }
            // "« … », s’enthousiasme un diplomate": the reflexive pronoun before the cue.
            if !english, k + 1 < tokens.count, t.cueAt[k] < 0, t.cueAt[k + 1] >= 0, t.isReflexive(k) { k += 1 }
            if k < tokens.count, t.paragraph[k] == t.paragraph[close] {
                let cueIndex = Int(t.cueAt[k])
                // A cue right after the comma may be one that otherwise needs "que" ("« … », accuse
                // une habitante"): its inverted subject follows.
                if cueIndex >= 0, t.cues[cueIndex].tokens.lowerBound == k, t.cues[cueIndex].kind != .participle,
                   !t.cues[cueIndex].needsComplement || (k == close + 2 && t.cues[cueIndex].kind == .verb),
                   !introducesSpeech(t.cues[cueIndex], t)
                {
                    let cue = t.cues[cueIndex]
                    let speaker = cue.kind == .source ? phraseAfter(cue, t) : invertedSpeaker(cue, t)
                    if let speaker {
                        let content = withLeadIn(quote, t)
                        return Candidate(speaker: speaker, cue: cueIndex, content: content,
                                         direct: content == quote.content, quoted: true, order: quote.open)
                    }
                }
                // "…," he said / "…», le ministre a ajouté" / "…," Rep. Gwen Moore (D-Wis.) said.
                var m = k
                while m < tokens.count, m - k < 10, t.cueAt[m] < 0, t.markFamily(m) == .none,
                      t.word[m] != .boundary, t.word[m] != .complementizer, t.word[m] != .preposition,
                      let next = phraseStep(m, t)  // "Sen. Claire McCaskill (D-Mo.) said"
                {
                    m = next
                }
                // "…," Rep. Jim Jordan (R-Ohio), an oversight panel member, said: an apposition.
                var cueToken = m
                if m > k, m < tokens.count, t.isPunctuation(m, ","), let close = appositionEnd(after: m, t) {
                    cueToken = close + 1
                }
                if m > k, cueToken < tokens.count, t.cueAt[cueToken] >= 0 {
                    let cueIndex = Int(t.cueAt[cueToken])
                    let cue = t.cues[cueIndex]
                    if cue.kind == .verb, !cue.needsComplement, cue.tokens.lowerBound == cueToken,
                       !introducesSpeech(cue, t)
                    {
                        let content = withLeadIn(quote, t)
                        return Candidate(speaker: phrase(k..<m, t), cue: cueIndex, content: content,
                                         direct: content == quote.content, quoted: true, order: quote.open)
                    }
                }
            }
        }
        // A cue inside the quotation, between commas or dashes, with its subject inverted: « A,
        // affirme-t-elle. B », « A, explique Antony Fastier, toxicologue. B ».
        for m in quote.content where t.cueAt[m] >= 0 && m > quote.content.lowerBound && t.isCommaOrDash(m - 1) {
            let cueIndex = Int(t.cueAt[m])
            let cue = t.cues[cueIndex]
            guard cue.tokens.lowerBound == m, cue.kind == .verb, !cue.needsComplement, !introducesSpeech(cue, t),
                  let speaker = invertedSpeaker(cue, t)
            else { continue }
            return Candidate(speaker: speaker, cue: cueIndex, content: quote.content, direct: true, quoted: true, order: quote.open)
        }
        // A cue before the quotation, in its sentence, after any earlier quotation; or a cue and
        // a colon ending the paragraph before ("He said:" ¶ "We have …").
        var sentenceStart = t.sentenceTokens(quote.open).lowerBound
        if quote.open >= 2, t.paragraph[quote.open - 1] != t.paragraph[quote.open], t.isPunctuation(quote.open - 1, ":") {
            sentenceStart = t.sentenceTokens(quote.open - 1).lowerBound
        }
        var m = quote.open - 1
        while m >= sentenceStart, quote.open - m <= Self.cueWindow,
              !t.analysis.tokens[m].flags.contains(.closingQuote)
        {
            let cueIndex = Int(t.cueAt[m])
            if cueIndex >= 0 {
                let cue = t.cues[cueIndex]
                guard quote.content.count >= 3 || quote.open - cue.tokens.upperBound <= 1 else { return nil }
                // "l’opposition dénonce « un passage en force »": a noun phrase in marks, no statement;
                // "a jugé « inacceptable » la décision": a quoted word the sentence goes on after.
                if !english, quote.open == cue.tokens.upperBound, t.word[quote.content.lowerBound] == .determiner,
                   Self.takesNounPhrase(cue, t)
                {
                    return nil
                }
                if quote.open == cue.tokens.upperBound, quote.content.count <= 2, let close = quote.close,
                   close + 1 < t.sentenceTokens(close).upperBound, !t.isBreak(close + 1)
                {
                    return nil
                }
                var content = quote.content
                let source = cue.kind == .source ? sourceClause(cue, t) : nil
                // "… illustrerait selon lui l’expression d’un « état de malaise »": the sentence.
                if !english, let clause = source?.content, clause.lowerBound < quote.open,
                   clause.upperBound >= quote.content.upperBound
                {
                    content = clause
                } else if cue.request, let clause = requestClause(after: cue, t), clause.lowerBound < quote.open,
                          clause.upperBound >= quote.content.upperBound
                {
                    content = clause  // "appelle à y participer pour la réussite de ce « contre-bilan »"
                } else if let que = (cue.tokens.upperBound..<quote.open).first(where: { t.word[$0] == .complementizer }),
                   quote.open - que > 2, !((que + 1)..<quote.open).contains(where: { t.isPunctuation($0, ":") })
                {
                    content = (que + 1)..<quote.content.upperBound
                } else if t.word[quote.open - 1] == .complementizer {
                    // "adding that “progress has been made.”": the content is the quotation.
                } else if english, !t.isBreak(quote.open - 1), !Self.isNamingVerb(cue, t),
                          !(cue.tokens.upperBound..<quote.open).contains(where: { t.isPunctuation($0, ":") })
                {
                    // "called the plan “a disaster”", "said he holds his roots “very near”": the
                    // verb's object or clause, partly quoted ("told reporters the president was
                    // “deeply concerned”": past the object of "told").
                    let sentenceEnd = t.sentenceTokens(quote.open).upperBound
                    let first = Self.isTell(cue, t) ? afterToldObject(cue, sentenceEnd, t) ?? afterTimeWords(cue.tokens.upperBound, t)
                        : afterTimeWords(cue.tokens.upperBound, t)
                    if first < quote.open { content = first..<quote.content.upperBound }
                }
                if content.lowerBound < quote.content.lowerBound, let close = quote.close {
                    // "called it “meritless” and “improper”": on to the end of the clause.
                    // (`clauseEnd` reads from its start + 2: the token after the closing mark.)
                    let clause = close..<clauseEnd(from: close - 1, t.sentenceTokens(close).upperBound, t)
                    content = content.lowerBound..<max(quote.content.upperBound, trimmed(clause, t).upperBound)
                }
                // "précise qu’il s’agit d’un progrès : « … »", "P, selon X : « … »": the cue's
                // own clause is reported speech too.
                let colonBefore = content == quote.content && quote.open > 0 && t.isPunctuation(quote.open - 1, ":")
                let sharesCue = colonBefore
                    && (cue.kind == .source ? (source.map { $0.content.upperBound <= cue.tokens.lowerBound } ?? false)
                        : (cue.tokens.upperBound..<quote.open).contains { t.word[$0] == .complementizer })
                return Candidate(speaker: source?.speaker ?? speaker(of: cue, t), cue: cueIndex, content: content,
                                 direct: content.lowerBound == quote.content.lowerBound, quoted: true,
                                 order: cue.tokens.lowerBound, sharesCue: sharesCue)
            }
            m -= 1
        }
        // A colon after a sentence about a person, with no reporting verb: "Francisca Joly-Gomez
        // est plus nuancée : « … »".
        let colon = quote.open - 1
        if colon >= 0, t.isPunctuation(colon, ":"), t.paragraph[colon] == t.paragraph[quote.open], quote.content.count >= 3,
           let speaker = colonSpeaker(colon, t)
        {
            return Candidate(speaker: speaker, cue: -1, content: quote.content, direct: true, quoted: true, order: colon, colon: colon)
        }
        // A continuation: a quotation opening the next paragraph, or in the paragraph of the previous one.
        // Not one followed by a comma and a verb the lists lack ("« … », a réagi X", "…," he shrugged).
        if let close = quote.close, close + 2 < t.analysis.tokens.count, t.isCommaOrDash(close + 1),
           t.paragraph[close + 2] == t.paragraph[close],
           t.word[close + 2] == .auxiliary || t.word[close + 2] == .pronoun || t.word[close + 2] == .otherPronoun
        {
            return nil
        }
        if let previous, let previousIndex, quote.content.count >= 3 {
            let last = previous.content.upperBound - 1
            let opensParagraph = quote.open == 0 || t.paragraph[quote.open - 1] != t.paragraph[quote.open]
            let nearby = t.paragraph[quote.open] - t.paragraph[last] <= 1
            // In the same paragraph, only a quotation that opens its sentence: one inside a
            // sentence of the writer's ("avec des voix « alternatives »") is a fragment.
            let sentenceStart = t.sentenceTokens(quote.open).lowerBound
            let opensSentence = !(sentenceStart..<quote.open).contains { !t.isBreak($0) }
            if nearby, opensParagraph || (t.paragraph[quote.open] == t.paragraph[last] && opensSentence) {
                return Candidate(speaker: .continuation(of: previousIndex), cue: -1, content: quote.content,
                                 direct: true, quoted: true, order: quote.open)
            }
        }
        return nil
    }

    /// The content of a quotation with a cue after it, with the words that open its sentence
    /// before the marks ("The party "allows us to get our message out," said X"; "Il devait
    /// ramener des Français, «les plus éprouvés» et les «plus vulnérables», selon le ministère"):
    /// the quotation finishes a sentence the writer began, so the content is reported speech
    /// with a quoted part. Unchanged after a colon or a cue, and in English after another mark.
    private func withLeadIn(_ quote: MarkedQuote, _ t: QuoteTokens) -> Range<Int> {
        let start = t.sentenceTokens(quote.open).lowerBound
        guard start < quote.open, !t.isPunctuation(quote.open - 1, ","),
              !(start..<quote.open).contains(where: {
                  t.isPunctuation($0, ":") || t.cueAt[$0] >= 0 || (english && t.markFamily($0) != .none)
              })
        else { return quote.content }
        let content = trimmed(start..<quote.content.upperBound, t)
        return content.lowerBound < quote.open ? content : quote.content
    }

    /// The speaker of a quotation introduced by the colon `colon` alone: the first person named
    /// in the colon's sentence, else the singular pronoun that opens it; nil when neither.
    private func colonSpeaker(_ colon: Int, _ t: QuoteTokens) -> SpeakerReference? {
        let sentence = t.sentenceTokens(colon).lowerBound..<colon
        for k in sentence where t.entity[k] >= 0 && t.entityIsPerson[Int(t.entity[k])] {
            var end = k
            while end + 1 < colon, t.entity[end + 1] == t.entity[k] { end += 1 }
            return .entity(Int(t.entity[k]), anchor: t.span(Int(t.mentionStart[k]), end))
        }
        guard let first = sentence.first, t.word[first] == .pronoun else { return nil }
        return pronounReference(first, t)
    }

    /// The token after `index` inside a name or apposition: past a parenthesized group that
    /// `index` opens ("(D-Mo.)"), or the next token; nil when `index` is other punctuation.
    private func phraseStep(_ index: Int, _ t: QuoteTokens) -> Int? {
        if t.isPunctuation(index, "("), let close = closingParenthesis(after: index, t) { return close + 1 }
        return t.isBreak(index) ? nil : index + 1
    }

    /// The `)` closing the `(` at `open` within 8 tokens of the same paragraph.
    private func closingParenthesis(after open: Int, _ t: QuoteTokens) -> Int? {
        var p = open + 1
        while p < t.analysis.tokens.count, p - open <= 8, t.paragraph[p] == t.paragraph[open] {
            if t.isPunctuation(p, ")") { return p }
            if t.isPunctuation(p, "(") || t.markFamily(p) != .none { return nil }
            p += 1
        }
        return nil
    }

    /// The comma that closes an apposition opened by the comma `comma` ("Quina Jones, 25, said"),
    /// when a cue follows it: at most 16 tokens without other punctuation, marks or cues.
    private func appositionEnd(after comma: Int, _ t: QuoteTokens) -> Int? {
        var p = comma + 1
        while p < t.analysis.tokens.count, p - comma <= 16, t.cueAt[p] < 0, t.markFamily(p) == .none,
              let next = phraseStep(p, t)
        {
            p = next
        }
        guard p > comma + 1, p + 1 < t.analysis.tokens.count, t.isPunctuation(p, ","), t.cueAt[p + 1] >= 0,
              t.paragraph[p + 1] == t.paragraph[comma]
        else { return nil }
        return p
    }

    /// Whether a cue is followed by "que", "that", a colon or an opening mark: it introduces
    /// what follows, not a quotation before it.
    private func introducesSpeech(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        let end = cue.tokens.upperBound
        for k in end..<min(end + 2, t.analysis.tokens.count) {
            if t.word[k] == .complementizer || t.isPunctuation(k, ":")
                || t.analysis.tokens[k].flags.contains(.openingQuote)
            {
                return true
            }
            if t.isBreak(k) { return false }
        }
        return false
    }

    // MARK: Reported speech

    /// Reported speech introduced by a cue not used by a quotation in marks.
    private func reported(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
        let start = cue.tokens.lowerBound
        let sentence = t.sentenceTokens(start)
        switch cue.kind {
        case .source:
            guard let (speaker, content) = sourceClause(cue, t) else { return nil }
            return Candidate(speaker: speaker, cue: cueIndex, content: content, direct: false, quoted: false,
                             order: start)
        case .participle:
            // "…, expliquant que …", "adding that …".
            let end = cue.tokens.upperBound
            guard end < sentence.upperBound else { return nil }
            var first = end
            var que = end
            while que < sentence.upperBound - 1, que - end < 2, t.word[que] == .adverb { que += 1 }
            if t.word[que] == .complementizer {
                first = que + 1  // "expliquant que …", "arguant notamment que …"
            } else if !english || cue.needsComplement || !(t.word[end] == .determiner || t.word[end] == .pronoun
                || t.word[end] == .otherPronoun)
            {
                return nil
            }
            let content = trimmed(first..<clauseEnd(from: first, sentence.upperBound, t), t)
            guard content.count >= 2 else { return nil }
            return Candidate(speaker: .clauseSubject, cue: cueIndex, content: content, direct: false, quoted: false, order: start)
        case .verb:
            if let candidate = cleft(cueIndex, cue, t) { return candidate }
            if let candidate = commeIncise(cueIndex, cue, t) { return candidate }
            if let content = clauseAfter(cue, t), content.count >= 2 {
                return Candidate(speaker: speaker(of: cue, t), cue: cueIndex, content: content, direct: false, quoted: false,
                                 order: start)
            }
            if cue.request, let content = requestClause(after: cue, t) {
                return Candidate(speaker: speaker(of: cue, t), cue: cueIndex, content: content, direct: false,
                                 quoted: false, order: start)
            }
            return cue.needsComplement ? nil : postposed(cueIndex, cue, t)
        }
    }

    /// The infinitive clause a French request verb reports: "appelle à rejoindre la grève",
    /// "invite les parents à manifester", "ont demandé à la Confédération d’interdire ce produit".
    /// The content runs from the cue to the end of the sentence; "à"/"de" must come within 12
    /// tokens and be followed by a verb in the infinitive (after clitics: "à y participer", "à
    /// les protéger", "de ne pas voter"). A noun after the cue ("appelle à la grève") is no clause.
    private func requestClause(after cue: Cue, _ t: QuoteTokens) -> Range<Int>? {
        guard !english else { return nil }
        let end = cue.tokens.upperBound
        let sentenceEnd = t.sentenceTokens(cue.tokens.lowerBound).upperBound
        var k = end
        while k < sentenceEnd - 1, k - end < 12 {
            if t.isStop(k) || t.isPunctuation(k, ";") || t.markFamily(k) != .none || t.cueAt[k] >= 0
                || t.word[k] == .complementizer
            {
                return nil
            }
            if t.isText(k, "à") || t.isText(k, "de") || t.isText(k, "d’") || t.isText(k, "d'") {
                var verb = k + 1
                while verb < sentenceEnd - 1, verb - k <= 3, Self.isInfinitiveClitic(verb, t) { verb += 1 }
                if verb < sentenceEnd, t.looksLikeInfinitive(verb) {
                    let content = trimmed(end..<sentenceEnd, t)
                    return content.count >= 2 ? content : nil
                }
            }
            k += 1
        }
        return nil
    }

    /// A clitic or negation that may stand between "à"/"de" and an infinitive ("à y participer",
    /// "de ne pas"). "le"/"les" are pronouns there (the articles contract: "au", "des").
    private static func isInfinitiveClitic(_ index: Int, _ t: QuoteTokens) -> Bool {
        for clitic in Self.infinitiveClitics
            where t.isText(index, clitic)
        {
            return true
        }
        return false
    }

    /// The content a source cue reports: "selon X, …" (after the comma ending a long source
    /// phrase), "… illustrerait selon lui l’expression …" (the whole sentence), "…, selon X."
    /// (the sentence before it). `nil` when no phrase follows the cue or the content is short.
    private func sourceClause(_ cue: Cue, _ t: QuoteTokens) -> (speaker: SpeakerReference, content: Range<Int>)? {
        let start = cue.tokens.lowerBound
        let sentence = t.sentenceTokens(start)
        var speaker: SpeakerReference
        let speakerEnd: Int
        if let pronoun = sourcePronoun(cue, t) {
            speaker = pronoun
            speakerEnd = cue.tokens.upperBound + 1
        } else {
            speakerEnd = phraseEnd(after: cue, t)
            guard speakerEnd > cue.tokens.upperBound, let phrase = phraseAfter(cue, t) else { return nil }
            speaker = phrase
        }
        var content: Range<Int>
        // "According to early results of exit polls conducted for … by Edison Research, …": a
        // long source phrase runs to the first comma.
        let comma = start == sentence.lowerBound
            ? (speakerEnd..<min(sentence.upperBound, start + 30)).first { t.isBreak($0) } : nil
        if let comma, t.isPunctuation(comma, ",") {
            content = (comma + 1)..<sentence.upperBound
            // "Pour le ministre de l’Économie, Bruno Le Maire, « … »": the name in apposition.
            let name = comma + 1
            if name < sentence.upperBound, t.entity[name] >= 0, t.entityIsPerson[Int(t.entity[name])],
               Int(t.mentionStart[name]) == name
            {
                var end = name
                while end + 1 < sentence.upperBound, t.entity[end + 1] == t.entity[name] { end += 1 }
                if end + 1 < sentence.upperBound, t.isPunctuation(end + 1, ",") {
                    speaker = .entity(Int(t.entity[name]), anchor: t.span(name, end))
                    content = (end + 2)..<sentence.upperBound
                }
            }
        } else if start > sentence.lowerBound, !t.isBreak(start - 1), speakerEnd < sentence.upperBound,
                  !t.isBreak(speakerEnd)
        {
            content = sentence  // "… illustrerait selon lui l’expression …": the whole sentence
        } else {
            content = sentence.lowerBound..<start
        }
        content = trimmed(content, t)
        guard content.count >= 3 else { return nil }
        return (speaker, content)
    }

    /// "selon lui": the pronoun after a French source cue ("lui" is a clitic elsewhere, so it is
    /// not in the pronoun list).
    private func sourcePronoun(_ cue: Cue, _ t: QuoteTokens) -> SpeakerReference? {
        let next = cue.tokens.upperBound
        guard !english, next < t.analysis.tokens.count, t.isText(next, "lui") else { return nil }
        return .pronoun(t.span(next, next))
    }

    /// A cleft that points back at the previous sentence: "C’est ce qu’a annoncé la mairesse",
    /// "C’est ce que le ministre a déclaré".
    private func cleft(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
        let sentence = t.sentenceTokens(cue.tokens.lowerBound)
        guard sentence.lowerBound > 0 else { return nil }
        // "ce" then "qu’"/"que" within the first six tokens of the sentence, before the cue.
        var k = sentence.lowerBound
        while k + 1 < cue.tokens.lowerBound, k - sentence.lowerBound < 5,
              !(t.isText(k, "ce") && t.word[k + 1] == .complementizer)
        {
            k += 1
        }
        guard k + 1 < cue.tokens.lowerBound, t.isText(k, "ce"), t.word[k + 1] == .complementizer else { return nil }
        let speaker: SpeakerReference
        if k + 2 == cue.tokens.lowerBound {
            guard let inverted = invertedSpeaker(cue, t) else { return nil }
            speaker = inverted
        } else {
            speaker = subject(of: cue, t)
        }
        let content = trimmed(t.sentenceTokens(sentence.lowerBound - 1), t)
        guard content.count >= 3 else { return nil }
        return Candidate(speaker: speaker, cue: cueIndex, content: content, direct: false, quoted: false, order: content.lowerBound)
    }

    /// Whether a French cue often takes a noun phrase as its object ("dénonce « un passage en
    /// force »", "réclame « des moyens »"): dénoncer, critiquer, regretter, déplorer, évoquer,
    /// réclamer, fustiger, condamner, saluer.
    private static func takesNounPhrase(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        let token = t.analysis.tokens[cue.tokens.upperBound - 1]
        let word = t.analysis.bytes[Int(token.start)..<Int(token.end)]
        for stem in Self.nounPhraseVerbStems {
            let bytes = UnsafeBufferPointer(start: stem.utf8Start, count: stem.utf8CodeUnitCount)
            if word.count > bytes.count, word.starts(with: bytes) { return true }
        }
        return false
    }

    /// Whether the cue names what it reports ("called his death “a crisis of public trust”",
    /// "dubbed it “the Gordon problem”"): the words in marks are the quotation, the object is not.
    private static func isNamingVerb(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        let last = cue.tokens.upperBound - 1
        for verb in Self.namingVerbs
            where t.isText(last, verb)
        {
            return true
        }
        return false
    }

    /// A French incise with "comme" and the pronoun "le" standing for the content: "comme le
    /// montre Florence Audier, les Français …", "Souvent tue, cette problématique est prégnante,
    /// comme nous le raconte Antoine.", "comme certains scientifiques le définissent". The
    /// content is the rest of the sentence: after the incise when a comma closes it, else before
    /// the comma that opens it at the end of the sentence.
    private func commeIncise(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
        let start = cue.tokens.lowerBound
        let sentence = t.sentenceTokens(start)
        guard !english, start - 2 >= sentence.lowerBound,
              t.isText(start - 1, "le") || t.isText(start - 1, "l’") || t.isText(start - 1, "l'")
        else { return nil }
        guard let comme = (max(sentence.lowerBound, start - 6)..<(start - 1)).last(where: {
            t.isText($0, "comme") || t.isText($0, "Comme")
        }), !((comme + 1)..<(start - 1)).contains(where: { t.isBreak($0) || t.cueAt[$0] >= 0 })
        else { return nil }
        // The subject: inverted after the cue ("comme le montre X", "comme nous le raconte X"),
        // else between "comme" and "le" ("comme certains scientifiques le définissent").
        var speaker: SpeakerReference
        var inciseEnd = cue.tokens.upperBound
        if let inverted = invertedSpeaker(cue, t) {
            speaker = inverted
            if cue.invertedPronoun == nil { inciseEnd = phraseEnd(after: cue, t) }
        } else if start - 1 > comme + 1 {
            speaker = phrase((comme + 1)..<(start - 1), t)
        } else {
            return nil
        }
        let content: Range<Int>
        if inciseEnd < sentence.upperBound, t.isPunctuation(inciseEnd, ",") {
            content = trimmed((inciseEnd + 1)..<sentence.upperBound, t)
        } else if comme > sentence.lowerBound, t.isPunctuation(comme - 1, ","),
                  inciseEnd >= sentence.upperBound || t.isStop(inciseEnd)
        {
            content = trimmed(sentence.lowerBound..<(comme - 1), t)
        } else {
            return nil
        }
        guard content.count >= 3 else { return nil }
        return Candidate(speaker: speaker, cue: cueIndex, content: content, direct: false, quoted: false,
                         order: min(content.lowerBound, start))
    }

    /// The clause after a verb cue: after "que"/"that" or a colon a few tokens on, or (English)
    /// right after "said" when a subject follows ("Smith said the plan …").
    private func clauseAfter(_ cue: Cue, _ t: QuoteTokens) -> Range<Int>? {
        let end = cue.tokens.upperBound
        let sentenceEnd = t.sentenceTokens(cue.tokens.lowerBound).upperBound
        // A bare clause right after the cue comes first: a "that" further on belongs to it ("said
        // he understands how hard that can be").
        if let bare = bareClause(after: cue, sentenceEnd, t), t.word[bare.lowerBound] != .complementizer {
            return bare
        }
        var k = end
        while k < sentenceEnd, k - end < 25 {
            if t.word[k] == .complementizer {
                var end = clauseEnd(from: k + 1, sentenceEnd, t)
                // "précise qu’il s’agit d’un progrès : « … »": the quotation is reported apart.
                if !english, let colon = ((k + 1)..<end).first(where: {
                    t.isPunctuation($0, ":") && $0 + 1 < end && t.analysis.tokens[$0 + 1].flags.contains(.openingQuote)
                }) {
                    end = colon
                }
                return trimmed((k + 1)..<end, t)
            }
            if t.isPunctuation(k, ":"), k - end <= 3 { return trimmed((k + 1)..<sentenceEnd, t) }
            if t.markFamily(k) != .none || t.cueAt[k] >= 0 || t.isStop(k) || t.isPunctuation(k, ";") { break }
            k += 1
        }
        return nil
    }

    /// English: the clause right after "said" when a subject follows ("Smith said the plan …",
    /// "Clinton says she …", "said Tuesday the plan …"), not an adjunct ("said in …").
    private func bareClause(after cue: Cue, _ sentenceEnd: Int, _ t: QuoteTokens) -> Range<Int>? {
        var end = cue.tokens.upperBound
        guard english, !cue.needsComplement, end < sentenceEnd else { return nil }
        if Self.isTell(cue, t) {
            guard let next = afterToldObject(cue, sentenceEnd, t) else { return nil }
            end = next
            return trimmed(end..<clauseEnd(from: end, sentenceEnd, t), t)
        }
        // "added 20.72 points": a market move, not speech.
        if t.isText(end - 1, "added") || t.isText(end - 1, "adds"), t.analysis.tokens[end].kind == .number {
            return nil
        }
        let start = cue.tokens.lowerBound
        if start > 0, t.analysis.tokens[start - 1].flags.contains(.closingQuote) { return nil }
        // After a comma, only when an apposition names the subject ("Chris Cox, who runs the
        // NRA’s lobbying arm, says the actions …"); else the cue is postposed (", said Smith").
        if start > 0, t.isPunctuation(start - 1, ","),
           apposition(before: start - 1, t.sentenceTokens(start).lowerBound, t) == nil
        {
            return nil
        }
        let first = afterTimeWords(end, t)
        guard first < sentenceEnd else { return nil }
        let kind = t.analysis.tokens[first].kind
        switch t.word[first] {
        case .preposition, .adverb, .connector, .boundary, .auxiliary, .passive, .time: return nil
        default:
            guard kind == .word || kind == .number else { return nil }
            let clause = trimmed(first..<clauseEnd(from: first, sentenceEnd, t), t)
            return Self.takesOnlyClauses(cue, t) || t.word[first] == .pronoun || t.word[first] == .otherPronoun
                || hasVerb(clause, t) ? clause : nil
        }
    }

    /// Whether the cue is "told", "tells" or "telling".
    private static func isTell(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        let last = cue.tokens.upperBound - 1
        return t.isText(last, "told") || t.isText(last, "tells") || t.isText(last, "telling")
    }

    /// Where the clause after "told" starts, past a one-word or named object when a subject
    /// follows it ("told lawmakers no evidence supports …", "told CNN the trip was …").
    private func afterToldObject(_ cue: Cue, _ sentenceEnd: Int, _ t: QuoteTokens) -> Int? {
        let end = cue.tokens.upperBound
        guard end < sentenceEnd else { return nil }
        var object = end
        if t.entity[object] >= 0 {
            while object + 1 < sentenceEnd, t.entity[object + 1] == t.entity[end] { object += 1 }
        }
        let next = object + 1
        guard object == end || t.entity[end] >= 0, next < sentenceEnd,
              t.word[end] == .none || t.word[end] == .otherPronoun,
              t.word[next] == .determiner || t.word[next] == .pronoun || t.word[next] == .otherPronoun
                  || t.analysis.tokens[next].flags.contains(.capitalized) || t.isText(next, "no")
        else { return nil }
        return next
    }

    /// Whether the English cue is a verb of saying whose object is its clause ("said the plan
    /// …", "told reporters …"); other cues often take a noun phrase ("denied the allegations").
    private static func takesOnlyClauses(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        let last = cue.tokens.upperBound - 1
        for verb in Self.clauseOnlyVerbs
            where t.isText(last, verb)
        {
            return true
        }
        return false
    }

    /// Whether an English bare clause has a verb in its first eight tokens before a comma: an
    /// auxiliary, a modal, a cue, a common irregular past, a word in -ed, or a word in -s after
    /// its subject ("the trip was", "he trusted", "no evidence supports"). "denied the
    /// allegations", "rejected the administration as a mediator" are noun phrases: no clause.
    private func hasVerb(_ clause: Range<Int>, _ t: QuoteTokens) -> Bool {
        var k = clause.lowerBound
        while k < clause.upperBound, k - clause.lowerBound < 8, !t.isBreak(k) {
            if t.word[k] == .auxiliary || t.word[k] == .passive || (k > clause.lowerBound && t.cueAt[k] >= 0) {
                return true
            }
            let token = t.analysis.tokens[k]
            if token.kind == .word, !token.flags.contains(.capitalized), k > clause.lowerBound {
                let length = Int(token.end - token.start)
                let last = t.analysis.bytes[Int(token.end) - 1]
                let previous = t.analysis.bytes[Int(token.end) - 2]
                let afterNoun = t.word[k - 1] != .determiner && t.word[k - 1] != .preposition
                    && t.word[k - 1] != .connector && t.analysis.tokens[k - 1].kind == .word
                if length >= 4, previous == UInt8(ascii: "e"), last == UInt8(ascii: "d"), afterNoun { return true }
                if length >= 3, last == UInt8(ascii: "s"), previous != UInt8(ascii: "s"), previous != UInt8(ascii: "'"),
                   previous != UInt8(ascii: "u"), afterNoun
                {
                    return true
                }
                for verb in Self.commonVerbs
                    where t.isText(k, verb)
                {
                    return true
                }
            }
            k += 1
        }
        return false
    }

    /// Where an English reported clause starting at `start` ends before `sentenceEnd` (its first
    /// two tokens always belong to it): at a dash or semicolon, at a comma before "and", "but",
    /// "while", "which" or another cue (", but …", ", saying …", ", said Smith"), or at "and"
    /// before a cue ("complained that … and questioned why …"), which open a clause of their own.
    /// French clauses run to the end of the sentence.
    private func clauseEnd(from start: Int, _ sentenceEnd: Int, _ t: QuoteTokens) -> Int {
        guard english else { return sentenceEnd }
        var k = start + 2
        while k < sentenceEnd - 1 {
            if t.isPunctuation(k, ";") || t.isPunctuation(k, "\u{2014}") || t.isPunctuation(k, "\u{2013}")
                || (t.isPunctuation(k, "-") && t.analysis.tokens[k].start > t.analysis.tokens[k - 1].end)
            {
                return k
            }
            if t.isPunctuation(k, ","), t.cueAt[k + 1] >= 0 || t.isText(k + 1, "but") || t.isText(k + 1, "while")
                || t.isText(k + 1, "which") || t.isText(k + 1, "and") || subjectAndCue(after: k, sentenceEnd, t)
            {
                return k
            }
            // "… “needs to be a dinner table conversation,” adding “…”": the comma inside the marks.
            if t.cueAt[k] >= 0, t.analysis.tokens[k - 1].flags.contains(.closingQuote), t.isPunctuation(k - 2, ",") {
                return k - 1
            }
            if t.isText(k, "and"), t.cueAt[k + 1] >= 0 { return k }  // a second verb of the speaker
            k += 1
        }
        return sentenceEnd
    }

    /// Whether a short subject and a cue follow the comma `comma` ("…, Hawk Sawyer told lawmakers
    /// …"): the main clause after a subordinate one, not part of its content.
    private func subjectAndCue(after comma: Int, _ sentenceEnd: Int, _ t: QuoteTokens) -> Bool {
        var k = comma + 1
        while k < sentenceEnd, k - comma <= 4, !t.isBreak(k), t.markFamily(k) == .none {
            if t.cueAt[k] >= 0 { return k > comma + 1 && t.cues[Int(t.cueAt[k])].kind == .verb }
            guard t.entity[k] >= 0 || t.word[k] == .pronoun || t.word[k] == .otherPronoun else { return false }
            k += 1
        }
        return false
    }

    /// Reported speech before a cue that ends its sentence: "…, a-t-il déclaré.", "…, Smith said.",
    /// "…, said a spokesman."
    private func postposed(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
        let start = cue.tokens.lowerBound
        let sentence = t.sentenceTokens(start)
        let comma: Int
        let speaker: SpeakerReference
        let tail: Int
        if start > sentence.lowerBound, t.isPunctuation(start - 1, ",") {
            comma = start - 1
            guard let inverted = invertedSpeaker(cue, t) else { return nil }
            speaker = inverted
            tail = cue.invertedPronoun != nil ? cue.tokens.upperBound : phraseEnd(after: cue, t)
        } else {
            speaker = subject(of: cue, t)
            var first = start
            switch speaker {
            case .entity(_, let anchor), .phrase(let anchor), .pronoun(let anchor):
                first = t.analysis.firstToken(endingAfter: anchor.start)
            default: return nil
            }
            // ", the IMF said": a few words (determiner, adjectives) before the subject's mention.
            var words = 0
            while words < 3, first - 1 > sentence.lowerBound, !t.isBreak(first - 1), t.cueAt[first - 1] < 0,
                  t.markFamily(first - 1) == .none, t.analysis.tokens[first - 1].kind == .word
            {
                switch t.word[first - 1] {
                case .boundary, .complementizer, .preposition, .auxiliary, .passive, .pronoun, .otherPronoun:
                    words = 3
                    continue
                default:
                    first -= 1
                    words += 1
                }
            }
            guard first > sentence.lowerBound, t.isPunctuation(first - 1, ",") else { return nil }
            comma = first - 1
            tail = cue.tokens.upperBound
        }
        // At most a short adjunct ("in a statement") after the cue, then the end of the sentence,
        // or a comma and the rest of the reported clause ("Though it went well, he said, the …"):
        // the quotation is then the whole sentence around the parenthetical cue.
        var k = tail
        var end = comma
        while k < sentence.upperBound, !t.isStop(k) {
            if k - tail >= 8 || t.word[k] == .complementizer || t.analysis.tokens[k].flags.contains(.openingQuote) {
                return nil
            }
            if t.isPunctuation(k, ","), sentence.upperBound - k > 4 {
                // English ", said Steven Taylor, a chairman of …": an apposition to the speaker.
                if english, comma == start - 1, k == tail { break }
                // "…, a constaté la Ville, qui a dressé …": a relative clause on the speaker.
                if t.isText(k + 1, "qui") || t.isText(k + 1, "who") || t.isText(k + 1, "which") { break }
                end = sentence.upperBound
                break
            }
            if t.word[k] == .boundary, k > tail { break }  // "…, estime Berne qui se rallie …
            k += 1
        }
        let content = trimmed(sentence.lowerBound..<end, t)
        guard content.count >= 3 else { return nil }
        let tokens = t.analysis.tokens
        if tokens[content.upperBound - 1].flags.contains(.closingQuote) { return nil }
        // "“We’re extremely happy” about the decision, said X": a quotation the writer's words
        // continue; its marks open the sentence, so it is direct.
        let quoted = tokens[content.lowerBound].flags.contains(.openingQuote)
        if quoted, !english { return nil }
        return Candidate(speaker: speaker, cue: cueIndex, content: content, direct: quoted, quoted: quoted,
                         order: content.lowerBound)
    }

    // MARK: Speakers

    /// The speaker of a cue: the phrase after a source cue, the clause subject of a participle,
    /// the inverted pronoun or the subject of a verb.
    private func speaker(of cue: Cue, _ t: QuoteTokens) -> SpeakerReference {
        switch cue.kind {
        case .source: sourcePronoun(cue, t) ?? phraseAfter(cue, t) ?? .clauseSubject
        case .participle: .clauseSubject
        case .verb: subject(of: cue, t)
        }
    }

    /// The subject of a verb cue, read leftwards: a pronoun, a mention, an apposition
    /// ("le secrétaire d’État américain, Anthony Blinken, a affirmé"; "Mustafa Al-Kazemi, Premier
    /// ministre irakien, a déclaré"), a noun phrase; after a comma with no apposition, the
    /// subject inverted after the cue; after "et"/"and", the clause subject.
    private func subject(of cue: Cue, _ t: QuoteTokens) -> SpeakerReference {
        if let pronoun = cue.invertedPronoun { return pronounReference(pronoun, t) }
        let start = cue.tokens.lowerBound
        let sentenceStart = t.sentenceTokens(start).lowerBound
        var j = start - 1
        // "She also said", "Fields later said": the subject is before the adverbs.
        while j > sentenceStart, start - j <= 2, t.word[j] == .adverb || t.word[j] == .time,
              !t.isBreak(j - 1)
        {
            j -= 1
        }
        // "la jeune femme s’inquiète": the subject is before the reflexive pronoun.
        if !english, j > sentenceStart, t.isText(j, "s’") || t.isText(j, "s'") || t.isText(j, "se") { j -= 1 }
        // "L’Office fédéral de l’environnement (OFEV) a révélé": the name before the acronym.
        if j > sentenceStart, t.isPunctuation(j, ")"),
           let open = (max(sentenceStart, j - 8)..<j).last(where: { t.isPunctuation($0, "(") }), open > sentenceStart,
           t.entity[open - 1] >= 0
        {
            j = open - 1
        }
        guard j >= sentenceStart else { return invertedSpeaker(cue, t) ?? .clauseSubject }
        if t.isPunctuation(j, ",") || t.analysis.tokens[j].flags.contains(.closingQuote) {
            if t.isPunctuation(j, ","), let apposition = apposition(before: j, sentenceStart, t) { return apposition }
            return invertedSpeaker(cue, t) ?? .clauseSubject
        }
        switch t.word[j] {
        case .pronoun, .otherPronoun: return pronounReference(j, t)
        case .boundary, .complementizer:
            // "l’Office fédéral de l’environnement, qui a révélé": the entity before "qui".
            var k = j - 1
            if k >= sentenceStart, t.isPunctuation(k, ",") { k -= 1 }
            if t.isText(j, "qui"), k >= sentenceStart, t.entity[k] >= 0 {
                return .entity(Int(t.entity[k]), anchor: t.span(Int(t.mentionStart[k]), k))
            }
            return .clauseSubject
        default: break
        }
        if t.entity[j] >= 0 { return .entity(Int(t.entity[j]), anchor: t.span(Int(t.mentionStart[j]), j)) }
        var m = j
        while m >= sentenceStart, j - m < 8, t.cueAt[m] < 0, !t.isBreak(m), t.markFamily(m) == .none {
            switch t.word[m] {
            case .boundary, .preposition, .complementizer, .auxiliary, .passive: break
            default: m -= 1; continue
            }
            break
        }
        return m < j ? .phrase(t.span(m + 1, j)) : .clauseSubject
    }

    /// The entity named in an apposition ending at the comma `comma`: the mention that ends the
    /// apposition, or the mention before it when the apposition is a title.
    private func apposition(before comma: Int, _ sentenceStart: Int, _ t: QuoteTokens) -> SpeakerReference? {
        // "Ben Sasse, R-Neb., said": the period of an abbreviation before the comma.
        let last = comma - 2 >= sentenceStart && t.isPunctuation(comma - 1, ".")
            && t.analysis.tokens[comma - 2].kind == .word ? comma - 2 : comma - 1
        var p = last
        while p >= sentenceStart, comma - p <= 20, !t.isBreak(p), t.markFamily(p) == .none, t.cueAt[p] < 0 {
            p -= 1
        }
        guard p >= sentenceStart, t.isPunctuation(p, ","), p < last else { return nil }
        // "Eswar Prasad, a professor at Cornell, said", "Ted Cruz, R-Texas, said": the person
        // before an apposition that ends with another kind of name.
        // "Montell Figgins, who represents Thomas, said": a relative clause on the subject.
        let relative = t.isText(p + 1, "who") || t.isText(p + 1, "which") || t.isText(p + 1, "qui")
        if p > sentenceStart, t.entity[p - 1] >= 0, t.entityIsPerson[Int(t.entity[p - 1])] || relative,
           relative || t.entity[last] < 0 || !t.entityIsPerson[Int(t.entity[last])]
               || (last - p <= 2 && t.isPartyAndState(p + 1))
        {
            return .entity(Int(t.entity[p - 1]), anchor: t.span(Int(t.mentionStart[p - 1]), p - 1))
        }
        // "The senator, who chairs the committee, said", "Smith, 45, said": a relative clause or
        // an age after a subject that names no person entity.
        if p > sentenceStart, relative || (last == p + 1 && t.analysis.tokens[last].kind == .number),
           p - sentenceStart <= 6, !(sentenceStart..<p).contains(where: { t.isBreak($0) || t.cueAt[$0] >= 0 })
        {
            return t.entity[p - 1] >= 0 ? .entity(Int(t.entity[p - 1]), anchor: t.span(Int(t.mentionStart[p - 1]), p - 1))
                : .phrase(t.span(sentenceStart, p - 1))
        }
        if t.entity[last] >= 0, Int(t.mentionStart[last]) > p {
            return .entity(Int(t.entity[last]), anchor: t.span(Int(t.mentionStart[last]), last))
        }
        if p > sentenceStart, t.entity[p - 1] >= 0, t.entityIsPerson[Int(t.entity[p - 1])],
           t.entity[p + 1] < 0
        {
            return .entity(Int(t.entity[p - 1]), anchor: t.span(Int(t.mentionStart[p - 1]), p - 1))
        }
        return nil
    }

    /// The subject after a verb cue: its inverted pronoun, or the noun phrase that follows
    /// ("a affirmé Blinken", "said Mr. Smith", "said he").
    private func invertedSpeaker(_ cue: Cue, _ t: QuoteTokens) -> SpeakerReference? {
        if let pronoun = cue.invertedPronoun { return pronounReference(pronoun, t) }
        let end = phraseStart(after: cue, t)
        guard end < t.analysis.tokens.count else { return nil }
        if t.word[end] == .pronoun || t.word[end] == .otherPronoun { return pronounReference(end, t) }
        guard t.word[end] == .determiner || t.analysis.tokens[end].flags.contains(.capitalized)
                || t.entity[end] >= 0
        else { return nil }
        return phraseAfter(cue, t)
    }

    /// The first token at or after `index` that is not a day, time or adverb word ("a déclaré
    /// jeudi soir", "rappelle ainsi", "résume quant à elle").
    private func afterTimeWords(_ index: Int, _ t: QuoteTokens) -> Int {
        var k = index
        while k < t.analysis.tokens.count, k - index < 4, t.word[k] == .time || t.word[k] == .adverb { k += 1 }
        return k
    }

    /// Where the noun phrase after a cue starts: after day, time and adverb words, and after a
    /// French verb cue's short adjunct ("a réagi sur Twitter la maire", "a déclaré à l’AFP le
    /// ministre", "a indiqué lors d’une conférence de presse le procureur"): the first
    /// determiner or person within 8 tokens that does not follow a preposition.
    private func phraseStart(after cue: Cue, _ t: QuoteTokens) -> Int {
        let start = afterTimeWords(cue.tokens.upperBound, t)
        // Not after "par": "soutenu par le prix …" is a passive's agent.
        guard !english, cue.kind == .verb, start < t.analysis.tokens.count, t.word[start] == .preposition,
              !t.isText(start, "par")
        else { return start }
        var k = start + 1
        while k < t.analysis.tokens.count, k - start <= 8, !t.isBreak(k), t.cueAt[k] < 0, t.markFamily(k) == .none,
              t.word[k] != .complementizer, t.word[k] != .boundary
        {
            let afterPreposition = t.word[k - 1] == .preposition || t.isText(k - 1, "de") || t.isText(k - 1, "d’")
                || t.isText(k - 1, "d'")
            let person = t.entity[k] >= 0 && Int(t.mentionStart[k]) == k && t.entityIsPerson[Int(t.entity[k])]
            if !afterPreposition, t.word[k] == .determiner || person { return k }
            k += 1
        }
        return start
    }

    /// The noun phrase after a cue, after any day or time words, up to punctuation, a clause
    /// word or a preposition other than a connector ("a ajouté un ténor de la droite sur
    /// l’influence …"; at most 12 tokens).
    private func phraseEnd(after cue: Cue, _ t: QuoteTokens) -> Int {
        let start = phraseStart(after: cue, t)
        let sentenceEnd = start < t.analysis.tokens.count ? t.sentenceTokens(start).upperBound : start
        var k = start
        while k < sentenceEnd, k - start < 12, !t.isBreak(k), t.markFamily(k) == .none, t.cueAt[k] < 0 {
            if t.word[k] == .complementizer || t.word[k] == .boundary || (k > start && t.word[k] == .preposition) {
                break
            }
            k += 1
        }
        return k
    }

    /// The noun phrase after a cue as a speaker ("selon le ministre", "according to Smith").
    private func phraseAfter(_ cue: Cue, _ t: QuoteTokens) -> SpeakerReference? {
        let start = phraseStart(after: cue, t)
        let end = phraseEnd(after: cue, t)
        return end > start ? phrase(start..<end, t) : nil
    }

    /// A speaker phrase: a pronoun, the entity whose mention ends it or fills it, or a span.
    private func phrase(_ range: Range<Int>, _ t: QuoteTokens) -> SpeakerReference {
        let first = range.lowerBound, last = range.upperBound - 1
        if range.count == 1, t.word[first] == .pronoun || t.word[first] == .otherPronoun {
            return pronounReference(first, t)
        }
        if t.entity[last] >= 0 {
            let entity = Int(t.entity[last])
            let mentionStart = Int(t.mentionStart[last])
            // "un proche d’Édouard Philippe", "a spokesman for Smith": the phrase names someone else.
            if mentionStart > first, t.word[mentionStart - 1] == .connector { return .phrase(t.span(first, last)) }
            if t.entityIsPerson[entity] || mentionStart <= first + 1 {
                return .entity(entity, anchor: t.span(mentionStart, last))
            }
        }
        return .phrase(t.span(first, last))
    }

    /// A pronoun: singular personal pronouns are resolved later; others stay spans.
    private func pronounReference(_ index: Int, _ t: QuoteTokens) -> SpeakerReference {
        let span = t.span(index, index)
        let singular = t.word[index] == .pronoun || t.invertedPronounClass(index) == .pronoun
        return singular ? .pronoun(span) : .phrase(span)
    }

    // MARK: Resolution

    /// Resolves pronouns, clause subjects and continuations in text order.
    ///
    /// A singular pronoun takes the most recent person who was a speaker or a subject and whose
    /// gender, when the given name or an honorific tells it, agrees with the pronoun's.
    private func resolve(_ candidates: [Candidate], _ t: QuoteTokens) -> [Attribution] {
        let order = candidates.indices.sorted { candidates[$0].order < candidates[$1].order }
        var resolved = [Attribution?](repeating: nil, count: candidates.count)
        // Persons that were subjects or speakers, the most recent last, and the paragraph where
        // each was last one.
        var recentPersons: [(entity: Int, paragraph: Int32)] = []
        func note(_ person: Int, at token: Int) {
            recentPersons.removeAll { $0.entity == person }
            recentPersons.append((person, t.paragraph[token]))
        }
        var sentenceIndex = 0
        let sentences = t.analysis.sentences
        var previous: Int? = nil
        // The most recent subject or speaker the gender of the pronoun at `span` agrees with;
        // but a person introduced in another role in a later paragraph, at most two paragraphs
        // before the attribution at `position`, comes first ("… on finit en discutant avec
        // Pasiphae. Elle vit … « … », soupire-t-elle").
        func antecedent(of span: Span, at position: Int) -> Int? {
            let gender = PersonGender.ofPronoun(t.analysis.string(span))
            let noted = recentPersons.last { PersonGender.of(entity: $0.entity, t).agrees(with: gender) }
            let subject = noted?.entity
            var k = position - 1
            while k >= 0, position - k <= 400, t.paragraph[position] - t.paragraph[k] <= 2 {
                let entity = Int(t.entity[k])
                if entity >= 0, t.entityIsPerson[entity], PersonGender.of(entity: entity, t).agrees(with: gender) {
                    // Only the one person of its sentence ("whether Thomas slept … the night
                    // Epstein died" names two: the subject stands).
                    let alone = !t.sentenceTokens(k).contains { t.entity[$0] >= 0 && Int(t.entity[$0]) != entity
                        && t.entityIsPerson[Int(t.entity[$0])] }
                    guard entity != subject, alone, t.paragraph[k] > noted?.paragraph ?? -1 else { break }
                    return entity
                }
                k -= 1
            }
            return subject
        }
        for index in order {
            let candidate = candidates[index]
            // Persons opening the sentences read so far, or set off by commas ("Devant ses
            // étudiants, Marie-Pierre Dausse, professeur d’histoire, défend …"), are subjects.
            while sentenceIndex < sentences.count, sentences[sentenceIndex].tokens.lowerBound <= candidate.order {
                if let person = subjectPerson(in: sentences[sentenceIndex].tokens, t) {
                    note(person, at: sentences[sentenceIndex].tokens.lowerBound)
                }
                sentenceIndex += 1
            }
            let cueSpan: Span
            if candidate.cue >= 0 {
                let cue = t.cues[candidate.cue]
                cueSpan = t.span(cue.tokens.lowerBound, cue.tokens.upperBound - 1)
            } else if let colon = candidate.colon {
                cueSpan = t.span(colon, colon)
            } else if case .continuation(let source) = candidate.speaker, let earlier = resolved[source] {
                cueSpan = earlier.cue
            } else {
                continue
            }
            var speaker: (entity: Int?, span: Span)? = nil
            switch candidate.speaker {
            case .entity(let entity, let anchor):
                speaker = (entity, anchor)
            case .phrase(let span):
                speaker = (nil, span)
            case .pronoun(let span):
                speaker = (antecedent(of: span, at: candidate.order), span)
            case .continuation(let source):
                speaker = resolved[source].map { ($0.speakerEntity, $0.speakerSpan) }
            case .clauseSubject:
                let anchor = candidate.cue >= 0 ? t.cues[candidate.cue].tokens.lowerBound : candidate.order
                if let previous, let earlier = resolved[previous],
                   t.sentence[candidates[previous].order] == t.sentence[anchor]
                       || t.sentence[candidates[previous].content.upperBound - 1] == t.sentence[anchor]
                {
                    speaker = (earlier.speakerEntity, earlier.speakerSpan)
                } else if let person = sentencePerson(before: anchor, t) {
                    speaker = person
                } else if let first = t.sentenceTokens(anchor).first, first < anchor,
                          t.word[first] == .pronoun || t.word[first] == .otherPronoun
                {
                    // "He also spoke about the wall, saying …": the pronoun opening the sentence.
                    let span = t.span(first, first)
                    speaker = (t.word[first] == .pronoun ? antecedent(of: span, at: candidate.order) : nil, span)
                } else if candidate.cue >= 0, t.isText(anchor, "Et") || t.isText(anchor, "et"),
                          anchor == t.sentenceTokens(anchor).lowerBound
                {
                    // "Et d’ajouter : « … »": the speaker of the attribution before, else the
                    // subject of the sentence before.
                    if let previous, let earlier = resolved[previous] {
                        speaker = (earlier.speakerEntity, earlier.speakerSpan)
                    } else if anchor > 0 {
                        speaker = sentenceSubject(before: anchor - 1, t)
                    }
                } else if candidate.cue < 0 || t.cues[candidate.cue].kind != .source,
                          anchor == 0 || !t.isText(anchor - 1, "qui")
                {
                    speaker = sentenceSubject(before: anchor, t)
                }
            }
            guard let speaker else { continue }
            if let entity = speaker.entity, t.entityIsPerson[entity] { note(entity, at: candidate.order) }
            let content = candidate.content
            resolved[index] = Attribution(
                speakerEntity: speaker.entity, speakerSpan: speaker.span, cue: cueSpan,
                quote: t.span(content.lowerBound, content.upperBound - 1), direct: candidate.direct, quoted: candidate.quoted)
            previous = index
        }
        return resolved.compactMap { $0 }.sorted { $0.quote < $1.quote }
    }

    /// The person that opens `sentence`, else the last person mention set off by commas in it
    /// (an apposition follows it), if any.
    private func subjectPerson(in sentence: Range<Int>, _ t: QuoteTokens) -> Int? {
        guard let first = sentence.first else { return nil }
        if t.entity[first] >= 0, t.entityIsPerson[Int(t.entity[first])] { return Int(t.entity[first]) }
        var found: Int? = nil
        var k = sentence.lowerBound + 1
        while k < sentence.upperBound - 1 {
            let entity = Int(t.entity[k])
            if entity >= 0, t.entityIsPerson[entity], Int(t.mentionStart[k]) == k {
                var end = k
                while end + 1 < sentence.upperBound, t.entity[end + 1] == t.entity[k] { end += 1 }
                if t.isPunctuation(k - 1, ","), end + 1 < sentence.upperBound, t.isPunctuation(end + 1, ",") {
                    found = entity
                }
                k = end + 1
            } else {
                k += 1
            }
        }
        return found
    }

    /// The person opening the sentence of token `index` (its subject: "Mrs. Schlafly endorsed
    /// Donald J. Trump, saying …"), else the last person mentioned in it before `index`.
    private func sentencePerson(before index: Int, _ t: QuoteTokens) -> (entity: Int?, span: Span)? {
        let sentenceStart = t.sentenceTokens(index).lowerBound
        if sentenceStart < index, t.entity[sentenceStart] >= 0, t.entityIsPerson[Int(t.entity[sentenceStart])] {
            var end = sentenceStart
            while end + 1 < index, t.entity[end + 1] == t.entity[sentenceStart] { end += 1 }
            return (Int(t.entity[sentenceStart]), t.span(sentenceStart, end))
        }
        var k = index - 1
        while k >= sentenceStart {
            let entity = Int(t.entity[k])
            if entity >= 0, t.entityIsPerson[entity] { return (entity, t.span(Int(t.mentionStart[k]), k)) }
            k -= 1
        }
        return nil
    }

    /// The noun phrase that opens the sentence of `index`, when no person is named before it: an
    /// entity mention at its start ("L’OMS …, arguant que"), else a determiner and its noun ("La
    /// police allemande apprécie moyen et précise que" → "La police").
    private func sentenceSubject(before index: Int, _ t: QuoteTokens) -> (entity: Int?, span: Span)? {
        let start = t.sentenceTokens(index).lowerBound
        var first = start
        if first + 1 < index, t.word[first] == .determiner { first += 1 }
        guard first + 1 < index else { return nil }
        if t.entity[first] >= 0, Int(t.mentionStart[first]) >= start {
            let entity = Int(t.entity[first])
            var end = first
            while end + 1 < index, t.entity[end + 1] == entity { end += 1 }
            return (entity, t.span(Int(t.mentionStart[first]), end))
        }
        guard first > start, t.analysis.tokens[first].kind == .word, t.word[first] == .none,
              t.cueAt[first] < 0, !t.analysis.tokens[first].flags.contains(.capitalized)
        else { return nil }
        return (nil, t.span(start, first))
    }

    // MARK: Helpers

    /// `range` without leading and trailing punctuation other than quotation marks.
    private func trimmed(_ range: Range<Int>, _ t: QuoteTokens) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, t.isBreak(lower) { lower += 1 }
        while upper > lower, t.isBreak(upper - 1) { upper -= 1 }
        return lower..<upper
    }

    /// The share of `b` that `a` covers.
    private static func overlapShare(_ a: Range<Int>, of b: Range<Int>) -> Double {
        let common = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
        return common > 0 ? Double(common) / Double(b.count) : 0
    }
}
