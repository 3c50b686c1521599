// Trawl — QuoteAttributor+Resolution.swift
// Resolution: pronouns, clause subjects and continuations resolved in text order.

import Trawl

extension QuoteAttributor {
    /// Resolves pronouns, clause subjects and continuations in text order.
    ///
    /// A singular pronoun takes the most recent person who was a speaker or a subject and whose
    /// gender, when the given name or an honorific tells it, agrees with the pronoun's.
    func resolve(_ candidates: [Candidate], _ t: QuoteTokens) -> [Attribution] {
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
    func subjectPerson(in sentence: Range<Int>, _ t: QuoteTokens) -> Int? {
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
    func sentencePerson(before index: Int, _ t: QuoteTokens) -> (entity: Int?, span: Span)? {
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
    func sentenceSubject(before index: Int, _ t: QuoteTokens) -> (entity: Int?, span: Span)? {
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
}
