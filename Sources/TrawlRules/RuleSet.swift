// Trawl — RuleSet.swift
// A rules file, parsed and compiled once: phrase lists into one token trie, token patterns into
// Pike-VM programs.

import Foundation
import Trawl
import TrawlExtractors
import Yams

/// What to do when a rule's mention overlaps a mention already there (from the model, a
/// lexicon, an earlier rules file, or an earlier stage of the same file). Under every policy, a
/// mention already there with the same span and label is kept as it is, with its entity.
public enum OverlapPolicy: String, Sendable, CaseIterable {
    /// The longer span wins (in bytes); on equal lengths, ``RuleSet/prefer`` decides.
    case keepLongest = "keep-longest"
    /// The rule's mention replaces every mention it overlaps.
    case rulesWin = "rules-win"
    /// The rule's mention is dropped when it overlaps any mention.
    case modelWins = "model-wins"
    /// Both are kept.
    case keepBoth = "keep-both"
}

/// Which side wins a `keep-longest` tie.
public enum OverlapPreference: String, Sendable, CaseIterable {
    /// The rule's mention.
    case rules
    /// The mention already there.
    case model
}

/// A named list of phrases, matched on token boundaries.
public struct PhraseList: Sendable, Hashable {
    /// The list's id, unique in its file; `in_lexicon` refers to it.
    public var id: String
    /// The label of its matches, or `nil` for a list that only serves `in_lexicon` tests.
    public var label: String?
    /// Whether matching respects case.
    public var caseSensitive: Bool
    /// The number of phrases read for it.
    public var phraseCount: Int
}

/// A token pattern and what its matches produce.
public struct TokenPattern: Sendable {
    /// What a match produces.
    public enum Output: Sendable, Hashable {
        /// A mention with this label over the whole match, or over the named group.
        case entity(label: String, group: String?)
        /// A relation of this type whose arguments are the pattern's named groups.
        case relation(type: String)
    }

    /// The rule's id, unique in its file.
    public var id: String
    /// What a match produces.
    public var output: Output
    /// The group names, in order of appearance; relation arguments follow this order.
    public var groups: [String]
    /// The compiled program.
    let compiled: CompiledPattern
}

/// A parsed and compiled rules file. Immutable, shared read-only by all worker threads.
///
/// ```yaml
/// overlap: keep-longest      # keep-longest (default) | rules-win | model-wins | keep-both
/// prefer: rules              # keep-longest ties: rules (default) | model
/// phrase_lists:
///   - id: ministries
///     label: ORG
///     case: insensitive      # sensitive (default) | insensitive
///     phrases: [ministère des Affaires étrangères, Pentagone]
///     file: ministries.txt   # and/or one phrase per line, relative to this file
/// patterns:
///   - id: met
///     relation: met          # or: entity: LABEL (span: GROUP)
///     tokens:
///       - {group: visitor, label: PER, op: "+"}
///       - {lower: [a, "s'est"], op: "?"}
///       - lower: [rencontré, reçu]
///       - {group: host, label: PER, op: "+"}
/// ```
/// See `docs/rules.md` for every key.
public struct RuleSet: Sendable {
    /// The file's name (last path component), used in provenance: `rules:NAME#rule-id`.
    public let name: String
    /// The overlap policy of this file's mentions.
    public let overlap: OverlapPolicy
    /// Who wins `keep-longest` ties.
    public let prefer: OverlapPreference
    /// The phrase lists, in file order.
    public let phraseLists: [PhraseList]
    /// The token patterns, in file order.
    public let patterns: [TokenPattern]
    /// All phrases of all lists, in one token trie; entry labels are list indices.
    let lexicon: Lexicon
    /// The phrase list of each lexicon entry.
    let entryLists: [Int32]
    /// The labels that `label` tests refer to, by interned id.
    let testedLabels: [String]

    /// The labels every file may test and produce without declaring them.
    public static let standardLabels = ["PER", "ORG", "LOC", "MISC"]

    /// Loads and compiles a rules file (YAML, or JSON, which is YAML too).
    /// - Throws: ``RuleError`` with the file, line and column of the problem.
    public init(contentsOf path: String) throws(RuleError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuleError(file: path, line: 0, column: 0, message: "cannot read the rules file")
        }
        try self.init(yaml: String(decoding: data, as: UTF8.self), file: path,
                      directory: (path as NSString).deletingLastPathComponent)
    }

    /// Parses and compiles rules given as text.
    /// - Parameters:
    ///   - file: the name errors and provenance use.
    ///   - directory: where `file:` phrase files are looked up (default: the current directory).
    /// - Throws: ``RuleError`` with the file, line and column of the problem.
    public init(yaml: String, file: String, directory: String = "") throws(RuleError) {
        var parser = RuleParser(file: file, directory: directory)
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch { throw RuleError(file: file, yaml: error) }
        guard let root else { throw RuleError(file: file, line: 0, column: 0, message: "the rules file is empty") }
        try parser.parse(root)
        name = (file as NSString).lastPathComponent
        overlap = parser.overlap
        prefer = parser.prefer
        phraseLists = parser.phraseLists
        patterns = parser.patterns
        lexicon = parser.lexicon
        entryLists = parser.lexicon.entries.map { Int32($0.label) ?? -1 }
        testedLabels = parser.testedLabels
    }
}

/// Reads the YAML tree of a rules file into a ``RuleSet``'s parts, checking everything.
private struct RuleParser {
    let file: String
    let directory: String
    var overlap = OverlapPolicy.keepLongest
    var prefer = OverlapPreference.rules
    var phraseLists: [PhraseList] = []
    var patterns: [TokenPattern] = []
    var lexicon = Lexicon()
    var testedLabels: [String] = []
    /// The ids of phrase lists and patterns seen so far.
    var ids = Set<String>()
    /// Labels a `label` test may name: the standard ones and those this file produces.
    var knownLabels = Set(RuleSet.standardLabels)

    init(file: String, directory: String) {
        self.file = file
        self.directory = directory
    }

    func error(_ node: Node?, _ message: String) -> RuleError { RuleError(file: file, at: node, message) }

    // MARK: Node helpers

    /// The keys and values of a mapping, checking that every key is allowed.
    func fields(_ node: Node, _ what: String, allowed: [String]) throws(RuleError) -> [String: Node] {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping") }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, allowed.contains(name) else {
                throw error(key, "unknown key '\(key.scalar?.string ?? "?")' in \(what) (allowed: \(allowed.joined(separator: ", ")))")
            }
            fields[name] = value
        }
        return fields
    }

    func string(_ node: Node, _ what: String) throws(RuleError) -> String {
        guard let value = node.scalar?.string, !value.isEmpty else { throw error(node, "\(what) must be a non-empty string") }
        return value
    }

    /// A name: one word, no spaces.
    func word(_ node: Node, _ what: String) throws(RuleError) -> String {
        let value = try string(node, what)
        guard !value.contains(where: { $0.isWhitespace }) else { throw error(node, "\(what) must be one word, not '\(value)'") }
        return value
    }

    /// A string or a list of strings, each with its node.
    func strings(_ node: Node, _ what: String) throws(RuleError) -> [(String, Node)] {
        if let sequence = node.sequence {
            guard !sequence.isEmpty else { throw error(node, "\(what) must not be an empty list") }
            var values: [(String, Node)] = []
            for item in sequence { values.append((try string(item, what), item)) }
            return values
        }
        return [(try string(node, what), node)]
    }

    func bool(_ node: Node, _ what: String) throws(RuleError) -> Bool {
        switch node.scalar?.string {
        case "true": return true
        case "false": return false
        default: throw error(node, "\(what) must be true or false")
        }
    }

    func choice<T: RawRepresentable & CaseIterable>(_ node: Node, _ what: String, as: T.Type) throws(RuleError) -> T
        where T.RawValue == String
    {
        let value = try string(node, what)
        guard let choice = T(rawValue: value) else {
            throw error(node, "\(what) must be \(T.allCases.map(\.rawValue).joined(separator: ", ")), not '\(value)'")
        }
        return choice
    }

    // MARK: File

    mutating func parse(_ root: Node) throws(RuleError) {
        let top = try fields(root, "the rules file", allowed: ["overlap", "prefer", "phrase_lists", "patterns"])
        if let node = top["overlap"] { overlap = try choice(node, "overlap", as: OverlapPolicy.self) }
        if let node = top["prefer"] { prefer = try choice(node, "prefer", as: OverlapPreference.self) }
        guard top["phrase_lists"] != nil || top["patterns"] != nil else {
            throw error(root, "a rules file needs 'phrase_lists' or 'patterns'")
        }
        if let lists = top["phrase_lists"] {
            guard let sequence = lists.sequence else { throw error(lists, "phrase_lists must be a list") }
            for item in sequence { try parsePhraseList(item) }
        }
        guard let patternList = top["patterns"] else { return }
        guard let sequence = patternList.sequence else { throw error(patternList, "patterns must be a list") }
        // Labels produced by entity patterns may be tested by any pattern: collect them first.
        for item in sequence {
            if let label = item.mapping?["entity"] { knownLabels.insert(try word(label, "entity")) }
        }
        for item in sequence { try parsePattern(item) }
    }

    /// A rule id, checked to be one word and not used before in the file.
    mutating func uniqueID(_ node: Node) throws(RuleError) -> String {
        let id = try word(node, "id")
        guard ids.insert(id).inserted else { throw error(node, "the id '\(id)' is used twice") }
        return id
    }

    // MARK: Phrase lists

    mutating func parsePhraseList(_ node: Node) throws(RuleError) {
        let what = "a phrase list"
        let list = try fields(node, what, allowed: ["id", "label", "case", "phrases", "file"])
        guard let idNode = list["id"] else { throw error(node, "\(what) needs an 'id'") }
        let id = try uniqueID(idNode)
        let label = try list["label"].map { node throws(RuleError) in try word(node, "label") }
        if let label { knownLabels.insert(label) }
        var caseSensitive = true
        if let mode = list["case"] {
            switch try string(mode, "case") {
            case "sensitive": caseSensitive = true
            case "insensitive": caseSensitive = false
            default: throw error(mode, "case must be sensitive or insensitive")
            }
        }
        guard list["phrases"] != nil || list["file"] != nil else {
            throw error(node, "the phrase list '\(id)' needs 'phrases' or 'file'")
        }
        let index = phraseLists.count
        var count = 0
        func add(_ phrase: String) -> Bool {
            let before = lexicon.count
            guard lexicon.add(phrase: phrase, label: String(index), caseSensitive: caseSensitive) else { return false }
            count += lexicon.count - before
            return true
        }
        if let phrases = list["phrases"] {
            for (phrase, item) in try strings(phrases, "phrases") where !add(phrase) {
                throw error(item, "the phrase '\(phrase)' has no tokens")
            }
        }
        if let fileNode = list["file"] {
            let name = try string(fileNode, "file")
            let path = name.hasPrefix("/") || directory.isEmpty ? name : directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw error(fileNode, "cannot read the phrase file '\(path)'")
            }
            var lineNumber = 0
            for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
                lineNumber += 1
                let phrase = line.trimmingCharacters(in: .whitespacesAndNewlines)
                if phrase.isEmpty || phrase.hasPrefix("#") { continue }
                guard add(phrase) else {
                    throw RuleError(file: path, line: lineNumber, column: 1, message: "the phrase '\(phrase)' has no tokens")
                }
            }
        }
        phraseLists.append(PhraseList(id: id, label: label, caseSensitive: caseSensitive, phraseCount: count))
    }

    // MARK: Patterns

    mutating func parsePattern(_ node: Node) throws(RuleError) {
        let what = "a pattern"
        let rule = try fields(node, what, allowed: ["id", "entity", "span", "relation", "tokens"])
        guard let idNode = rule["id"] else { throw error(node, "\(what) needs an 'id'") }
        let id = try uniqueID(idNode)
        guard let tokens = rule["tokens"] else { throw error(node, "the pattern '\(id)' needs 'tokens'") }
        var builder = PatternBuilder()
        let root = try element(sequenceOf: tokens, builder: &builder)
        if root.canBeEmpty { throw error(tokens, "the pattern '\(id)' can match no token at all") }
        let output: TokenPattern.Output
        switch (rule["entity"], rule["relation"]) {
        case (let label?, nil):
            var group: String?
            if let spanNode = rule["span"] {
                let name = try word(spanNode, "span")
                guard builder.groups.contains(name) else {
                    throw error(spanNode, "undefined group '\(name)' (the pattern's groups: \(builder.groups.joined(separator: ", ")))")
                }
                group = name
            }
            output = .entity(label: try word(label, "entity"), group: group)
        case (nil, let type?):
            if let spanNode = rule["span"] { throw error(spanNode, "'span' goes with 'entity', not 'relation'") }
            guard !builder.groups.isEmpty else {
                throw error(type, "the relation pattern '\(id)' needs named groups for its arguments")
            }
            output = .relation(type: try word(type, "relation"))
        case (.some, .some):
            throw error(node, "the pattern '\(id)' has both 'entity' and 'relation'; give one")
        case (nil, nil):
            throw error(node, "the pattern '\(id)' needs 'entity: LABEL' or 'relation: TYPE'")
        }
        let compiled = CompiledPattern(root, tests: builder.tests, groupCount: builder.groups.count)
        patterns.append(TokenPattern(id: id, output: output, groups: builder.groups, compiled: compiled))
    }

    /// The tests and groups of the pattern being read.
    struct PatternBuilder {
        var tests: [[TokenCondition]] = []
        var groups: [String] = []
    }

    static let attributes = ["text", "lower", "shape", "is_title", "is_digit", "is_upper", "is_punct", "in_lexicon", "label"]

    mutating func element(sequenceOf node: Node, builder: inout PatternBuilder) throws(RuleError) -> PatternNode {
        guard let sequence = node.sequence, !sequence.isEmpty else { throw error(node, "tokens must be a non-empty list") }
        var items: [PatternNode] = []
        for item in sequence { items.append(try element(item, builder: &builder)) }
        return items.count == 1 ? items[0] : .sequence(items)
    }

    /// One element of a token list: a token test, a nested `tokens` list, or `either`
    /// alternatives, with an optional `op` and `group`.
    mutating func element(_ node: Node, builder: inout PatternBuilder) throws(RuleError) -> PatternNode {
        let keys = try fields(node, "a token element", allowed: RuleParser.attributes + ["op", "group", "tokens", "either"])
        let attributes = RuleParser.attributes.filter { keys[$0] != nil }
        var result: PatternNode
        var groupNumber: Int?
        if let groupNode = keys["group"] {
            let name = try word(groupNode, "group")
            guard !["type", "extractor"].contains(name) else {
                throw error(groupNode, "'\(name)' is reserved in the output; name the group otherwise")
            }
            guard !builder.groups.contains(name) else { throw error(groupNode, "the group '\(name)' is defined twice") }
            groupNumber = builder.groups.count
            builder.groups.append(name)
        }
        switch (keys["tokens"], keys["either"]) {
        case (let tokens?, nil):
            guard attributes.isEmpty else { throw error(node, "an element with 'tokens' cannot test attributes itself") }
            result = try element(sequenceOf: tokens, builder: &builder)
        case (nil, let either?):
            guard attributes.isEmpty else { throw error(node, "an element with 'either' cannot test attributes itself") }
            guard let options = either.sequence, options.count >= 2 else {
                throw error(either, "either must be a list of at least two token lists")
            }
            var alternatives: [PatternNode] = []
            for option in options { alternatives.append(try element(sequenceOf: option, builder: &builder)) }
            result = .alternatives(alternatives)
        case (nil, nil):
            var conditions: [TokenCondition] = []
            for name in attributes { conditions.append(try condition(name, keys[name]!)) }
            builder.tests.append(conditions)
            result = .token(builder.tests.count - 1)
        case (.some, .some):
            throw error(node, "an element takes 'tokens' or 'either', not both")
        }
        if let op = keys["op"] {
            let text = op.scalar?.string ?? ""
            guard let quantifier = Quantifier(rawValue: text) else {
                throw error(op, "op must be \"?\", \"*\" or \"+\", not '\(text)'")
            }
            result = .repeated(result, quantifier)
        }
        if let groupNumber { result = .group(groupNumber, result) }
        return result
    }

    /// The condition for one attribute.
    mutating func condition(_ name: String, _ node: Node) throws(RuleError) -> TokenCondition {
        switch name {
        case "text", "lower":
            var values = Set<[UInt8]>()
            for (value, item) in try strings(node, name) {
                let bytes = Array(value.utf8)
                var tokens: [Token] = []
                bytes.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
                // The tokenizer's splits depend on case ("M." is one token, "m." two), so only
                // `text` values are checked with it; `lower` values must just have no space.
                let oneToken = name == "text" ? tokens.count == 1 && Int(tokens[0].end) == bytes.count
                    : !value.contains(where: \.isWhitespace)
                guard oneToken, tokens.first?.start == 0 else {
                    throw error(item, "'\(value)' is not one token; write one element per token, or use a phrase list")
                }
                if name == "text" {
                    values.insert(bytes)
                } else {
                    var folded: [UInt8] = []
                    bytes.withUnsafeBufferPointer { Lexicon.fold($0, into: &folded) }
                    values.insert(folded)
                }
            }
            return name == "text" ? .text(values) : .lower(values)
        case "shape":
            return .shape(Set(try strings(node, name).map { Array($0.0.utf8) }))
        case "in_lexicon":
            if node.scalar?.string == "true" || node.scalar?.string == "false" {
                return .inLexicon(nil, try bool(node, name))
            }
            var lists = Set<Int32>()
            for (id, item) in try strings(node, name) {
                guard let index = phraseLists.firstIndex(where: { $0.id == id }) else {
                    let defined = phraseLists.map(\.id).joined(separator: ", ")
                    throw error(item, "no phrase list '\(id)' (defined: \(defined.isEmpty ? "none" : defined))")
                }
                lists.insert(Int32(index))
            }
            return .inLexicon(lists, true)
        case "label":
            var labels = Set<Int16>()
            for (label, item) in try strings(node, name) {
                guard knownLabels.contains(label) else {
                    throw error(item, "unknown label '\(label)' (known: \(knownLabels.sorted().joined(separator: ", ")))")
                }
                if let index = testedLabels.firstIndex(of: label) {
                    labels.insert(Int16(index))
                } else {
                    labels.insert(Int16(testedLabels.count))
                    testedLabels.append(label)
                }
            }
            return .label(labels)
        default:
            let property = TokenProperty(rawValue: name)!
            return .property(property, try bool(node, name))
        }
    }
}
