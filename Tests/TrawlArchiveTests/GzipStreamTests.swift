// Trawl — GzipStreamTests.swift
// The gzip layer: members and their offsets, whole-file streams, truncation, corruption, garbage.

import Foundation
import Testing
import Trawl
@testable import TrawlArchive

/// Builds test inputs: gzip members (stored deflate blocks, so no compressor is needed),
/// WARC records and temporary files.
enum Build {
    /// A gzip member holding `bytes` in stored (uncompressed) deflate blocks.
    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var member: [UInt8] = [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xFF]
        member += storedDeflate(bytes)
        member += littleEndian(crc32(bytes)) + littleEndian(UInt32(truncatingIfNeeded: bytes.count))
        return member
    }

    /// A zlib stream (RFC 1950) holding `bytes` in stored blocks.
    static func zlib(_ bytes: [UInt8]) -> [UInt8] {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65521
            b = (b + a) % 65521
        }
        let adler = b << 16 | a
        return [0x78, 0x01] + storedDeflate(bytes) + [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)]
    }

    /// Raw deflate (RFC 1951) stored blocks.
    static func storedDeflate(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var start = 0
        repeat {
            let end = min(bytes.count, start + 65535)
            let length = UInt16(end - start)
            output.append(end == bytes.count ? 1 : 0)
            output += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            output += bytes[start..<end]
            start = end
        } while start < bytes.count
        return output
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func littleEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 24)]
    }

    /// A WARC record: header fields (Content-Length added unless given), the block, CRLF CRLF.
    static func record(_ type: String, uri: String? = "http://example.org/", date: String = "2020-08-20T10:00:00Z",
                       id: String = "<urn:uuid:0>", contentType: String? = "application/http; msgtype=response",
                       length: Int? = nil, block: [UInt8]) -> [UInt8] {
        var header = "WARC/1.1\r\nWARC-Type: \(type)\r\nWARC-Record-ID: \(id)\r\nWARC-Date: \(date)\r\n"
        if let uri { header += "WARC-Target-URI: \(uri)\r\n" }
        if let contentType { header += "Content-Type: \(contentType)\r\n" }
        header += "Content-Length: \(length ?? block.count)\r\n\r\n"
        return Array(header.utf8) + block + Array("\r\n\r\n".utf8)
    }

    /// An HTTP response: status line, header fields, blank line, body.
    static func http(status: String = "200 OK", _ headers: [String] = ["Content-Type: text/html; charset=utf-8"],
                     body: [UInt8]) -> [UInt8] {
        Array(("HTTP/1.1 \(status)\r\n" + headers.map { $0 + "\r\n" }.joined() + "\r\n").utf8) + body
    }

    /// A response record for an HTML page.
    static func page(_ html: String, id: String = "<urn:uuid:0>", uri: String = "http://example.org/") -> [UInt8] {
        record("response", uri: uri, id: id, block: http(body: Array(html.utf8)))
    }

    /// Writes `bytes` to a new temporary file named `name`, returning its path.
    static func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-warc-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

@Suite struct GzipStreamTests {
    private let pages = (1...3).map { Build.page("<p>page \($0)</p>", id: "<urn:uuid:\($0)>") }

    @Test func recordsOfPerRecordMembersAreNamedByTheirCompressedOffsets() throws {
        let members = pages.map(Build.gzip)
        let path = try Build.file("a.warc.gz", members.flatMap { $0 })
        let tally = ArchiveTally(WARCSource(path: path))
        let offsets = [0, members[0].count, members[0].count + members[1].count]
        #expect(tally.documents.map(\.source.offset) == offsets)
        #expect(tally.documents.map(\.id) == offsets.map { "\(path)#\($0)" })
        #expect(tally.documents.map(\.source.record) == ["<urn:uuid:1>", "<urn:uuid:2>", "<urn:uuid:3>"])
        #expect(tally.documents.map { String(decoding: $0.bytes, as: UTF8.self) } == ["<p>page 1</p>", "<p>page 2</p>", "<p>page 3</p>"])
        #expect(tally.failures.isEmpty)
    }

    @Test func aWholeFileGzipStreamIsReadWithRecordsNamedInsideTheirMember() throws {
        let path = try Build.file("whole.warc.gz", Build.gzip(pages.flatMap { $0 }))
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.documents.count == 3)
        #expect(tally.documents.map(\.source.offset) == [0, 0, 0])
        #expect(tally.documents.map(\.id) == ["\(path)#0", "\(path)#0+\(pages[0].count)", "\(path)#0+\(pages[0].count + pages[1].count)"])
    }

    @Test func aTruncatedLastMemberIsReportedAndTheRecordsBeforeItComeOut() throws {
        let members = pages.map(Build.gzip)
        let cut = Array(members[2].prefix(members[2].count - 30))
        let path = try Build.file("cut.warc.gz", members[0] + members[1] + cut)
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.documents.count == 2)
        #expect(tally.failures.map(\.kind) == ["truncated"])
        let offset = members[0].count + members[1].count
        #expect(tally.failures.first?.source.offset == offset)
        #expect(tally.failures.first?.message.contains(path) == true)
        #expect(tally.failures.first?.message.contains("byte offset \(offset)") == true)
    }

    @Test func aCorruptMemberFailsItsRecordAndReadingResumesAtTheNextMember() throws {
        var members = pages.map(Build.gzip)
        members[1][members[1].count - 20] ^= 0xFF  // payload byte: the CRC check fails
        let path = try Build.file("bad.warc.gz", members.flatMap { $0 })
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.documents.map(\.source.record) == ["<urn:uuid:1>", "<urn:uuid:3>"])
        #expect(tally.failures.map(\.kind) == ["corrupt"])
        #expect(tally.failures.first?.source.offset == members[0].count)
    }

    @Test func garbageBetweenMembersIsReportedOnce() throws {
        let members = pages.map(Build.gzip)
        let garbage = Array("this is not gzip at all".utf8)
        let path = try Build.file("junk.warc.gz", members[0] + garbage + members[1] + members[2])
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.documents.count == 3)
        #expect(tally.failures.map(\.kind) == ["corrupt"])
        #expect(tally.failures.first?.source.offset == members[0].count)
        #expect(tally.documents.last?.source.offset == members[0].count + garbage.count + members[1].count)
    }

    @Test func zeroPaddingAfterTheLastMemberIsIgnored() throws {
        let path = try Build.file("padded.warc.gz", pages.map(Build.gzip).flatMap { $0 } + [UInt8](repeating: 0, count: 512))
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.documents.count == 3 && tally.failures.isEmpty)
    }

    @Test func linesAndSkipsCrossBufferRefillsInBoundedMemory() throws {
        // 3 MB of records compressed as many members: reading must refill and drop consumed bytes.
        let big = Array(repeating: Build.page(String(repeating: "<p>text text text</p>\n", count: 4000)), count: 32)
        let path = try Build.file("big.warc.gz", big.map(Build.gzip).flatMap { $0 })
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.documents.count == 32 && tally.failures.isEmpty)
        let reader = try ByteReader(path: path)
        var lines = 0
        while case .line = reader.readLine(limit: 1 << 16) {
            lines += 1
            reader.mark = reader.position
        }
        #expect(lines == 32 * (4000 + 13))
    }

    @Test func gzipPagesAndTextAreDecompressedByFileSource() throws {
        let html = try Build.file("page.html.gz", Build.gzip(Array("<p>Bonjour</p>".utf8)))
        let text = try Build.file("notes.txt.gz", Build.gzip(Array("Bonjour".utf8)))
        let items = Array(FileSource(inputs: [html, text]))
        guard case .document(let page) = items[0], case .document(let notes) = items[1] else {
            Issue.record("expected two documents, got \(items)")
            return
        }
        #expect(page.format == .html && page.bytes == Array("<p>Bonjour</p>".utf8) && page.id == html)
        #expect(notes.format == .text && notes.bytes == Array("Bonjour".utf8))
    }

    @Test func aTruncatedGzipPageIsAFailure() throws {
        let member = Build.gzip(Array("<p>Bonjour tout le monde</p>".utf8))
        let path = try Build.file("cut.html.gz", Array(member.prefix(member.count - 10)))
        guard case .failure(let failure) = Array(FileSource(inputs: [path])).first else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == "truncated" && failure.message.contains(path))
    }

    @Test func decompressedSizeIsLimited() throws {
        let path = try Build.file("bomb.html.gz", Build.gzip([UInt8](repeating: UInt8(ascii: "a"), count: 10_000)))
        guard case .failure(let failure) = Array(FileSource(inputs: [path], maxBytes: 1000)).first else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.kind == "too_large")
        let inflated = Inflater.inflateAll(Build.gzip([UInt8](repeating: 1, count: 5000))[...], framing: .gzip, limit: 100)
        #expect(throws: PayloadError(kind: "too_large", message: "decoded payload exceeds 100 bytes")) { try inflated.get() }
    }
}
