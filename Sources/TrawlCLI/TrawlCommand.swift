// Trawl — TrawlCommand.swift
// The `trawl` root command: subcommands, and exit statuses (0 ok, 1 some errors, 2 usage).

import ArgumentParser
import Foundation

/// `trawl`: extract who, what, how much and who said what from web pages, text and archives.
@main
struct TrawlCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trawl",
        abstract: "Extract persons, organizations, places, quantities, dates and quotes from web pages, text and archives.",
        discussion: """
            Output is JSON Lines by default: one object per input document, with offsets in \
            Unicode scalars (Python string indices) into the document text.

            Examples:
              trawl extract Examples/iraq-us-dialogue.fr.txt
              trawl extract --jobs 2 --output out.jsonl pages/
              cat page.html | trawl extract --input-format html -
              trawl extractors
            """,
        version: "0.1.0",
        subcommands: [ExtractCommand.self, ExtractorsCommand.self, BenchCommand.self, EvaluateCommand.self, TrainCommand.self]
    )

    /// Runs the command line, mapping argument errors to exit status 2 (usage error).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                Foundation.exit(0)
            }
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
