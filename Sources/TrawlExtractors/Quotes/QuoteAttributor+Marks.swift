// Trawl — QuoteAttributor+Marks.swift
// Quotation marks: pairing the marks and attributing each quotation to a cue or a speaker.

import Trawl

extension QuoteAttributor {
    /// Pairs opening and closing marks of one family. An unclosed quotation ends with its
    /// paragraph (or before the next opening mark of its family), unless the next paragraph
    /// opens with a mark of the same family: a quotation continued over paragraphs.
    func markedQuotes(_ t: QuoteTokens) -> [MarkedQuote] {
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
    func attributeMarked(_ quote: MarkedQuote, _ t: QuoteTokens, previous: Candidate?,
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
    func withLeadIn(_ quote: MarkedQuote, _ t: QuoteTokens) -> Range<Int> {
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
    func colonSpeaker(_ colon: Int, _ t: QuoteTokens) -> SpeakerReference? {
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
    func phraseStep(_ index: Int, _ t: QuoteTokens) -> Int? {
        if t.isPunctuation(index, "("), let close = closingParenthesis(after: index, t) { return close + 1 }
        return t.isBreak(index) ? nil : index + 1
    }

    /// The `)` closing the `(` at `open` within 8 tokens of the same paragraph.
    func closingParenthesis(after open: Int, _ t: QuoteTokens) -> Int? {
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
    func appositionEnd(after comma: Int, _ t: QuoteTokens) -> Int? {
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
    func introducesSpeech(_ cue: Cue, _ t: QuoteTokens) -> Bool {
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
}
