// Trawl — PluginTests.swift
// `trawl --plugin`: the example's `emails` extractor compiled into a shared library, loaded at
// run time, its output in `trawl extract`.

import Foundation
import Testing

/// Compiles `Examples/CustomExtractor`'s plugin against the Trawl modules this test was built
/// with, as `Examples/CustomExtractor/Plugin/build-plugin.sh` does.
enum EmailPluginBuild {
    static let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/CustomExtractor").standardizedFileURL

    /// `swiftc` from the PATH, or nil.
    static let compiler: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .map { URL(fileURLWithPath: String($0)).appendingPathComponent("swiftc") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }

    /// Why the plugin cannot be built here, or nil when it can.
    static let unavailable: String? = {
        if compiler == nil { return "no swiftc on the PATH" }
        if TrawlProcess.executable == nil { return "the trawl binary is not next to the test bundle" }
        if !FileManager.default.fileExists(atPath: example.appendingPathComponent("Plugin/EmailPlugin.swift").path) {
            return "Examples/CustomExtractor is not beside the tests"
        }
        return nil
    }()

    /// The compiled library, built once.
    static let library: Result<URL, any Error> = Result {
        let swiftc = try #require(compiler)
        let modules = try #require(TrawlProcess.executable).deletingLastPathComponent().appendingPathComponent("Modules")
        let sources = example.appendingPathComponent("Sources/EmailExtractor")
        let files = try FileManager.default.contentsOfDirectory(atPath: sources.path).filter { $0.hasSuffix(".swift") }
            .map { sources.appendingPathComponent($0).path }
        // Beside `trawl`, replaced at each run, as build-plugin.sh does.
        let bin = modules.deletingLastPathComponent()
        let output = bin.appendingPathComponent("libEmailPlugin.so")
        // The example's lexicons, compiled as the LexiconCompiler build plugin does.
        let lexicons = sources.appendingPathComponent("Lexicons")
        let generated = bin.appendingPathComponent("EmailPluginLexicons.swift")
        try run(bin.appendingPathComponent("trawl-lexicon-compiler-tool"),
                ["compile", "--root", sources.path, "--output", generated.path, "--import", "TrawlExtractors"]
                    + (try FileManager.default.contentsOfDirectory(atPath: lexicons.path))
                    .filter { $0.hasSuffix(".lexicon") }.map { lexicons.appendingPathComponent($0).path })
        try run(swiftc, ["-emit-library", "-parse-as-library", "-module-name", "EmailPlugin", "-I", modules.path]
            + files + [generated.path, example.appendingPathComponent("Plugin/EmailPlugin.swift").path,
                       "-o", output.path])
        return output
    }

    /// Runs `executable` with `arguments` and throws unless it exits with 0.
    private static func run(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}

@Suite(.enabled(if: EmailPluginBuild.unavailable == nil, "\(EmailPluginBuild.unavailable ?? "")"))
struct PluginTests {
    private let pressRelease = EmailPluginBuild.example
        .appendingPathComponent("Tests/EmailExtractorTests/Fixtures/press-release.en.txt")

    @Test func extractRunsThePluginsExtractor() throws {
        let plugin = try EmailPluginBuild.library.get()
        let result = try TrawlProcess.run(["extract", "--quiet", "--plugin", plugin.path, pressRelease.path])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(result.lines.first)
        let relations = try #require(line["relations"] as? [[String: Any]]).filter { $0["type"] as? String == "email" }
        let addresses = relations.compactMap { ($0["address"] as? [String: Any])?["text"] as? String }
        #expect(addresses == ["daniel.okafor@northwind-energy.co.uk", "p.raman@northwind-energy.co.uk",
                              "tbecker@northwind-energy.co.uk"])
        #expect(try #require(line["errors"] as? [Any]).isEmpty)
    }

    @Test func extractorsAndBenchSeeThePlugin() throws {
        let plugin = try EmailPluginBuild.library.get()
        let list = try TrawlProcess.run(["extractors", "--plugin", plugin.path])
        #expect(list.status == 0, "\(list.stderr)")
        #expect(String(decoding: list.stdout, as: UTF8.self).contains("\nemails "))
        let bench = try TrawlProcess.run(["bench", "--plugin", plugin.path, "--extractors", "entities,emails",
                                          pressRelease.path])
        #expect(bench.status == 0, "\(bench.stderr)")
        #expect(String(decoding: bench.stdout, as: UTF8.self).contains("extractor: emails"))
        let without = try TrawlProcess.run(["extract", "--extractors", "emails", pressRelease.path])
        #expect(without.status == 2, "without the plugin, 'emails' is unknown")
    }

    @Test func aFileThatIsNoPluginIsAUsageError() throws {
        let missing = try TrawlProcess.run(["extract", "--plugin", "/nonexistent/libX.so", pressRelease.path])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot load plugin '/nonexistent/libX.so'"))
        let text = try TrawlProcess.run(["extract", "--plugin", pressRelease.path, pressRelease.path])
        #expect(text.status == 2)
        #expect(text.stderr.contains("cannot load plugin"))
        // A shared library that is no plugin: the Swift runtime beside the compiler.
        let runtime = try #require(EmailPluginBuild.compiler).deletingLastPathComponent()
            .appendingPathComponent("../lib/swift/linux/libswiftCore.so").standardizedFileURL
        if FileManager.default.fileExists(atPath: runtime.path) {
            let library = try TrawlProcess.run(["extractors", "--plugin", runtime.path])
            #expect(library.status == 2)
            #expect(library.stderr.contains("exports no 'trawl_register_extractors' function"), "\(library.stderr)")
        }
    }
}
