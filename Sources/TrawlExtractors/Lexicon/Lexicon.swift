// Trawl — Lexicon.swift
// Phrase lists compiled once into a token trie, matched longest-first on token boundaries.

import Foundation
import Trawl

/// An error in a lexicon file, with its location.
public struct LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or a description of the source).
    public var file: String
    /// The 1-based line, or 0 when the error concerns the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A compiled phrase list: each phrase has a label and a case mode, and matches whole tokens.
///
/// ## File format
/// One phrase per line, UTF-8. `#` starts a comment line; blank lines are ignored.
/// ```
/// @label ORG          # label for the phrases that follow (default: the file name's stem)
/// @case insensitive   # or: sensitive (the default) — for the phrases that follow
/// Conseil de sécurité nationale
/// Daech
/// Washington<TAB>LOC  # a tab and a label override the current label for one line
/// ```
/// Phrases are tokenized with the document tokenizer, so "l’Irak" matches "l'Irak" only if
/// the apostrophes are folded (case-insensitive entries fold ’ to ' and Latin-1 capitals).
///
/// - Complexity: matching costs one hash lookup per token per active trie path, independent of
///   the number of phrases.
public struct Lexicon: Sendable {
    /// One phrase of the lexicon.
    public struct Entry: Sendable, Hashable {
        /// The phrase as written.
        public var phrase: String
        /// The label of its matches.
        public var label: String
        /// Whether matching respects case.
        public var caseSensitive: Bool
        /// The phrase's tokens as bytes (folded when case-insensitive), for verification.
        var tokens: [[UInt8]]
    }

    /// A match of an entry on a run of document tokens.
    public struct Match: Sendable, Hashable {
        /// The matched tokens' indices.
        public var tokens: Range<Int>
        /// The matched text's span.
        public var span: Span
        /// The index of the matching entry in ``Lexicon/entries``.
        public var entry: Int
    }

    private struct EdgeKey: Hashable {
        var node: Int32
        var token: UInt64

        /// One 64-bit word to the hasher rather than two fields: matching looks up an edge per
        /// token, so this hash is on the hot path.
        func hash(into hasher: inout Hasher) {
            hasher.combine(token ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15))
        }
    }

    /// The entries, in file order.
    public private(set) var entries: [Entry] = []
    private var edges: [EdgeKey: Int32] = [:]
    /// Entry indices ending at each node; most nodes have none.
    private var terminals: [Int32: [Int32]] = [:]
    private var nodeCount: Int32 = 1
    /// A bit per first-token hash bucket (the top ``firstTokenBits`` bits of the hash) of the
    /// phrases: matching skips, without a dictionary lookup, the tokens no phrase starts with.
    private var firstTokens = [UInt64](repeating: 0, count: 1 << (Lexicon.firstTokenBits - 6))
    private static let firstTokenBits = 16

    /// Creates an empty lexicon.
    public init() {}

    /// Loads a lexicon file.
    /// - Parameter defaultLabel: the label before any `@label` line (default: the file name
    ///   without extension).
    /// - Throws: ``LexiconError`` with the file and line of the problem.
    public init(contentsOf path: String, defaultLabel: String? = nil) throws(LexiconError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LexiconError(file: path, line: 0, message: "cannot read the lexicon file")
        }
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        self.init()
        try add(contentsOf: String(decoding: data, as: UTF8.self), file: path, defaultLabel: defaultLabel ?? stem)
    }

    /// Adds the phrases of a lexicon text in the file format above.
    /// - Throws: ``LexiconError`` naming `file` and the line of the problem.
    public mutating func add(contentsOf text: String, file: String, defaultLabel: String) throws(LexiconError) {
        var label = defaultLabel
        var caseSensitive = true
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            if trimmed.hasPrefix("@") {
                let parts = trimmed.split(separator: " ", maxSplits: 1).map(String.init)
                let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : ""
                switch parts[0] {
                case "@label":
                    guard !value.isEmpty, !value.contains(where: \.isWhitespace) else {
                        throw LexiconError(file: file, line: lineNumber, message: "@label needs one word, e.g. '@label ORG'")
                    }
                    label = value
                case "@case":
                    switch value {
                    case "sensitive": caseSensitive = true
                    case "insensitive": caseSensitive = false
                    default:
                        throw LexiconError(file: file, line: lineNumber,
                                           message: "@case takes 'sensitive' or 'insensitive', not '\(value)'")
                    }
                default:
                    throw LexiconError(file: file, line: lineNumber,
                                       message: "unknown directive '\(parts[0])' (known: @label, @case)")
                }
                continue
            }
            var phrase = String(line)
            var entryLabel = label
            if let tab = line.firstIndex(of: "\t") {
                phrase = String(line[..<tab])
                entryLabel = line[line.index(after: tab)...].trimmingCharacters(in: .whitespaces)
                guard !entryLabel.isEmpty else {
                    throw LexiconError(file: file, line: lineNumber, message: "empty label after the tab")
                }
            }
            phrase = phrase.trimmingCharacters(in: .whitespaces)
            guard add(phrase: phrase, label: entryLabel, caseSensitive: caseSensitive) else {
                throw LexiconError(file: file, line: lineNumber, message: "the phrase '\(phrase)' has no tokens")
            }
        }
    }

    /// Adds one phrase. Returns `false` when the phrase has no tokens.
    @discardableResult
    public mutating func add(phrase: String, label: String, caseSensitive: Bool = true) -> Bool {
        let bytes = Array(phrase.utf8)
        var tokens: [Token] = []
        bytes.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
        guard !tokens.isEmpty else { return false }
        let tokenBytes = tokens.map { token -> [UInt8] in
            let slice = Array(bytes[Int(token.start)..<Int(token.end)])
            return caseSensitive ? slice : Lexicon.fold(slice)
        }
        var node: Int32 = 0
        for token in tokenBytes {
            // Edges are keyed by the folded token, so one walk serves both case modes.
            let key = EdgeKey(node: node, token: Lexicon.hash(caseSensitive ? Lexicon.fold(token) : token))
            if let child = edges[key] {
                node = child
            } else {
                if node == 0 { Lexicon.setBit(&firstTokens, key.token) }
                edges[key] = nodeCount
                node = nodeCount
                nodeCount += 1
            }
        }
        let entry = Entry(phrase: phrase, label: label, caseSensitive: caseSensitive, tokens: tokenBytes)
        if terminals[node]?.contains(where: { entries[Int($0)] == entry }) == true { return true }
        terminals[node, default: []].append(Int32(entries.count))
        entries.append(entry)
        return true
    }

    /// The number of phrases.
    public var count: Int { entries.count }

    /// Finds the leftmost-longest, non-overlapping matches in `analysis`.
    ///
    /// At each token the longest matching phrase wins; the scan resumes after it. When several
    /// entries match the same tokens, the first in file order wins.
    public func matches(in analysis: Analysis) -> [Match] {
        guard !entries.isEmpty else { return [] }
        let tokens = analysis.tokens
        var matches: [Match] = []
        analysis.bytes.withUnsafeBufferPointer { text in
            // Each token's folded hash, computed once: the walks from successive starts revisit tokens.
            let hashes = tokens.map { Lexicon.foldedHash(UnsafeBufferPointer(rebasing: text[Int($0.start)..<Int($0.end)])) }
            var start = 0
            while start < tokens.count {
                guard firstTokens.withUnsafeBufferPointer({ Lexicon.testBit($0, hashes[start]) }) else {
                    start += 1
                    continue
                }
                var node: Int32 = 0
                var best: (end: Int, entry: Int32)? = nil
                var position = start
                while position < tokens.count {
                    guard let child = edges[EdgeKey(node: node, token: hashes[position])] else { break }
                    node = child
                    position += 1
                    if let candidates = terminals[node],
                       let entry = candidates.first(where: { verify(entries[Int($0)], tokens[start..<position], text) })
                    {
                        best = (position, entry)
                    }
                }
                if let best {
                    let span = Span(Int(tokens[start].start), Int(tokens[best.end - 1].end))
                    matches.append(Match(tokens: start..<best.end, span: span, entry: Int(best.entry)))
                    start = best.end
                } else {
                    start += 1
                }
            }
        }
        return matches
    }

    /// Whether the document tokens really spell the entry (hashes may collide; case may differ).
    private func verify(_ entry: Entry, _ tokens: ArraySlice<Token>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard entry.tokens.count == tokens.count else { return false }
        var index = tokens.startIndex
        for expected in entry.tokens {
            let token = tokens[index]
            index += 1
            let slice = UnsafeBufferPointer(rebasing: text[Int(token.start)..<Int(token.end)])
            if entry.caseSensitive {
                guard slice.elementsEqual(expected) else { return false }
            } else {
                var matched = 0, equal = true
                Lexicon.fold(slice) { byte in
                    if equal, matched < expected.count, expected[matched] == byte { matched += 1 } else { equal = false }
                }
                guard equal, matched == expected.count else { return false }
            }
        }
        return true
    }

    // MARK: Folding and hashing

    /// Lower-cases ASCII and Latin-1 capitals (À–Þ) and maps ’ (U+2019) to '.
    static func fold(_ bytes: [UInt8]) -> [UInt8] {
        var folded: [UInt8] = []
        bytes.withUnsafeBufferPointer { fold($0, into: &folded) }
        return folded
    }

    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into folded: inout [UInt8]) {
        folded.removeAll(keepingCapacity: true)
        fold(bytes) { folded.append($0) }
    }

    /// Feeds the folded form of `bytes` (see ``fold(_:)``) to `emit`, one byte at a time.
    @inline(__always)
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, emit: (UInt8) -> Void) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x41, byte <= 0x5A {
                emit(byte | 0x20)
            } else if byte == 0xC3, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9E,
                      bytes[index + 1] != 0x97
            {
                emit(0xC3)
                emit(bytes[index + 1] + 0x20)
                index += 1
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                emit(UInt8(ascii: "'"))
                index += 2
            } else {
                emit(byte)
            }
            index += 1
        }
    }

    @inline(__always)
    private static func setBit(_ bits: inout [UInt64], _ hash: UInt64) {
        let bucket = Int(truncatingIfNeeded: hash >> UInt64(64 - firstTokenBits))
        bits[bucket >> 6] |= 1 << UInt64(bucket & 63)
    }

    @inline(__always)
    private static func testBit(_ bits: UnsafeBufferPointer<UInt64>, _ hash: UInt64) -> Bool {
        let bucket = Int(truncatingIfNeeded: hash >> UInt64(64 - firstTokenBits))
        return bits[bucket >> 6] & (1 << UInt64(bucket & 63)) != 0
    }

    /// `hash(fold(bytes))`, without building the folded bytes.
    static func foldedHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        fold(bytes) { hash = (hash ^ UInt64($0)) &* 0x100_0000_01b3 }
        return hash
    }

    /// 64-bit FNV-1a.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
