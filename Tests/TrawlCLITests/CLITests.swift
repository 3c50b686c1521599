// Trawl — CLITests.swift
// The `trawl` executable end to end: outputs, exit statuses, bad inputs, order.

import Foundation
import Testing

/// Runs the `trawl` binary built next to the test bundle.
struct TrawlProcess {
    static let executable: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL,
            Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        return candidates.map { $0.appendingPathComponent("trawl") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    struct Result {
        var status: Int32
        var stdout: Data
        var stderr: String
        var lines: [[String: Any]] {
            String(decoding: stdout, as: UTF8.self).split(separator: "\n").map {
                (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? ["invalid": String($0)]
            }
        }
    }

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let process = Process()
        process.executableURL = try #require(executable, "the trawl binary is not next to the test bundle")
        process.arguments = arguments
        let output = Pipe(), input = Pipe()
        // Standard error goes to a file, so that neither stream can fill a pipe and block.
        let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-stderr-\(UUID())")
        FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorURL) }
        let errors = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try errors.close()
        let errorData = try Data(contentsOf: errorURL)
        return Result(status: process.terminationStatus, stdout: outputData,
                      stderr: String(decoding: errorData, as: UTF8.self))
    }
}

private let example = Bundle.module.url(forResource: "iraq-us-dialogue.fr", withExtension: "txt", subdirectory: "Fixtures")!

@Suite struct CLITests {
    @Test func extractsTheExampleArticle() throws {
        let result = try TrawlProcess.run(["extract", example.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.lines
        #expect(lines.count == 1)
        let line = try #require(lines.first)
        #expect(line["id"] as? String == example.path)
        #expect(line["format"] as? String == "text")
        #expect(line["lang"] as? String == "fr")
        for key in ["entities", "quantities", "dates", "relations", "errors"] { #expect(line[key] is [Any], "\(key)") }
        #expect(result.stderr.contains("1 documents: 1 extracted, 0 errors"))
    }

    @Test func badInputsEachYieldOneLineAndExitOne() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-bad-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        func write(_ name: String, _ bytes: [UInt8]) throws {
            try Data(bytes).write(to: directory.appendingPathComponent(name))
        }
        try write("empty.txt", [])
        try write("image.html", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52])
        try write("invalid-utf8.html", Array("<p>caf".utf8) + [0xE9, 0xFF] + Array(" au lait</p>".utf8))
        try write("truncated.html", Array("<html><body><p>Le texte est coupé au mil".utf8))
        try write("scripts.html", Array("<script>var x = 1;</script><script>alert(2)</script>".utf8))
        try write("latin1.html", Array("<meta charset=\"utf-8\"><p>L".utf8) + [0xE9] + Array("gion d'honneur</p>".utf8))
        try write("nested.html", Array((String(repeating: "<div>", count: 10_000) + "profond" + String(repeating: "</div>", count: 10_000)).utf8))
        try FileManager.default.createSymbolicLink(atPath: directory.appendingPathComponent("broken.html").path,
                                                   withDestinationPath: "/nonexistent/page.html")
        let result = try TrawlProcess.run(["extract", "--jobs", "2", directory.path])
        #expect(result.status == 1, "\(result.stderr)")
        let lines = result.lines
        let ids = lines.compactMap { ($0["id"] as? String).map { ($0 as NSString).lastPathComponent } }
        #expect(ids == ["broken.html", "empty.txt", "image.html", "invalid-utf8.html", "latin1.html", "nested.html",
                        "scripts.html", "truncated.html"])
        var errorKinds: [String: String] = [:]
        for line in lines {
            if let error = line["error"] as? [String: Any], let id = line["id"] as? String {
                errorKinds[(id as NSString).lastPathComponent] = error["kind"] as? String
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
        #expect(errorKinds == ["broken.html": "not_found", "empty.txt": "empty", "image.html": "binary"])
        let texts = try TrawlProcess.run(["extract", "--include-text", "--jobs", "1", directory.path]).lines
        func text(_ name: String) -> String? {
            texts.first { ($0["id"] as? String)?.hasSuffix("/" + name) == true }?["text"] as? String
        }
        #expect(text("invalid-utf8.html")?.contains("au lait") == true)
        #expect(text("truncated.html")?.contains("Le texte est coupé au mil") == true)
        #expect(text("scripts.html") == "")
        #expect(text("latin1.html")?.contains("Légion d'honneur") == true)
        #expect(text("nested.html")?.contains("profond") == true)
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try TrawlProcess.run(["extract"]).status == 2)
        let unknown = try TrawlProcess.run(["extract", "--extractors", "nope", example.path])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown extractor 'nope'"))
        #expect(try TrawlProcess.run(["extract", "--format", "xml", example.path]).status == 2)
        #expect(try TrawlProcess.run(["extract", "--jobs", "0", example.path]).status == 2)
        #expect(try TrawlProcess.run(["extract", "--extractors", "lexicon", example.path]).stderr.contains("--lexicon"))
    }

    @Test func helpAndExtractorList() throws {
        let help = try TrawlProcess.run(["extract", "--help"])
        #expect(help.status == 0)
        #expect(String(decoding: help.stdout, as: UTF8.self).contains("Examples:"))
        let list = try TrawlProcess.run(["extractors"])
        #expect(String(decoding: list.stdout, as: UTF8.self).contains("lexicon"))
    }

    @Test func readsStandardInput() throws {
        let result = try TrawlProcess.run(["extract", "--input-format", "html", "--include-text", "-"],
                                          stdin: Data("<title>T</title><p>Bonjour &amp; merci</p>".utf8))
        #expect(result.status == 0)
        #expect(result.lines.first?["text"] as? String == "Bonjour & merci")
        #expect(result.lines.first?["title"] as? String == "T")
    }

    @Test func contentModeDropsMenusOnlyInMain() throws {
        let paragraph = "Le ministre irakien des Affaires étrangères a déclaré que le dialogue stratégique avec Washington portait sur la sécurité, la santé et l’énergie."
        let page = Data(("<nav><ul><li><a href=/a>Accueil</a></li><li><a href=/b>Politique</a></li></ul></nav>"
            + "<article><h1>Dialogue stratégique</h1><p>\(paragraph)</p><p>\(paragraph)</p></article>"
            + "<footer><a href=/c>Mentions légales</a></footer>").utf8)
        let main = try TrawlProcess.run(["extract", "--input-format", "html", "--include-text", "-"], stdin: page)
        let mainText = try #require(main.lines.first?["text"] as? String)
        #expect(mainText.contains(paragraph) && mainText.contains("Dialogue stratégique"))
        #expect(!mainText.contains("Accueil") && !mainText.contains("Mentions légales"))
        let all = try TrawlProcess.run(["extract", "--content", "all", "--input-format", "html", "--include-text", "-"], stdin: page)
        let allText = try #require(all.lines.first?["text"] as? String)
        #expect(allText.contains("Accueil") && allText.contains("Mentions légales") && allText.contains(paragraph))
    }

    @Test func progressLineOnRequest() throws {
        let shown = try TrawlProcess.run(["extract", "--progress", example.path])
        #expect(shown.stderr.contains("trawl: 1 done, 0 skipped, 0 errors"))
        #expect(shown.stderr.contains("100% · ETA 0s"))
        #expect(shown.stderr.contains("1 documents: 1 extracted, 0 errors"), "the summary follows")
        let hidden = try TrawlProcess.run(["extract", "--no-progress", example.path])
        #expect(!hidden.stderr.contains(" done, "))
        #expect(try TrawlProcess.run(["extract", "--progress", "--quiet", example.path]).stderr.isEmpty)
    }

    @Test func relativeDatesUseTheReferenceDate() throws {
        let text = Data("Le ministre est arrivé hier à Bagdad.".utf8)
        let dated = try TrawlProcess.run(["extract", "--input-format", "text", "--reference-date", "2021-04-07", "-"], stdin: text)
        let dates = try #require(dated.lines.first?["dates"] as? [[String: Any]])
        #expect(dates.first?["value"] as? String == "2021-04-06")
        let undated = try TrawlProcess.run(["extract", "--input-format", "text", "-"], stdin: text)
        #expect((undated.lines.first?["dates"] as? [[String: Any]])?.first?["value"] is NSNull)
        #expect(try TrawlProcess.run(["extract", "--reference-date", "7/4/2021", "-"]).status == 2)
    }

    @Test func lexiconMentionsAndTSV() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-lex-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let lexicon = directory.appendingPathComponent("people.lexicon")
        try "@label PER\nFuad Hussein\nAl-Kazemi\n".write(to: lexicon, atomically: true, encoding: .utf8)
        let result = try TrawlProcess.run(["extract", "--extractors", "lexicon", "--lexicon", lexicon.path, example.path])
        let entities = try #require(result.lines.first?["entities"] as? [[String: Any]])
        #expect(entities.map { $0["name"] as? String } == ["Fuad Hussein", "Al-Kazemi"])
        let text = try String(contentsOf: example, encoding: .utf8)
        let scalars = Array(text.unicodeScalars)
        for mention in entities.flatMap({ $0["mentions"] as! [[String: Any]] }) {
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[(mention["start"] as! Int)..<(mention["end"] as! Int)])
            #expect(String(slice) == mention["text"] as? String, "offsets index the input text as given")
        }
        let tsv = try TrawlProcess.run(["extract", "--format", "tsv", "--extractors", "lexicon", "--lexicon", lexicon.path, example.path])
        let rows = String(decoding: tsv.stdout, as: UTF8.self).split(separator: "\n")
        #expect(rows.first == "id\tlayer\tlabel\tstart\tend\ttext\tvalue\tdetail")
        #expect(rows.filter { $0.contains("\tentity\tPER\t") }.count == 5)  // Fuad Hussein once, Al-Kazemi four times
    }

    @Test func parallelOutputMatchesSequentialOutput() throws {
        let fixtures = example.deletingLastPathComponent().path
        let one = try TrawlProcess.run(["extract", "--jobs", "1", fixtures, example.path, fixtures])
        let two = try TrawlProcess.run(["extract", "--jobs", "2", fixtures, example.path, fixtures])
        #expect(one.stdout == two.stdout)
        #expect(one.lines.count == 3)
    }
}

/// Runs over the shared corpus when it is present (the acceptance run of the foundation issue).
@Suite struct CorpusTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../../shared").standardizedFileURL

    @Test func everyCorpusPageYieldsOneValidLineWithoutMojibake() throws {
        let html = CorpusTests.shared.appendingPathComponent("corpus/html")
        guard FileManager.default.fileExists(atPath: html.path) else {
            print("skipped: \(html.path) is absent (the shared corpus is not beside this checkout)")
            return
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: html.path).filter { $0.hasSuffix(".html") }
        let result = try TrawlProcess.run(["extract", "--include-text", "--jobs", "2", html.path, CorpusTests.shared.appendingPathComponent("examples").path])
        #expect(result.status == 0 || result.status == 1, "\(result.stderr)")
        let lines = result.lines
        let examples = try FileManager.default.contentsOfDirectory(atPath: CorpusTests.shared.appendingPathComponent("examples").path)
        // Gold .txt files beside the pages are read too (they are text inputs).
        let textFiles = try FileManager.default.contentsOfDirectory(atPath: html.path).filter { $0.hasSuffix(".txt") }
        #expect(lines.count == pages.count + textFiles.count + examples.count)
        #expect(lines.allSatisfy { $0["invalid"] == nil && $0["id"] is String })
        for line in lines where (line["id"] as? String)?.hasSuffix(".html") == true {
            let text = line["text"] as? String ?? ""
            for mojibake in ["Ã©", "Ã¨", "Ã ", "â€™", "Ã§"] {
                #expect(!text.contains(mojibake), "\(line["id"] ?? "") contains \(mojibake)")
            }
        }
    }
}
