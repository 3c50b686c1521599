// Trawl — QuoteEvaluation.swift
// Scores the `quotes` extractor against hand-annotated attributions (Trawl gold JSONL or PolNeAR).

import Foundation
import Trawl

/// The gold formats ``QuoteEvaluation`` reads. Both are JSON Lines (optionally gzipped), one
/// document per line, offsets in Unicode code points into `text`, end exclusive.
public enum QuoteGoldFormat: String, Sendable, CaseIterable {
    /// Trawl's format (the French development set in `Tests/TrawlExtractorsTests/Fixtures/quotes`):
    /// ```json
    /// {"id": "...", "lang": "fr", "text": "...",
    ///  "quotes": [{"speaker": {"start": 0, "end": 12} | null, "speaker_name": "Fuad Hussein",
    ///              "cue": {"start": 13, "end": 22}, "quote": {"start": 25, "end": 80},
    ///              "direct": true}]}
    /// ```
    /// `speaker_name` is the canonical name (an entity's full name, or the phrase); `direct` is
    /// `true` for a content that is a quotation in marks (not for reported speech with a quoted
    /// fragment).
    case trawl
    /// PolNeAR v1.0.0 as converted in `../shared/data/quotes` (`speaker`, `cue`, `quote` with
    /// optional `parts`, `has_quote_marks` for direct quotations, `split`).
    case polnear
}

/// One gold attribution, in UTF-8 byte offsets into its document's text.
public struct QuoteGold: Sendable, Hashable {
    /// The speaker's span, or `nil` when the text names none.
    public var speaker: Span?
    /// The speaker's canonical name (Trawl format only).
    public var speakerName: String?
    /// The cue's span, when annotated.
    public var cue: Span?
    /// The content: one span, or the parts of a discontinuous content.
    public var quote: [Span]
    /// Whether the content is quoted: a quotation (Trawl format), or any content with quotation
    /// marks in it (PolNeAR's `has_quote_marks`; see ``QuoteGoldDocument/directMeansMarked``).
    public var direct: Bool
}

/// A gold document: its text and attributions.
public struct QuoteGoldDocument: Sendable {
    /// The record's id.
    public var id: String
    /// The language (`fr`, `en`), used when the analysis cannot tell.
    public var language: Language
    /// The text the offsets index.
    public var text: String
    /// The attributions.
    public var quotes: [QuoteGold]
    /// Whether `direct` marks every content with quotation marks in it, reported speech with a
    /// quoted fragment included (PolNeAR), rather than only a content that is a quotation (Trawl
    /// format). Predictions then count when they are direct or `quoted` (read from their marks).
    public var directMeansMarked = false
}

/// Scores of one subset (direct quotations, or all attributions).
public struct QuoteCounts: Sendable, Hashable {
    /// Gold attributions.
    public var gold = 0
    /// Predicted attributions.
    public var predicted = 0
    /// Predictions matched to a gold attribution (content overlap of at least 50 %).
    public var matched = 0
    /// Matched predictions whose speaker is right.
    public var speakerCorrect = 0

    /// Content-span precision.
    public var precision: Double { ratio(matched, predicted) }
    /// Content-span recall.
    public var recall: Double { ratio(matched, gold) }
    /// Content-span F1.
    public var f1: Double { harmonic(precision, recall) }
    /// The share of matched predictions with the right speaker.
    public var speakerAccuracy: Double { ratio(speakerCorrect, matched) }
    /// End-to-end precision: content matched and speaker right.
    public var endToEndPrecision: Double { ratio(speakerCorrect, predicted) }
    /// End-to-end recall.
    public var endToEndRecall: Double { ratio(speakerCorrect, gold) }
    /// End-to-end F1.
    public var endToEndF1: Double { harmonic(endToEndPrecision, endToEndRecall) }

    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }
    private func harmonic(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
}

/// The result of an evaluation, for direct quotations and for all attributions.
public struct QuoteScores: Sendable, Hashable, CustomStringConvertible {
    /// Documents evaluated.
    public var documents = 0
    /// Quotations in marks only (gold `direct`/`has_quote_marks`, predicted `direct`).
    public var direct = QuoteCounts()
    /// All attributions.
    public var all = QuoteCounts()

    /// A printable report: one line per subset with P/R/F1, speaker accuracy and end-to-end P/R/F1.
    public var description: String {
        func line(_ name: String, _ c: QuoteCounts) -> String {
            func f(_ x: Double) -> String { String(format: "%.3f", x) }
            return "\(name)  gold \(c.gold)  predicted \(c.predicted)  matched \(c.matched)\n"
                + "  quote span   P \(f(c.precision))  R \(f(c.recall))  F1 \(f(c.f1))\n"
                + "  speaker accuracy (matched) \(f(c.speakerAccuracy))\n"
                + "  end-to-end   P \(f(c.endToEndPrecision))  R \(f(c.endToEndRecall))  F1 \(f(c.endToEndF1))\n"
        }
        return "quotes: \(documents) documents\n" + line("direct", direct) + line("all", all)
    }
}

/// Why a gold file could not be read.
public struct QuoteEvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the file and line.
    public let message: String
    /// A readable explanation.
    public var description: String { message }
}

/// Evaluates the `quotes` extractor (run after `entities`) on gold attributions.
///
/// A prediction matches a gold attribution when their contents overlap by at least 50 % of the
/// prediction and at least 50 % of the gold content (or of one of its parts); each gold matches
/// at most one prediction. A further prediction lying mostly inside an already matched
/// discontinuous gold content (the second half of “…,” he said, “…”) is neither a match nor a
/// false positive. A speaker resolved to an entity is right when the entity's name equals the
/// gold `speaker_name` or one of its mentions overlaps the gold speaker (a pronoun resolved to the
/// wrong person is wrong); without a gold canonical name (PolNeAR), also when the words read as
/// the speaker ("he") overlap the gold speaker. A speaker phrase is right when it overlaps the
/// gold speaker or equals `speaker_name`. A gold attribution without a speaker counts as a wrong
/// speaker; one without a valid content span is skipped.
public enum QuoteEvaluation {
    /// Reads `goldFile`, runs `entities` and `quotes` on each document and scores them.
    ///
    /// - Parameters:
    ///   - goldFile: a JSON Lines file, gzipped when it ends in `.gz`.
    ///   - format: its format.
    ///   - split: keep only records whose `split` field has this value (PolNeAR: `dev`).
    ///   - limit: stop after this many documents.
    /// - Returns: the scores; print them for the report.
    /// - Throws: ``QuoteEvaluationError`` for an unreadable file or a line that is not a JSON
    ///   object with a `text`; errors of the
    ///   extractors' bundled models.
    public static func evaluate(goldFile: String, format: QuoteGoldFormat, split: String? = nil,
                                limit: Int? = nil) throws -> QuoteScores
    {
        try score(read(goldFile, format: format, split: split, limit: limit))
    }

    /// Reads gold documents from `path`.
    /// - Throws: ``QuoteEvaluationError``.
    public static func read(_ path: String, format: QuoteGoldFormat, split: String? = nil,
                            limit: Int? = nil) throws -> [QuoteGoldDocument]
    {
        let data: Data
        do { data = try NERCorpus.contents(of: path) } catch {
            throw QuoteEvaluationError(message: "\(error)")
        }
        var documents: [QuoteGoldDocument] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            lineNumber += 1
            if let limit, documents.count >= limit { break }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String
            else { throw QuoteEvaluationError(message: "\(path):\(lineNumber): not a JSON object with a text") }
            if let split, object["split"] as? String != split { continue }
            let offsets = NERCorpus.scalarToByteOffsets(text)
            func span(_ value: Any?) -> Span? {
                guard let value = value as? [String: Any], let start = value["start"] as? Int,
                      let end = value["end"] as? Int, start >= 0, start <= end, end < offsets.count
                else { return nil }
                return Span(offsets[start], offsets[end])
            }
            var quotes: [QuoteGold] = []
            for quote in object["quotes"] as? [[String: Any]] ?? [] {
                // PolNeAR has a few attributions with no content span, or one outside the text as
                // Foundation decodes it: nothing to match.
                guard let content = span(quote["quote"]) else { continue }
                let parts = ((quote["quote"] as? [String: Any])?["parts"] as? [Any] ?? []).compactMap(span)
                    .filter { !$0.isEmpty }
                let direct = format == .trawl ? quote["direct"] as? Bool : quote["has_quote_marks"] as? Bool
                quotes.append(QuoteGold(speaker: span(quote["speaker"]), speakerName: quote["speaker_name"] as? String,
                                        cue: span(quote["cue"]), quote: parts.isEmpty ? [content] : parts,
                                        direct: direct ?? false))
            }
            documents.append(QuoteGoldDocument(
                id: object["id"] as? String ?? "\(lineNumber)",
                language: Language(rawValue: object["lang"] as? String ?? "und"), text: text, quotes: quotes,
                directMeansMarked: format == .polnear))
        }
        return documents
    }

    /// Runs the extractors on `documents` and scores their attributions.
    /// - Throws: errors of the extractors' bundled models and lists.
    public static func score(_ documents: [QuoteGoldDocument]) throws -> QuoteScores {
        let entities = try EntityExtractor()
        let quotes = QuoteExtractor()
        let analyzer = TextAnalyzer()
        var scores = QuoteScores()
        for gold in documents {
            var analysis = analyzer.analyze(text: gold.text)
            if analysis.language != gold.language, gold.language != .undetermined {
                analysis = Analysis(bytes: analysis.bytes, tokens: analysis.tokens, sentences: analysis.sentences,
                                    language: gold.language)
            }
            let document = Document(id: gold.id, source: DocumentSource(), format: .text, text: gold.text)
            var annotations = Annotations()
            try entities.extract(document, analysis: analysis, into: &annotations)
            let predicted = quotes.attributions(analysis, annotations)
            scores.documents += 1
            add(gold.quotes, predicted, annotations, analysis, into: &scores.all)
            let quoted = predicted.filter { gold.directMeansMarked ? $0.quoted : $0.direct }
            add(gold.quotes.filter(\.direct), quoted, annotations, analysis, into: &scores.direct)
        }
        return scores
    }

    /// Matches one document's predictions to its gold and adds the counts.
    static func add(_ gold: [QuoteGold], _ predicted: [Attribution], _ annotations: Annotations,
                    _ analysis: Analysis, into counts: inout QuoteCounts)
    {
        counts.gold += gold.count
        var taken = [Bool](repeating: false, count: predicted.count)
        var absorbed = [Bool](repeating: false, count: predicted.count)
        for item in gold {
            var best: (index: Int, overlap: Int)? = nil
            for (index, prediction) in predicted.enumerated() where !taken[index] {
                let overlap = item.quote.reduce(0) { $0 + common($1, prediction.quote) }
                let goldLength = item.quote.reduce(0) { $0 + $1.length }
                let coversGold = 2 * overlap >= goldLength
                    || item.quote.contains { 2 * common($0, prediction.quote) >= $0.length }
                guard 2 * overlap >= prediction.quote.length, coversGold, overlap > (best?.overlap ?? 0) else { continue }
                best = (index, overlap)
            }
            guard let best else { continue }
            taken[best.index] = true
            counts.matched += 1
            if speakerIsRight(item, predicted[best.index], annotations, analysis) { counts.speakerCorrect += 1 }
            if item.quote.count > 1 {
                for (index, prediction) in predicted.enumerated() where !taken[index] {
                    let overlap = item.quote.reduce(0) { $0 + common($1, prediction.quote) }
                    if 2 * overlap >= prediction.quote.length { absorbed[index] = true }
                }
            }
        }
        counts.predicted += zip(taken, absorbed).filter { $0.0 || !$0.1 }.count
    }

    private static func common(_ a: Span, _ b: Span) -> Int { max(0, min(a.end, b.end) - max(a.start, b.start)) }

    /// Whether a matched prediction names the gold speaker. A speaker resolved to an entity is
    /// right when the entity's name is the gold canonical name or one of its mentions is the
    /// gold speaker; so a pronoun resolved to the wrong person is wrong even though the pronoun
    /// itself is the gold speaker span. Without a canonical name (PolNeAR), the span read by the
    /// rules may also overlap the gold speaker.
    private static func speakerIsRight(_ gold: QuoteGold, _ predicted: Attribution, _ annotations: Annotations,
                                       _ analysis: Analysis) -> Bool
    {
        guard let entityIndex = predicted.speakerEntity else {
            if let speaker = gold.speaker, speaker.overlaps(predicted.speakerSpan) { return true }
            return gold.speakerName.map { $0 == analysis.string(predicted.speakerSpan) } ?? false
        }
        let entity = annotations.entities[entityIndex]
        if let name = gold.speakerName, name.lowercased() == entity.name.lowercased() { return true }
        guard let speaker = gold.speaker else { return false }
        if gold.speakerName == nil, speaker.overlaps(predicted.speakerSpan) { return true }
        return entity.mentions.contains { annotations.mentions[$0].span.overlaps(speaker) }
    }
}
