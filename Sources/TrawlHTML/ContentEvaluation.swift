// Trawl — ContentEvaluation.swift
// Main-content extraction scored against gold main texts, as the article-extraction-benchmark does.

import Foundation
import Trawl

/// Scores of main-content extraction over a directory of pages with gold main texts.
public struct ContentScores: Sendable {
    /// The scores of one page.
    public struct Page: Sendable {
        /// The page's file name.
        public var name: String
        /// Matched shingles over predicted shingles (1 when both texts are empty).
        public var precision: Double
        /// Matched shingles over gold shingles (1 when both texts are empty).
        public var recall: Double
        /// The harmonic mean of the page's precision and recall.
        public var f1: Double
    }

    /// Pages scored (every `*.html` with a `*.gold.txt` beside it).
    public var pages: Int
    /// Mean precision over the pages.
    public var precision: Double
    /// Mean recall over the pages.
    public var recall: Double
    /// The harmonic mean of `precision` and `recall`, the benchmark's F1.
    public var f1: Double
    /// Pages read per second of the thread's CPU time (reading only, not scoring), so that
    /// other processes on the machine do not distort it.
    public var pagesPerSecond: Double
    /// Megabytes (10⁶ bytes) of HTML read per second of the thread's CPU time.
    public var megabytesPerSecond: Double
    /// Per-page scores, in file-name order.
    public var perPage: [Page]
}

/// Main-content extraction against gold texts, scored as ScrapingHub's
/// article-extraction-benchmark (`evaluate.py`) scores `articleBody`:
///
/// - texts are split into tokens, the runs of word characters (Python's `\w+`: letters, digits,
///   marks of letters, underscore), case kept;
/// - each text becomes the multiset of its 4-token shingles (a text of fewer than four tokens is
///   one shingle of them all; an empty text none);
/// - per page, tp = Σ min(gold count, predicted count), fp = predicted surplus, fn = gold
///   surplus; normalised by tp + fp + fn (which does not change per-page ratios);
/// - per page, precision = tp / (tp + fp) and recall = tp / (tp + fn), both 1 when fp = fn = 0
///   and 0 when tp = 0; pages with no predicted shingle are left out of the mean precision and
///   pages with no gold shingle out of the mean recall;
/// - F1 = 2PR / (P + R) of the **mean** precision and **mean** recall over pages (not the mean
///   of per-page F1s).
public enum ContentEvaluation {
    /// Scores the reader in `mode` on every `*.html` page in `goldDirectory` that has a
    /// `*.gold.txt` beside it (`name.html` → `name.gold.txt`).
    ///
    /// - Parameter repeats: how many times the pages are read for the speed figures (the
    ///   texts of the first round are scored).
    /// - Throws: when the directory cannot be listed or holds no page with a gold text.
    public static func evaluate(goldDirectory: String, mode: ContentMode, repeats: Int = 1) throws -> ContentScores {
        let manager = FileManager.default
        let names = try manager.contentsOfDirectory(atPath: goldDirectory).filter { $0.hasSuffix(".html") }.sorted()
        var pages: [(name: String, bytes: [UInt8], gold: String)] = []
        for name in names {
            let stem = String(name.dropLast(5))
            let goldPath = goldDirectory + "/" + stem + ".gold.txt"
            guard manager.fileExists(atPath: goldPath),
                  let html = manager.contents(atPath: goldDirectory + "/" + name),
                  let gold = manager.contents(atPath: goldPath) else { continue }
            pages.append((name, [UInt8](html), String(decoding: gold, as: UTF8.self)))
        }
        guard !pages.isEmpty else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: goldDirectory,
                                                              NSLocalizedDescriptionKey: "no *.html page with a *.gold.txt beside it in \(goldDirectory)"])
        }
        let reader = HTMLReader(content: mode)
        var texts = [String](repeating: "", count: pages.count)
        let started = ThreadCPUTime.now()
        for round in 0..<max(repeats, 1) {
            for (index, page) in pages.enumerated() {
                let raw = RawDocument(id: page.name, source: DocumentSource(path: page.name), bytes: page.bytes, format: .html)
                let text = (try? reader.read(raw))?.text ?? ""
                if round == 0 { texts[index] = text }
            }
        }
        let elapsed = ThreadCPUTime.now() - started
        var perPage: [ContentScores.Page] = []
        var precisions: [Double] = [], recalls: [Double] = []
        for (index, page) in pages.enumerated() {
            let counts = shingleMatch(gold: page.gold, predicted: texts[index])
            let precision = score(counts.tp, counts.fp, counts.fn, wrong: counts.fp)
            let recall = score(counts.tp, counts.fp, counts.fn, wrong: counts.fn)
            if counts.tp + counts.fp > 0 { precisions.append(precision) }
            if counts.tp + counts.fn > 0 { recalls.append(recall) }
            let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0
            perPage.append(.init(name: page.name, precision: precision, recall: recall, f1: f1))
        }
        let precision = precisions.isEmpty ? 0 : precisions.reduce(0, +) / Double(precisions.count)
        let recall = recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let rounds = Double(max(repeats, 1))
        let bytes = Double(pages.reduce(0) { $0 + $1.bytes.count })
        return ContentScores(pages: pages.count, precision: precision, recall: recall,
                             f1: precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0,
                             pagesPerSecond: seconds > 0 ? Double(pages.count) * rounds / seconds : 0,
                             megabytesPerSecond: seconds > 0 ? bytes * rounds / seconds / 1e6 : 0, perPage: perPage)
    }

    /// The benchmark's precision (`wrong` = fp) or recall (`wrong` = fn) of one page.
    private static func score(_ tp: Int, _ fp: Int, _ fn: Int, wrong: Int) -> Double {
        if fp == 0, fn == 0 { return 1 }
        if tp == 0, wrong == 0 { return 0 }
        return Double(tp) / Double(tp + wrong)
    }

    /// Shingle counts shared (tp), only predicted (fp) and only in the gold text (fn).
    static func shingleMatch(gold: String, predicted: String) -> (tp: Int, fp: Int, fn: Int) {
        let goldShingles = shingles(gold), predictedShingles = shingles(predicted)
        var tp = 0, fp = 0, fn = 0
        for (key, goldCount) in goldShingles {
            let predictedCount = predictedShingles[key] ?? 0
            tp += min(goldCount, predictedCount)
            fn += max(0, goldCount - predictedCount)
        }
        for (key, predictedCount) in predictedShingles {
            fp += max(0, predictedCount - (goldShingles[key] ?? 0))
        }
        return (tp, fp, fn)
    }

    /// The multiset of 4-token shingles of `text`, each shingle its tokens joined by U+0001.
    static func shingles(_ text: String, size: Int = 4) -> [String: Int] {
        let tokens = self.tokens(text)
        var result: [String: Int] = [:]
        guard !tokens.isEmpty else { return result }
        for start in 0..<max(1, tokens.count - size + 1) {
            let key = tokens[start..<min(start + size, tokens.count)].joined(separator: "\u{1}")
            result[key, default: 0] += 1
        }
        return result
    }

    /// The runs of word characters of `text`, as Python's `re.findall(r'\w+', text)` finds
    /// them: Unicode letters, digits and numbers, and `_` (not combining marks).
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isWord(scalar) {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    private static func isWord(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A) || (value >= 0x61 && value <= 0x7A) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }
}
