// Trawl — EntityRules.swift
// News conventions applied to the tagger's spans, driven by the entity lexicons.

import Trawl

/// A document being tagged: its tagger tokens, their features, and the entity spans found so far.
///
/// Spans are kept sorted and non-overlapping; the rules below edit them in place.
struct EntityDocument {
    /// The tagger tokens.
    var units: [NERUnit]
    /// Their features and lexicon bits.
    var infos: [NERTokenInfo]
    /// The sentences, as ranges of `units`.
    var sentences: [Range<Int>]
    /// The entity spans, sorted by start, non-overlapping.
    var spans: [NERSpan]
    /// Where the standard labels are.
    let labels: EntityLabels
    /// The language of the model that tagged the document.
    let language: Language
    /// `sentenceEnd[i]`: one past the last unit of unit `i`'s sentence.
    private var sentenceEnd: [Int]

    init(units: [NERUnit], infos: [NERTokenInfo], sentences: [Range<Int>], spans: [NERSpan],
         labels: EntityLabels, language: Language)
    {
        self.units = units
        self.infos = infos
        self.sentences = sentences
        self.spans = spans
        self.labels = labels
        self.language = language
        var sentenceEnd = [Int](repeating: units.count, count: units.count)
        for sentence in sentences { for i in sentence { sentenceEnd[i] = sentence.upperBound } }
        self.sentenceEnd = sentenceEnd
    }

    /// Splits the analysis into tagger tokens (a glued elision the tokenizer left, `l’Irak`, is
    /// split off), scans them (through `words`, so they carry its vocabulary marks) and marks
    /// their matches of its lexicon sentence by sentence; no spans yet.
    init(analysis: Analysis, words: NERWordCache, labels: EntityLabels, language: Language) {
        let tokenCount = analysis.tokens.count
        var sentences: [Range<Int>] = []
        var infos: [NERTokenInfo] = []
        // At most two units a token: a glued elision and the rest. Written in place, one pass.
        let units = withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, 2 * tokenCount)) { firstSteps in
            let units = [NERUnit](unsafeUninitializedCapacity: 2 * tokenCount) { units, unitCount in
                infos = [NERTokenInfo](unsafeUninitializedCapacity: 2 * tokenCount) { infos, infoCount in
                    EntityDocument.split(analysis, words: words, units: units, infos: infos,
                                         firstSteps: firstSteps.baseAddress!, count: &unitCount, sentences: &sentences)
                    infoCount = unitCount
                }
            }
            infos.withUnsafeMutableBufferPointer { infos in
                for sentence in sentences {
                    words.lexicon.annotate(UnsafeMutableBufferPointer(rebasing: infos[sentence]),
                                           firstSteps: firstSteps.baseAddress! + sentence.lowerBound)
                }
            }
            return units
        }
        self.init(units: units, infos: infos, sentences: sentences, spans: [], labels: labels, language: language)
    }

    /// Writes the tagger tokens of `analysis`, their scans and their lexicon first steps into
    /// `units`, `infos` and `firstSteps` (room for two per token), sets `count` to their number,
    /// and appends the sentences to `sentences`.
    private static func split(_ analysis: Analysis, words: NERWordCache, units: UnsafeMutableBufferPointer<NERUnit>,
                              infos: UnsafeMutableBufferPointer<NERTokenInfo>, firstSteps: UnsafeMutablePointer<UInt64>,
                              count: inout Int, sentences: inout [Range<Int>])
    {
        let spaceBefore = TokenFlags.spaceBefore, elided = TokenFlags.elision
        var n = 0
        analysis.bytes.withUnsafeBufferPointer { bytes in
            analysis.tokens.withUnsafeBufferPointer { tokens in
                let ranges = analysis.sentences.isEmpty && !tokens.isEmpty
                    ? [0..<tokens.count] : analysis.sentences.map(\.tokens)
                for range in ranges {
                    let first = n
                    for index in range {
                        let token = tokens[index]
                        var start = Int(token.start)
                        let end = Int(token.end)
                        let isLink = token.kind == .url || token.kind == .email
                        let isGlued = index > 0 && !token.flags.contains(spaceBefore) && token.kind == .word
                            && tokens[index - 1].kind == .word && tokens[index - 1].end == token.start
                        let elision = words.scan(bytes, start, end, into: infos.baseAddress! + n,
                                                 firstStep: firstSteps + n)
                        let splits = elision > 0 && token.kind == .word && !token.flags.contains(elided)
                        if splits {
                            // A glued elision (rare): two units, scanned apart.
                            units.initializeElement(at: n, to: NERUnit(start: start, end: start + elision,
                                                                       isLink: false, isGlued: isGlued))
                            words.scan(bytes, start, start + elision, into: infos.baseAddress! + n,
                                       firstStep: firstSteps + n)
                            n += 1
                            start += elision
                            words.scan(bytes, start, end, into: infos.baseAddress! + n, firstStep: firstSteps + n)
                        }
                        units.initializeElement(at: n, to: NERUnit(start: start, end: end, isLink: isLink,
                                                                   isGlued: isGlued && !splits))
                        if isLink { infos[n].traits |= NERTokenInfo.isURL }
                        n += 1
                    }
                    if n > first { sentences.append(first..<n) }
                }
            }
        }
        count = n
    }

    /// Hashes of the articles allowed after a connector (`de la`, `de l’`, `of the`).
    private static let articles: [UInt64] = ["la", "l'", "the"].map { word in
        Array(word.utf8).withUnsafeBufferPointer { NERTextScanner.scan($0, 0, $0.count).lower }
    }

    // MARK: Queries

    /// Whether unit `i` is inside a lexicon match of `lexiconClass`.
    func has(_ i: Int, _ lexiconClass: EntityLexiconClass) -> Bool {
        i < infos.count && infos[i].lexicon & lexiconClass.tokenBits != 0
    }

    /// The end of the `lexiconClass` match starting at unit `i`, or `nil` when none starts there.
    func match(at i: Int, _ lexiconClass: EntityLexiconClass) -> Int? {
        guard i < infos.count else { return nil }
        let bits = infos[i].lexicon >> UInt64(4 * lexiconClass.rawValue) & 0xF
        guard bits & 0b1001 != 0 else { return nil }  // B or U
        if bits & 0b1000 != 0 { return i + 1 }
        var j = i + 1
        while j < infos.count, infos[j].lexicon >> UInt64(4 * lexiconClass.rawValue) & 0b0100 == 0 { j += 1 }
        return min(j + 1, infos.count)
    }

    /// Whether unit `i` is an article allowed after a connector.
    private func isArticle(_ i: Int) -> Bool { EntityDocument.articles.contains(infos[i].lower) }

    /// Whether unit `i` has all the bits of `trait`.
    private func unit(_ i: Int, is trait: UInt16) -> Bool { infos[i].has(trait) }

    /// Whether unit `i` can be part of a name: a word, not a stop word, link or elision.
    private func isNameWord(_ i: Int, capitalizedOnly: Bool) -> Bool {
        let info = infos[i]
        guard info.has(NERTokenInfo.hasLetter), !info.has(NERTokenInfo.isURL), !info.has(NERTokenInfo.isElision),
              !has(i, .stopword), !has(i, .connector)
        else { return false }
        return info.has(NERTokenInfo.isCapitalized) || (!capitalizedOnly && info.has(NERTokenInfo.isWordLike))
    }

    /// The index of the span containing unit `i`, if any.
    func spanIndex(containing i: Int) -> Int? {
        var low = 0, high = spans.count
        while low < high {
            let mid = (low + high) / 2
            if spans[mid].end <= i { low = mid + 1 } else { high = mid }
        }
        return low < spans.count && spans[low].start <= i ? low : nil
    }

    /// Removes the spans overlapping `span` and inserts it.
    mutating func replace(with span: NERSpan) {
        spans.removeAll { $0.start < span.end && span.start < $0.end }
        let index = spans.firstIndex { $0.start >= span.end } ?? spans.count
        spans.insert(span, at: index)
    }

    // MARK: Rules

    /// Applies the news conventions, in order.
    mutating func applyRules() {
        cleanEdges()
        splitPersons()
        dropTitlePhrases()
        applyOrganizationLexicon()
        extendOrganizationCues()
        extendInstitutions()
        dropPortfolios()
        applyPersonLexicon()
        applyHonorifics()
        applyOrganizationNouns()
        addFirstNamePersons()
        cleanEdges()
    }

    /// Splits spans at links, and trims elided articles, punctuation, connectors, honorifics,
    /// (outside organisations) titles and (for persons) lower-case words other than name
    /// particles from their edges; a lone word glued to the previous word is dropped unless known
    /// as a name; a span left empty, or with neither an
    /// upper-case letter nor a digit outside titles ("ancien PDG"), is dropped. A span that is exactly an organisation lexicon
    /// entry (`L’Oréal`) is kept as is.
    mutating func cleanEdges() {
        var result: [NERSpan] = []
        result.reserveCapacity(spans.count)
        for span in spans {
            if match(at: span.start, .organization) == span.end, span.label == labels.organization {
                result.append(span)
                continue
            }
            var pieceStart = span.start
            for i in span.start...span.end where i == span.end || unit(i, is: NERTokenInfo.isURL) {
                if let piece = trimmed(NERSpan(start: pieceStart, end: i, label: span.label)) { result.append(piece) }
                pieceStart = i + 1
            }
        }
        spans = result
    }

    private func trimmed(_ span: NERSpan) -> NERSpan? {
        var start = span.start, end = span.end
        let isOrganization = span.label == labels.organization
        func junk(_ i: Int) -> Bool {
            unit(i, is: NERTokenInfo.isElision) || unit(i, is: NERTokenInfo.isPunctuation) || has(i, .connector)
        }
        let isPerson = span.label == labels.person
        while start < end,
              junk(start) || (!isOrganization && (has(start, .honorific) || has(start, .title)))
              || (isPerson && unit(start, is: NERTokenInfo.isLowercase) && !has(start, .nameParticle))
        {
            start += 1
        }
        // A word glued to the previous one ("…se renforceAccuser") is a lost sentence start, not
        // a name, unless the lexicons or the training data know it as one.
        if end - start == 1, units[start].isGlued, infos[start].seen & 0x7F == 0,
           !has(start, .person), !has(start, .place), !has(start, .organization), !has(start, .firstName)
        {
            return nil
        }
        while end > start, junk(end - 1) { end -= 1 }
        guard (start..<end).contains(where: {
            (unit($0, is: NERTokenInfo.hasUpper) || unit($0, is: NERTokenInfo.hasDigit))
                && !has($0, .title) && !has($0, .honorific)
        }) else { return nil }
        return NERSpan(start: start, end: end, label: span.label)
    }

    /// Person spans end at a lower-case word that is not a name particle ("Joe Biden met …"),
    /// and start after the last title followed by a capitalised word ("German Chancellor Olaf
    /// Scholz" → "Olaf Scholz").
    mutating func splitPersons() {
        guard let person = labels.person else { return }
        var result: [NERSpan] = []
        for span in spans {
            guard span.label == person else { result.append(span); continue }
            var start = span.start
            for i in span.start...span.end {
                let breaks = i == span.end || (unit(i, is: NERTokenInfo.isLowercase) && !has(i, .nameParticle))
                guard breaks else { continue }
                var pieceStart = start
                for j in start..<i where has(j, .title) && j + 1 < i && unit(j + 1, is: NERTokenInfo.isCapitalized)
                    && !has(j + 1, .title) {
                    pieceStart = j + 1
                }
                if pieceStart < i { result.append(NERSpan(start: pieceStart, end: i, label: person)) }
                start = i + 1
            }
        }
        spans = result
    }

    /// Outside organisations, titles and never-entity phrases ("Premier ministre", "secrétaire
    /// d’État", "coup d’État") are trimmed from the left of spans, and spans inside them dropped;
    /// organisations lose only the words of a title phrase begun before them.
    mutating func dropTitlePhrases() {
        spans = spans.compactMap { span in
            var start = span.start
            if span.label == labels.organization {
                // An organisation may start with a title word ("General Motors"), not inside a
                // title phrase ("procureur de la République de Nanterre").
                while start < span.end, start > 0, continuesTitle(start) { start += 1 }
                while start < span.end, has(start, .connector) || isArticle(start) { start += 1 }
            } else {
                while start < span.end, has(start, .title) || has(start, .nonEntity) { start += 1 }
            }
            return start < span.end ? NERSpan(start: start, end: span.end, label: span.label) : nil
        }
    }

    /// Whether unit `i` is inside or ends a title phrase that started before it.
    private func continuesTitle(_ i: Int) -> Bool {
        infos[i].lexicon >> UInt64(4 * EntityLexiconClass.title.rawValue) & 0b0110 != 0
    }

    /// Every organisation lexicon match becomes an `ORG` span, unless a longer span contains it.
    /// A lone all-caps match between all-caps words (a shouted headline) is left alone.
    mutating func applyOrganizationLexicon() {
        guard let organization = labels.organization else { return }
        var i = 0
        while i < units.count {
            guard let end = match(at: i, .organization) else { i += 1; continue }
            defer { i = end }
            if let index = spanIndex(containing: i), spans[index].start <= i, spans[index].end >= end,
               spans[index].end - spans[index].start > end - i
            {
                continue
            }
            if end - i == 1, unit(i, is: NERTokenInfo.isAllCaps),
               (i > 0 && unit(i - 1, is: NERTokenInfo.isAllCaps)) || (end < units.count && unit(end, is: NERTokenInfo.isAllCaps))
            {
                continue
            }
            replace(with: NERSpan(start: i, end: end, label: organization))
        }
        // "au Monde", "du Figaro", "aux Échos": the article of the name is in the contraction.
        i = 1
        while i < units.count {
            guard let end = match(at: i, .organizationAfterContraction), isContraction(i - 1) else { i += 1; continue }
            if let index = spanIndex(containing: i), spans[index].start < i || spans[index].end > end {
                i = end
                continue
            }
            replace(with: NERSpan(start: i, end: end, label: organization))
            i = end
        }
    }

    /// Hashes of the French contracted articles `au`, `du`, `aux`, `des`.
    private static let contractions: [UInt64] = ["au", "du", "aux", "des"].map { word in
        Array(word.utf8).withUnsafeBufferPointer { NERTextScanner.scan($0, 0, $0.count).lower }
    }

    /// Whether unit `i` is a contracted article.
    private func isContraction(_ i: Int) -> Bool { EntityDocument.contractions.contains(infos[i].lower) }

    /// The end of a name continuing at unit `start`: words, and connectors (with an optional
    /// article) followed by a word, within the sentence; at most three lower-case words.
    private func extendName(from start: Int, capitalizedOnly: Bool) -> Int {
        let limit = min(sentenceEnd[min(start, units.count - 1)], start + 7)
        var j = start, end = start, lowercaseWords = 0
        while j < limit {
            if has(j, .connector) {
                var k = j + 1
                if k < limit, isArticle(k) { k += 1 }
                guard k < limit, isNameWord(k, capitalizedOnly: capitalizedOnly) else { break }
                j = k
                continue
            }
            guard isNameWord(j, capitalizedOnly: capitalizedOnly) else { break }
            if !unit(j, is: NERTokenInfo.isCapitalized) {
                lowercaseWords += 1
                if lowercaseWords > 3 { break }
            }
            j += 1
            end = j
        }
        return end
    }

    /// Capitalised organisation cues open (French, English) or close (English) an `ORG`:
    /// "Conseil de sécurité nationale", "Ministry of Defence", "Labour Party".
    mutating func extendOrganizationCues() {
        guard let organization = labels.organization, !units.isEmpty else { return }
        var i = 0
        while i < units.count {
            guard let cueEnd = match(at: i, .organizationCue) else { i += 1; continue }
            let covering = spanIndex(containing: i)
            let english = language == .english
            var start = i, end = extendName(from: cueEnd, capitalizedOnly: english)
            if let covering {
                let span = spans[covering]
                let cueCloses = english && span.end == cueEnd && match(at: span.start, .place) != span.end
                guard span.start == i || cueCloses || end > cueEnd else { i = cueEnd; continue }
                start = span.start
                end = max(end, span.end)
            } else if end == cueEnd {
                i = cueEnd
                continue
            }
            replace(with: NERSpan(start: start, end: end, label: organization))
            i = end
        }
    }

    /// Lower-case institution words with "de" and a capitalised name make an `ORG`: "parquet de
    /// Paris", "cour d’appel de Rennes", "ministère des Affaires étrangères".
    mutating func extendInstitutions() {
        guard let organization = labels.organization, !units.isEmpty else { return }
        var i = 0
        while i < units.count {
            guard let cueEnd = match(at: i, .institution) else { i += 1; continue }
            let limit = sentenceEnd[i]
            var j = cueEnd
            // Up to two adjectives ("tribunal correctionnel"), then a connector and maybe an article.
            while j < limit, j - cueEnd < 2, isNameWord(j, capitalizedOnly: false),
                  !unit(j, is: NERTokenInfo.isCapitalized) { j += 1 }
            guard j < limit, has(j, .connector) else { i = cueEnd; continue }
            j += 1
            if j < limit, isArticle(j) { j += 1 }
            var end = j
            while end < limit {
                if let portfolioEnd = match(at: end, .portfolio) {
                    end = portfolioEnd
                } else if isNameWord(end, capitalizedOnly: true) {
                    end += 1
                } else {
                    break
                }
            }
            if end > j {
                replace(with: NERSpan(start: i, end: end, label: organization))
                i = end
            } else {
                i = cueEnd
            }
        }
    }

    /// Portfolios after a title ("ministre de la Santé", "ministre irakien des Affaires
    /// étrangères") are not entities.
    mutating func dropPortfolios() {
        spans = spans.filter { span in
            // Lower-case words and connectors may lead ("irakien des Affaires étrangères").
            var first = span.start
            while first < span.end, unit(first, is: NERTokenInfo.isLowercase) || has(first, .connector) || isArticle(first) {
                first += 1
            }
            guard first < span.end, (first..<span.end).allSatisfy({ has($0, .portfolio) }) else { return true }
            var k = span.start - 1, skipped = 0
            while k >= 0, skipped < 4,
                  has(k, .connector) || isArticle(k) || unit(k, is: NERTokenInfo.isElision)
                  || (unit(k, is: NERTokenInfo.isLowercase) && !has(k, .title))
            {
                k -= 1
                skipped += 1
            }
            return !(k >= 0 && has(k, .title))
        }
    }

    /// Persons of the news lexicon are `PER`: a span that is exactly one is relabelled, and one
    /// that no span overlaps becomes a span.
    mutating func applyPersonLexicon() {
        guard let person = labels.person else { return }
        var i = 0
        while i < units.count {
            guard let end = match(at: i, .person) else { i += 1; continue }
            let overlapping = spans.indices.filter { spans[$0].start < end && i < spans[$0].end }
            if overlapping.isEmpty || overlapping.allSatisfy({ spans[$0].start >= i && spans[$0].end <= end }) {
                replace(with: NERSpan(start: i, end: end, label: person))
            }
            i = end
        }
    }

    /// The capitalised name after an honorific ("M. Dupont", "Mme Martin", "Dr. Fauci") is a
    /// person.
    mutating func applyHonorifics() {
        guard let person = labels.person else { return }
        var i = 0
        while i < units.count {
            guard let start = match(at: i, .honorific) else { i += 1; continue }
            let end = capitalizedRun(from: start, limit: 4)
            if end > start, spanIndex(containing: start).map({ spans[$0].start == start }) ?? true {
                let covering = spanIndex(containing: start)
                replace(with: NERSpan(start: start, end: max(end, covering.map { spans[$0].end } ?? end), label: person))
            }
            i = max(end, start)
        }
    }

    /// The capitalised name after a lower-case organisation noun ("l’agence Anadolu", "la société
    /// Renault") is an organisation.
    mutating func applyOrganizationNouns() {
        guard let organization = labels.organization else { return }
        var i = 0
        while i < units.count {
            guard let start = match(at: i, .organizationNoun) else { i += 1; continue }
            var end = capitalizedRun(from: start, limit: 5)
            if let organizationEnd = match(at: start, .organization) { end = max(end, organizationEnd) }
            if end > start, !has(start, .person), !has(start, .place), !has(start, .firstName) {
                let covering = spanIndex(containing: start)
                if covering.map({ spans[$0].start >= i && spans[$0].end <= end }) ?? true {
                    replace(with: NERSpan(start: start, end: end, label: organization))
                }
            }
            i = max(end, start)
        }
    }

    /// The end of the run of capitalised name words (no titles) starting at `start`, within the
    /// sentence and at most `limit` words.
    private func capitalizedRun(from start: Int, limit: Int) -> Int {
        guard start < units.count else { return start }
        let bound = min(sentenceEnd[start], start + limit)
        var end = start
        while end < bound, isNameWord(end, capitalizedOnly: true), !has(end, .title), !has(end, .honorific) { end += 1 }
        return end
    }

    /// A known first name followed by capitalised words that no span covers is a person
    /// ("Anthony Blinken" when the tagger missed it).
    mutating func addFirstNamePersons() {
        guard let person = labels.person else { return }
        var i = 0
        while i < units.count {
            guard let nameEnd = match(at: i, .firstName), spanIndex(containing: i) == nil else { i += 1; continue }
            let limit = min(sentenceEnd[i], nameEnd + 3)
            var end = nameEnd
            while end < limit, spanIndex(containing: end) == nil, isNameWord(end, capitalizedOnly: true),
                  !has(end, .title), !has(end, .organization), !has(end, .place), !has(end, .honorific)
            {
                end += 1
            }
            if end > nameEnd { replace(with: NERSpan(start: i, end: end, label: person)) }
            i = max(end, i + 1)
        }
    }
}
