// Trawl — LexiconCompilerToolTests.swift
// The `trawl-lexicon-compiler` executable that the LexiconCompiler and check-lexicons plugins run.

import Foundation
import Testing

/// The tool was not built next to the test bundle.
private struct ToolNotFound: Error, CustomStringConvertible {
    var description: String { "trawl-lexicon-compiler is not next to the test bundle" }
}

@Suite struct LexiconCompilerToolTests {
    /// The tool built next to the test bundle.
    private static let executable: URL? = {
        let directories = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        return directories.flatMap { [$0.appendingPathComponent("trawl-lexicon-compiler"),
                                      $0.appendingPathComponent("trawl-lexicon-compiler-tool")] }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Runs the tool; returns its status, standard output and standard error.
    private func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        guard let executable = Self.executable else { throw ToolNotFound() }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // The outputs are a few lines: they fit in the pipes' buffers until the process ends.
        process.waitUntilExit()
        return (process.terminationStatus,
                String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self),
                String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
    }

    private func makeDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-lexicons-\(UUID())")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sub"),
                                                withIntermediateDirectories: true)
        try "@label PER\nJean\n".write(to: directory.appendingPathComponent("good.lexicon"), atomically: true, encoding: .utf8)
        try "Jean\n@case maybe\nJean\n".write(to: directory.appendingPathComponent("sub/bad.lexicon"),
                                            atomically: true, encoding: .utf8)
        return directory
    }

    @Test func checkPrintsEveryProblemAndFailsOnAny() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let all = try run(["check", directory.path])
        #expect(all.status == 1)
        #expect(all.err == """
            \(directory.path)/sub/bad.lexicon:2: error: @case takes 'sensitive' or 'insensitive', not 'maybe'
            \(directory.path)/sub/bad.lexicon:3: warning: 'Jean' repeats line 1

            """)
        #expect(all.out == "Checked 2 lexicon files: 1 error, 1 warning.\n")
        let good = try run(["check", directory.appendingPathComponent("good.lexicon").path])
        #expect(good.status == 0 && good.out == "Checked 1 lexicon file: no problems.\n" && good.err.isEmpty)
        #expect(try run(["check", directory.appendingPathComponent("missing.lexicon").path]).status == 1)
    }

    @Test func compileWritesTheSwiftSourceOrFailsWithoutWriting() throws {
        let directory = try makeDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("Lexicons.swift")
        let good = try run(["compile", "--root", directory.path, "--output", output.path, "--import", "TrawlExtractors",
                            directory.appendingPathComponent("good.lexicon").path])
        #expect(good.status == 0, "\(good.err)")
        let source = try String(contentsOf: output, encoding: .utf8)
        #expect(source.contains("import TrawlExtractors\n"))
        #expect(source.contains("static let good = Lexicon(compiled: LexiconSources.good)"))
        #expect(source.contains("file: \"good.lexicon\""))

        try FileManager.default.removeItem(at: output)
        let bad = try run(["compile", "--root", directory.path, "--output", output.path,
                           directory.appendingPathComponent("sub/bad.lexicon").path])
        #expect(bad.status == 1)
        #expect(bad.err.contains("sub/bad.lexicon:2: error: @case takes"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        #expect(try run([]).status == 1, "usage")
    }
}
