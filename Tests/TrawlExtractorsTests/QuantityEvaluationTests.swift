// Trawl — QuantityEvaluationTests.swift
// Runs the quantity and date evaluations on the shared gold data and checks issue 4's targets.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

/// The shared data folder (`…/shared/data`), found from this file's path, if present.
func sharedDataFolder(_ file: String = #filePath) -> String? {
    var url = URL(fileURLWithPath: file)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // Tests/TrawlExtractorsTests/X.swift → repo's parent
    let folder = url.appendingPathComponent("shared/data").path
    return FileManager.default.fileExists(atPath: folder) ? folder : nil
}

@Test func quantityEvaluationMeetsTargets() throws {
    guard let data = sharedDataFolder() else {
        print("skipped: no shared/data folder next to the package")
        return
    }
    for lang in ["en", "fr"] {
        let path = "\(data)/quantities/recognizers-text.\(lang).jsonl"
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipped: \(path) is absent")
            continue
        }
        let report = try QuantityEvaluation.evaluate(goldFile: path)
        print(report)
        for kind in ["number", "percent", "money"] {
            let row = try #require(report.row(language: lang, kind: kind))
            #expect(row.f1 >= 0.90, "\(lang) \(kind) span F1 \(row.f1)")
            #expect(row.valueAccuracy >= 0.90, "\(lang) \(kind) value accuracy \(row.valueAccuracy)")
        }
    }
    let q3 = "\(data)/quantities/quantulum3.en.jsonl"
    if FileManager.default.fileExists(atPath: q3) {
        let report = try QuantityEvaluation.evaluate(goldFile: q3)
        print(report)
        // quantulum3 0.10.x as `pip install quantulum3` gives it, scored the same way by
        // `python3 Benchmarks/compare/quantulum3_compare.py …/quantulum3.en.jsonl`: span F1 0.944.
        let row = try #require(report.row(language: "en", kind: "all"))
        #expect(row.f1 > 0.944, "quantulum3 cases: Trawl span F1 \(row.f1) does not beat quantulum3's 0.944")
    }
}

@Test func dateEvaluationReports() throws {
    guard let data = sharedDataFolder() else {
        print("skipped: no shared/data folder next to the package")
        return
    }
    for lang in ["en", "fr"] {
        let path = "\(data)/dates/recognizers-text.\(lang).jsonl"
        guard FileManager.default.fileExists(atPath: path) else { continue }
        let report = try DateEvaluation.evaluate(goldFile: path)
        print(report)
        #expect(report.row(language: lang, kind: "all") != nil)
    }
}

/// Prints every error of the evaluations (`TRAWL_EVAL_ERRORS=1 swift test --filter evaluationErrors`).
@Test(.enabled(if: ProcessInfo.processInfo.environment["TRAWL_EVAL_ERRORS"] != nil, "set TRAWL_EVAL_ERRORS to list errors"))
func evaluationErrors() throws {
    guard let data = sharedDataFolder() else { return }
    for file in ["quantities/recognizers-text.en.jsonl", "quantities/recognizers-text.fr.jsonl", "quantities/quantulum3.en.jsonl"] {
        let path = "\(data)/\(file)"
        guard FileManager.default.fileExists(atPath: path) else { continue }
        for line in try QuantityEvaluation.evaluate(goldFile: path).errors { print("ERR\t\(file)\t\(line)") }
    }
    for file in ["dates/recognizers-text.en.jsonl", "dates/recognizers-text.fr.jsonl"] {
        let path = "\(data)/\(file)"
        guard FileManager.default.fileExists(atPath: path) else { continue }
        for line in try DateEvaluation.evaluate(goldFile: path).errors { print("ERR\t\(file)\t\(line)") }
    }
}
