// Trawl — ReaderBenchmark.swift
// The reader's throughput against libxml2's bare push parser, both measured in one run.

import Trawl

/// Throughput of ``HTMLReader`` relative to libxml2 alone, for `trawl bench --stage reader`.
@_spi(Benchmarks)
public enum ReaderBenchmark: Sendable {
    /// Reads `bytes` as an HTML page and returns the length of its text (0 for a failure), so
    /// that callers can keep the work from being optimised away.
    public static func read(_ bytes: [UInt8]) -> Int {
        let raw = RawDocument(id: "benchmark", source: DocumentSource(), bytes: bytes, format: .html)
        return (try? HTMLReader().read(raw))?.text.utf8.count ?? 0
    }

    /// Measures, on one thread, libxml2's push parser with empty callbacks
    /// (``LibXML2Baseline/pushParse(_:)``) and the whole reader on the same pages.
    ///
    /// Each of the `repeats` rounds runs the baseline over every page, then the reader over
    /// every page; the figures are total bytes over total time, in MB/s (10⁶ bytes per second).
    /// Run it on a release build.
    /// - Returns: the baseline's and the reader's throughput.
    public static func measure(pages: [[UInt8]], repeats: Int) -> (baselineMBps: Double, readerMBps: Double) {
        let bytes = Double(pages.reduce(0) { $0 + $1.count } * max(repeats, 1))
        let clock = ContinuousClock()
        var baseline = Duration.zero, reader = Duration.zero
        var sink = 0
        for _ in 0..<max(repeats, 1) {
            baseline += clock.measure {
                for page in pages where LibXML2Baseline.pushParse(page) { sink &+= 1 }
            }
            reader += clock.measure {
                for page in pages { sink &+= read(page) }
            }
        }
        withExtendedLifetime(sink) {}
        func megabytesPerSecond(_ duration: Duration) -> Double {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
            return seconds > 0 ? bytes / seconds / 1e6 : 0
        }
        return (megabytesPerSecond(baseline), megabytesPerSecond(reader))
    }
}
