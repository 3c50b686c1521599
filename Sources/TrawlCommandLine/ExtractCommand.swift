// Trawl — ExtractCommand.swift
// `trawl extract`: inputs → documents → extractors → JSON Lines or TSV.

import ArgumentParser
import Foundation
import Trawl

#if canImport(Glibc)
import Glibc
#endif

/// Runs the extractors over the inputs and writes one result per document.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract entities, quantities, dates and relations; one output line per input document.",
        discussion: """
            Every input document yields exactly one JSON line: a result, or an error record \
            {"id", "source", "error": {"kind", "message"}}. The exit status is 0 when every \
            document succeeded, 1 when some became error records, 2 on usage errors. \
            The output schema is docs/trawl-output.schema.json.

            Examples:
              trawl extract Examples/iraq-us-dialogue.fr.txt
              trawl extract --jobs 2 --output out.jsonl corpus/
              trawl extract --format tsv --offsets utf16 page.html
              trawl extract --lexicon people.lexicon --extractors lexicon notes/
              trawl extract crawl.warc.gz
              zcat crawl.warc.gz | trawl extract --input-format warc -
              curl -s https://example.org | trawl extract --input-format html -
            """)

    @OptionGroup(title: "Inputs") var input: InputOptions
    @OptionGroup(title: "Extractors") var selection: ExtractorOptions

    @Option(name: .customLong("format"), help: ArgumentHelp("Output format.", valueName: "jsonl|tsv"))
    var format: OutputFormat = .jsonl

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(name: .customLong("offsets"), help: ArgumentHelp(
        "Offset unit: scalar (Python string indices), utf16 (JavaScript) or utf8 (bytes).",
        valueName: "scalar|utf16|utf8"))
    var offsets: OffsetUnit = .scalar

    @Flag(name: .customLong("include-text"), help: "Include each document's text in its result.")
    var includeText = false

    @Flag(name: .customLong("source-offsets"), help: "Add source_start/source_end (byte offsets into the HTML source) to every span.")
    var sourceOffsets = false

    @Flag(name: [.customShort("q"), .customLong("quiet")], help: "Print neither the progress line nor the summary on standard error.")
    var quiet = false

    @Flag(name: .customLong("progress"), inversion: .prefixedNo, help: "Show a live progress line on standard error (default: when standard error is a terminal).")
    var progress: Bool? = nil

    func run() throws {
        let processor = try selection.makeProcessor(content: input.content)
        let writer = ResultWriter(format: format, offsets: offsets, includeText: includeText,
                                  includeSourceOffsets: sourceOffsets)
        let sink = try OutputSink(path: output)
        var summary = RunSummary()
        sink.write(writer.header)
        var buffer: [UInt8] = []
        let showProgress = !quiet && (progress ?? (isatty(STDERR_FILENO) == 1))
        let reporter = showProgress ? ProgressReporter(inputs: input.inputs) : nil
        Pipeline(jobs: selection.jobs).run(
            input.source,
            process: { processor.process($0) },
            skip: { summary.skipped[$0, default: 0] += 1 },
            deliver: { outcome in
                summary.count(outcome)
                switch outcome {
                case .extracted(let extraction): reporter?.record(extraction.document.source, summary: summary)
                case .failed(let failure): reporter?.record(failure.source, summary: summary)
                }
                buffer.removeAll(keepingCapacity: true)
                writer.write(outcome, to: &buffer)
                sink.write(buffer)
            })
        sink.close()
        reporter?.finish()
        if !quiet { FileHandle.standardError.write(Data((summary.line + "\n").utf8)) }
        if summary.failed > 0 { throw ExitCode(1) }
    }
}

/// Counts outcomes for the final summary line.
struct RunSummary {
    var extracted = 0
    var failed = 0
    var failureKinds: [String: Int] = [:]
    var skipped: [String: Int] = [:]
    var textBytes = 0
    let started = Date()

    mutating func count(_ outcome: DocumentOutcome) {
        switch outcome {
        case .extracted(let extraction):
            extracted += 1
            textBytes += extraction.analysis.bytes.count
        case .failed(let failure):
            failed += 1
            failureKinds[failure.kind, default: 0] += 1
        }
    }

    var line: String {
        let seconds = Date().timeIntervalSince(started)
        var parts = ["trawl: \(extracted + failed) documents: \(extracted) extracted, \(failed) errors"]
        if !failureKinds.isEmpty {
            parts[0] += " (" + failureKinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                .joined(separator: ", ") + ")"
        }
        let skippedTotal = skipped.values.reduce(0, +)
        if skippedTotal > 0 {
            parts.append("\(skippedTotal) records skipped (" + skipped.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
        }
        let megabytes = Double(textBytes) / 1_000_000
        parts.append(String(format: "%.2f MB of text in %.2f s", megabytes, seconds))
        return parts.joined(separator: "; ")
    }
}

/// A buffered byte sink on standard output or a file.
final class OutputSink {
    private let file: UnsafeMutablePointer<FILE>
    private let ownsFile: Bool

    init(path: String?) throws {
        if let path, path != "-" {
            guard let file = fopen(path, "wb") else {
                throw ValidationError("cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            self.file = file
            ownsFile = true
        } else {
            guard let file = fdopen(STDOUT_FILENO, "wb") else {
                throw ValidationError("cannot write to standard output")
            }
            self.file = file
            ownsFile = false
        }
    }

    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        bytes.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    func close() {
        fflush(file)
        if ownsFile { fclose(file) }
    }
}
