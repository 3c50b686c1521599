// Trawl — EntityClustering.swift
// Document-level consistency of labels, and clustering of mentions into entities.

import Trawl

extension EntityDocument {
    /// The hash of the exact text of units `start..<end`.
    func key(_ start: Int, _ end: Int) -> UInt64 {
        var hash = NERHash.basis
        for i in start..<end { hash = NERHash.mix(hash, infos[i].exact) }
        return hash
    }

    /// Makes the document consistent: every occurrence of a string gets the label most of its
    /// spans have (the first one's on a tie), and capitalised occurrences the tagger missed of a
    /// string (or of the surname of a person) found elsewhere in the document become spans too.
    mutating func harmonize() {
        guard !spans.isEmpty else { return }
        // Per distinct string (numbered in order of first span): its key, the votes of each label,
        // and the label of its first span. Open-addressing tables, not hashed dictionaries: every
        // capitalised word is looked up below.
        let labelCount = labels.names.count
        var strings = NERHashTable()
        var keys: [UInt64] = [], votes: [Int] = [], firsts: [Int] = []
        for span in spans {
            let k = key(span.start, span.end)
            var s = Int(strings.value(k)) - 1
            if s < 0 {
                s = keys.count
                strings.insert(k, bits: UInt32(s + 1))
                keys.append(k)
                firsts.append(span.label)
                votes.append(contentsOf: repeatElement(0, count: labelCount))
            }
            votes[s * labelCount + span.label] += 1
        }
        // The label of each known string, plus one (0: unknown).
        var known = NERHashTable()
        for s in keys.indices {
            let counts = votes[(s * labelCount)..<((s + 1) * labelCount)]
            let top = counts.max()!
            let label = counts[s * labelCount + firsts[s]] == top ? firsts[s] : counts.firstIndex(of: top)! - s * labelCount
            known.insert(keys[s], bits: UInt32(label) + 1)
        }
        for index in spans.indices { spans[index].label = Int(known.value(key(spans[index].start, spans[index].end))) - 1 }

        var longest = 1
        for span in spans { longest = max(longest, span.end - span.start) }
        if let person = labels.person {
            for span in spans where span.label == person && span.end - span.start >= 2 {
                let last = span.end - 1
                if infos[last].has(NERTokenInfo.isCapitalized), !has(last, .title), !has(last, .honorific) {
                    let k = key(last, span.end)
                    if known.value(k) == 0 { known.insert(k, bits: UInt32(person) + 1) }
                }
            }
        }
        var covered = [Bool](repeating: false, count: units.count)
        for span in spans { for i in span.start..<span.end { covered[i] = true } }
        var added: [NERSpan] = []
        var i = 0
        while i < units.count {
            guard !covered[i], infos[i].has(NERTokenInfo.isCapitalized), !has(i, .title), !has(i, .nonEntity)
            else { i += 1; continue }
            var best: (end: Int, label: Int)?
            var hash = NERHash.basis
            var j = i
            while j < units.count, j - i < longest, !covered[j] {
                hash = NERHash.mix(hash, infos[j].exact)
                j += 1
                let label = Int(known.value(hash)) - 1
                if label >= 0 { best = (j, label) }
            }
            if let best {
                added.append(NERSpan(start: i, end: best.end, label: best.label))
                i = best.end
            } else {
                i += 1
            }
        }
        if !added.isEmpty {
            spans.append(contentsOf: added)
            spans.sort { $0.start < $1.start }
        }
    }

    /// Adds the spans as mentions (in text order) and clusters them into entities: one per
    /// label and string (ignoring case, accents and punctuation), then each shorter person name ("Hussein", or a lone surname with another
    /// label) joins the full name it ends ("Fuad Hussein") and takes its label. Entities are
    /// numbered in order of first mention; the canonical name is the longest mention.
    func cluster(into annotations: inout Annotations, analysis: Analysis, extractor: String) {
        guard !spans.isEmpty else { return }
        let base = annotations.mentions.count
        var texts: [String] = []
        for span in spans {
            let mentionSpan = Span(units[span.start].start, units[span.end - 1].end)
            texts.append(analysis.string(mentionSpan))
            annotations.mentions.append(Mention(span: mentionSpan, label: labels.names[span.label], extractor: extractor))
        }
        // One cluster per label and string (case and accents aside), in order of first mention.
        struct Cluster { var label: Int; var key: UInt64; var length: Int; var members: [Int]; var mergedInto: Int? }
        var clusters: [Cluster] = []
        var clusterIndex: [UInt64: Int] = [:]
        for (m, span) in spans.enumerated() {
            let k = key(span.start, span.end)
            let base = analysis.bytes.withUnsafeBufferPointer {
                NERTextScanner.baseHash($0, units[span.start].start, units[span.end - 1].end)
            }
            let id = NERHash.mix(UInt64(span.label), base)
            if let c = clusterIndex[id] {
                clusters[c].members.append(m)
            } else {
                clusterIndex[id] = clusters.count
                clusters.append(Cluster(label: span.label, key: k, length: span.end - span.start, members: [m]))
            }
        }
        // Person names by their trailing words: "Al-Kazemi" → "Mustafa Al-Kazemi".
        if let person = labels.person {
            var bySuffix: [UInt64: Int] = [:]
            for (c, cluster) in clusters.enumerated() where cluster.label == person && cluster.length >= 2 {
                let span = spans[cluster.members[0]]
                for k in 1..<cluster.length where bySuffix[key(span.end - k, span.end)] == nil {
                    bySuffix[key(span.end - k, span.end)] = c
                }
            }
            for c in clusters.indices {
                guard var target = bySuffix[clusters[c].key], target != c,
                      clusters[target].length > clusters[c].length else { continue }
                while let next = clusters[target].mergedInto { target = next }
                let span = spans[clusters[c].members[0]]
                let isPlainWord = span.end - span.start == 1 && !has(span.start, .place) && !has(span.start, .organization)
                guard clusters[c].label == person || isPlainWord else { continue }
                clusters[target].members.append(contentsOf: clusters[c].members)
                clusters[c].mergedInto = target
            }
        }
        var entityNumber = annotations.entities.count + 1
        let ordered = clusters.filter { $0.mergedInto == nil }.map { cluster -> Cluster in
            var cluster = cluster
            cluster.members.sort()
            return cluster
        }.sorted { $0.members[0] < $1.members[0] }
        for cluster in ordered {
            var name = texts[cluster.members[0]]
            for m in cluster.members where texts[m].utf8.count > name.utf8.count { name = texts[m] }
            for m in cluster.members { annotations.mentions[base + m].label = labels.names[cluster.label] }
            annotations.entities.append(Entity(id: "e\(entityNumber)", label: labels.names[cluster.label], name: name,
                                               mentions: cluster.members.map { base + $0 }, extractor: extractor))
            entityNumber += 1
        }
    }
}
