// Trawl — Analysis.swift
// What every extractor reads: tokens, sentences and the language, computed once per document.

/// A language, by its ISO 639-1 code (`und` when unknown).
public struct Language: Hashable, Sendable, RawRepresentable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The ISO 639-1 code, or `und`.
    public var rawValue: String
    /// Creates a language from its code.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a language from a code literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The code.
    public var description: String { rawValue }

    /// French.
    public static let french: Language = "fr"
    /// English.
    public static let english: Language = "en"
    /// German.
    public static let german: Language = "de"
    /// Spanish.
    public static let spanish: Language = "es"
    /// Italian.
    public static let italian: Language = "it"
    /// Undetermined: too little text, or no language scored clearly above the others.
    public static let undetermined: Language = "und"
}

/// The coarse class of a token.
public enum TokenKind: UInt8, Sendable, CaseIterable {
    /// Letters, possibly with inner hyphens, apostrophes or periods (`Al-Kazemi`, `U.S.`, `l’`).
    case word
    /// Digits with optional group separators and decimal mark (`3 000`, `2,5`, `3,000.50`).
    case number
    /// Punctuation, including quotation marks.
    case punctuation
    /// Symbols: currency signs, `%`, `°`, `&`, `+`…
    case symbol
    /// A URL (`https://…`, `www.…`).
    case url
    /// An e-mail address.
    case email
}

/// Properties of a token, computed by the tokenizer so extractors need not re-scan its bytes.
public struct TokenFlags: OptionSet, Hashable, Sendable {
    /// The raw bits.
    public var rawValue: UInt16
    /// Creates flags from raw bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The first letter is upper case (`Paris`, `EI`).
    public static let capitalized = TokenFlags(rawValue: 1 << 0)
    /// Every letter is upper case and there are at least two (`EI`, `NATO`).
    public static let allCaps = TokenFlags(rawValue: 1 << 1)
    /// The token contains a digit.
    public static let hasDigit = TokenFlags(rawValue: 1 << 2)
    /// The token contains an inner hyphen (`Al-Kazemi`, `irako-américain`).
    public static let hasHyphen = TokenFlags(rawValue: 1 << 3)
    /// An elided article or pronoun ending in an apostrophe (`l’`, `d'`, `qu’`).
    public static let elision = TokenFlags(rawValue: 1 << 4)
    /// A known abbreviation ending in a period (`M.`, `Dr.`, `U.S.`, `etc.`).
    public static let abbreviation = TokenFlags(rawValue: 1 << 5)
    /// The token contains bytes outside ASCII.
    public static let nonASCII = TokenFlags(rawValue: 1 << 6)
    /// The token is preceded by whitespace (or starts the text).
    public static let spaceBefore = TokenFlags(rawValue: 1 << 7)
    /// The token is an opening quotation mark (`«`, `“`, `<<`, or a straight quote that opens).
    public static let openingQuote = TokenFlags(rawValue: 1 << 8)
    /// The token is a closing quotation mark (`»`, `”`, `>>`, or a straight quote that closes).
    public static let closingQuote = TokenFlags(rawValue: 1 << 9)
}

/// One token: a span of the text and what the tokenizer found out about it.
public struct Token: Hashable, Sendable {
    /// First byte (UTF-8 offset into the document text).
    public var start: UInt32
    /// One past the last byte.
    public var end: UInt32
    /// The token's class.
    public var kind: TokenKind
    /// The token's properties.
    public var flags: TokenFlags

    /// Creates a token.
    @inlinable
    public init(start: Int, end: Int, kind: TokenKind, flags: TokenFlags = []) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
        self.kind = kind
        self.flags = flags
    }

    /// The token's span.
    @inlinable public var span: Span { Span(Int(start), Int(end)) }
}

/// A sentence: its span and the range of its tokens in ``Analysis/tokens``.
public struct Sentence: Hashable, Sendable {
    /// The sentence's span, from its first token's start to its last token's end.
    public var span: Span
    /// Indices of the sentence's tokens.
    public var tokens: Range<Int>

    /// Creates a sentence.
    public init(span: Span, tokens: Range<Int>) {
        self.span = span
        self.tokens = tokens
    }
}

/// The shared, read-only analysis of one document: its bytes, tokens, sentences and language.
///
/// The ``Engine`` computes it once per document, before any extractor runs; extractors read it
/// and never re-tokenize.
public struct Analysis: Sendable {
    /// The UTF-8 bytes of ``Document/text``. Spans index this array.
    public let bytes: [UInt8]
    /// The tokens, in text order.
    public let tokens: [Token]
    /// The sentences, in text order; together they cover every token.
    public let sentences: [Sentence]
    /// The identified language of the document text.
    public let language: Language

    /// Creates an analysis from its parts (the ``TextAnalyzer`` makes them).
    public init(bytes: [UInt8], tokens: [Token], sentences: [Sentence], language: Language) {
        self.bytes = bytes
        self.tokens = tokens
        self.sentences = sentences
        self.language = language
    }

    /// The text of `span`, decoded (invalid bytes cannot occur: the text is valid UTF-8).
    public func string(_ span: Span) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]), as: UTF8.self)
        }
    }

    /// The text of the token at `index`.
    public func string(token index: Int) -> String { string(tokens[index].span) }

    /// The index of the first token that ends after byte `offset` (`tokens.count` if none).
    /// - Complexity: O(log n) in the number of tokens.
    public func firstToken(endingAfter offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if Int(tokens[mid].end) <= offset { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// Computes the ``Analysis`` of a document: tokenizer, sentence splitter, language identifier.
public struct TextAnalyzer: Sendable {
    /// Creates the default analyzer for French, English and the other supported languages.
    public init() {}

    /// Analyzes a document's text.
    public func analyze(_ document: Document) -> Analysis {
        analyze(text: document.text)
    }

    /// Analyzes a text.
    public func analyze(text: String) -> Analysis {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var sentences: [Sentence] = []
        tokens.reserveCapacity(bytes.count / 4)  // about a token per 5 bytes: room for denser texts, so the array seldom grows
        let language = bytes.withUnsafeBufferPointer { buffer -> Language in
            Tokenizer.tokenize(buffer, into: &tokens)
            SentenceSplitter.split(buffer, tokens: tokens, into: &sentences)
            return LanguageIdentifier.identify(buffer, tokens: tokens).language
        }
        return Analysis(bytes: bytes, tokens: tokens, sentences: sentences, language: language)
    }
}
