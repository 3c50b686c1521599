// LexiconCompilerPlugin — compiles a target's `*.lexicon` files into Swift at build time.
//
// Use it on any target that depends on TrawlExtractors:
//     .target(name: "MyExtractors",
//             dependencies: [.product(name: "TrawlExtractors", package: "trawl")],
//             plugins: [.plugin(name: "LexiconCompiler", package: "trawl")])
// and read `Lexicons.NAME` (a `Lexicon`, built on first use) in the target's code.

import Foundation
import PackagePlugin

/// Runs `trawl-lexicon-compiler compile` on the target's lexicon files, which writes one Swift
/// file: `Lexicons` (matchers) and `LexiconSources` (the checked texts).
@main
struct LexiconCompilerPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) async throws -> [Command] {
        guard let module = target as? any SourceModuleTarget else { return [] }
        let lexicons = module.sourceFiles.map(\.url).filter { $0.pathExtension == "lexicon" }
        guard !lexicons.isEmpty else { return [] }
        var arguments = ["compile", "--root", target.directoryURL.path(percentEncoded: false)]
        let output = context.pluginWorkDirectoryURL.appending(path: "Lexicons.swift")
        arguments += ["--output", output.path(percentEncoded: false)]
        if module.moduleName != "TrawlExtractors" {
            guard module.recursiveTargetDependencies.contains(where: { $0.name == "TrawlExtractors" }) else {
                Diagnostics.error("""
                    target '\(target.name)' has lexicon files but does not depend on TrawlExtractors: add \
                    .product(name: "TrawlExtractors", package: "trawl") to its dependencies
                    """)
                return []
            }
            arguments += ["--import", "TrawlExtractors"]
        }
        arguments += lexicons.map { $0.path(percentEncoded: false) }
        return [.buildCommand(
            displayName: "Compiling \(lexicons.count) lexicon file\(lexicons.count == 1 ? "" : "s") of \(target.name)",
            executable: try context.tool(named: "trawl-lexicon-compiler").url,
            arguments: arguments,
            inputFiles: lexicons,
            outputFiles: [output])]
    }
}
