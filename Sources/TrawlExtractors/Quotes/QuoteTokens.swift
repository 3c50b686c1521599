// Trawl — QuoteTokens.swift
// Per-token facts for attribution: cues, word classes, entities, sentences, paragraphs, quote marks.

import Trawl

/// A reporting cue found in the text.
struct Cue: Sendable {
    /// What it introduces.
    var kind: CueKind
    /// Its tokens, auxiliary and inverted pronoun included ("a-t-il déclaré").
    var tokens: Range<Int>
    /// The inverted subject pronoun inside the cue (`-t-il`), if any.
    var invertedPronoun: Int?
    /// The cue reports only with "que"/"that", a colon or a quotation after it.
    var needsComplement: Bool
    /// A source cue that opens its sentence and names a person, a title or a personal pronoun
    /// ("Pour le ministre, …"); other uses are not cues ("Pour la première fois, …").
    var needsPerson = false
    /// A request verb ("appelle à", "demande à … de"): it reports an infinitive clause after
    /// "à"/"de" as well as a "que" clause.
    var request = false
}

/// The family of a quotation mark: a mark closes only a quotation opened by its own family.
enum QuoteMarkFamily: UInt8, Sendable {
    /// Not a quotation mark.
    case none
    /// « ».
    case guillemet
    /// ‹ ›.
    case singleGuillemet
    /// “ ” „.
    case curlyDouble
    /// ‘ ’ ‚.
    case curlySingle
    /// " and its typewriter form ''.
    case straightDouble
    /// '.
    case straightSingle
    /// `<<` `>>`.
    case ascii

    /// The family a mark pairs with inside a paragraph: straight and curly double marks pair with
    /// each other, as texts mix them (`"I don’t think so,” Grassley said`).
    var pairing: QuoteMarkFamily { self == .straightDouble ? .curlyDouble : self }
}

/// The facts the attribution rules read, one array entry per token of the analysis.
struct QuoteTokens {
    /// The analysis.
    let analysis: Analysis
    /// The cues, in text order.
    private(set) var cues: [Cue] = []
    /// The index in ``cues`` of the cue covering each token, or -1 (empty for `roles`, see
    /// ``init(analysis:annotations:lexicons:personWindow:)``).
    private(set) var cueAt: [Int32]
    /// The word class of each token.
    private(set) var word: [QuoteWordClass]
    /// The index in ``Annotations/entities`` of the entity a token belongs to, or -1.
    private(set) var entity: [Int32]
    /// The first token of the mention a token belongs to (meaningful where ``entity`` is set).
    private(set) var mentionStart: [Int32]
    /// The sentence of each token (empty for `roles`).
    private(set) var sentence: [Int32]
    /// The paragraph of each token (a new one after a line break that ends a sentence; empty for
    /// `roles`).
    private(set) var paragraph: [Int32]
    /// Whether each entity (by index in ``Annotations/entities``) is a person.
    let entityIsPerson: [Bool]
    /// The entities, for the gender of persons (read only when a pronoun needs it).
    let entities: [Entity]
    /// The mentions the entities index.
    let mentions: [Mention]
    /// Title matches, in text order.
    private(set) var titles: [Range<Int>] = []
    /// The country named by the nationality adjective starting at a token.
    private(set) var demonyms: [Int: String] = [:]

    /// Classifies the tokens of `analysis` with the lexicons and the entities found so far.
    ///
    /// - Parameter personWindow: when set, only the tokens within this many tokens of a person's
    ///   mention are matched against the lexicons, and no cues, sentences or paragraphs are
    ///   collected (``cueAt``, ``sentence`` and ``paragraph`` stay empty: the `roles` extractor
    ///   needs no more); the lexicon pass is most of the cost.
    init(analysis: Analysis, annotations: Annotations, lexicons: QuoteLexicons, personWindow: Int? = nil) {
        self.analysis = analysis
        let count = analysis.tokens.count
        entityIsPerson = annotations.entities.map { $0.label == "PER" }
        entities = annotations.entities
        mentions = annotations.mentions

        // The per-token arrays are filled as locals and stored once: writes to `self`'s arrays
        // would check their uniqueness at every token.
        var entity = [Int32](repeating: -1, count: count)
        var mentionStart = [Int32](repeating: -1, count: count)
        for (entityIndex, item) in annotations.entities.enumerated() {
            for mentionIndex in item.mentions where mentionIndex < annotations.mentions.count {
                let span = annotations.mentions[mentionIndex].span
                var index = analysis.firstToken(endingAfter: span.start)
                let first = index
                while index < count, Int(analysis.tokens[index].start) < span.end {
                    entity[index] = Int32(entityIndex)
                    mentionStart[index] = Int32(first)
                    index += 1
                }
            }
        }
        var matched = analysis
        var original: [Int]? = nil
        if let personWindow {
            // The tokens near persons, as an analysis of its own; `original` maps them back.
            var keep: [Int] = []
            var next = 0
            for index in 0..<count where entity[index] >= 0 && entityIsPerson[Int(entity[index])] {
                for k in max(next, index - personWindow)..<min(count, index + personWindow + 1) { keep.append(k) }
                next = max(next, min(count, index + personWindow + 1))
            }
            matched = Analysis(bytes: analysis.bytes, tokens: keep.map { analysis.tokens[$0] }, sentences: [],
                               language: analysis.language)
            original = keep
        }
        var word = [QuoteWordClass](repeating: .none, count: count)
        var cueMatches: [(Lexicon.Match, CueKind, CueOptions)] = []
        for var match in lexicons.lexicon.matches(in: matched) {
            if let original {
                let first = original[match.tokens.lowerBound], last = original[match.tokens.upperBound - 1]
                guard last - first == match.tokens.count - 1 else { continue }  // across a gap
                match.tokens = first..<(last + 1)
            }
            switch lexicons.kinds[match.entry] {
            case .word(let wordClass): for index in match.tokens { word[index] = wordClass }
            case .cue(let kind, let options): cueMatches.append((match, kind, options))
            case .title: titles.append(match.tokens)
            case .demonym(let country): demonyms[match.tokens.lowerBound] = country
            }
        }
        self.entity = entity
        self.mentionStart = mentionStart
        self.word = word
        guard personWindow == nil else {
            cueAt = []
            sentence = []
            paragraph = []
            return
        }
        var sentence = [Int32](repeating: 0, count: count)
        var paragraph = [Int32](repeating: 0, count: count)
        var paragraphNumber: Int32 = 0
        analysis.bytes.withUnsafeBufferPointer { bytes in
            for (sentenceIndex, item) in analysis.sentences.enumerated() {
                if let first = item.tokens.first, first > 0 {
                    let gap = Int(analysis.tokens[first - 1].end)..<Int(analysis.tokens[first].start)
                    if gap.contains(where: { bytes[$0] == 0x0A }) { paragraphNumber += 1 }
                }
                for index in item.tokens {
                    sentence[index] = Int32(sentenceIndex)
                    paragraph[index] = paragraphNumber
                }
            }
        }
        self.sentence = sentence
        self.paragraph = paragraph
        cueAt = Array(repeating: -1, count: count)
        collectCues(cueMatches)
    }

    // MARK: Cues

    /// Finds the cues: lexicon matches that are not nouns (after a determiner), not passive, not
    /// capitalized inside a sentence, extended leftwards over adverbs, an inverted pronoun and an
    /// auxiliary.
    private mutating func collectCues(_ matches: [(Lexicon.Match, CueKind, CueOptions)]) {
        let tokens = analysis.tokens
        for (match, matchKind, options) in matches {
            var kind = matchKind
            let head = match.tokens.lowerBound
            let sentenceStart = analysis.sentences[Int(sentence[head])].tokens.lowerBound
            if options.needsPerson, head != sentenceStart || !namesPerson(after: match.tokens.upperBound) { continue }
            if kind != .source, head > sentenceStart, tokens[head].flags.contains(.capitalized),
               !tokens[head - 1].flags.contains(.openingQuote), !isPunctuation(head - 1, ":")
            {
                continue
            }
            // "de façon précise", "de manière critique": an adjective.
            if head > sentenceStart, isText(head - 1, "façon") || isText(head - 1, "manière") { continue }
            var start = head
            var inverted: Int? = nil
            if kind == .verb {
                var index = head - 1
                var steps = 0
                while index >= sentenceStart, steps < 3 {
                    if word[index] == .adverb || invertedPronounClass(index) != .none {
                        if invertedPronounClass(index) != .none { inverted = index }
                        index -= 1
                        steps += 1
                        continue
                    }
                    break
                }
                if index >= sentenceStart {
                    switch word[index] {
                    case .determiner where isCommeClitic(index, sentenceStart): break  // "comme le montre X"
                    case .passive where index > sentenceStart && isReflexive(index - 1):
                        start = index - 1  // "s’est réjoui", "se sont inquiétés": no passive
                    case .determiner, .passive: continue
                    case .preposition where index == head - 1 && !isText(index, "to"),
                         .connector where index == head - 1:
                        continue  // "for fear", "love of show business"; not "to insist"
                    case .auxiliary: start = index
                    default: if inverted != nil { inverted = nil }
                    }
                }
            } else if kind == .participle, head > sentenceStart {
                switch word[head - 1] {
                case .determiner: continue
                case .passive:
                    // A progressive: "is claiming", "’s saying".
                    kind = .verb
                    start = head - 1
                default: break
                }
            }
            let cueIndex = Int32(cues.count)
            var end = match.tokens.upperBound
            if kind == .verb, end < tokens.count, invertedPronounClass(end) != .none {
                inverted = end
                end += 1
            }
            cues.append(Cue(kind: kind, tokens: start..<end, invertedPronoun: inverted,
                            needsComplement: options.needsComplement, needsPerson: options.needsPerson,
                            request: options.request))
            for index in start..<end { cueAt[index] = cueIndex }
        }
    }

    /// Whether the phrase from `index` to the next comma (at most 8 tokens) names a source: a
    /// person or organization, a title, a noun for people or a pronoun ("le ministre", "Laurent
    /// Fabius", "l’OMS", "ses opposants", "lui").
    private func namesPerson(after index: Int) -> Bool {
        var k = index
        while k < analysis.tokens.count, k - index < 8, !isBreak(k) {
            if entity[k] >= 0 || word[k] == .agent { return true }
            if titles.contains(where: { $0.contains(k) }) { return true }
            if word[k] == .pronoun || isText(k, "lui") || isText(k, "eux") { return true }
            k += 1
        }
        return false
    }

    // MARK: Token tests

    /// The bytes of token `index` equal the ASCII `text`.
    func isText(_ index: Int, _ text: StaticString) -> Bool {
        let token = analysis.tokens[index]
        guard Int(token.end - token.start) == text.utf8CodeUnitCount else { return false }
        let start = Int(token.start)
        for offset in 0..<text.utf8CodeUnitCount where analysis.bytes[start + offset] != text.utf8Start[offset] {
            return false
        }
        return true
    }

    /// Token `index` is a lower-case word ending like a French infinitive: -er, -ir, -re, -oir
    /// ("interdire", "participer", "rejoindre"), at least four letters.
    func looksLikeInfinitive(_ index: Int) -> Bool {
        let token = analysis.tokens[index]
        guard token.kind == .word, !token.flags.contains(.capitalized), token.end - token.start >= 4 else {
            return false
        }
        let last = analysis.bytes[Int(token.end) - 1], previous = analysis.bytes[Int(token.end) - 2]
        switch (previous, last) {
        case (UInt8(ascii: "e"), UInt8(ascii: "r")), (UInt8(ascii: "i"), UInt8(ascii: "r")),
             (UInt8(ascii: "r"), UInt8(ascii: "e")):
            return true
        default:
            return false
        }
    }

    /// Token `index` is a French reflexive pronoun before "être" ("s’", "se", "m’", "nous", "vous").
    func isReflexive(_ index: Int) -> Bool {
        isText(index, "s’") || isText(index, "s'") || isText(index, "se") || isText(index, "m’") || isText(index, "m'")
            || isText(index, "nous") || isText(index, "vous")
    }

    /// Token `index` is the pronoun "le"/"l’" of a French "comme" incise ("comme le montre X",
    /// "comme nous le raconte X"), not an article.
    func isCommeClitic(_ index: Int, _ sentenceStart: Int) -> Bool {
        guard isText(index, "le") || isText(index, "l’") || isText(index, "l'") else { return false }
        for k in max(sentenceStart, index - 2)..<index where isText(k, "comme") || isText(k, "Comme") {
            return k == index - 1 || word[k + 1] == .otherPronoun
        }
        return false
    }

    /// Token `index` is a US party and state ("R-Texas", "D-Calif."): R, D or I, a hyphen and a
    /// capital letter.
    func isPartyAndState(_ index: Int) -> Bool {
        let token = analysis.tokens[index]
        let start = Int(token.start)
        guard token.end - token.start >= 3 else { return false }
        let party = analysis.bytes[start], hyphen = analysis.bytes[start + 1], state = analysis.bytes[start + 2]
        return (party == UInt8(ascii: "R") || party == UInt8(ascii: "D") || party == UInt8(ascii: "I"))
            && hyphen == UInt8(ascii: "-") && state >= UInt8(ascii: "A") && state <= UInt8(ascii: "Z")
    }

    /// Token `index` is the punctuation `mark`.
    func isPunctuation(_ index: Int, _ mark: StaticString) -> Bool {
        analysis.tokens[index].kind == .punctuation && isText(index, mark)
    }

    /// Token `index` is punctuation other than a quotation mark or a hyphen.
    func isBreak(_ index: Int) -> Bool {
        let token = analysis.tokens[index]
        return token.kind == .punctuation && !token.flags.contains(.openingQuote)
            && !token.flags.contains(.closingQuote) && !isText(index, "-")
    }

    /// Token `index` is `.`, `!`, `?`, `…` or `...`.
    func isStop(_ index: Int) -> Bool {
        guard analysis.tokens[index].kind == .punctuation else { return false }
        return isText(index, ".") || isText(index, "!") || isText(index, "?") || isText(index, "...")
            || isText(index, "\u{2026}")
    }

    /// A comma, a dash or a hyphen standing alone.
    func isCommaOrDash(_ index: Int) -> Bool {
        isPunctuation(index, ",") || isPunctuation(index, "-") || isPunctuation(index, "\u{2014}")
            || isPunctuation(index, "\u{2013}")
    }

    /// The class of an inverted French subject pronoun token (`-t-il`, `-elle`, `-ils`, `-on`):
    /// ``QuoteWordClass/pronoun`` for il/elle, ``QuoteWordClass/otherPronoun`` for the others.
    func invertedPronounClass(_ index: Int) -> QuoteWordClass {
        let token = analysis.tokens[index]
        var start = Int(token.start)
        let end = Int(token.end)
        let bytes = analysis.bytes
        guard end - start >= 3, bytes[start] == UInt8(ascii: "-") else { return .none }
        start += 1
        if end - start > 2, bytes[start] == UInt8(ascii: "t"), bytes[start + 1] == UInt8(ascii: "-") { start += 2 }
        func equals(_ text: StaticString) -> Bool {
            guard end - start == text.utf8CodeUnitCount else { return false }
            for offset in 0..<text.utf8CodeUnitCount where bytes[start + offset] != text.utf8Start[offset] {
                return false
            }
            return true
        }
        if equals("il") || equals("elle") { return .pronoun }
        if equals("ils") || equals("elles") || equals("on") || equals("je") || equals("nous") || equals("vous") {
            return .otherPronoun
        }
        return .none
    }

    /// The family of the quotation mark at `index`, or `.none` when it is not one.
    func markFamily(_ index: Int) -> QuoteMarkFamily {
        let token = analysis.tokens[index]
        guard token.flags.contains(.openingQuote) || token.flags.contains(.closingQuote) else { return .none }
        let bytes = analysis.bytes
        let start = Int(token.start)
        switch bytes[start] {
        case 0x22: return .straightDouble
        case 0x27:
            if Int(token.end) - start == 2 { return .straightDouble }
            return isPossessive(index) ? .none : .straightSingle
        case 0x3C, 0x3E: return .ascii
        case 0xC2: return .guillemet
        case 0xE2 where Int(token.end) - start == 3:
            switch bytes[start + 2] {
            case 0xB9, 0xBA: return .singleGuillemet
            case 0x9C, 0x9D, 0x9E: return .curlyDouble
            case 0x99: return isPossessive(index) ? .none : .curlySingle
            case 0x98, 0x9A: return .curlySingle
            default: return .none
            }
        default: return .none
        }
    }

    /// Whether the closing single mark at `index` is the apostrophe of a plural possessive
    /// ("Sanders’ campaign manager"): glued to a word ending in "s", a word after it.
    private func isPossessive(_ index: Int) -> Bool {
        let tokens = analysis.tokens
        return index > 0 && index + 1 < tokens.count && tokens[index].flags.contains(.closingQuote)
            && tokens[index - 1].end == tokens[index].start && tokens[index - 1].kind == .word
            && analysis.bytes[Int(tokens[index].start) - 1] | 0x20 == 0x73 && tokens[index + 1].kind == .word
    }

    /// The tokens of sentence `index`.
    func sentenceTokens(_ index: Int) -> Range<Int> { analysis.sentences[Int(sentence[index])].tokens }

    /// The span from the start of token `first` to the end of token `last`.
    func span(_ first: Int, _ last: Int) -> Span {
        Span(Int(analysis.tokens[first].start), Int(analysis.tokens[last].end))
    }
}

/// The gender a person's pronouns take ("il"/"he" or "elle"/"she"), as far as the text tells.
enum PersonGender: UInt8, Sendable {
    case unknown
    case male
    case female

    /// Given names and their gender, from `Lexicons/quotes/given-names.lexicon`.
    private static let givenNames: [String: PersonGender] = {
        var names: [String: PersonGender] = [:]
        for entry in Lexicons.quotesGivenNames.entries {
            names[entry.phrase] = entry.label == "female" ? .female : .male
        }
        return names
    }()

    /// Honorifics that tell the gender of the name after them.
    private static let honorifics: [String: PersonGender] = [
        "M.": .male, "Monsieur": .male, "Mr": .male, "Mr.": .male,
        "Mme": .female, "Mme.": .female, "Madame": .female, "Mlle": .female, "Mrs": .female, "Mrs.": .female,
        "Ms": .female, "Ms.": .female,
    ]

    /// The gender of entity `index` of `t`: that of the first word of a person's name in the
    /// given-names list, else of an honorific just before one of its mentions; `unknown` for
    /// other entities.
    static func of(entity index: Int, _ t: QuoteTokens) -> PersonGender {
        guard t.entityIsPerson[index] else { return .unknown }
        let entity = t.entities[index]
        if let gender = givenNames[String(entity.name.prefix { $0 != " " })] { return gender }
        for mention in entity.mentions where mention < t.mentions.count {
            let token = t.analysis.firstToken(endingAfter: t.mentions[mention].span.start)
            if token > 0, let gender = honorifics[t.analysis.string(token: token - 1)] { return gender }
        }
        return .unknown
    }

    /// The gender of a singular personal pronoun token ("il", "-t-elle", "He", "she").
    static func ofPronoun(_ text: String) -> PersonGender {
        let word = text.lowercased().split(separator: "-").last.map(String.init) ?? ""
        switch word {
        case "il", "he", "him", "his": return .male
        case "elle", "she", "her": return .female
        default: return .unknown
        }
    }

    /// Whether a person of this gender can be referred to by a pronoun of `pronoun`'s.
    func agrees(with pronoun: PersonGender) -> Bool {
        self == .unknown || pronoun == .unknown || self == pronoun
    }
}
