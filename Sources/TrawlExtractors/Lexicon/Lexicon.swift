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
    /// The first entry (in file order) ending at each node, or -1; most nodes have none.
    private var firstTerminal: [Int32] = [-1]
    /// The next entry ending at the same node as each entry, or -1.
    private var nextTerminal: [Int32] = []
    /// Whether reaching each entry's node proves a match: the entry ignores case and all its
    /// tokens have exact keys (``key(_:)``), so no verification is needed.
    private var keyed: [Bool] = []
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
        var exact = !caseSensitive
        for token in tokenBytes {
            // Edges are keyed by the folded token, so one walk serves both case modes.
            let folded = caseSensitive ? Lexicon.fold(token) : token
            exact = exact && folded.count <= Lexicon.maxExactKeyLength
            let key = Lexicon.key(folded)
            if let child = edges.child(of: node, token: key) {
                node = child
            } else {
                edges.insert(node: node, token: key, child: nodeCount)
                firstTerminal.append(-1)
                node = nodeCount
                nodeCount += 1
            }
        }
        let entry = Entry(phrase: phrase, label: label, caseSensitive: caseSensitive, tokens: tokenBytes)
        // Entries ending at the node stay in file order: the new one goes last.
        var last: Int32 = -1
        var next = firstTerminal[Int(node)]
        while next >= 0 {
            if entries[Int(next)] == entry { return true }
            last = next
            next = nextTerminal[Int(next)]
        }
        let index = Int32(entries.count)
        if last >= 0 { nextTerminal[Int(last)] = index } else { firstTerminal[Int(node)] = index }
        nextTerminal.append(-1)
        keyed.append(exact)
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
        var matches: [Match] = []
        analysis.bytes.withUnsafeBufferPointer { text in
            analysis.tokens.withUnsafeBufferPointer { tokens in
                // Function words make many matches: the array should not need to grow.
                matches.reserveCapacity(tokens.count / 2)
                // Each token's key, computed once: the walks from successive starts revisit tokens.
                let keys = [UInt64](unsafeUninitializedCapacity: tokens.count) { keys, initialized in
                    for index in tokens.indices {
                        keys[index] = Lexicon.tokenKey(text, Int(tokens[index].start), Int(tokens[index].end))
                    }
                    initialized = tokens.count
                }
                var start = 0
                while start < tokens.count {
                    var node: Int32 = 0
                    var best: (end: Int, entry: Int32)? = nil
                    var position = start
                    while position < tokens.count {
                        guard let child = edges.child(of: node, token: keys[position]) else { break }
                        node = child
                        position += 1
                        var candidate = firstTerminal[Int(node)]
                        while candidate >= 0 {
                            if keyed[Int(candidate)]
                                || verify(entries[Int(candidate)], tokens[start..<position], text)
                            {
                                best = (position, candidate)
                                break
                            }
                            candidate = nextTerminal[Int(candidate)]
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
        }
        return matches
    }

    /// Whether the document tokens really spell the entry (long tokens' keys may collide; case
    /// may differ). Compares folded bytes as they are produced, without a buffer.
    private func verify(_ entry: Entry, _ tokens: Slice<UnsafeBufferPointer<Token>>,
                        _ text: UnsafeBufferPointer<UInt8>) -> Bool
    {
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

    /// The longest folded token whose key spells it exactly.
    static let maxExactKeyLength = 7

    /// The hash of a long token before its first chunk.
    private static let hashSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// Set in the keys of tokens longer than ``maxExactKeyLength``: their top byte is then at
    /// least 0xF8, where an exact key's top byte is its length (1–7), so the two kinds never meet.
    private static let hashedKeyTag: UInt64 = 0xF8 << 56

    /// The key of a folded token, which labels the trie's edges: up to ``maxExactKeyLength``
    /// bytes, the bytes themselves (first byte lowest) with the length in the top byte, so equal
    /// keys mean equal tokens; longer, a hash of its 8-byte chunks and length with
    /// ``hashedKeyTag`` set, which may collide and is verified.
    static func key(_ folded: [UInt8]) -> UInt64 {
        /// Up to 8 bytes as a little-endian word.
        func chunk(_ bytes: ArraySlice<UInt8>) -> UInt64 { bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        if folded.count <= maxExactKeyLength { return chunk(folded[...]) | UInt64(folded.count) << 56 }
        var hash = hashSeed
        var index = 0
        while index + 8 <= folded.count {
            hash = mix(hash, chunk(folded[index..<index + 8]))
            index += 8
        }
        return finish(hash, chunk(folded[index...]), length: folded.count)
    }

    /// `hash` with one more 8-byte chunk of a long token.
    @inline(__always)
    private static func mix(_ hash: UInt64, _ chunk: UInt64) -> UInt64 {
        let mixed = (hash ^ chunk) &* 0x9E37_79B9_7F4A_7C15
        return mixed ^ mixed &>> 32
    }

    /// The key of a long token: its hash with the last, partial chunk (zero when none) and the length.
    @inline(__always)
    private static func finish(_ hash: UInt64, _ last: UInt64, length: Int) -> UInt64 {
        mix(mix(hash, last), UInt64(truncatingIfNeeded: length)) | hashedKeyTag
    }

    /// The key of the token `start..<end` of `text`, ``foldedKey(_:)``: an ASCII token (most
    /// tokens) is read 8 bytes at a time, its capitals lower-cased all at once.
    @inline(__always)
    static func tokenKey(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        if end &+ 8 <= text.count, let base = text.baseAddress {
            var hash = hashSeed
            var seen: UInt64 = 0
            var offset = start
            while offset &+ 8 <= end {
                let chunk = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self).littleEndian
                seen |= chunk
                hash = mix(hash, ASCIIWord.lowercased(chunk))
                offset &+= 8
            }
            let rest = UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self).littleEndian
                & (1 &<< UInt64(truncatingIfNeeded: (end &- offset) &* 8) &- 1)
            if (seen | rest) & 0x8080_8080_8080_8080 == 0 {
                let length = end &- start
                if length <= maxExactKeyLength { return ASCIIWord.lowercased(rest) | UInt64(truncatingIfNeeded: length) &<< 56 }
                return finish(hash, ASCIIWord.lowercased(rest), length: length)
            }
        }
        return foldedKey(UnsafeBufferPointer(rebasing: text[start..<end]))
    }

    /// `key(fold(bytes))`, without building the folded bytes: packs them into 8-byte chunks as
    /// they are produced.
    static func foldedKey(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = hashSeed
        var chunk: UInt64 = 0
        var length = 0
        LexiconFormat.fold(bytes) { byte in
            chunk |= UInt64(byte) &<< UInt64(truncatingIfNeeded: (length & 7) &* 8)
            length &+= 1
            if length & 7 == 0 {
                hash = mix(hash, chunk)
                chunk = 0
            }
        }
        if length <= maxExactKeyLength { return chunk | UInt64(truncatingIfNeeded: length) &<< 56 }
        return finish(hash, chunk, length: length)
    }
}

/// The trie's edges, keyed by (node, token key), in an open-addressing table with linear
/// probing. A lookup mixes the key with one multiply and probes once or twice, where a
/// `Dictionary` would hash it with SipHash. A bit set of the root's tokens (128 KB,
/// cache-resident) answers most lookups, which start at the root and miss, without touching the
/// table.
struct EdgeTable: Sendable {
    /// Bit ``rootBit(_:)`` is set when the root has an edge with that token key.
    private var rootFilter: [UInt64] = []
    /// Parent node per slot; -1 marks an empty slot.
    private var nodes: [Int32] = Array(repeating: -1, count: 16)
    private var tokens: [UInt64] = Array(repeating: 0, count: 16)
    private var children: [Int32] = Array(repeating: 0, count: 16)
    private var count = 0

    /// The first slot to probe. Keys of short tokens are their bytes, so the product's middle
    /// bits, which depend on the first five bytes and more, index the table.
    private static func slot(_ node: Int32, _ token: UInt64, mask: Int) -> Int {
        let mixed = (token ^ UInt64(UInt32(bitPattern: node)) &* 0xFF51_AFD7_ED55_8CCD) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed >> 32) & mask
    }

    /// The bit of `token` in ``rootFilter``: the top 20 bits of its multiplicative hash.
    private static func rootBit(_ token: UInt64) -> Int {
        Int(truncatingIfNeeded: (token &* 0x9E37_79B9_7F4A_7C15) >> 44)
    }

    /// The child of `node` along `token`, if any.
    @inline(__always)
    func child(of node: Int32, token: UInt64) -> Int32? {
        if node == 0 {
            let bit = EdgeTable.rootBit(token)
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
            let bit = EdgeTable.rootBit(token)
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
