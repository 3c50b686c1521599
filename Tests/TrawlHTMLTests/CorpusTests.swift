// Trawl — CorpusTests.swift
// Every page of the shared corpus: no crash, a document or a clear failure, no mojibake.

import Foundation
import Testing
import Trawl
import TrawlHTML

@Suite struct CorpusTests {
    @Test(.enabled(if: TestData.corpusExists, "no shared corpus at ../shared/corpus/html"), .timeLimit(.minutes(5)))
    func everyCorpusPage() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestData.corpus.path)
            .filter { $0.hasSuffix(".html") && !$0.hasSuffix(".expected.html") }.sorted()
        #expect(files.count > 100)
        var failures: [String] = [], documents = 0
        for file in files {
            let raw = try TestData.raw(TestData.corpus.appendingPathComponent(file))
            do {
                let document = try HTMLReader(content: .all).read(raw)
                documents += 1
                for sequence in ["Ã©", "Ã¨", "Ã ", "â€™"] {
                    #expect(!document.text.contains(sequence), "\(file): mojibake \(sequence)")
                }
                #expect(!document.text.isEmpty, "\(file): no text")
                if let last = document.blocks.last { #expect(last.span.end == document.text.utf8.count, "\(file)") }
                let check = OffsetCheck(document, source: raw.bytes)
                #expect(check.mismatches.isEmpty, "\(file): \(check)")
            } catch {
                #expect(!error.kind.isEmpty && !error.message.isEmpty)
                failures.append(error.description)
            }
        }
        print("corpus: \(documents) documents, \(failures.count) failures \(failures)")
        #expect(documents + failures.count == files.count)
    }

    @Test func reportsWhyTheCorpusIsSkipped() {
        if !TestData.corpusExists {
            print("CorpusTests: skipped, no shared corpus at \(TestData.corpus.path)")
        }
    }
}
