// Trawl — EvaluateCommand.swift
// `trawl evaluate ner|quantities|dates`: score the extractors against gold files.

import ArgumentParser
import Foundation
import Trawl
import TrawlExtractors
import TrawlHTML

/// Scores extractors against gold data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score an extractor against gold data (precision, recall, F1).",
        subcommands: [EvaluateNER.self, EvaluateQuantities.self, EvaluateDates.self, EvaluateQuotes.self, EvaluateContent.self])
}

/// Runs a library evaluation, turning its errors into readable failures (exit status 1).
func runEvaluation(_ body: () throws -> String) throws {
    let report: String
    do {
        report = try body()
    } catch {
        FileHandle.standardError.write(Data("trawl: \(error)\n".utf8))
        throw ExitCode(1)
    }
    print(report)
}

/// `trawl evaluate ner`.
struct EvaluateNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Exact-span precision, recall and F1 per label and micro-averaged over PER, ORG, LOC (conlleval-style).",
        discussion: """
            The gold format is that of ../shared/data/ner: JSON Lines (optionally gzipped), one \
            text per line with "entities": [{"start", "end", "label"}] in code points. Each text \
            goes through the whole pipeline (tokenizer, language identification, entity \
            extractor); with --tagger-only the bundled tagger runs on the gold tokens instead.

            Examples:
              trawl evaluate ner --lang fr --gold ../shared/data/ner/wikineural-fr.dev.jsonl.gz
              trawl evaluate ner --lang en --tagger-only --gold ../shared/data/ner/wikineural-en.dev.jsonl.gz
            """)

    @Option(help: ArgumentHelp("The gold file (.jsonl or .jsonl.gz).", valueName: "file"))
    var gold: String

    @Option(name: .customLong("lang"), help: ArgumentHelp(
        "The language of the gold texts, used when identification is unsure.", valueName: "fr|en"))
    var language: String = "fr"

    @Option(help: ArgumentHelp("Evaluate only the first n texts.", valueName: "n"))
    var limit: Int?

    @Flag(name: .customLong("tagger-only"), help: "Score the statistical tagger alone on the gold tokens.")
    var taggerOnly = false

    func run() throws {
        try runEvaluation {
            let language = Language(rawValue: self.language)
            if taggerOnly {
                guard let model = try NERModel.bundled(for: language) else {
                    throw ValidationError("no bundled model for language '\(language)'")
                }
                return try NEREvaluation.evaluateTagger(model, goldFile: gold, limit: limit).description
            }
            return try NEREvaluation.evaluate(goldFile: gold, language: language, limit: limit).description
        }
    }
}

/// `trawl evaluate quantities`.
struct EvaluateQuantities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quantities",
        abstract: "Span P/R/F1 and value accuracy per kind and language on Recognizers-Text or quantulum3 cases.",
        discussion: """
            The gold format is that of ../shared/data/quantities (see its README). Rows marked \
            'reference' count only the cases that Recognizers-Text's own implementation passes.

            Example:
              trawl evaluate quantities --gold ../shared/data/quantities/recognizers-text.fr.jsonl
            """)

    @Option(help: ArgumentHelp("The gold file (.jsonl).", valueName: "file"))
    var gold: String

    func run() throws {
        try runEvaluation { try QuantityEvaluation.evaluate(goldFile: gold).description }
    }
}

/// `trawl evaluate dates`.
struct EvaluateDates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dates",
        abstract: "Span P/R/F1 and value accuracy of dates and times on Recognizers-Text cases.",
        discussion: """
            The gold format is that of ../shared/data/dates (see its README).

            Example:
              trawl evaluate dates --gold ../shared/data/dates/recognizers-text.en.jsonl
            """)

    @Option(help: ArgumentHelp("The gold file (.jsonl).", valueName: "file"))
    var gold: String

    func run() throws {
        try runEvaluation { try DateEvaluation.evaluate(goldFile: gold).description }
    }
}

/// `trawl evaluate content`.
struct EvaluateContent: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "content",
        abstract: "Main-content extraction: precision, recall and F1 against gold main texts, and pages per second.",
        discussion: """
            Scores every *.html page that has a *.gold.txt beside it, as the ScrapingHub \
            article-extraction-benchmark does: multisets of 4-word shingles per page, precision \
            and recall averaged over pages, F1 their harmonic mean. Speed is pages read (not scored) \
            per second of the reading thread's CPU time, so other processes do not skew it; build \
            in release mode for it.

            Examples:
              trawl evaluate content --gold-dir ../shared/corpus/html
              trawl evaluate content --content all --gold-dir ../shared/corpus/html
            """)

    @Option(name: .customLong("gold-dir"), help: ArgumentHelp("The folder of pages and their .gold.txt files.", valueName: "dir"))
    var goldDirectory: String

    @Option(name: .customLong("content"), help: ArgumentHelp("The reader mode to score.", valueName: "main|all"))
    var content: ContentMode = .main

    @Option(name: .customLong("repeat"), help: ArgumentHelp("Read the pages this many times for the speed figure.", valueName: "n"))
    var repeats = 1

    @Flag(name: .customLong("per-page"), help: "Also print each page's scores.")
    var perPage = false

    func run() throws {
        try runEvaluation {
            let scores = try ContentEvaluation.evaluate(goldDirectory: goldDirectory, mode: content, repeats: max(repeats, 1))
            var lines: [String] = []
            if perPage {
                for page in scores.perPage {
                    lines.append(String(format: "%-60@ P %.3f  R %.3f  F1 %.3f", page.name as NSString, page.precision, page.recall, page.f1))
                }
            }
            lines.append(String(format: "%d pages, mode %@: precision %.4f  recall %.4f  F1 %.4f  (%.0f pages/s, %.1f MB/s, per second of the reading thread's CPU time)",
                                scores.pages, content.rawValue, scores.precision, scores.recall, scores.f1,
                                scores.pagesPerSecond, scores.megabytesPerSecond))
            return lines.joined(separator: "\n")
        }
    }
}

extension QuoteGoldFormat: ExpressibleByArgument {}

/// `trawl evaluate quotes`.
struct EvaluateQuotes: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quotes",
        abstract: "Quote attribution: quote-span P/R/F1 (overlap ≥ 50 %), speaker accuracy and end-to-end F1, direct and all.",
        discussion: """
            Formats: 'trawl' (text + quotes with speaker/cue/quote spans in code points, \
            speaker_name, direct — documented in Tests/TrawlExtractorsTests/Fixtures/quotes/README.md) \
            and 'polnear' (../shared/data/quotes, gzip JSON Lines).

            Examples:
              trawl evaluate quotes --format polnear --split dev --gold ../shared/data/quotes/polnear-en.train-dev.jsonl.gz
              trawl evaluate quotes --gold Tests/TrawlExtractorsTests/Fixtures/quotes/fr-dev.jsonl
            """)

    @Option(help: ArgumentHelp("The gold file.", valueName: "file"))
    var gold: String

    @Option(help: ArgumentHelp("The gold format.", valueName: "trawl|polnear"))
    var format: QuoteGoldFormat = .trawl

    @Option(help: ArgumentHelp("Only documents of this split (PolNeAR: train or dev).", valueName: "name"))
    var split: String?

    @Option(help: ArgumentHelp("Evaluate only the first n documents.", valueName: "n"))
    var limit: Int?

    func run() throws {
        try runEvaluation {
            try QuoteEvaluation.evaluate(goldFile: gold, format: format, split: split, limit: limit).description
        }
    }
}
