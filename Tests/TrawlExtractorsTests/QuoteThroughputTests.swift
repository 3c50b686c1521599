// Trawl — QuoteThroughputTests.swift
// Throughput of `quotes` + `roles` on real news text (entities and analysis computed beforehand).

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

#if DEBUG
private let isDebugBuild = true
#else
private let isDebugBuild = false
#endif

@Suite struct QuoteThroughputTests {
    /// Prints the MB/s of `quotes` + `roles` on one core over the French gold texts of the shared
    /// corpus and the PolNeAR articles. Meaningful in release:
    /// `swift test -c release -Xswiftc -enable-testing --filter QuoteThroughput`.
    @Test(.disabled(if: isDebugBuild, "throughput is measured in release builds"))
    func quotesAndRolesThroughput() throws {
        #if DEBUG
        print("skipped: throughput is measured in release builds")
        #else
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../shared").standardized
        var texts: [String] = []
        let manifest = shared.appendingPathComponent("corpus/MANIFEST.tsv").path
        if let table = try? String(contentsOfFile: manifest, encoding: .utf8) {
            for row in table.split(separator: "\n").map({ $0.split(separator: "\t", omittingEmptySubsequences: false) })
            where row.count > 6 && row[3] == "fr" && row[6] == "gold-text" {
                let path = shared.appendingPathComponent("corpus/\(row[0])").path
                if let text = try? String(contentsOfFile: path, encoding: .utf8) { texts.append(text) }
            }
        }
        let polnear = shared.appendingPathComponent("data/quotes/polnear-en.train-dev.jsonl.gz").path
        if FileManager.default.fileExists(atPath: polnear) {
            texts += try QuoteEvaluation.read(polnear, format: .polnear).map(\.text)
        }
        guard !texts.isEmpty else {
            print("skipped: no shared corpus under \(shared.path)")
            return
        }
        let entities = try EntityExtractor()
        let quotes = QuoteExtractor()
        let roles = RoleExtractor()
        var prepared: [(Document, Analysis, Annotations)] = []
        for (index, text) in texts.enumerated() {
            let document = Document(id: "\(index)", source: DocumentSource(), format: .text, text: text)
            let analysis = TextAnalyzer().analyze(document)
            var annotations = Annotations()
            try entities.extract(document, analysis: analysis, into: &annotations)
            prepared.append((document, analysis, annotations))
        }
        let bytes = texts.reduce(0) { $0 + $1.utf8.count }
        var relations = 0
        var best = Double.infinity
        for _ in 0..<3 {
            let start = DispatchTime.now().uptimeNanoseconds
            relations = 0
            for (document, analysis, annotations) in prepared {
                var copy = annotations
                try quotes.extract(document, analysis: analysis, into: &copy)
                try roles.extract(document, analysis: analysis, into: &copy)
                relations += copy.relations.count
            }
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        let rate = Double(bytes) / 1e6 / best
        print(String(format: "quotes+roles: %d documents, %.2f MB, %d relations, %.3f s, %.1f MB/s",
                     texts.count, Double(bytes) / 1e6, relations, best, rate))
        #expect(relations > 0)
        #endif
    }
}
