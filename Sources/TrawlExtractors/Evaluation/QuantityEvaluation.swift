// Trawl — QuantityEvaluation.swift
// Scores the quantity extractor on gold JSON Lines files (Recognizers-Text and quantulum3 cases).

import Foundation
import Trawl

/// Evaluation of ``QuantityExtractor`` on the gold format of `shared/data/quantities/*.jsonl`.
///
/// Each case lists the kinds it checks (`kinds_checked`). Trawl's quantities are projected onto
/// those kinds before spans are compared exactly (start and end, in Unicode scalars):
/// - `number`, in a case that checks numbers only (Recognizers-Text's number model): every
///   numeral inside every quantity that is not an ordinal ("3 000" in "3 000 soldats", "2000" in
///   "$2000"), except numerals glued to a letter unit ("180ml"), and every number written in
///   digits inside a date ("5", "17", "2018" in "5/17/2018"; not "4" of "May 4th", an ordinal).
/// - In a case that checks several kinds (quantulum3): each quantity once, `count` and
///   `fraction` as `number` (on the numeral's span); `duration` and `frequency` as `dimension`,
///   and money per unit ("$15.4/hour") as `dimension` (quantulum3 counts only currency units as
///   money); a date that is only a year ("in 2013") as the `number` quantulum3 reports for it.
/// - `range`: quantities with an upper bound; the value compares both bounds.
/// - Other kinds: quantities of that kind, whole span.
///
/// Value accuracy is the share of matched spans whose value equals the gold value (relative
/// tolerance 1e-6; a null gold value matches a null prediction; a quantulum3 range, given as
/// midpoint and `uncertainty`, matches Trawl's bounds when both agree). ``Report/errors`` lists
/// every missed, spurious or wrongly valued span.
public enum QuantityEvaluation {
    /// Scores for one language, kind and subset.
    public struct Row: Sendable, Hashable {
        /// `fr` or `en`.
        public var language: String
        /// The gold kind (`number`, `money`…) or `all`.
        public var kind: String
        /// `reference` (cases the reference implementation passes, and quantulum3's) or `all`.
        public var subset: String
        /// Gold spans.
        public var gold: Int
        /// Predicted spans (projected onto the checked kinds).
        public var predicted: Int
        /// Predicted spans that match a gold span exactly.
        public var matched: Int
        /// Matched spans whose value is right.
        public var valueCorrect: Int

        /// matched / predicted.
        public var precision: Double { predicted == 0 ? (gold == 0 ? 1 : 0) : Double(matched) / Double(predicted) }
        /// matched / gold.
        public var recall: Double { gold == 0 ? 1 : Double(matched) / Double(gold) }
        /// Harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        /// valueCorrect / matched.
        public var valueAccuracy: Double { matched == 0 ? 0 : Double(valueCorrect) / Double(matched) }
    }

    /// The rows of an evaluation, printable as a table.
    public struct Report: Sendable, CustomStringConvertible {
        /// One row per (subset, language, kind), sorted.
        public var rows: [Row]
        /// One line per error, for diagnosis: `id\tFN|FP|VALUE\tkind\ttext\tdetail`.
        public var errors: [String] = []

        /// Creates a report.
        public init(rows: [Row], errors: [String] = []) {
            self.rows = rows
            self.errors = errors
        }

        /// The row for `language`, `kind` and `subset`, if any case had that kind.
        public func row(language: String, kind: String, subset: String = "reference") -> Row? {
            rows.first { $0.language == language && $0.kind == kind && $0.subset == subset }
        }

        /// A fixed-width table: subset, language, kind, gold, predicted, P, R, F1, value accuracy.
        public var description: String {
            func format(_ x: Double) -> String {
                let v = (x * 1000).rounded() / 1000
                var s = String(v)
                while s.count < 5 { s += "0" }
                return s
            }
            func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }
            var lines = [pad("subset", 10) + pad("lang", 5) + pad("kind", 13) + pad("gold", 6) + pad("pred", 6)
                + pad("P", 7) + pad("R", 7) + pad("F1", 7) + "value"]
            for r in rows {
                lines.append(pad(r.subset, 10) + pad(r.language, 5) + pad(r.kind, 13) + pad(String(r.gold), 6)
                    + pad(String(r.predicted), 6) + pad(format(r.precision), 7) + pad(format(r.recall), 7)
                    + pad(format(r.f1), 7) + format(r.valueAccuracy))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Why a gold file could not be read.
    public struct GoldFileError: Error, Sendable, CustomStringConvertible {
        /// What is wrong, with the file and line.
        public var description: String
    }

    /// Runs the quantity extractor on every case of `goldFile` and scores it.
    /// - Parameter goldFile: a JSON Lines file in the format of `shared/data/quantities`.
    /// - Returns: rows per subset (`reference`, `all`), language and checked kind.
    /// - Throws: ``GoldFileError`` when the file cannot be read or a line is not a case.
    public static func evaluate(goldFile: String) throws -> Report {
        let extractor = QuantityExtractor()
        var counts: [String: Row] = [:]
        var errors: [String] = []
        for (lineNumber, object) in try readCases(goldFile).enumerated() {
            guard let text = object["text"] as? String, let lang = object["lang"] as? String,
                  let expected = object["expected"] as? [[String: Any]], let checked = object["kinds_checked"] as? [String]
            else { throw GoldFileError(description: "\(goldFile):\(lineNumber + 1): not a quantity case") }
            let verified = (object["reference_impl_passes"] as? Bool) ?? true
            let bytes = Array(text.utf8)
            let scalars = ScalarOffsets(bytes)
            let (matches, dates) = extractor.analyze(bytes, french: lang == "fr")
            let predictions = project(matches, dates: dates, checked: checked, scalars: scalars)
            let id = (verified ? "" : "~") + (object["id"] as? String ?? "line \(lineNumber + 1)")
            let scalarText = Array(text.unicodeScalars)
            func excerpt(_ start: Int, _ end: Int) -> String {
                guard start >= 0, end <= scalarText.count, start <= end else { return "?" }
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalarText[start..<end])
                return String(s)
            }
            for kind in checked {
                let gold = expected.filter { ($0["kind"] as? String) == kind }
                let predicted = predictions.filter { $0.kind == kind }
                var used = Array(repeating: false, count: predicted.count)
                var matched = 0
                var correct = 0
                for g in gold {
                    guard let start = g["start"] as? Int, let end = g["end"] as? Int else { continue }
                    guard let index = predicted.indices.first(where: { !used[$0] && predicted[$0].start == start && predicted[$0].end == end })
                    else {
                        errors.append("\(id)\tFN\t\(kind)\t\(excerpt(start, end))\tin: \(text)")
                        continue
                    }
                    used[index] = true
                    matched += 1
                    if valueMatches(g, predicted[index]) {
                        correct += 1
                    } else {
                        let p = predicted[index]
                        errors.append("\(id)\tVALUE\t\(kind)\t\(excerpt(start, end))\tgold \(g["value"] ?? "nil") \(g["range"] ?? "") got \(p.value.map { String($0) } ?? "nil") \(p.upper.map { String($0) } ?? "")")
                    }
                }
                for (index, p) in predicted.enumerated() where !used[index] {
                    errors.append("\(id)\tFP\t\(kind)\t\(excerpt(p.start, p.end))\tin: \(text)")
                }
                for subset in verified ? ["reference", "all"] : ["all"] {
                    for k in [kind, "all"] {
                        let key = "\(subset)|\(lang)|\(k)"
                        var row = counts[key] ?? Row(language: lang, kind: k, subset: subset, gold: 0, predicted: 0, matched: 0, valueCorrect: 0)
                        row.gold += gold.count
                        row.predicted += predicted.count
                        row.matched += matched
                        row.valueCorrect += correct
                        counts[key] = row
                    }
                }
            }
        }
        return Report(rows: counts.values.sorted { ($0.subset, $0.language, $0.kind) > ($1.subset, $1.language, $1.kind) },
                      errors: errors)
    }

    /// A prediction projected onto a gold kind, in scalar offsets.
    struct Projected {
        var kind: String
        var start: Int
        var end: Int
        var value: Double?
        var upper: Double?
    }

    /// Projects Trawl's quantities onto the kinds a case checks (see the type's documentation).
    static func project(_ matches: [QMatch], dates: [QDateNumerals], checked: [String], scalars: ScalarOffsets) -> [Projected] {
        var out: [Projected] = []
        let numbersOnly = checked == ["number"]
        for date in dates {
            if numbersOnly {
                for numeral in date.numerals {
                    out.append(Projected(kind: "number", start: scalars[numeral.span.start], end: scalars[numeral.span.end],
                                         value: numeral.value))
                }
            } else if checked.count > 1, checked.contains("number"), let year = date.year {
                out.append(Projected(kind: "number", start: scalars[date.span.start], end: scalars[date.span.end], value: year))
            }
        }
        for match in matches {
            let q = match.quantity
            if numbersOnly {
                guard q.kind != "ordinal" else { continue }
                for numeral in match.numerals where !numeral.glued {
                    out.append(Projected(kind: "number", start: scalars[numeral.span.start], end: scalars[numeral.span.end],
                                         value: numeral.value))
                }
                continue
            }
            if checked.contains("range"), q.upperValue != nil {
                out.append(Projected(kind: "range", start: scalars[q.span.start], end: scalars[q.span.end], value: q.value, upper: q.upperValue))
                continue
            }
            var kind = q.kind
            var span = q.span
            if kind == "count" || kind == "fraction" || (kind == "ordinal" && q.counted != nil) {
                kind = kind == "ordinal" ? "ordinal" : "number"
                if let numeral = match.numerals.first { span = Span(span.start, numeral.span.end) }
            }
            if checked.count > 1 {
                // quantulum3's kinds: durations, rates and frequencies are dimensions; money per
                // unit ("$15.4/hour") is not a currency unit either.
                if kind == "duration" || kind == "frequency" { kind = "dimension" }
                if kind == "money", q.unit?.contains("/") == true { kind = "dimension" }
            }
            out.append(Projected(kind: kind, start: scalars[span.start], end: scalars[span.end], value: q.value, upper: q.upperValue))
        }
        return out
    }

    static func valueMatches(_ gold: [String: Any], _ p: Projected) -> Bool {
        if let range = gold["range"] as? [String: Any] {
            return close(range["min"], p.value) && close(range["max"], p.upper)
        }
        // quantulum3 gives a range as its midpoint and half-width ("8- to 16-meter": 12 ± 4).
        if let uncertainty = (gold["uncertainty"] as? NSNumber)?.doubleValue, let low = p.value, let high = p.upper {
            return close(gold["value"], (low + high) / 2) && abs(uncertainty - (high - low) / 2) <= 1e-6 * max(1, uncertainty)
        }
        return close(gold["value"], p.value)
    }

    static func close(_ gold: Any?, _ value: Double?) -> Bool {
        guard let g = (gold as? NSNumber)?.doubleValue else { return value == nil }
        guard let v = value else { return false }
        return abs(g - v) <= 1e-6 * max(1, abs(g))
    }

    /// Reads the JSON objects of a JSON Lines file.
    static func readCases(_ path: String) throws -> [[String: Any]] {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw GoldFileError(description: "\(path): cannot read the file")
        }
        var cases: [[String: Any]] = []
        for (index, line) in text.split(separator: "\n").enumerated() where !line.isEmpty {
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw GoldFileError(description: "\(path):\(index + 1): not a JSON object")
            }
            cases.append(object)
        }
        return cases
    }
}

/// Maps UTF-8 byte offsets of a text to Unicode scalar offsets.
struct ScalarOffsets {
    private var table: [Int]

    init(_ bytes: [UInt8]) {
        table = Array(repeating: 0, count: bytes.count + 1)
        var scalar = 0
        for (i, byte) in bytes.enumerated() {
            table[i] = scalar
            if byte & 0xC0 != 0x80 { scalar += 1 }
            table[i] = byte & 0xC0 == 0x80 ? scalar : scalar - 1
        }
        table[bytes.count] = scalar
    }

    subscript(offset: Int) -> Int { table[offset] }
}
