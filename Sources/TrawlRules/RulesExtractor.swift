// Trawl — RulesExtractor.swift
// The `rules` extractor: runs compiled rules files and merges their mentions with those already
// found (the model's), under each file's overlap policy.

import Foundation
import Trawl
import TrawlExtractors

/// Applies one or more rules files (``RuleSet``) to each document.
///
/// Per file, in three stages, each seeing the mentions the previous ones left:
/// 1. phrase lists: their labelled matches become mentions;
/// 2. entity patterns: their matches (the longest first where two overlap) become mentions;
/// 3. relation patterns: their matches become relations, one argument per named group that
///    took part, an entity id when the group is exactly a mention, a span otherwise.
///
/// The mentions of stages 1 and 2 are merged with the mentions already present (from the
/// `entities` model, a lexicon, an earlier file or stage) under the file's ``OverlapPolicy``
/// (a mention already there with the same span and label is simply kept);
/// a mention that loses is removed with its place in its entity, and entities left with no
/// mention are dropped (the others are renumbered `e1`…). New mentions join an entity with the
/// same label and a mention of the same text, or form a new one. Every annotation names its
/// rule: `rules:FILE#RULE-ID`.
///
/// Registered as `rules`; the CLI passes files with `--rules FILE` (repeatable). It requires
/// the mentions and entities layers, so it runs after the model and before `quotes` and
/// `roles`, which see its entities.
public struct RulesExtractor: Extractor {
    /// `rules`.
    public var name: String { "rules" }
    /// Mentions and entities: those of the model, to merge with.
    public var requires: Set<Layer> { [.mentions, .entities] }
    /// Mentions, entities and relations.
    public var produces: Set<Layer> { [.mentions, .entities, .relations] }
    /// The rules files, applied in order.
    public let ruleSets: [RuleSet]

    /// Creates the extractor from compiled rules.
    public init(ruleSets: [RuleSet]) { self.ruleSets = ruleSets }

    /// Loads and compiles rules files.
    /// - Throws: ``RuleError`` for an unreadable or malformed file, with its line and column.
    public init(files: [String]) throws(RuleError) {
        var sets: [RuleSet] = []
        for file in files { sets.append(try RuleSet(contentsOf: file)) }
        self.init(ruleSets: sets)
    }

    /// The registry entry: not run by default, since it needs `--rules FILE`.
    public static let descriptor = ExtractorDescriptor(
        name: "rules",
        summary: "phrase lists and token patterns from rules files (--rules FILE): mentions, relations",
        requires: [.mentions, .entities],
        produces: [.mentions, .entities, .relations],
        isDefault: false,
        make: { options in
            let files = options["rules"]
            guard !files.isEmpty else { throw RegistryError("the 'rules' extractor needs at least one --rules FILE") }
            return try RulesExtractor(files: files)
        })

    /// Runs every rules file on the document.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) {
        analysis.bytes.withUnsafeBufferPointer { bytes in
            for ruleSet in ruleSets {
                var run = RuleRun(ruleSet: ruleSet, analysis: analysis, bytes: bytes)
                run.apply(to: &annotations)
            }
        }
    }
}

extension ExtractorRegistry {
    /// The built-in extractors (``ExtractorRegistry/builtIn``) and `rules`.
    public static var builtInWithRules: ExtractorRegistry {
        var registry = ExtractorRegistry.builtIn
        registry.register(RulesExtractor.descriptor)
        return registry
    }
}

/// One rules file applied to one document.
private struct RuleRun {
    let ruleSet: RuleSet
    let analysis: Analysis
    var view: TokenView
    var vm = PikeVM()

    init(ruleSet: RuleSet, analysis: Analysis, bytes: UnsafeBufferPointer<UInt8>) {
        self.ruleSet = ruleSet
        self.analysis = analysis
        view = TokenView(bytes: bytes, tokens: analysis.tokens)
    }

    func provenance(_ id: String) -> String { "rules:\(ruleSet.name)#\(id)" }

    mutating func apply(to annotations: inout Annotations) {
        var candidates: [Mention] = []
        for match in ruleSet.lexicon.matches(in: analysis) {
            let list = ruleSet.entryLists[match.entry]
            for token in match.tokens { view.lists[token] = list }
            let phraseList = ruleSet.phraseLists[Int(list)]
            if let label = phraseList.label {
                candidates.append(Mention(span: match.span, label: label, extractor: provenance(phraseList.id)))
            }
        }
        merge(candidates, into: &annotations)

        let entityPatterns = ruleSet.patterns.filter { if case .entity = $0.output { true } else { false } }
        if !entityPatterns.isEmpty {
            markLabels(annotations.mentions)
            var found: [(mention: Mention, rule: Int)] = []
            for (rule, pattern) in entityPatterns.enumerated() {
                guard case .entity(let label, let group) = pattern.output else { continue }
                let groupIndex = group.flatMap { pattern.groups.firstIndex(of: $0) }
                for match in matches(of: pattern) {
                    let tokens = groupIndex.map { match.groups[$0] } ?? match.tokens
                    guard let tokens else { continue }
                    found.append((Mention(span: span(tokens), label: label, extractor: provenance(pattern.id)), rule))
                }
            }
            // Among the patterns' own matches: leftmost, then longest, then first rule.
            found.sort { a, b in
                a.mention.span.start != b.mention.span.start ? a.mention.span.start < b.mention.span.start
                    : a.mention.span.length != b.mention.span.length ? a.mention.span.length > b.mention.span.length
                    : a.rule < b.rule
            }
            var kept: [Mention] = []
            for item in found where kept.last.map({ !$0.span.overlaps(item.mention.span) }) ?? true {
                kept.append(item.mention)
            }
            merge(kept, into: &annotations)
        }

        let relationPatterns = ruleSet.patterns.filter { if case .relation = $0.output { true } else { false } }
        guard !relationPatterns.isEmpty else { return }
        markLabels(annotations.mentions)
        var entityOfMention = Array(repeating: -1, count: annotations.mentions.count)
        for (index, entity) in annotations.entities.enumerated() {
            for mention in entity.mentions where mention < entityOfMention.count { entityOfMention[mention] = index }
        }
        var mentionAt: [Span: Int] = [:]
        for (index, mention) in annotations.mentions.enumerated() where mentionAt[mention.span] == nil {
            mentionAt[mention.span] = index
        }
        for pattern in relationPatterns {
            guard case .relation(let type) = pattern.output else { continue }
            for match in matches(of: pattern) {
                var arguments: [Relation.Argument] = []
                for (name, tokens) in zip(pattern.groups, match.groups) {
                    guard let tokens else { continue }
                    let groupSpan = span(tokens)
                    if let mention = mentionAt[groupSpan], entityOfMention[mention] >= 0 {
                        arguments.append(.init(name, .entity(annotations.entities[entityOfMention[mention]].id)))
                    } else {
                        arguments.append(.init(name, .span(groupSpan)))
                    }
                }
                annotations.relations.append(Relation(type: type, arguments: arguments, extractor: provenance(pattern.id)))
            }
        }
    }

    /// The span from the first to the last token of `tokens`.
    func span(_ tokens: Range<Int>) -> Span {
        Span(Int(analysis.tokens[tokens.lowerBound].start), Int(analysis.tokens[tokens.upperBound - 1].end))
    }

    /// The tokens a span covers.
    func tokenRange(_ span: Span) -> Range<Int> {
        let first = analysis.firstToken(endingAfter: span.start)
        var end = first
        while end < analysis.tokens.count, Int(analysis.tokens[end].start) < span.end { end += 1 }
        return first..<end
    }

    /// Records, per token, the label of the mention covering it, for `label` tests.
    mutating func markLabels(_ mentions: [Mention]) {
        guard !ruleSet.testedLabels.isEmpty else { return }
        for index in view.labels.indices { view.labels[index] = -1 }
        for mention in mentions {
            guard let label = ruleSet.testedLabels.firstIndex(of: mention.label) else { continue }
            for token in tokenRange(mention.span) { view.labels[token] = Int16(label) }
        }
    }

    /// The non-overlapping matches of a pattern, sentence by sentence, left to right.
    mutating func matches(of pattern: TokenPattern) -> [CompiledPattern.Match] {
        var found: [CompiledPattern.Match] = []
        for sentence in analysis.sentences {
            var start = sentence.tokens.lowerBound
            while start < sentence.tokens.upperBound {
                if let match = pattern.compiled.match(at: start, end: sentence.tokens.upperBound, view: &view, vm: &vm) {
                    found.append(match)
                    start = match.tokens.upperBound
                } else {
                    start += 1
                }
            }
        }
        return found
    }

    /// Merges the rule's mentions (not overlapping each other) with those present, under the
    /// file's policy.
    func merge(_ candidates: [Mention], into annotations: inout Annotations) {
        guard !candidates.isEmpty else { return }
        let existing = annotations.mentions.indices.sorted { annotations.mentions[$0].span < annotations.mentions[$1].span }
        let longest = annotations.mentions.map(\.span.length).max() ?? 0
        var removed = Set<Int>()
        var accepted: [Mention] = []
        for candidate in candidates {
            // Mentions present whose start lies within `longest` bytes before the candidate's end.
            var low = 0, high = existing.count
            while low < high {
                let mid = (low + high) / 2
                if annotations.mentions[existing[mid]].span.start < candidate.span.start - longest { low = mid + 1 } else { high = mid }
            }
            var overlapping: [Int] = []
            var index = low
            while index < existing.count, annotations.mentions[existing[index]].span.start < candidate.span.end {
                let other = existing[index]
                if !removed.contains(other), annotations.mentions[other].span.overlaps(candidate.span) { overlapping.append(other) }
                index += 1
            }
            // The same span with the same label is already there: keep it as it is, with its
            // entity (and the entity's other mentions), whatever the policy.
            if overlapping.contains(where: { annotations.mentions[$0].span == candidate.span
                && annotations.mentions[$0].label == candidate.label }) { continue }
            switch ruleSet.overlap {
            case .keepBoth:
                break
            case .rulesWin:
                removed.formUnion(overlapping)
            case .modelWins:
                if !overlapping.isEmpty { continue }
            case .keepLongest:
                let wins = overlapping.allSatisfy { other in
                    let length = annotations.mentions[other].span.length
                    return candidate.span.length > length || (candidate.span.length == length && ruleSet.prefer == .rules)
                }
                guard wins else { continue }
                removed.formUnion(overlapping)
            }
            accepted.append(candidate)
        }
        if !removed.isEmpty { RuleRun.remove(removed, from: &annotations, analysis: analysis) }
        let firstNew = annotations.mentions.count
        annotations.mentions.append(contentsOf: accepted)
        RuleRun.assignEntities(from: firstNew, in: &annotations, analysis: analysis)
    }

    /// Removes mentions, keeping entities and relations consistent: entities lose them (and their
    /// name, when it was a removed mention's text), entities left empty are dropped, and when any
    /// is dropped the rest are renumbered `e1`… and relations follow (those naming a dropped
    /// entity are dropped too).
    static func remove(_ removed: Set<Int>, from annotations: inout Annotations, analysis: Analysis) {
        var newIndex = Array(repeating: -1, count: annotations.mentions.count)
        var mentions: [Mention] = []
        for (index, mention) in annotations.mentions.enumerated() where !removed.contains(index) {
            newIndex[index] = mentions.count
            mentions.append(mention)
        }
        annotations.mentions = mentions
        var entities: [Entity] = []
        var renamed: [String: String?] = [:]
        for var entity in annotations.entities {
            let kept = entity.mentions.compactMap { $0 < newIndex.count && newIndex[$0] >= 0 ? newIndex[$0] : nil }
            guard !kept.isEmpty else { renamed[entity.id] = .some(nil); continue }
            if kept.count != entity.mentions.count {
                let texts = kept.map { analysis.string(mentions[$0].span) }
                if !texts.contains(entity.name) { entity.name = texts.max { $0.utf8.count < $1.utf8.count } ?? entity.name }
            }
            entity.mentions = kept
            entities.append(entity)
        }
        if renamed.isEmpty {
            annotations.entities = entities
            return
        }
        for index in entities.indices {
            let id = "e\(index + 1)"
            if entities[index].id != id { renamed[entities[index].id] = id }
            entities[index].id = id
        }
        annotations.entities = entities
        annotations.relations = annotations.relations.compactMap { relation in
            var relation = relation
            for index in relation.arguments.indices {
                guard case .entity(let id) = relation.arguments[index].value, let target = renamed[id] else { continue }
                guard let target else { return nil }
                relation.arguments[index].value = .entity(target)
            }
            return relation
        }
    }

    /// Puts the mentions from `first` on into entities: the entity holding a mention of the same
    /// label and text, or (``Engine/clusterUnassignedMentions(_:analysis:)``) a new one per
    /// distinct label and text.
    static func assignEntities(from first: Int, in annotations: inout Annotations, analysis: Analysis) {
        guard first < annotations.mentions.count else { return }
        var byKey: [String: Int] = [:]
        for (index, entity) in annotations.entities.enumerated() {
            for mention in entity.mentions where mention < first {
                let key = entity.label + "\u{0}" + analysis.string(annotations.mentions[mention].span)
                if byKey[key] == nil { byKey[key] = index }
            }
        }
        for index in first..<annotations.mentions.count {
            let mention = annotations.mentions[index]
            if let entity = byKey[mention.label + "\u{0}" + analysis.string(mention.span)] {
                annotations.entities[entity].mentions.append(index)
            }
        }
        Engine.clusterUnassignedMentions(&annotations, analysis: analysis)
    }
}
