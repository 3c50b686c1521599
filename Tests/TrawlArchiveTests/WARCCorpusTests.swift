// Trawl — WARCCorpusTests.swift
// Every record of every archive in the shared corpus is accounted for, and the counts match warcio's.

import Foundation
import Testing
import Trawl
@testable import TrawlArchive

/// The outcome of reading one archive: documents by format, skips by reason, failures.
struct ArchiveTally: CustomStringConvertible {
    var documents: [RawDocument] = []
    var skipped: [String: Int] = [:]
    var failures: [DocumentFailure] = []

    init<Items: Sequence>(_ items: Items) where Items.Element == SourceItem {
        for item in items {
            switch item {
            case .document(let raw): documents.append(raw)
            case .skipped(let reason): skipped[reason, default: 0] += 1
            case .failure(let failure): failures.append(failure)
            }
        }
    }

    /// Documents, skips and failures.
    var total: Int { documents.count + skipped.values.reduce(0, +) + failures.count }

    /// Skips under reasons starting with `prefix`.
    func skips(_ prefix: String) -> Int {
        skipped.filter { $0.key.hasPrefix(prefix) }.values.reduce(0, +)
    }

    var description: String {
        let skips = skipped.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: ",")
        let failed = failures.map { "\($0.kind)@\($0.source.offset ?? -1)" }.joined(separator: ",")
        return "docs \(documents.count) skipped [\(skips)] failures [\(failed)]"
    }
}

@Suite struct WARCCorpusTests {
    /// `../shared/corpus/warc` beside the project, if present.
    static let corpus: URL? = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()   // Tests/TrawlArchiveTests
            .deletingLastPathComponent().deletingLastPathComponent()          // the package
            .deletingLastPathComponent().appendingPathComponent("shared/corpus")
        return FileManager.default.fileExists(atPath: url.appendingPathComponent("warc").path) ? url : nil
    }()

    /// Record counts per type that warcio reports, from the corpus manifest's notes
    /// (`records warcinfo:1,response:3`), and whether warcio stopped on an error
    /// (`warcio error: …`), keyed by file name.
    static func manifestCounts(_ corpus: URL) throws -> [String: (types: [String: Int], warcioFailed: Bool)] {
        let manifest = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        var counts: [String: (types: [String: Int], warcioFailed: Bool)] = [:]
        for line in manifest.split(separator: "\n") where line.hasPrefix("warc/") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard let notes = columns.last, let range = notes.range(of: "records ", options: .backwards) else { continue }
            let list = notes[range.upperBound...].prefix { $0 != ";" }
            var types: [String: Int] = [:]
            for pair in list.split(separator: ",") {
                let parts = pair.split(separator: ":")
                if parts.count == 2, let count = Int(parts[1]) { types[String(parts[0])] = count }
            }
            counts[String(columns[0].dropFirst("warc/".count))] = (types, notes.contains("warcio error"))
        }
        return counts
    }

    @Test(.timeLimit(.minutes(2)))
    func everyRecordOfEveryArchiveIsAccountedFor() throws {
        guard let corpus = Self.corpus else {
            print("WARCCorpusTests: ../shared/corpus/warc not found beside the package; skipping the corpus run")
            return
        }
        let expected = try Self.manifestCounts(corpus)
        let folder = corpus.appendingPathComponent("warc")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count >= 40)
        for name in names {
            let tally = ArchiveTally(WARCSource(path: folder.appendingPathComponent(name).path))
            print("\(name)\t\(tally)")
            guard let (warcio, warcioFailed) = expected[name] else {
                Issue.record("\(name) is not in MANIFEST.tsv")
                continue
            }
            let records = warcio.values.reduce(0, +)
            if warcioFailed {
                // warcio stops at the malformed spot; Trawl reads on, so accounts for more.
                #expect(tally.total >= records, "\(name): \(tally) vs warcio \(warcio)")
            } else {
                #expect(tally.total == records, "\(name): \(tally) vs warcio \(warcio)")
            }
            if !warcioFailed, tally.failures.isEmpty {
                for type in ["request", "metadata", "revisit"] {
                    #expect(tally.skipped["warc:" + type, default: 0] == warcio[type, default: 0], "\(name): \(type)")
                }
                let fileHeaders = tally.skipped["warc:warcinfo", default: 0] + tally.skipped["arc:filedesc", default: 0]
                #expect(fileHeaders == warcio["warcinfo", default: 0], "\(name): warcinfo")
            }
            for failure in tally.failures {
                #expect(failure.source.offset != nil && failure.message.contains(name), "\(name): \(failure)")
            }
        }
    }
}
