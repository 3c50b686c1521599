// Trawl — BenchCommand.swift
// `trawl bench`: time every stage of the pipeline on the user's own inputs, without output.

import ArgumentParser
import Dispatch
import Foundation
import Trawl
import TrawlArchive
@_spi(Benchmarks) import TrawlHTML

#if canImport(Glibc)
import Glibc
#endif

/// Measures reading, analysis and each extractor on in-memory inputs.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the speed of each stage and extractor on your inputs (no output is written).",
        discussion: """
            Inputs are loaded into memory first, so disk speed is not measured. Each stage's \
            time is the CPU time of the worker threads (other processes do not inflate it); throughput is computed from input bytes for \
            the reader and from text bytes for the other stages. Build in release mode \
            (swift build -c release) before trusting the figures.

            Examples:
              trawl bench Examples/iraq-us-dialogue.fr.txt --repeat 200
              trawl bench --baseline --repeat 3 ../shared/corpus/html
              trawl bench --jobs 2 --extractors lexicon --lexicon names.lexicon pages/
            """)

    @OptionGroup(title: "Inputs") var input: InputOptions
    @OptionGroup(title: "Extractors") var selection: ExtractorOptions

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Process the inputs this many times.", valueName: "n"))
    var repeats = 1

    @Flag(name: .customLong("baseline"), help: "Also time libxml2's push parser with empty callbacks on the HTML inputs, and compare the reader to it.")
    var baseline = false

    mutating func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1.") }
    }

    /// Per-worker totals.
    struct Totals {
        var reading: Duration = .zero
        var engine: EngineTimings
        var documents = 0
        var failures = 0
        var inputBytes = 0
        var textBytes = 0
        var words = 0

        mutating func add(_ other: Totals) {
            reading += other.reading
            engine.add(other.engine)
            documents += other.documents
            failures += other.failures
            inputBytes += other.inputBytes
            textBytes += other.textBytes
            words += other.words
        }
    }

    /// Sums the workers' totals.
    final class Collector: @unchecked Sendable {
        private let lock = NSLock()
        private var sum: Totals
        init(_ initial: Totals) { sum = initial }
        func add(_ totals: Totals) { lock.withLock { sum.add(totals) } }
        var totals: Totals { lock.withLock { sum } }
    }

    func run() throws {
        let processor = try selection.makeProcessor(content: input.content)
        let engine = processor.engine
        var raws: [RawDocument] = []
        var unreadable = 0, skipped = 0
        for item in input.source {
            switch item {
            case .document(let raw): raws.append(raw)
            case .failure: unreadable += 1
            case .skipped: skipped += 1
            }
        }
        guard !raws.isEmpty else { throw ValidationError("No readable document among the inputs.") }
        let jobs = selection.jobs ?? 1
        let clock = ContinuousClock()
        let slices = (0..<jobs).map { worker in Array(stride(from: worker, to: raws.count, by: jobs)) }
        let collector = Collector(Totals(engine: engine.makeTimings()))
        let inputs = raws
        let wall = clock.measure {
            DispatchQueue.concurrentPerform(iterations: jobs) { worker in
                var totals = Totals(engine: engine.makeTimings())
                var timings: EngineTimings? = engine.makeTimings()
                for _ in 0..<repeats {
                    for index in slices[worker] {
                        let raw = inputs[index]
                        let start = ThreadCPUTime.now()
                        let document: Document
                        do throws(DocumentFailure) {
                            document = try processor.read(raw)
                        } catch {
                            totals.failures += 1
                            continue
                        }
                        totals.reading += ThreadCPUTime.now() - start
                        let extraction = engine.process(document, timings: &timings)
                        totals.documents += 1
                        totals.inputBytes += raw.bytes.count
                        totals.textBytes += extraction.analysis.bytes.count
                        totals.words += extraction.analysis.tokens.lazy.filter { $0.kind == .word }.count
                    }
                }
                totals.engine = timings ?? totals.engine
                collector.add(totals)
            }
        }
        let totals = collector.totals
        print(report(totals, wall: wall, jobs: jobs, engine: engine, unreadable: unreadable, skipped: skipped))
        if baseline {
            let pages = raws.filter { $0.format == .html }.map(\.bytes)
            if pages.isEmpty {
                print("\nbaseline: no HTML inputs")
            } else {
                let (libxml2, reader) = ReaderBenchmark.measure(pages: pages, repeats: repeats)
                print(String(format: "\nHTML reader vs libxml2 push parser (empty callbacks), one thread, %d pages:",
                             pages.count))
                print(String(format: "  libxml2 push parser  %8.1f MB/s", libxml2))
                print(String(format: "  Trawl HTML reader    %8.1f MB/s  (%.0f %% of libxml2)", reader, reader / libxml2 * 100))
            }
        }
    }

    /// This process's peak resident set (`VmHWM` in `/proc/self/status`), in KB. Unlike
    /// `getrusage`, it does not include a parent's peak inherited across `exec`.
    static func peakResidentKilobytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        }
        return nil
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private func report(_ totals: Totals, wall: Duration, jobs: Int, engine: Engine, unreadable: Int, skipped: Int) -> String {
        var rows: [(String, Duration, Int)] = [("read (HTML/text → document)", totals.reading, totals.inputBytes),
                                               ("analysis (tokens, sentences, language)", totals.engine.analysis, totals.textBytes)]
        for (index, extractor) in engine.extractors.enumerated() {
            rows.append(("extractor: \(extractor.name)", totals.engine.extractors[index], totals.textBytes))
        }
        rows.append(("entity grouping", totals.engine.finishing, totals.textBytes))
        let cpu = rows.reduce(Duration.zero) { $0 + $1.1 }
        var lines = [String(format: "%d documents × %d repeats (%d failed to read, %d unreadable inputs, %d skipped records); %d job(s)",
                            totals.documents / max(repeats, 1), repeats, totals.failures / max(repeats, 1), unreadable, skipped, jobs)]
        lines.append(String(format: "input %.2f MB, text %.2f MB, %d words per pass",
                            Double(totals.inputBytes) / 1e6 / Double(repeats), Double(totals.textBytes) / 1e6 / Double(repeats),
                            totals.words / repeats))
        lines.append("")
        lines.append("stage".padding(toLength: 42, withPad: " ", startingAt: 0) + "   cpu s   share      MB/s    docs/s     words/s")
        for (name, duration, bytes) in rows {
            let time = seconds(duration)
            lines.append(name.padding(toLength: 42, withPad: " ", startingAt: 0) + String(
                format: " %7.3f  %5.1f%%  %8.1f  %8.0f  %10.0f", time, seconds(cpu) > 0 ? time / seconds(cpu) * 100 : 0,
                time > 0 ? Double(bytes) / time / 1e6 : 0, time > 0 ? Double(totals.documents) / time : 0,
                time > 0 ? Double(totals.words) / time : 0))
        }
        let wallSeconds = seconds(wall)
        lines.append("")
        lines.append(String(format: "total: %.3f s wall, %.3f s cpu; %.1f MB/s of input, %.0f docs/s, %.0f words/s (%.0f words/s per core)",
                            wallSeconds, seconds(cpu), Double(totals.inputBytes) / wallSeconds / 1e6,
                            Double(totals.documents) / wallSeconds, Double(totals.words) / wallSeconds,
                            Double(totals.words) / max(seconds(cpu), 1e-9)))
        if let peak = BenchCommand.peakResidentKilobytes() {
            lines.append(String(format: "peak memory: %.1f MB", Double(peak) / 1024))
        }
        return lines.joined(separator: "\n")
    }
}
