// Trawl — QuoteAttributor+Reported.swift
// Reported speech: the clause or sentence a cue reports when no quotation in marks uses it.

import Trawl

extension QuoteAttributor {
    /// Reported speech introduced by a cue not used by a quotation in marks.
    func reported(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
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
    func requestClause(after cue: Cue, _ t: QuoteTokens) -> Range<Int>? {
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
    static func isInfinitiveClitic(_ index: Int, _ t: QuoteTokens) -> Bool {
        Self.infinitiveClitics.contains { t.isText(index, $0) }
    }

    /// The content a source cue reports: "selon X, …" (after the comma ending a long source
    /// phrase), "… illustrerait selon lui l’expression …" (the whole sentence), "…, selon X."
    /// (the sentence before it). `nil` when no phrase follows the cue or the content is short.
    func sourceClause(_ cue: Cue, _ t: QuoteTokens) -> (speaker: SpeakerReference, content: Range<Int>)? {
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
    func sourcePronoun(_ cue: Cue, _ t: QuoteTokens) -> SpeakerReference? {
        let next = cue.tokens.upperBound
        guard !english, next < t.analysis.tokens.count, t.isText(next, "lui") else { return nil }
        return .pronoun(t.span(next, next))
    }

    /// A cleft that points back at the previous sentence: "C’est ce qu’a annoncé la mairesse",
    /// "C’est ce que le ministre a déclaré".
    func cleft(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
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
    static func takesNounPhrase(_ cue: Cue, _ t: QuoteTokens) -> Bool {
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
    static func isNamingVerb(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        endsWith(cue, Self.namingVerbs, t)
    }

    /// Whether the cue's last word is one of `words` (exact bytes).
    static func endsWith(_ cue: Cue, _ words: [StaticString], _ t: QuoteTokens) -> Bool {
        let last = cue.tokens.upperBound - 1
        return words.contains { t.isText(last, $0) }
    }

    /// A French incise with "comme" and the pronoun "le" standing for the content: "comme le
    /// montre Florence Audier, les Français …", "Souvent tue, cette problématique est prégnante,
    /// comme nous le raconte Antoine.", "comme certains scientifiques le définissent". The
    /// content is the rest of the sentence: after the incise when a comma closes it, else before
    /// the comma that opens it at the end of the sentence.
    func commeIncise(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
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
    func clauseAfter(_ cue: Cue, _ t: QuoteTokens) -> Range<Int>? {
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
    func bareClause(after cue: Cue, _ sentenceEnd: Int, _ t: QuoteTokens) -> Range<Int>? {
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
    static func isTell(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        endsWith(cue, Self.tellVerbs, t)
    }

    /// Where the clause after "told" starts, past a one-word or named object when a subject
    /// follows it ("told lawmakers no evidence supports …", "told CNN the trip was …").
    func afterToldObject(_ cue: Cue, _ sentenceEnd: Int, _ t: QuoteTokens) -> Int? {
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
    static func takesOnlyClauses(_ cue: Cue, _ t: QuoteTokens) -> Bool {
        endsWith(cue, Self.clauseOnlyVerbs, t)
    }

    /// Whether an English bare clause has a verb in its first eight tokens before a comma: an
    /// auxiliary, a modal, a cue, a common irregular past, a word in -ed, or a word in -s after
    /// its subject ("the trip was", "he trusted", "no evidence supports"). "denied the
    /// allegations", "rejected the administration as a mediator" are noun phrases: no clause.
    func hasVerb(_ clause: Range<Int>, _ t: QuoteTokens) -> Bool {
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
                if Self.commonVerbs.contains(where: { t.isText(k, $0) }) { return true }
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
    func clauseEnd(from start: Int, _ sentenceEnd: Int, _ t: QuoteTokens) -> Int {
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
    func subjectAndCue(after comma: Int, _ sentenceEnd: Int, _ t: QuoteTokens) -> Bool {
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
    func postposed(_ cueIndex: Int, _ cue: Cue, _ t: QuoteTokens) -> Candidate? {
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
}
