// Trawl — TrawlCommand.swift
// The `trawl` root command: subcommands, the registry they run with, and exit statuses
// (0 ok, 1 some errors, 2 usage).

import ArgumentParser
import Foundation
import Synchronization
import Trawl
import TrawlExtractors

/// `trawl`: extract who, what, how much and who said what from web pages, text and archives.
///
/// The `trawl` executable is `TrawlCommand.main(registry: .builtInWithRules)`. A package with extractors
/// of its own makes "trawl plus my extractors" the same way — `extract`, `bench` and `extractors`
/// then list and run them by name:
///
/// ```swift
/// import TrawlCommandLine
/// import TrawlExtractors
///
/// var registry = ExtractorRegistry.builtIn
/// registry.register(EmailExtractor.descriptor)
/// TrawlCommand.main(registry: registry)
/// ```
public struct TrawlCommand: ParsableCommand {
    /// The command's name, help and subcommands.
    public static let configuration = CommandConfiguration(
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

    /// Creates the root command (argument parsing does this).
    public init() {}

    /// The extractors `extract`, `bench` and `extractors` choose from: the built-in ones unless
    /// ``main(registry:arguments:)`` was given another registry.
    static var registry: ExtractorRegistry { activeRegistry.withLock { $0 } }
    private static let activeRegistry = Mutex(ExtractorRegistry.builtIn)

    /// Runs the command line with the built-in extractors.
    public static func main() {
        main(registry: .builtIn)
    }

    /// Runs the command line with the extractors of `registry`, then exits: 0 on success, 1 when
    /// some documents became error records, 2 on a usage error (argument errors included).
    /// - Parameters:
    ///   - registry: the extractors the commands select from by name.
    ///   - arguments: the arguments without the program name; `nil` reads the process's.
    public static func main(registry: ExtractorRegistry, arguments: [String]? = nil) -> Never {
        activeRegistry.withLock { $0 = registry }
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
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
