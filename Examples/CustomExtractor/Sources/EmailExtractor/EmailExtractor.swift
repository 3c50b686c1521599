// CustomExtractor — EmailExtractor.swift
// The `emails` extractor: e-mail addresses as entities, and the person each one belongs to.

import Trawl
import TrawlExtractors

/// Finds e-mail addresses and links each to the person it belongs to.
///
/// Every address becomes a mention labelled `EMAIL` (the engine then groups equal addresses into
/// one entity). When an address belongs to a person the `entities` extractor found, an `email`
/// relation links them, with three arguments: `person` (the entity id), `address` (the span of
/// the address) and `evidence`:
///
/// - `name`: the address's local part spells the person's name, a given name or its initial
///   with the last name, or the last name alone ("daniel.okafor", "p.raman", "tbecker" for
///   Thomas Becker, "maria.berg" for Anna Maria Berg, "holloway"), wherever the person is named
///   in the document;
/// - `nearby`: otherwise, a person named in the same sentence just before the address
///   ("contact Jane Doe at jane@…", "Jane Doe (jd@…)", "Jane Doe <jd@…>"), at most ``window``
///   tokens before it with no other address or person in between, or just after it in
///   parentheses ("jd@… (Jane Doe)").
///
/// An address repeated for the same person yields one relation, at its first occurrence.
/// A shared mailbox ("press@…", "info@…", "no-reply@…": the local parts listed in
/// `Lexicons/shared-mailboxes.lexicon`, compiled at build time by Trawl's `LexiconCompiler`
/// plugin) gets no `nearby` relation: the person named next to it is a contact, not its owner.
public struct EmailExtractor: Extractor {
    /// The registry entry: `emails`, on by default, for any language.
    public static let descriptor = ExtractorDescriptor(
        name: "emails",
        summary: "e-mail addresses (EMAIL) and the person each belongs to ('email' relations)",
        requires: [.entities],
        produces: [.mentions, .relations],
        make: { _ in EmailExtractor() })

    /// How many tokens may separate a person's name from the address that follows it.
    public static let window = 8

    /// The local parts of shared mailboxes, lower-cased, from the compiled lexicon.
    static let sharedMailboxes = Set(Lexicons.sharedMailboxes.entries.map { $0.phrase.lowercased() })

    /// Whether `address` (lower-cased) is a shared mailbox: its local part, before any `+tag`,
    /// is in ``sharedMailboxes``.
    public static func isShared(_ address: String) -> Bool {
        localPart(of: address).map(sharedMailboxes.contains) ?? false
    }

    /// The part of `address` before the `@`, without any `+tag`; nil without an `@`.
    static func localPart(of address: String) -> String? {
        guard let at = address.firstIndex(of: "@") else { return nil }
        return address[..<at].split(separator: "+").first.map(String.init) ?? ""
    }

    /// Creates the extractor.
    public init() {}

    /// `emails`.
    public var name: String { "emails" }
    /// Entities, for the persons addresses belong to.
    public var requires: Set<Layer> { [.entities] }
    /// `EMAIL` mentions and `email` relations.
    public var produces: Set<Layer> { [.mentions, .relations] }

    /// Adds the document's addresses and their `email` relations.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        let addresses = EmailScanner.addresses(in: analysis.bytes)
        guard !addresses.isEmpty else { return }
        let persons = PersonIndex(annotations: annotations, analysis: analysis)
        var linked = Set<[String]>()
        for (number, span) in addresses.enumerated() {
            annotations.mentions.append(Mention(span: span, label: "EMAIL", extractor: name))
            let address = analysis.string(span).lowercased()
            let previous = number > 0 ? addresses[number - 1].end : 0
            let next = number + 1 < addresses.count ? addresses[number + 1].start : analysis.bytes.count
            var owner = persons.named(by: address, before: span.start)
            if owner == nil, !Self.isShared(address) {
                owner = persons.nearby(span, after: previous, before: next).map { ($0, "nearby") }
            }
            guard let (person, evidence) = owner else { continue }
            let id = annotations.entities[person].id
            guard linked.insert([id, address]).inserted else { continue }
            annotations.relations.append(Relation(type: "email", arguments: [
                .init("person", .entity(id)),
                .init("address", .span(span)),
                .init("evidence", .text(evidence)),
            ], extractor: name))
        }
    }
}

/// The persons of a document, by the tokens of their mentions and by the name forms an address
/// may use.
private struct PersonIndex {
    let analysis: Analysis
    /// Per person mention, its span and entity index, in text order.
    var mentions: [(span: Span, entity: Int)] = []
    /// Per person entity index, the local parts that spell its name.
    var localParts: [Int: Set<String>] = [:]

    init(annotations: Annotations, analysis: Analysis) {
        self.analysis = analysis
        for (index, entity) in annotations.entities.enumerated() where entity.label == "PER" {
            for mention in entity.mentions where mention < annotations.mentions.count {
                mentions.append((annotations.mentions[mention].span, index))
            }
            let parts = NameFolding.words(entity.name)
            guard let last = parts.last else { continue }
            var forms: Set<String> = [last]
            // Any earlier word may be the given name the address uses ("Anna Maria Berg" →
            // "maria.berg"), which also gets past a word the name's span wrongly took in.
            for first in parts.dropLast() {
                for separator in ["", ".", "_", "-"] {
                    forms.insert(first + separator + last)
                    forms.insert(String(first.prefix(1)) + separator + last)
                    forms.insert(last + separator + first)
                }
            }
            localParts[index] = forms
        }
        mentions.sort { $0.span < $1.span }
    }

    /// The person whose name the address's local part spells, and the evidence `name`. When
    /// several do, the one named last before `offset` (else first after it).
    func named(by address: String, before offset: Int) -> (Int, String)? {
        guard let local = EmailExtractor.localPart(of: address) else { return nil }
        let matching = Set(localParts.filter { $0.value.contains(local) }.keys)
        guard !matching.isEmpty else { return nil }
        let candidates = mentions.filter { matching.contains($0.entity) }
        let owner = candidates.last { $0.span.end <= offset } ?? candidates.first
        return owner.map { ($0.entity, "name") }
    }

    /// The person named in the same sentence right before `span` (within
    /// ``EmailExtractor/window`` tokens, after byte `after`) or in parentheses right after it
    /// (before byte `before`).
    func nearby(_ span: Span, after: Int, before: Int) -> Int? {
        let first = analysis.firstToken(endingAfter: span.start)
        let last = analysis.firstToken(endingAfter: span.end - 1)
        let sentence = sentenceSpan(ofToken: first)
        let start = max(after, sentence.start), end = min(before, sentence.end)
        if let previous = mentions.last(where: { $0.span.end <= span.start }), previous.span.start >= start {
            let gap = first - analysis.firstToken(endingAfter: previous.span.end - 1) - 1
            if gap <= EmailExtractor.window { return previous.entity }
        }
        if let next = mentions.first(where: { $0.span.start >= span.end }), next.span.end <= end,
           last + 1 < analysis.tokens.count, analysis.string(token: last + 1) == "(",
           analysis.firstToken(endingAfter: next.span.start) == last + 2
        {
            return next.entity
        }
        return nil
    }

    /// The span of the sentence holding token `token`.
    private func sentenceSpan(ofToken token: Int) -> Span {
        var low = 0, high = analysis.sentences.count
        while low < high {
            let mid = (low + high) / 2
            if analysis.sentences[mid].tokens.upperBound <= token { low = mid + 1 } else { high = mid }
        }
        return low < analysis.sentences.count ? analysis.sentences[low].span : Span(0, analysis.bytes.count)
    }
}

/// Folds names to the lowercase ASCII words an address would use ("Hélène Dupré" → "helene",
/// "dupre").
enum NameFolding {
    /// The lowercase ASCII words of `name`: letters kept, Latin accents dropped, anything else
    /// separates words.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var word: [UInt8] = []
        var bytes = name.utf8.makeIterator()
        while let byte = bytes.next() {
            var letter: UInt8?
            if byte < 0x80 {
                letter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) ? byte | 0x20 : nil
            } else if byte == 0xC3, let next = bytes.next() {
                letter = latin1Base(next)
            }
            if let letter {
                word.append(letter)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll()
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// Base letters of U+00C0…U+00DF and, the same, of U+00E0…U+00FF; `/` marks × and ÷.
    private static let latin1Bases: [UInt8] = Array("aaaaaaaceeeeiiiidnooooo/ouuuuyts".utf8)

    /// The base letter of a Latin-1 letter whose UTF-8 encoding is `0xC3 byte` ("é" → "e").
    private static func latin1Base(_ byte: UInt8) -> UInt8? {
        guard (0x80...0xBF).contains(byte) else { return nil }
        if byte == 0xBF { return UInt8(ascii: "y") }  // ÿ, where ß sits among the capitals
        let base = latin1Bases[Int(byte & 0x1F)]
        return base == UInt8(ascii: "/") ? nil : base
    }
}
