// CheckLexiconsPlugin — `swift package check-lexicons [PATH...]`.
//
// Checks lexicon files (malformed lines, bad directives, empty phrases, repeated or hidden
// phrases) and prints `file:line:` diagnostics. Without paths it checks every `*.lexicon` file of
// the package's targets; a directory stands for the lexicon files under it.

import Foundation
import PackagePlugin

/// Runs `trawl-lexicon-compiler check` and fails when it finds a problem.
@main
struct CheckLexiconsPlugin: CommandPlugin {
    func performCommand(context: PluginContext, arguments: [String]) async throws {
        var paths = arguments
        if paths.isEmpty {
            paths = context.package.targets.compactMap { $0 as? any SourceModuleTarget }.flatMap { module in
                module.sourceFiles.map(\.url).filter { $0.pathExtension == "lexicon" }.map { $0.path(percentEncoded: false) }
            }
        }
        let process = Process()
        process.executableURL = try context.tool(named: "trawl-lexicon-compiler").url
        process.arguments = ["check"] + paths
        process.currentDirectoryURL = context.package.directoryURL
        try process.run()
        process.waitUntilExit()
        if process.terminationStatus != 0 {
            Diagnostics.error("check-lexicons found problems in the lexicon files (listed above)")
        }
    }
}
