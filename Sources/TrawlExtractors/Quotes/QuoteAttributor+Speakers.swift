// Trawl — QuoteAttributor+Speakers.swift
// Speakers: subjects, appositions, inverted subjects and phrases as the rules read them.

import Trawl

extension QuoteAttributor {
    /// The speaker of a cue: the phrase after a source cue, the clause subject of a participle,
    /// the inverted pronoun or the subject of a verb.
    func speaker(of cue: Cue, _ t: QuoteTokens) -> SpeakerReference {
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
    func subject(of cue: Cue, _ t: QuoteTokens) -> SpeakerReference {
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
    func apposition(before comma: Int, _ sentenceStart: Int, _ t: QuoteTokens) -> SpeakerReference? {
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
    func invertedSpeaker(_ cue: Cue, _ t: QuoteTokens) -> SpeakerReference? {
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
    func afterTimeWords(_ index: Int, _ t: QuoteTokens) -> Int {
        var k = index
        while k < t.analysis.tokens.count, k - index < 4, t.word[k] == .time || t.word[k] == .adverb { k += 1 }
        return k
    }

    /// Where the noun phrase after a cue starts: after day, time and adverb words, and after a
    /// French verb cue's short adjunct ("a réagi sur Twitter la maire", "a déclaré à l’AFP le
    /// ministre", "a indiqué lors d’une conférence de presse le procureur"): the first
    /// determiner or person within 8 tokens that does not follow a preposition.
    func phraseStart(after cue: Cue, _ t: QuoteTokens) -> Int {
        let start = afterTimeWords(cue.tokens.upperBound, t)
        // Not after "par": "soutenu par le prix …" is a passive's agent.
        guard !english, cue.kind == .verb, start < t.analysis.tokens.count, t.word[start] == .preposition,
              !t.isText(start, "par")
        else { return start }
        var k = start + 1
        while k < t.analysis.tokens.count, k - start <= 8, !t.isBreak(k), t.cueAt[k] < 0, t.markFamily(k) == .none,
              t.word[k] != .complementizer, t.word[k] != .boundary
        {
            // After "à", "sur" (prepositions) or "de", "d’" (connectors).
            let afterPreposition = t.word[k - 1] == .preposition || t.word[k - 1] == .connector
            let person = t.entity[k] >= 0 && Int(t.mentionStart[k]) == k && t.entityIsPerson[Int(t.entity[k])]
            if !afterPreposition, t.word[k] == .determiner || person { return k }
            k += 1
        }
        return start
    }

    /// The noun phrase after a cue, after any day or time words, up to punctuation, a clause
    /// word or a preposition other than a connector ("a ajouté un ténor de la droite sur
    /// l’influence …"; at most 12 tokens).
    func phraseEnd(after cue: Cue, _ t: QuoteTokens) -> Int {
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
    func phraseAfter(_ cue: Cue, _ t: QuoteTokens) -> SpeakerReference? {
        let start = phraseStart(after: cue, t)
        let end = phraseEnd(after: cue, t)
        return end > start ? phrase(start..<end, t) : nil
    }

    /// A speaker phrase: a pronoun, the entity whose mention ends it or fills it, or a span.
    func phrase(_ range: Range<Int>, _ t: QuoteTokens) -> SpeakerReference {
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
    func pronounReference(_ index: Int, _ t: QuoteTokens) -> SpeakerReference {
        let span = t.span(index, index)
        let singular = t.word[index] == .pronoun || t.invertedPronounClass(index) == .pronoun
        return singular ? .pronoun(span) : .phrase(span)
    }
}
