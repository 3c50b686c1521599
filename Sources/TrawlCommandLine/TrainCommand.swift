// Trawl — TrainCommand.swift
// `trawl train ner`: train the entity tagger reproducibly.

import ArgumentParser
import Foundation
import Trawl
import TrawlExtractors

/// Trains statistical models.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a statistical model.",
        subcommands: [TrainNER.self])
}

/// `trawl train ner`.
struct TrainNER: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Train the averaged-perceptron entity tagger (PER, ORG, LOC, MISC) with a fixed seed.",
        discussion: """
            Prints per-epoch training accuracy and development F1; keeps the best epoch and stops \
            after --patience epochs without improvement. The same data and seed give the same \
            model, byte for byte. Models trained on WikiNEuRal inherit its licence (CC BY-NC-SA 4.0).

            Example (the command that made the bundled French model):
              trawl train ner --lang fr --train ../shared/data/ner/wikineural-fr.train.jsonl.gz \\
                --dev ../shared/data/ner/wikineural-fr.dev.jsonl.gz --out ner-fr.bin
            """)

    @Option(name: .customLong("lang"), help: ArgumentHelp("The language of the data; selects the lexicon features.", valueName: "fr|en"))
    var language: String

    @Option(help: ArgumentHelp("Training sentences (.jsonl or .jsonl.gz, the ../shared/data/ner format).", valueName: "file"))
    var train: String

    @Option(help: ArgumentHelp("Development sentences for model selection and early stopping.", valueName: "file"))
    var dev: String?

    @Option(help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("The most epochs to run.", valueName: "n"))
    var epochs = 20

    @Option(help: ArgumentHelp("The seed of the per-epoch shuffle.", valueName: "n"))
    var seed: UInt64 = 20_240_611

    @Option(help: ArgumentHelp("Stop after this many epochs without a better development F1.", valueName: "n"))
    var patience = 4

    @Option(help: ArgumentHelp("The weight table has 2^n rows: fewer bits, a smaller and faster model, more collisions.", valueName: "n"))
    var hashBits = 19

    mutating func validate() throws {
        guard epochs >= 1 else { throw ValidationError("--epochs must be at least 1.") }
        guard (8...26).contains(hashBits) else { throw ValidationError("--hash-bits must be between 8 and 26.") }
        guard FileManager.default.isReadableFile(atPath: train) else {
            throw ValidationError("cannot read the training file '\(train)'.")
        }
        if let dev, !FileManager.default.isReadableFile(atPath: dev) {
            throw ValidationError("cannot read the development file '\(dev)'.")
        }
    }

    func run() throws {
        try runEvaluation {
            let model = try NERTraining.train(
                trainFile: train, devFile: dev, language: Language(rawValue: language), epochs: epochs, seed: seed,
                hashBits: hashBits, patience: patience
            ) { report in
                var line = String(format: "epoch %2d  train accuracy %.4f", report.epoch, report.trainAccuracy)
                if let dev = report.dev { line += String(format: "  dev micro F1 %.4f", dev.micro.f1) }
                line += String(format: "  %.1f s%@", report.seconds, report.isBest ? "  (best)" : "")
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            try model.write(to: out)
            return "wrote \(out)"
        }
    }
}
