// Trawl — EvaluateCommand.swift
// `trawl evaluate ner|quantities|dates`: score the extractors against gold files.

import ArgumentParser
import Foundation
import Trawl
import TrawlExtractors

/// Scores extractors against gold data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score an extractor against gold data (precision, recall, F1).",
        subcommands: [EvaluateNER.self, EvaluateQuantities.self, EvaluateDates.self])
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
