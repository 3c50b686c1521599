// Trawl — ExtractorsCommand.swift
// `trawl extractors`: what is registered, with layers and languages.

import ArgumentParser
import Foundation
import Trawl
import TrawlExtractors
import TrawlRules

/// Lists the registered extractors.
struct ExtractorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extractors",
        abstract: "List the registered extractors, their layers and languages.",
        discussion: """
            Extractors marked 'default' run when --extractors is not given. An extractor that \
            requires a layer runs after the extractors that produce it.

            Examples:
              trawl extractors
              trawl extractors --plugin ./libEmailPlugin.so
            """)

    @Option(name: .customLong("plugin"), help: ArgumentHelp(
        "Also list the extractors of this shared library (repeatable), as 'trawl extract --plugin' loads them.",
        valueName: "lib.so"))
    var plugins: [String] = []

    func run() throws {
        var registry = TrawlCommand.registry
        do {
            for plugin in plugins { try ExtractorPlugin.load(plugin, into: &registry) }
        } catch {
            throw ValidationError(String(describing: error))
        }
        print(ExtractorsCommand.table(registry))
    }

    static func table(_ registry: ExtractorRegistry) -> String {
        func layers(_ set: Set<Layer>) -> String {
            set.isEmpty ? "-" : set.map(\.rawValue).sorted().joined(separator: ",")
        }
        var rows = [["NAME", "REQUIRES", "PRODUCES", "LANGUAGES", "DEFAULT", "SUMMARY"]]
        for descriptor in registry.descriptors {
            rows.append([
                descriptor.name, layers(descriptor.requires), layers(descriptor.produces),
                descriptor.languages.map { $0.map(\.rawValue).sorted().joined(separator: ",") } ?? "any",
                descriptor.isDefault ? "yes" : "no", descriptor.summary,
            ])
        }
        let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            (0..<5).map { row[$0].padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined()
                + row[5]
        }.joined(separator: "\n")
    }
}
