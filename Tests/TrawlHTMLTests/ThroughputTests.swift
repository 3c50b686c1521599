// Trawl — ThroughputTests.swift
// The reader against libxml2's bare push parser on the corpus: on demand, in release builds.

import Foundation
import Testing
@_spi(Benchmarks) import TrawlHTML

@Suite struct ThroughputTests {
    /// Set `TRAWL_READER_BENCH=<repeats>` and build in release to measure, e.g.
    /// `TRAWL_READER_BENCH=5 swift test -c release -Xswiftc -enable-testing --filter ThroughputTests`.
    static let repeats = ProcessInfo.processInfo.environment["TRAWL_READER_BENCH"].flatMap { Int($0) }

    @Test(.enabled(if: repeats != nil && TestData.corpusExists, "set TRAWL_READER_BENCH and have the shared corpus"))
    func readerKeepsHalfOfLibXML2Throughput() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: TestData.corpus.path)
            .filter { $0.hasSuffix(".html") && !$0.hasSuffix(".expected.html") }.sorted()
        let pages = try files.map { try TestData.bytes(TestData.corpus.appendingPathComponent($0)) }
        _ = ReaderBenchmark.measure(pages: pages, repeats: 1)
        let (baseline, reader) = ReaderBenchmark.measure(pages: pages, repeats: Self.repeats ?? 1)
        let megabytes = Double(pages.reduce(0) { $0 + $1.count }) / 1e6
        print(String(format: "reader throughput: %d pages, %.1f MB; libxml2 push parser %.1f MB/s, reader %.1f MB/s, ratio %.2f",
                     pages.count, megabytes, baseline, reader, reader / baseline))
        #expect(reader >= baseline / 2)
    }
}
