// Trawl — SentenceSplitter.swift
// Groups tokens into sentences: stops, line and block breaks, abbreviations and quotations.

/// Groups the tokens of a text into sentences that together cover every token.
///
/// The rules:
///
/// - **Blocks**: a blank line (two line breaks with only white space between) always ends a
///   sentence. A single line break ends one unless the next line starts with a lower-case letter
///   or the line ends with `,`, `;`, `:`, a hyphen, an opening bracket or quote, or an elision
///   (plain text with one paragraph per line splits; hard-wrapped prose mostly does not).
/// - **Stops**: `.`, `!`, `?`, `…`, `...` (and closing quotes or brackets right after them) end a
///   sentence when the next token does not start with a lower-case letter and is not
///   continuing punctuation (`,`, `;`, `)`…); glued text (`Irak.Le`) splits before a capital.
/// - **Abbreviations** (`M.`, `Dr.`, `U.S.`, `J.`) do not end a sentence, except those that can
///   (`etc.`, `Inc.`, dotted acronyms like `U.S.`, single initials) when followed by a capitalized
///   function word (`… in the U.S. The next day` splits; `U.S. forces` does not), a line break
///   or the end of the text.
/// - **Quotations** (`« »`, `“ ”`, `„ “`, `<< >>`, `‹ ›`, `‘ ’`, straight quotes) stay intact: a
///   stop inside a quotation whose closing mark comes within ``quotationWindow`` tokens in the
///   same paragraph does not end the sentence; a quotation never closed there is ignored, so
///   an unbalanced mark never swallows the rest of the document.
/// - A sentence longer than ``maximumLength`` tokens is cut, so that run-away text (tables,
///   menus) cannot make one huge sentence.
public enum SentenceSplitter {
    /// The most tokens a quotation may span and still protect the stops inside it.
    public static let quotationWindow = 400
    /// The most tokens in one sentence.
    public static let maximumLength = 1_000

    /// Appends the sentences of `text` to `sentences`.
    ///
    /// - Parameters:
    ///   - text: The text the tokens index.
    ///   - tokens: The tokens of `text`, from ``Tokenizer``.
    ///   - sentences: Receives the sentences in text order; existing elements are kept.
    /// - Complexity: O(n) in the number of tokens (plus the bytes between them).
    public static func split(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], into sentences: inout [Sentence]) {
        guard !tokens.isEmpty else { return }
        let splitter = Splitter(text: text, tokens: tokens)
        let quoted = splitter.quotations()
        var quote = 0
        var quotedUntil = -1
        var start = 0
        for k in 0..<tokens.count {
            while quote < quoted.count, quoted[quote].lowerBound <= k {
                quotedUntil = max(quotedUntil, quoted[quote].upperBound)
                quote += 1
            }
            let last = k == tokens.count - 1
            if last || (!splitter.plainlyContinues(after: k) && splitter.endsSentence(after: k, quotedUntil: quotedUntil))
                || k + 1 - start >= maximumLength
            {
                let span = Span(Int(tokens[start].start), Int(tokens[k].end))
                sentences.append(Sentence(span: span, tokens: start..<(k + 1)))
                start = k + 1
            }
        }
    }
}

/// The decisions behind ``SentenceSplitter``.
private struct Splitter {
    let text: UnsafeBufferPointer<UInt8>
    let tokens: [Token]
    let abbreviations = TokenTables.abbreviations
    let functionWords = FunctionWords.table

    /// What separates token `k` from the next: nothing, a line break, or a blank line.
    enum Break { case none, line, block }

    /// What separates token `k` from token `k + 1`.
    func gap(after k: Int) -> Break {
        var newlines = 0
        var i = Int(tokens[k].end)
        let end = Int(tokens[k + 1].start)
        while i < end {
            if text[i] == 0x0A { newlines += 1 }
            i += 1
        }
        return newlines == 0 ? .none : (newlines == 1 ? .line : .block)
    }

    /// Whether a line break after token `k` ends a sentence (a paragraph boundary).
    func lineEndsSentence(after k: Int) -> Bool {
        let next = tokens[k + 1]
        if startsLowercase(next) { return false }
        let token = tokens[k]
        if token.flags.contains(.elision) || token.flags.contains(.openingQuote) { return false }
        if token.kind == .punctuation, token.end - token.start == 1 {
            switch text[Int(token.start)] {
            case 0x2C, 0x3B, 0x3A, 0x2D, 0x28, 0x5B: return false
            default: break
            }
        }
        return true
    }

    /// Whether no sentence can end after token `k` (not the last): a word that is no
    /// abbreviation and no closing quote, with no line break after it, which
    /// ``endsSentence(after:quotedUntil:)`` would reject as ending no clause. Most tokens are
    /// such words, decided here without the calls.
    @inline(__always)
    func plainlyContinues(after k: Int) -> Bool {
        let token = tokens[k]
        guard token.kind == .word, !token.flags.contains(.abbreviation), !token.flags.contains(.closingQuote) else {
            return false
        }
        var i = Int(token.end)
        let end = Int(tokens[k + 1].start)
        while i < end {
            if text[i] == 0x0A { return false }
            i += 1
        }
        return true
    }

    /// Whether a sentence ends after token `k`, given that a quotation extends to token
    /// `quotedUntil`.
    func endsSentence(after k: Int, quotedUntil: Int) -> Bool {
        switch gap(after: k) {
        case .block: return true
        case .line: if lineEndsSentence(after: k) { return true }
        case .none: break
        }
        guard quotedUntil <= k, endsClause(k) else { return false }
        let next = tokens[k + 1]
        if isTrailer(next) { return false }
        if startsLowercase(next) { return false }
        if next.kind == .punctuation, !next.flags.contains(.openingQuote) {
            let b = text[Int(next.start)]
            // Continuing punctuation; a dash, bracket or ¿ ¡ may start the next sentence.
            guard b == 0x2D || b == 0x28 || b == 0x5B || b >= 0x80 else { return false }
            if b >= 0x80, !startsNextSentence(next) { return false }
        }
        if !next.flags.contains(.spaceBefore), !next.flags.contains(.capitalized) { return false }
        let stop = lastStop(k)
        if tokens[stop].flags.contains(.abbreviation) {
            return abbreviationEndsSentence(stop, next: next, lineBreak: gap(after: k) != .none)
        }
        return true
    }

    /// Whether token `k` ends a clause: a stop, or a closing quote or bracket right after one.
    func endsClause(_ k: Int) -> Bool {
        var j = k
        while j >= 0, isTrailer(tokens[j]) {
            if j < k, tokens[j + 1].flags.contains(.spaceBefore), !tokens[j + 1].flags.contains(.closingQuote) {
                return false
            }
            j -= 1
        }
        return j >= 0 && isStop(tokens[j])
    }

    /// The stop (or abbreviation) that ends the clause ending at `k`.
    func lastStop(_ k: Int) -> Int {
        var j = k
        while j > 0, isTrailer(tokens[j]) { j -= 1 }
        return j
    }

    /// Whether the token is a sentence stop or an abbreviation ending in a period.
    func isStop(_ token: Token) -> Bool {
        if token.flags.contains(.abbreviation) { return true }
        guard token.kind == .punctuation else { return false }
        let b = text[Int(token.start)]
        switch b {
        case 0x2E, 0x21, 0x3F: return true
        case 0xE2: return text[Int(token.start) + 1] == 0x80 && text[Int(token.start) + 2] == 0xA6  // …
        case 0xEF:  // fullwidth ！ ？ and ideographic 。
            return true
        case 0xE3: return text[Int(token.start) + 1] == 0x80 && text[Int(token.start) + 2] == 0x82
        default: return false
        }
    }

    /// Whether the token closes something after a stop: a closing quote or bracket.
    func isTrailer(_ token: Token) -> Bool {
        if token.flags.contains(.closingQuote) { return true }
        guard token.kind == .punctuation, token.end - token.start == 1 else { return false }
        let b = text[Int(token.start)]
        return b == 0x29 || b == 0x5D || b == 0x7D
    }

    /// Whether the token begins with a lower-case letter.
    func startsLowercase(_ token: Token) -> Bool {
        guard token.kind == .word || token.kind == .url || token.kind == .email else { return false }
        let b = text[Int(token.start)]
        if b < 0x80 { return b &- 0x61 < 26 }
        return UTF8Scalars.classify(UTF8Scalars.decode(text, Int(token.start)).scalar) == .lower
    }

    /// Whether a non-ASCII punctuation token can start a sentence (dashes, ¿, ¡, bullets).
    func startsNextSentence(_ token: Token) -> Bool {
        switch UTF8Scalars.decode(text, Int(token.start)).scalar {
        case 0x2013, 0x2014, 0x2015, 0xBF, 0xA1, 0x2022, 0x25CF, 0x25AA: return true
        default: return false
        }
    }

    /// Whether the abbreviation at `stop` ends its sentence before `next`.
    func abbreviationEndsSentence(_ stop: Int, next: Token, lineBreak: Bool) -> Bool {
        let token = tokens[stop]
        let start = Int(token.start), end = Int(token.end)
        let isDotted = end - start > 2 && text[start..<(end - 1)].contains(0x2E)
        let isInitial = end - start == 2 && token.flags.contains(.capitalized)
        let bits = abbreviations.value(text, start..<(end - 1), .exact) ?? abbreviations.value(text, start..<(end - 1), .lowerFirst)
        let canEnd = isDotted || (bits.map { $0 & TokenTables.AbbreviationBits.canEndSentence != 0 } ?? isInitial)
        guard canEnd else { return false }
        if lineBreak { return true }
        guard next.kind == .word, next.flags.contains(.capitalized), !next.flags.contains(.allCaps) else {
            return next.flags.contains(.openingQuote)
        }
        return functionWords.contains(text, Int(next.start)..<Int(next.end), .fold)
            || next.flags.contains(.elision)
    }

    /// The quotations that protect the stops inside them: token ranges from an opening mark to
    /// its closing mark (exclusive), in order of their opening marks.
    func quotations() -> [Range<Int>] {
        var result: [Range<Int>] = []
        var open: [(index: Int, family: UInt8)] = []
        for k in 0..<tokens.count {
            if k > 0, !open.isEmpty {  // (a paragraph break matters only to open quotes)
                let separation = gap(after: k - 1)
                if separation == .block || (separation == .line && lineEndsSentence(after: k - 1)) {
                    open.removeAll(keepingCapacity: true)
                }
            }
            let flags = tokens[k].flags
            if flags.contains(.closingQuote) {
                let family = quoteFamily(tokens[k])
                if let at = open.lastIndex(where: { $0.family == family }) {
                    if k - open[at].index <= SentenceSplitter.quotationWindow {
                        result.append(open[at].index..<k)
                    }
                    open.removeSubrange(at...)
                }
            } else if flags.contains(.openingQuote) {
                open.append((k, quoteFamily(tokens[k])))
            }
        }
        result.sort { $0.lowerBound < $1.lowerBound }
        return result
    }

    /// Which marks pair up: guillemets, double quotes (curly, low or straight), single quotes,
    /// `<< >>`.
    func quoteFamily(_ token: Token) -> UInt8 {
        let start = Int(token.start)
        switch text[start] {
        case 0x3C, 0x3E: return 3
        case 0x22: return 1
        case 0x27: return 2
        case 0xC2: return 0
        default:
            switch text[start + 2] {
            case 0x9C, 0x9D, 0x9E, 0x9F: return 1
            case 0xB9, 0xBA: return 0
            default: return 2
            }
        }
    }
}
