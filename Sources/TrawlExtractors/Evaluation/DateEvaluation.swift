// Trawl — DateEvaluation.swift
// Scores the date extractor on gold JSON Lines files (Recognizers-Text date-time cases).

import Foundation
import Trawl

/// Evaluation of ``DateExtractor`` on the gold format of `shared/data/dates/*.jsonl`.
///
/// Each case is run with its `reference` date as the document date. Spans are compared exactly
/// (Unicode scalars), whatever their type; rows per gold type (`date`, `daterange`, `time`…)
/// give recall and value accuracy (their precision counts only the predictions matched to that
/// type), and the `all` row gives precision, recall and F1. A value is right when it equals one
/// of the gold TIMEX values (`timex_all`), whole hours compared as equal ("T17:00" and TIMEX3's
/// "T17"); for a gold range `(start,end,duration)` the start of Trawl's value is compared with
/// the gold start cut to the same length.
public enum DateEvaluation {
    /// Runs the date extractor on every case of `goldFile` and scores it.
    /// - Parameter goldFile: a JSON Lines file in the format of `shared/data/dates`.
    /// - Returns: rows per subset (`reference`, `all`), language and gold type, plus `all`.
    /// - Throws: ``QuantityEvaluation/GoldFileError`` when the file cannot be read.
    public static func evaluate(goldFile: String) throws -> QuantityEvaluation.Report {
        let extractor = DateExtractor()
        var counts: [String: QuantityEvaluation.Row] = [:]
        var errors: [String] = []
        func add(_ subset: String, _ lang: String, _ kind: String, gold: Int, predicted: Int, matched: Int, correct: Int) {
            let key = "\(subset)|\(lang)|\(kind)"
            var row = counts[key] ?? QuantityEvaluation.Row(language: lang, kind: kind, subset: subset, gold: 0, predicted: 0,
                                                            matched: 0, valueCorrect: 0)
            row.gold += gold
            row.predicted += predicted
            row.matched += matched
            row.valueCorrect += correct
            counts[key] = row
        }
        for (lineNumber, object) in try QuantityEvaluation.readCases(goldFile).enumerated() {
            guard let text = object["text"] as? String, let lang = object["lang"] as? String,
                  let expected = object["expected"] as? [[String: Any]]
            else { throw QuantityEvaluation.GoldFileError(description: "\(goldFile):\(lineNumber + 1): not a date case") }
            let verified = (object["reference_impl_passes"] as? Bool) ?? true
            let bytes = Array(text.utf8)
            let scalars = ScalarOffsets(bytes)
            let predictions = extractor.dates(in: bytes, french: lang == "fr", reference: object["reference"] as? String)
            let id = (verified ? "" : "~") + (object["id"] as? String ?? "line \(lineNumber + 1)")
            func excerpt(_ span: Span) -> String {
                String(decoding: bytes[span.start..<span.end], as: UTF8.self)
            }
            var used = Array(repeating: false, count: predictions.count)
            var perType: [String: (Int, Int, Int)] = [:]
            for g in expected {
                let type = g["type"] as? String ?? "date"
                var entry = perType[type] ?? (0, 0, 0)
                entry.0 += 1
                if let start = g["start"] as? Int, let end = g["end"] as? Int,
                   let index = predictions.indices.first(where: {
                       !used[$0] && scalars[predictions[$0].span.start] == start && scalars[predictions[$0].span.end] == end
                   }) {
                    used[index] = true
                    entry.1 += 1
                    if valueMatches(g, predictions[index]) {
                        entry.2 += 1
                    } else {
                        let p = predictions[index]
                        errors.append("\(id)\tVALUE\t\(type)\t\(excerpt(p.span))\tgold \(g["value"] ?? "nil") got \(p.value ?? "nil") rel \(p.relative ?? "nil")")
                    }
                } else {
                    errors.append("\(id)\tFN\t\(type)\t\(g["text"] ?? "")\t\(g["value"] ?? "nil") in: \(text)")
                }
                perType[type] = entry
            }
            for (index, p) in predictions.enumerated() where !used[index] {
                errors.append("\(id)\tFP\t-\t\(excerpt(p.span))\t\(p.value ?? p.relative ?? "nil") in: \(text)")
            }
            for subset in verified ? ["reference", "all"] : ["all"] {
                for (type, entry) in perType {
                    add(subset, lang, type, gold: entry.0, predicted: entry.1, matched: entry.1, correct: entry.2)
                }
                add(subset, lang, "all", gold: expected.count, predicted: predictions.count,
                    matched: perType.values.reduce(0) { $0 + $1.1 }, correct: perType.values.reduce(0) { $0 + $1.2 })
            }
        }
        return QuantityEvaluation.Report(rows: counts.values.sorted { ($0.subset, $0.language, $0.kind) > ($1.subset, $1.language, $1.kind) },
                                         errors: errors)
    }

    static func valueMatches(_ gold: [String: Any], _ prediction: DateMention) -> Bool {
        guard let mine = prediction.value ?? prediction.relative else { return false }
        var timexes = (gold["timex_all"] as? [String]) ?? []
        if let value = gold["value"] as? String { timexes.append(value) }
        // TIMEX3 writes whole hours as "T17"; Trawl writes ISO 8601 "T17:00": the same value.
        func normalized(_ value: String) -> String {
            value.split(separator: "/", omittingEmptySubsequences: false).map { part -> String in
                var p = String(part)
                while p.contains("T"), p.hasSuffix(":00") { p.removeLast(3) }
                return p
            }.joined(separator: "/")
        }
        let mineNormalized = normalized(mine)
        for timex in timexes {
            if timex == mine || normalized(timex) == mineNormalized { return true }
            if timex.hasPrefix("("), let comma = timex.firstIndex(of: ",") {
                let start = String(timex[timex.index(after: timex.startIndex)..<comma])
                let myStart = mine.split(separator: "/").first.map(String.init) ?? mine
                if start.hasPrefix(myStart) { return true }
            }
        }
        return false
    }
}
