// Trawl — WARCThroughputTests.swift
// Reading the standard benchmark archive: every page comes out, fast, in flat memory.

import Foundation
import Testing
import Trawl
@testable import TrawlArchive

@Suite struct WARCThroughputTests {
    /// Peak resident set size of this process so far, in bytes (`VmHWM`), or `nil` off Linux.
    static func peakResidentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }.map { $0 * 1024 }
    }

    /// `../shared/corpus/bench/pages.warc.gz`: 530 pages, ≈ 100 MB of HTML, a gzip member per
    /// record. Prints read + decompress + HTTP decoding throughput (run it with `-c release`
    /// for the figure that counts: `swift test -c release --filter WARCThroughput`).
    @Test(.timeLimit(.minutes(5)))
    func benchmarkArchiveReadsInFlatMemory() throws {
        guard let corpus = WARCCorpusTests.corpus else {
            print("WARCThroughputTests: ../shared/corpus not found beside the package; skipping")
            return
        }
        let path = corpus.appendingPathComponent("bench/pages.warc.gz").path
        guard FileManager.default.fileExists(atPath: path) else {
            print("WARCThroughputTests: \(path) not found; skipping")
            return
        }
        let before = Self.peakResidentBytes() ?? 0
        let started = Date()
        var documents = 0, payloadBytes = 0, other = 0
        for item in WARCSource(path: path) {
            switch item {
            case .document(let raw):
                documents += 1
                payloadBytes += raw.bytes.count
                #expect(raw.id.hasPrefix(path + "#") && raw.source.offset != nil && raw.date != nil)
            case .skipped, .failure:
                other += 1
            }
        }
        let seconds = Date().timeIntervalSince(started)
        let compressed = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let growth = (Self.peakResidentBytes() ?? 0) - before
        print(String(format: "WARCThroughputTests: %d documents, %.1f MB of payload (%.1f MB compressed) in %.2f s: %.1f MB/s of payload; peak RSS grew %.1f MB",
                     documents, Double(payloadBytes) / 1e6, Double(compressed) / 1e6, seconds,
                     Double(payloadBytes) / 1e6 / seconds, Double(growth) / 1e6))
        #expect(documents == 530)
        #expect(other == 1)  // the warcinfo record
        // Buffers stay bounded by the largest record, never the file.
        #expect(growth < 64 << 20)
    }
}
