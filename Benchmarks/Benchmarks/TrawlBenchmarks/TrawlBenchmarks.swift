// Trawl — TrawlBenchmarks.swift
// package-benchmark targets: the HTML reader (and libxml2's bare push parser), text analysis,
// each built-in extractor, and end to end (WARC gzip, HTML or text → all built-in extractors →
// JSON Lines).
//
// Inputs: the sample committed in Benchmarks/Data (20 French and English pages, 2 MB; the same
// pages as a gzip-per-record WARC, sample.warc.gz; and the French example text). Environment:
//   TRAWL_BENCH_FULL=1      also run `end_to_end_warc_gz_full` on ../shared/corpus/bench/pages.warc.gz
//   TRAWL_BENCH_WARC=FILE   … on this archive instead
//   TRAWL_BENCH_HTML=DIR    read the pages of every HTML benchmark from DIR instead of Data/html
// (the allocation thresholds hold for the committed sample only).
//
// Every benchmark measures one pass over its whole input per iteration. Metrics: wall clock,
// throughput (iterations/s), the custom `MB/s×1000` (input kilobytes per second) and `words/s`
// (whitespace-separated words of the document text per second, counted as Python's str.split
// does, so that the figures compare with Benchmarks/compare/spacy_compare.py), peak resident
// memory and malloc counts. CI checks only mallocCountTotal against Benchmarks/Thresholds; the
// throughput figures are for people to read (the machines are shared and noisy).

import Benchmark
import Foundation
import Trawl
import TrawlArchive
import TrawlExtractors
@_spi(Benchmarks) import TrawlHTML

// MARK: Inputs

/// The folder holding this package (Benchmarks/), found from this file's path.
private let packageDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

private let environment = ProcessInfo.processInfo.environment

/// The HTML pages, in file-name order.
private let pages: [RawDocument] = {
    let directory = environment["TRAWL_BENCH_HTML"].map { URL(fileURLWithPath: $0) }
        ?? packageDirectory.appendingPathComponent("Data/html")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".html") || $0.hasSuffix(".htm") }.sorted().compactMap { name in
        guard let data = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path) else {
            return nil
        }
        return RawDocument(id: name, source: DocumentSource(path: name), bytes: Array(data), format: .html)
    }
}()

/// The French example text (Examples/iraq-us-dialogue.fr.txt).
private let exampleText: RawDocument = {
    let data = FileManager.default.contents(atPath: packageDirectory.appendingPathComponent("Data/iraq-us-dialogue.fr.txt").path)
    return RawDocument(id: "iraq-us-dialogue.fr.txt", source: DocumentSource(path: "iraq-us-dialogue.fr.txt"),
                       bytes: Array(data ?? Data()), format: .text)
}()

/// The sample pages as a WARC file, one gzip member per record (Data/make_sample_warc.py).
private let sampleWARC = packageDirectory.appendingPathComponent("Data/sample.warc.gz").path

/// The full-size archive, when asked for.
private let fullWARC: String? = {
    if let path = environment["TRAWL_BENCH_WARC"] { return path }
    guard environment["TRAWL_BENCH_FULL"] != nil else { return nil }
    return packageDirectory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpus/bench/pages.warc.gz").path
}()

/// Payload bytes and words of the documents of an archive (one untimed pass).
private func archiveSizes(_ path: String) -> (bytes: Int, words: Int) {
    var bytes = 0, wordTotal = 0
    for case .document(let raw) in WARCSource(path: path) {
        bytes += raw.bytes.count
        let document = raw.format == .html ? try? HTMLReader().read(raw) : try? TextReader().read(raw)
        wordTotal += document.map { wordCount($0.text) } ?? 0
    }
    return (bytes, wordTotal)
}

/// The pages read into documents (text, blocks).
private let pageDocuments: [Document] = pages.compactMap { try? HTMLReader().read($0) }

/// The example text read into a document.
private let exampleDocument: Document = (try? TextReader().read(exampleText))
    ?? Document(id: "empty", source: DocumentSource(), format: .text, text: "")

/// The default built-in extractors (today entities, quantities, dates, quotes and roles), in the
/// order the engine runs them.
private let engine: Engine = {
    do {
        return try Engine(extractors: ExtractorRegistry.builtIn.makeExtractors())
    } catch {
        fatalError("cannot build the engine: \(error)")
    }
}()

/// Each page's analysis, computed once for the extractor benchmarks.
private let pageAnalyses: [Analysis] = pageDocuments.map { engine.analyzer.analyze($0) }

/// For extractor `index`, each page's annotations as produced by the extractors that run before
/// it, so that an extractor that reads earlier layers (quotes read entities) sees them.
private func annotationsBefore(extractor index: Int) -> [Annotations] {
    zip(pageDocuments, pageAnalyses).map { document, analysis in
        var annotations = Annotations()
        for extractor in engine.extractors[..<index] where handles(extractor, analysis) {
            try? extractor.extract(document, analysis: analysis, into: &annotations)
        }
        return annotations
    }
}

/// Whether the engine would run `extractor` on a document of this analysis's language.
private func handles(_ extractor: any Extractor, _ analysis: Analysis) -> Bool {
    extractor.languages.map { $0.contains(analysis.language) } ?? true
}

/// Words as Python's `str.split()` counts them: maximal runs of non-whitespace scalars.
private func wordCount(_ text: String) -> Int {
    var count = 0
    var inWord = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value) {
            inWord = false
        } else if !inWord {
            inWord = true
            count += 1
        }
    }
    return count
}

private func totalBytes(_ documents: [RawDocument]) -> Int { documents.reduce(0) { $0 + $1.bytes.count } }
private func textBytes(_ documents: [Document]) -> Int { documents.reduce(0) { $0 + $1.text.utf8.count } }
private func words(_ documents: [Document]) -> Int { documents.reduce(0) { $0 + wordCount($1.text) } }

// MARK: Metrics

extension BenchmarkMetric {
    /// Input throughput in kB/s (10³ bytes per second): MB/s × 1000, kept integral.
    static let kilobytesPerSecond = BenchmarkMetric.custom("MB/s×1000", polarity: .prefersLarger, useScalingFactor: false)
    /// Words of document text per second (whitespace-separated, as Python's str.split()).
    static let wordsPerSecond = BenchmarkMetric.custom("words/s", polarity: .prefersLarger, useScalingFactor: false)
}

/// Wall clock, throughput, input rate, word rate, peak memory and malloc counts; in CI
/// (`--metric mallocCountTotal`), only the malloc count is measured and checked.
private let metrics: [BenchmarkMetric] = [
    .wallClock, .throughput, .kilobytesPerSecond, .wordsPerSecond, .peakMemoryResident, .mallocCountTotal,
]

/// Allocation counts are nearly deterministic (they vary by a few allocations with hashing
/// order): a 5 % margin either way around the recorded p90. Past it, `thresholds check` fails,
/// for a regression and for an improvement alike (then record the new counts).
private var thresholds: [BenchmarkMetric: BenchmarkThresholds] {
    [.mallocCountTotal: .init(relative: [.p90: 5.0])]
}

/// At most `maxIterations` passes or `maxDuration` per benchmark, after one warm-up pass.
private func configuration(maxIterations: Int, maxDuration: Duration, timeUnits: BenchmarkTimeUnits)
    -> Benchmark.Configuration
{
    .init(metrics: metrics, timeUnits: timeUnits, warmupIterations: 1, scalingFactor: .one,
          maxDuration: maxDuration, maxIterations: maxIterations, thresholds: thresholds)
}

/// Registers a benchmark that runs `body` once per iteration over inputs of `bytes` bytes and
/// `words` words, reporting the input and word rates from the measured time. `prepare` runs
/// outside the measurement (loading models, computing earlier layers).
private func measure(_ name: String, bytes: @escaping @Sendable () -> Int, words: @escaping @Sendable () -> Int,
                     maxIterations: Int = 20, maxDuration: Duration = .seconds(2),
                     prepare: @escaping @Sendable () -> Void = {},
                     _ body: @escaping @Sendable () -> Int) {
    let sizes = UnsafeLazy { () -> (bytes: Int, words: Int) in
        prepare()
        return (bytes(), words())
    }
    let timeUnits: BenchmarkTimeUnits = maxIterations > 20 ? .microseconds : .milliseconds
    let configuration = configuration(maxIterations: maxIterations, maxDuration: maxDuration, timeUnits: timeUnits)
    Benchmark(name, configuration: configuration) { benchmark in
        let (byteCount, wordTotal) = sizes.value
        let clock = ContinuousClock()
        benchmark.startMeasurement()
        let start = clock.now
        let sink = body()
        let elapsed = clock.now - start
        benchmark.stopMeasurement()
        blackHole(sink)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        if seconds > 0 {
            benchmark.measurement(.kilobytesPerSecond, Int(Double(byteCount) / seconds / 1e3))
            benchmark.measurement(.wordsPerSecond, Int(Double(wordTotal) / seconds))
        }
    }
}

/// Loads the extractors' models and lexicons before a measurement.
private func loadEngine() { _ = engine.extractors.count }

// MARK: Benchmarks

let benchmarks: @Sendable () -> Void = {
    // HTML reader: input rate over HTML bytes.
    measure("html_reader", bytes: { totalBytes(pages) }, words: { words(pageDocuments) }) {
        let reader = HTMLReader()
        var sink = 0
        for page in pages { sink &+= (try? reader.read(page))?.text.utf8.count ?? 0 }
        return sink
    }
    // libxml2's push parser with empty callbacks on the same pages: the floor for the reader.
    measure("libxml2_push_baseline", bytes: { totalBytes(pages) }, words: { words(pageDocuments) }) {
        var sink = 0
        for page in pages where LibXML2Baseline.pushParse(page.bytes) { sink &+= 1 }
        return sink
    }

    // Tokenizer + sentence splitter + language identification: input rate over text bytes.
    measure("text_analyzer_pages", bytes: { textBytes(pageDocuments) }, words: { words(pageDocuments) },
            prepare: loadEngine) {
        var sink = 0
        for document in pageDocuments { sink &+= engine.analyzer.analyze(document).tokens.count }
        return sink
    }
    measure("text_analyzer_example_fr", bytes: { textBytes([exampleDocument]) },
            words: { words([exampleDocument]) }, maxIterations: 200, prepare: loadEngine) {
        engine.analyzer.analyze(exampleDocument).tokens.count
    }

    // Each default extractor on the analysed page texts, given what the earlier ones produced.
    // Names come from the registry, so that listing the benchmarks does not load the models.
    for name in ExtractorRegistry.builtIn.descriptors.filter(\.isDefault).map(\.name) {
        let prepared = UnsafeLazy { () -> (extractor: any Extractor, before: [Annotations]) in
            guard let index = engine.extractors.firstIndex(where: { $0.name == name }) else {
                fatalError("no extractor '\(name)' in the engine")
            }
            return (engine.extractors[index], annotationsBefore(extractor: index))
        }
        measure("extractor_\(name)", bytes: { textBytes(pageDocuments) }, words: { words(pageDocuments) },
                prepare: { _ = prepared.value }) {
            let (extractor, before) = prepared.value
            var sink = 0
            for (page, (document, analysis)) in zip(pageDocuments, pageAnalyses).enumerated()
            where handles(extractor, analysis) {
                var annotations = before[page]
                try? extractor.extract(document, analysis: analysis, into: &annotations)
                sink &+= annotations.mentions.count &+ annotations.quantities.count &+ annotations.dates.count
                    &+ annotations.relations.count
            }
            return sink
        }
    }

    // End to end: bytes → document → analysis → every default extractor → JSON Lines in memory.
    measure("end_to_end_html_jsonl", bytes: { totalBytes(pages) }, words: { words(pageDocuments) },
            prepare: loadEngine) {
        endToEnd(pages)
    }
    // The same pages from a WARC file (gzip per record): decompression, record and HTTP parsing
    // included. The input rate is over the pages' (decompressed) HTML bytes.
    let sampleSizes = UnsafeLazy { archiveSizes(sampleWARC) }
    measure("end_to_end_warc_gz_jsonl", bytes: { sampleSizes.value.bytes }, words: { sampleSizes.value.words },
            prepare: loadEngine) {
        endToEnd(archive: sampleWARC)
    }
    if let fullWARC {
        let fullSizes = UnsafeLazy { archiveSizes(fullWARC) }
        measure("end_to_end_warc_gz_full", bytes: { fullSizes.value.bytes }, words: { fullSizes.value.words },
                maxIterations: 3, maxDuration: .seconds(30), prepare: loadEngine) {
            endToEnd(archive: fullWARC)
        }
    }
    measure("end_to_end_text_jsonl_example_fr", bytes: { totalBytes([exampleText]) },
            words: { words([exampleDocument]) }, maxIterations: 200, prepare: loadEngine) {
        endToEnd([exampleText])
    }
}

/// Reads, extracts and serialises `inputs` as `trawl extract` does, on one thread; returns the
/// number of JSON Lines bytes.
private func endToEnd<Items: Sequence<SourceItem>>(_ items: Items) -> Int {
    let htmlReader = HTMLReader(), textReader = TextReader()
    let writer = ResultWriter()
    var output: [UInt8] = []
    output.reserveCapacity(1 << 16)
    var written = 0
    for item in items {
        let outcome: DocumentOutcome
        switch item {
        case .document(let raw):
            do throws(DocumentFailure) {
                let document = raw.format == .html ? try htmlReader.read(raw) : try textReader.read(raw)
                outcome = .extracted(engine.process(document))
            } catch {
                outcome = .failed(error)
            }
        case .failure(let failure):
            outcome = .failed(failure)
        case .skipped:
            continue
        }
        writer.write(outcome, to: &output)
        written &+= output.count
        output.removeAll(keepingCapacity: true)
    }
    return written
}

private func endToEnd(_ inputs: [RawDocument]) -> Int { endToEnd(inputs.lazy.map { SourceItem.document($0) }) }

/// `trawl extract ARCHIVE`, on one thread, without the output file.
private func endToEnd(archive path: String) -> Int { endToEnd(WARCSource(path: path)) }

/// A value computed on first use and then shared (benchmarks run one at a time).
private final class UnsafeLazy<Value>: @unchecked Sendable {
    private let make: () -> Value
    private var stored: Value?
    init(_ make: @escaping () -> Value) { self.make = make }
    var value: Value {
        if let stored { return stored }
        let made = make()
        stored = made
        return made
    }
}
