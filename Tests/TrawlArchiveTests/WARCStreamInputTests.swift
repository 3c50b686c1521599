// Trawl — WARCStreamInputTests.swift
// Streams and mixed inputs: JSON Lines, archives on a pipe, format selection, mixed directories.

import Foundation
import Testing
import Trawl
@testable import TrawlArchive

#if canImport(Glibc)
import Glibc
#endif

@Suite struct WARCStreamInputTests {
    private func describe<Items: Sequence>(_ items: Items, root: String = "") -> [String] where Items.Element == SourceItem {
        items.map { item in
            switch item {
            case .document(let raw): "doc \(raw.id.replacingOccurrences(of: root, with: "")) \(raw.format)"
            case .failure(let failure): "fail \(failure.id.replacingOccurrences(of: root, with: "")) \(failure.kind)"
            case .skipped(let reason): "skip \(reason)"
            }
        }
    }

    private let lines = """
        {"id": "a1", "html": "<p>Bonjour</p>", "url": "https://example.org/a1", "date": "2020-08-20"}

        {"id": 42, "text": "Plain text"}
        {"html": "<p>no id</p>"}
        not json at all
        {"id": "a5", "text": "x", "date": "2020-02-30"}
        {"id": "a6"}
        {"id": "a7", "html": "<p>x</p>", "text": "x"}
        [1, 2]
        {"id": "a9", "text": "last, without a newline"}
        """

    @Test func jsonLinesGiveOneDocumentPerLineAndFailuresNamingTheLine() throws {
        let path = try Build.file("docs.jsonl", Array(lines.utf8))
        let items = Array(JSONLinesSource(path: path))
        #expect(describe(items, root: path) == [
            "doc a1 html", "doc 42 text", "doc :4 html", "fail :5 parse", "fail a5 parse", "fail a6 parse",
            "fail a7 parse", "fail :9 parse", "doc a9 text",
        ])
        guard case .document(let first) = items[0], case .failure(let malformed) = items[3] else { return }
        #expect(first.source.uri == "https://example.org/a1" && first.date == "2020-08-20" && first.source.offset == 0)
        #expect(first.bytes == Array("<p>Bonjour</p>".utf8) && first.charsetHint == "utf-8")
        #expect(malformed.message.contains("line 5") && malformed.message.contains(path))
    }

    @Test func jsonLinesCompressedAndThroughFileSource() throws {
        let path = try Build.file("docs.jsonl.gz", Build.gzip(Array(lines.utf8)))
        #expect(describe(FileSource(inputs: [path]), root: path).count == 9)
        let other = try Build.file("docs.data", Array(lines.utf8))
        #expect(describe(FileSource(inputs: [other], sourceFormat: .jsonl), root: other).first == "doc a1 html")
    }

    @Test func archivesAreReadFromAPipe() throws {
        var descriptors: [Int32] = [0, 0]
        #expect(pipe(&descriptors) == 0)
        let archive = (1...50).map { Build.gzip(Build.page("<p>page \($0)</p>", id: "<urn:uuid:\($0)>")) }.flatMap { $0 }
        let (readEnd, writeEnd) = (descriptors[0], descriptors[1])
        let writer = Thread {
            archive.withUnsafeBytes { bytes in
                var written = 0
                while written < bytes.count {
                    let count = write(writeEnd, bytes.baseAddress! + written, bytes.count - written)
                    if count <= 0 { break }
                    written += count
                }
            }
            close(writeEnd)
        }
        writer.start()
        let reader = ByteReader(descriptor: readEnd, name: "-")
        let tally = ArchiveTally(StreamIterator(stream: ArchiveRecordReader(reader: reader, maxBytes: 1 << 20)).sequence)
        close(readEnd)
        #expect(tally.documents.count == 50 && tally.failures.isEmpty)
        #expect(tally.documents.first?.id == "-#0" && tally.documents.first?.source.path == "-")
    }

    @Test func fileSourceDispatchesByContentAndName() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-mixed-\(UUID())")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        let write = { (name: String, bytes: [UInt8]) in try Data(bytes).write(to: root.appendingPathComponent(name)) }
        try write("a.html", Array("<p>a</p>".utf8))
        try write("b.txt.gz", Build.gzip(Array("b".utf8)))
        try write("c.warc.gz", Build.gzip(Build.page("<p>c</p>")) + Build.gzip(Build.record("request", block: [])))
        try write("d.arc", Array("filedesc://d.arc 0.0.0.0 20200820000000 text/plain 4\n1 0\n\nhttp://x.org/ 1.2.3.4 20200820000000 text/html 8\n<p>d</p>\n".utf8))
        try write("e.html.gz", Build.gzip(Array("<p>e</p>".utf8)))
        try write("sub/f.warc", Build.page("<p>f</p>"))
        try write("g.jsonl", Array("{\"id\": \"g\", \"text\": \"g\"}\n".utf8))  // not walked by default
        try write("h.gz", Build.gzip(Array("<p>h</p>".utf8)))                    // not walked by default
        defer { try? FileManager.default.removeItem(at: root) }
        let base = root.path + "/"
        #expect(describe(FileSource(inputs: [root.path]), root: base) == [
            "doc a.html html", "doc b.txt.gz text", "doc c.warc.gz#0 html", "skip warc:request",
            "skip arc:filedesc", "doc d.arc#58 html", "doc e.html.gz html", "doc sub/f.warc#0 html",
        ])
        // Named explicitly, any file is read, and archives are recognised by their first line.
        let renamed = base + "c.bin"
        try FileManager.default.copyItem(atPath: base + "c.warc.gz", toPath: renamed)
        #expect(describe(FileSource(inputs: [base + "g.jsonl", base + "h.gz", renamed]), root: base) == [
            "doc g text", "doc h.gz html", "doc c.bin#0 html", "skip warc:request",
        ])
        // A forced document format reads archives as single documents.
        #expect(describe(FileSource(inputs: [renamed], sourceFormat: .text), root: base) == ["doc c.bin text"])
        // A forced archive format reports what is not an archive.
        #expect(describe(FileSource(inputs: [base + "a.html"], sourceFormat: .warc), root: base) == ["fail a.html#0 corrupt"])
    }

    @Test func sourceFormatFollowsTheDocumentFormat() {
        #expect(FileSource(inputs: ["-"], format: .html).sourceFormat == .html)
        #expect(FileSource(inputs: ["-"]).sourceFormat == .auto)
        #expect(SourceFormat.allCases.map(\.rawValue) == ["auto", "html", "text", "warc", "jsonl"])
    }
}

extension StreamIterator {
    /// The iterator as a one-pass sequence.
    var sequence: IteratorSequence<StreamIterator> { IteratorSequence(self) }
}
