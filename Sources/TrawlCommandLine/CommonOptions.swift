// Trawl — CommonOptions.swift
// Options shared by the commands that read inputs and run extractors.

import ArgumentParser
import Foundation
import Trawl
import TrawlArchive
import TrawlExtractors
import TrawlHTML
import TrawlRules

extension OutputFormat: ExpressibleByArgument {}
extension OffsetUnit: ExpressibleByArgument {}
extension ContentMode: ExpressibleByArgument {}

/// How inputs are found and read.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(
        "Files, directories (walked recursively) and '-' for standard input.",
        valueName: "input"))
    var inputs: [String] = []

    @Option(name: .customLong("include"), help: ArgumentHelp(
        "A file-name pattern kept when walking directories (repeatable). Default: *.html *.htm *.xhtml *.txt, the same with .gz, and *.warc *.warc.gz *.arc *.arc.gz.",
        valueName: "glob"))
    var include: [String] = []

    @Option(name: .customLong("input-format"), help: ArgumentHelp(
        "Read every input as 'html' or 'text' (one document each, gzip or not), 'warc' (WARC/ARC archives) or 'jsonl' (one {\"id\", \"html\"|\"text\", \"url\"?, \"date\"?} object per line); 'auto' recognises archives by content, then decides by extension, then by content.",
        valueName: "auto|html|text|warc|jsonl"))
    var inputFormat: String = "auto"

    @Option(name: .customLong("content"), help: ArgumentHelp(
        "For HTML: 'main' keeps the main content (the article, without menus, link lists, footers and banners); 'all' keeps all visible text.",
        valueName: "main|all"))
    var content: ContentMode = .main

    @Option(name: .customLong("max-bytes"), help: ArgumentHelp(
        "Documents larger than this (a file, decompressed; an archive record; a JSON line) become 'too_large' error records.", valueName: "n"))
    var maxBytes: Int = 512 << 20

    mutating func validate() throws {
        guard !inputs.isEmpty else {
            throw ValidationError("No input given. Name files or directories, or '-' to read standard input.")
        }
        guard SourceFormat(rawValue: inputFormat) != nil else {
            throw ValidationError("--input-format must be auto, html, text, warc or jsonl, not '\(inputFormat)'.")
        }
        guard maxBytes > 0 else { throw ValidationError("--max-bytes must be positive.") }
    }

    /// The source walking the inputs.
    var source: FileSource {
        FileSource(inputs: inputs, include: include, sourceFormat: SourceFormat(rawValue: inputFormat) ?? .auto,
                   maxBytes: maxBytes)
    }
}

/// Which extractors run, and their configuration.
struct ExtractorOptions: ParsableArguments {
    @Option(name: .customLong("extractors"), help: ArgumentHelp(
        "Comma-separated extractor names (see 'trawl extractors'). Default: every default extractor, plus 'lexicon' when --lexicon is given.",
        valueName: "a,b,…"))
    var extractors: String?

    @Option(name: .customLong("lexicon"), help: ArgumentHelp(
        "A lexicon file for the 'lexicon' extractor (repeatable): one phrase per line, '@label X' sets the label.",
        valueName: "file"))
    var lexicons: [String] = []

    @Option(name: .customLong("plugin"), help: ArgumentHelp(
        "A shared library of extractors to load (repeatable), built against this very build of Trawl; see docs/ARCHITECTURE.md.",
        valueName: "lib.so"))
    var plugins: [String] = []

    @Option(name: .customLong("rules"), help: ArgumentHelp(
        "A rules file (YAML or JSON) for the 'rules' extractor (repeatable): phrase lists and token patterns producing entities and relations; adds 'rules' to the extractors. See docs/rules.md.",
        valueName: "file"))
    var rules: [String] = []

    @Option(name: [.customShort("j"), .customLong("jobs")], help: ArgumentHelp(
        "Worker threads. Default: all cores.", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("reference-date"), help: ArgumentHelp(
        "The date relative dates ('hier', 'last June') are resolved against, for documents whose own date (HTML metadata, WARC-Date) is unknown.",
        valueName: "yyyy-mm-dd"))
    var referenceDate: String?

    mutating func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
        if let referenceDate {
            let bytes = Array(referenceDate.utf8)
            let shape = bytes.count == 10 && bytes.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (0x30...0x39).contains(byte)
            }
            guard shape else { throw ValidationError("--reference-date must be yyyy-mm-dd, not '\(referenceDate)'.") }
        }
    }

    /// The selected extractor names in `registry` (empty: the defaults).
    func names(in registry: ExtractorRegistry) -> [String] {
        var names = (extractors ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if extractors == nil, !lexicons.isEmpty {
            names = registry.descriptors.filter(\.isDefault).map(\.name) + ["lexicon"]
        }
        if !rules.isEmpty, !names.contains("rules") {
            if names.isEmpty { names = registry.descriptors.filter(\.isDefault).map(\.name) }
            names.append("rules")
        }
        return names
    }

    /// Builds the engine from `registry`, the plugins and the rules files, turning configuration
    /// problems into usage errors.
    func makeEngine(registry: ExtractorRegistry = TrawlCommand.registry) throws -> Engine {
        do {
            var registry = registry
            for plugin in plugins { try ExtractorPlugin.load(plugin, into: &registry) }
            if !rules.isEmpty, !registry.descriptors.contains(where: { $0.name == "rules" }) {
                registry.register(RulesExtractor.descriptor)
            }
            let extractors = try registry.makeExtractors(
                named: names(in: registry), options: Trawl.ExtractorOptions(["lexicon": lexicons, "rules": rules]))
            return try Engine(extractors: extractors)
        } catch {
            throw ValidationError(String(describing: error))
        }
    }

    /// The processor for these options.
    func makeProcessor(content: ContentMode, registry: ExtractorRegistry = TrawlCommand.registry) throws -> DocumentProcessor {
        DocumentProcessor(engine: try makeEngine(registry: registry), referenceDate: referenceDate,
                          htmlReader: HTMLReader(content: content))
    }
}

/// Turns raw inputs into outcomes: picks the reader by format, then runs the engine.
struct DocumentProcessor: Sendable {
    let engine: Engine
    /// The document date for documents that have none of their own.
    var referenceDate: String? = nil
    var htmlReader = HTMLReader()
    let textReader = TextReader()

    /// Reads `raw` into a document, dated with the reference date when it has no date.
    func read(_ raw: RawDocument) throws(DocumentFailure) -> Document {
        var document = switch raw.format {
        case .html: try htmlReader.read(raw)
        case .text: try textReader.read(raw)
        }
        if document.date == nil { document.date = referenceDate }
        return document
    }

    func process(_ raw: RawDocument) -> DocumentOutcome {
        do throws(DocumentFailure) {
            return .extracted(engine.process(try read(raw)))
        } catch {
            return .failed(error)
        }
    }
}
