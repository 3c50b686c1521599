// Trawl — Lexicon.swift
// Phrase lists compiled once into a token trie, matched longest-first on token boundaries.

import Foundation
import Trawl
import TrawlLexiconFormat

/// An error in a lexicon file, with its location.
public struct LexiconError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file (or a description of the source).
    public var file: String
    /// The 1-based line, or 0 when the error concerns the whole file.
    public var line: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The error of a parse.
    init(_ diagnostic: LexiconDiagnostic) {
        self.init(file: diagnostic.file, line: diagnostic.line, message: diagnostic.message)
    }

    /// `file:line: message`.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// A compiled phrase list: each phrase has a label and a case mode, and matches whole tokens.
///
/// ## File format
/// One phrase per line, UTF-8 (read by ``LexiconFormat``, which the build-time compiler shares).
/// `#` starts a comment line; blank lines are ignored.
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


    /// The entries, in file order.
    public private(set) var entries: [Entry] = []
    private var edges = EdgeTable()
    /// Entry indices ending at each node, by node; most nodes have none.
    private var terminals: [[Int32]] = [[]]
    private var nodeCount: Int32 = 1

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
        let label = defaultLabel ?? LexiconFormat.defaultLabel(forPath: path)
        let entries: [LexiconEntry]
        do {
            entries = try [UInt8](data).withUnsafeBufferPointer { bytes throws(LexiconDiagnostic) in
                try LexiconFormat.parse(bytes: bytes, file: path, defaultLabel: label)
            }
        } catch {
            throw LexiconError(error)
        }
        self.init(entries)
    }

    /// Builds the matcher of a lexicon compiled into the program by the `LexiconCompiler` plugin
    /// (what the generated `Lexicons.NAME` accessors call).
    public init(compiled: CompiledLexicon) {
        self.init(compiled.entries)
    }

    /// Builds the matcher of parsed entries. The format admits no phrase without tokens.
    init(_ entries: [LexiconEntry]) {
        self.init()
        for entry in entries { add(phrase: entry.phrase, label: entry.label, caseSensitive: entry.caseSensitive) }
    }

    /// Adds the phrases of a lexicon text in the file format above.
    /// - Throws: ``LexiconError`` naming `file` and the line of the problem.
    public mutating func add(contentsOf text: String, file: String, defaultLabel: String) throws(LexiconError) {
        do {
            for entry in try LexiconFormat.parse(text, file: file, defaultLabel: defaultLabel) {
                add(phrase: entry.phrase, label: entry.label, caseSensitive: entry.caseSensitive)
            }
        } catch {
            throw LexiconError(error)
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
            let key = Lexicon.hash(caseSensitive ? Lexicon.fold(token) : token)
            if let child = edges.child(of: node, token: key) {
                node = child
            } else {
                edges.insert(node: node, token: key, child: nodeCount)
                terminals.append([])
                node = nodeCount
                nodeCount += 1
            }
        }
        let entry = Entry(phrase: phrase, label: label, caseSensitive: caseSensitive, tokens: tokenBytes)
        if terminals[Int(node)].contains(where: { entries[Int($0)] == entry }) { return true }
        terminals[Int(node)].append(Int32(entries.count))
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
                var node: Int32 = 0
                var best: (end: Int, entry: Int32)? = nil
                var position = start
                while position < tokens.count {
                    guard let child = edges.child(of: node, token: hashes[position]) else { break }
                    node = child
                    position += 1
                    let candidates = terminals[Int(node)]
                    if !candidates.isEmpty,
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
    /// Compares folded bytes as they are produced, without a buffer.
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
                LexiconFormat.fold(slice) { byte in
                    if equal, matched < expected.count, expected[matched] == byte { matched += 1 } else { equal = false }
                }
                guard equal, matched == expected.count else { return false }
            }
        }
        return true
    }

    // MARK: Folding and hashing

    /// ``LexiconFormat/fold(_:into:)`` of `bytes`.
    static func fold(_ bytes: [UInt8]) -> [UInt8] {
        var folded: [UInt8] = []
        bytes.withUnsafeBufferPointer { LexiconFormat.fold($0, into: &folded) }
        return folded
    }

    /// Writes `bytes` case-folded into `folded` (cleared first): ASCII and Latin-1 capitals
    /// (À–Þ) lower-cased, ’ (U+2019) mapped to '. The folding of case-insensitive entries
    /// (``LexiconFormat/fold(_:into:)``), into a buffer reused across tokens.
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into folded: inout [UInt8]) {
        LexiconFormat.fold(bytes, into: &folded)
    }

    /// `hash(fold(bytes))`, without building the folded bytes.
    static func foldedHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        LexiconFormat.fold(bytes) { hash = (hash ^ UInt64($0)) &* 0x100_0000_01b3 }
        return hash
    }

    /// 64-bit FNV-1a.
    static func hash(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}

/// The trie's edges, keyed by (node, token hash), in an open-addressing table with linear
/// probing. The token hash is already a 64-bit FNV-1a value, so a lookup costs one multiply and
/// a probe or two, where a `Dictionary` would hash the key again with SipHash. A bit set of the
/// root's tokens (128 KB, cache-resident) answers most lookups, which start at the root and miss,
/// without touching the table.
struct EdgeTable: Sendable {
    /// Bit `token % 2^20` is set when the root has an edge with that token hash.
    private var rootFilter: [UInt64] = []
    /// Parent node per slot; -1 marks an empty slot.
    private var nodes: [Int32] = Array(repeating: -1, count: 16)
    private var tokens: [UInt64] = Array(repeating: 0, count: 16)
    private var children: [Int32] = Array(repeating: 0, count: 16)
    private var count = 0

    private static func slot(_ node: Int32, _ token: UInt64, mask: Int) -> Int {
        var mixed = token ^ (UInt64(UInt32(bitPattern: node)) &* 0x9E37_79B9_7F4A_7C15)
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed) & mask
    }

    /// The child of `node` along `token`, if any.
    func child(of node: Int32, token: UInt64) -> Int32? {
        if node == 0 {
            let bit = Int(truncatingIfNeeded: token) & (1 << 20 - 1)
            guard !rootFilter.isEmpty, rootFilter[bit >> 6] & (1 << UInt64(bit & 63)) != 0 else { return nil }
        }
        let mask = nodes.count - 1
        var index = EdgeTable.slot(node, token, mask: mask)
        while true {
            let parent = nodes[index]
            if parent < 0 { return nil }
            if parent == node, tokens[index] == token { return children[index] }
            index = (index + 1) & mask
        }
    }

    /// Adds an edge that is not in the table yet.
    mutating func insert(node: Int32, token: UInt64, child: Int32) {
        if (count + 1) * 2 > nodes.count {
            let old = (nodes, tokens, children)
            nodes = Array(repeating: -1, count: old.0.count * 2)
            tokens = Array(repeating: 0, count: old.0.count * 2)
            children = Array(repeating: 0, count: old.0.count * 2)
            count = 0
            for index in old.0.indices where old.0[index] >= 0 {
                insert(node: old.0[index], token: old.1[index], child: old.2[index])
            }
        }
        if node == 0 {
            if rootFilter.isEmpty { rootFilter = Array(repeating: 0, count: 1 << 14) }
            let bit = Int(truncatingIfNeeded: token) & (1 << 20 - 1)
            rootFilter[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        let mask = nodes.count - 1
        var index = EdgeTable.slot(node, token, mask: mask)
        while nodes[index] >= 0 { index = (index + 1) & mask }
        nodes[index] = node
        tokens[index] = token
        children[index] = child
        count += 1
    }
}
