// Trawl — WARCReaderTests.swift
// WARC and ARC records: well-formed, odd and malformed files from real archives, and synthetic damage.

import Foundation
import Testing
import Trawl
@testable import TrawlArchive

/// The path of a fixture archive (copied from `../shared/corpus/warc`).
func fixture(_ name: String) -> String {
    Bundle.module.resourceURL!.appendingPathComponent("Fixtures").appendingPathComponent(name).path
}

@Suite struct WARCFixtureTests {
    @Test(arguments: [("warcio-example.warc.gz", 784), ("warcio-example.warc", 1197)])
    func responseWithGzipContentEncoding(name: String, offset: Int) throws {
        let path = fixture(name)
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.skipped == ["warc:warcinfo": 2, "warc:request": 2, "warc:revisit": 1])
        #expect(tally.failures.isEmpty)
        let page = try #require(tally.documents.first)
        #expect(page.id == "\(path)#\(offset)")
        #expect(page.source == DocumentSource(uri: "http://example.com/", path: path,
                                              record: "<urn:uuid:a9c51e3e-0221-11e7-bf66-0242ac120005>",
                                              offset: offset, mediaType: "text/html"))
        #expect(page.date == "2017-03-06T04:02:06Z")
        #expect(page.format == .html)
        #expect(page.bytes.starts(with: "<!doctype html>".utf8))  // gzip content coding undone
    }

    @Test func wholeFileGzipStreamWithAnOddSuffix() {
        // warcio refuses this file ("non-chunked gzip file detected"); Trawl reads every record.
        let path = fixture("warcio-example-bad.warc.gz.bad")
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.total == 6 && tally.failures.isEmpty)
        #expect(tally.skipped == ["warc:warcinfo": 1, "warc:request": 2, "warc:revisit": 1, "http:302": 1])
        #expect(tally.documents.first?.source.offset == 0)
        #expect(tally.documents.first?.id.hasPrefix(path + "#0+") == true)
        let other = ArchiveTally(WARCSource(path: fixture("warcio-example-bad-non-chunked.warc.gz")))
        #expect(other.total == 6 && other.documents.count == 1 && other.failures.isEmpty)
    }

    @Test func recordSplitAcrossGzipMembers() throws {
        // The response's HTTP body is in a gzip member of its own, the next record's CRLFs in a
        // third. The body is 1270 bytes by the WARC Content-Length (the HTTP one says 1271).
        let tally = ArchiveTally(WARCSource(path: fixture("warcio-example-wrong-chunks.warc.gz")))
        #expect(tally.skipped == ["warc:request": 1] && tally.failures.isEmpty)
        let page = try #require(tally.documents.first)
        #expect(page.bytes.count == 1270 && page.source.offset == 0)
    }

    @Test func truncatedGzipPayloadInsideAWholeRecord() throws {
        let path = fixture("warcio-example-trunc.warc")
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.skipped == ["warc:warcinfo": 2, "warc:request": 1])
        let failure = try #require(tally.failures.first)
        #expect(tally.failures.count == 1 && tally.documents.isEmpty)
        #expect(failure.kind == "truncated" && failure.id == "\(path)#1197" && failure.source.offset == 1197)
        #expect(failure.message.contains(path) && failure.message.contains("byte offset 1197"))
        #expect(failure.source.uri == "http://example.com/")
    }

    @Test func clippedGzipStream() throws {
        let path = fixture("resiliparse-clipped.warc.gz")
        let tally = ArchiveTally(WARCSource(path: path))
        let failure = try #require(tally.failures.first)
        #expect(tally.total == 1)
        #expect(failure.kind == "truncated" && failure.source.offset == 0 && failure.message.contains(path))
    }

    @Test func clueWeb09WithImpossibleDates() throws {
        let tally = ArchiveTally(WARCSource(path: fixture("resiliparse-clueweb-quirk.warc.gz")))
        #expect(tally.documents.count == 29 && tally.skipped == ["warc:warcinfo": 1] && tally.failures.isEmpty)
        // WARC-Date is 2008-10-294T05:21:46-0700: no date rather than a wrong one.
        #expect(tally.documents.allSatisfy { $0.date == nil })
        #expect(tally.documents.allSatisfy { $0.charsetHint == "EUC-JP" && $0.format == .html })
        #expect(tally.documents.first?.source.offset == 317)
        #expect(tally.documents.last?.source.offset == 251_856)
    }

    @Test func truncatedDateIsKeptWhenValid() {
        let tally = ArchiveTally(WARCSource(path: fixture("ukwa-truncated_datetime.warc")))
        #expect(tally.documents.map(\.date) == ["2019-08-15T01:02"])
        #expect(tally.documents.map(\.source.offset) == [1198])
    }

    @Test func heritrixFileNamedTruncatedReadsCompletely() {
        let tally = ArchiveTally(WARCSource(path: fixture("ukwa-IAH-20080430204825-00000-blackbook-truncated.warc.gz")))
        #expect(tally.total == 23 && tally.failures.isEmpty && tally.documents.count == 3)
        #expect(tally.skipped["uri:dns"] == 1 && tally.skips("media:image/") == 3)
        let arc = ArchiveTally(WARCSource(path: fixture("ukwa-IAH-20080430204825-00000-blackbook-truncated.arc.gz")))
        #expect(arc.total == 9 && arc.failures.isEmpty && arc.documents.count == 3)
        #expect(arc.documents.map(\.source.uri) == tally.documents.map(\.source.uri))
    }

    @Test(arguments: [("warcio-example.arc", 151), ("warcio-example.arc.gz", 171)])
    func arcRecords(name: String, offset: Int) throws {
        let tally = ArchiveTally(WARCSource(path: fixture(name)))
        #expect(tally.skipped == ["arc:filedesc": 1] && tally.failures.isEmpty)
        let page = try #require(tally.documents.first)
        #expect(page.source.offset == offset && page.source.uri == "http://example.com/")
        #expect(page.date == "2014-02-16T05:02:21Z" && page.format == .html)
        #expect(page.bytes.starts(with: "<!doctype html>".utf8))
    }

    @Test func brokenARCFile() {
        // Lengths of -1 and "abc": each such record is a failure; the one good record is empty.
        let path = fixture("warcio-bad.arc")
        let tally = ArchiveTally(WARCSource(path: path))
        #expect(tally.failures.map(\.kind) == ["corrupt", "corrupt", "corrupt"])
        #expect(tally.failures.map(\.source.offset) == [0, 134, 262])
        #expect(tally.skipped == ["payload:empty": 1])
        #expect(tally.failures.allSatisfy { $0.message.contains(path) })
    }

    @Test func arcRecordShorterThanItsLength() throws {
        let tally = ArchiveTally(WARCSource(path: fixture("warcio-example-space-in-url.arc")))
        let failure = try #require(tally.failures.first)
        #expect(tally.total == 2 && failure.kind == "truncated" && failure.source.offset == 151)
        #expect(failure.source.uri?.contains("Examples From The Live Web") == true)
    }

    @Test func brotliIsAnUnsupportedEncodingNamingTheRecord() throws {
        let path = fixture("ukwa-transfer_compression_brotli.warc.gz")
        let tally = ArchiveTally(WARCSource(path: path))
        let failure = try #require(tally.failures.first)
        #expect(failure.kind == "unsupported_encoding" && failure.id == "\(path)#898")
        #expect(failure.message.contains("http://tokemon.sb.statsbiblioteket.dk/") && failure.message.contains("'br'"))
        #expect(failure.source.record == "<urn:uuid:ca7a8f8e-3b6c-4fe5-956a-79579e936be1>")
        let gzip = ArchiveTally(WARCSource(path: fixture("ukwa-transfer_compression_gzip.warc.gz")))
        #expect(gzip.documents.count == 1 && gzip.documents.first?.bytes.starts(with: "<".utf8) == true)
        #expect(gzip.skipped["uri:metadata"] == 1)  // wget's log and arguments are not pages
    }

    @Test func chunkedTransferEncodingIsUndone() throws {
        let tally = ArchiveTally(WARCSource(path: fixture("warcio-example-iana.org-chunked.warc")))
        let page = try #require(tally.documents.first)
        let text = String(decoding: page.bytes, as: UTF8.self)
        #expect(text.hasPrefix("<!doctype html>") || text.hasPrefix("<!DOCTYPE html>"))
        #expect(text.hasSuffix("</html>\n") || text.hasSuffix("</html>"))
    }

    @Test func oddButValidFiles() {
        #expect(ArchiveTally(WARCSource(path: fixture("pywb-missing-status-text.warc"))).skipped == ["http:302": 1])
        #expect(ArchiveTally(WARCSource(path: fixture("jwarc-gzip_extra_sl.warc.gz"))).skipped == ["warc:warcinfo": 1])
    }

    @Test func missingFileIsOneFailure() {
        let items = Array(WARCSource(path: "/nonexistent/archive.warc.gz"))
        guard items.count == 1, case .failure(let failure) = items[0] else {
            Issue.record("expected one failure, got \(items)")
            return
        }
        #expect(failure.kind == "not_found")
    }
}

@Suite struct WARCDamageTests {
    private func read(_ bytes: [UInt8], name: String = "x.warc") throws -> (ArchiveTally, String) {
        let path = try Build.file(name, bytes)
        return (ArchiveTally(WARCSource(path: path)), path)
    }

    private func texts(_ tally: ArchiveTally) -> [String] {
        tally.documents.map { String(decoding: $0.bytes, as: UTF8.self) }
    }

    @Test func garbageBetweenRecordsIsOneFailureAndReadingGoesOn() throws {
        let first = Build.page("<p>one</p>")
        let garbage = Array("garbage line\r\nmore garbage, no record here\r\n".utf8)
        let (tally, path) = try read(first + garbage + Build.page("<p>two</p>"))
        #expect(texts(tally) == ["<p>one</p>", "<p>two</p>"])
        #expect(tally.failures.map(\.kind) == ["corrupt"])
        #expect(tally.failures.first?.source.offset == first.count)
        #expect(tally.failures.first?.message.contains("\(path)', at byte offset \(first.count)") == true)
    }

    @Test func contentLengthTooLongSwallowsNoRecord() throws {
        let block = Build.http(body: Array("<p>one</p>".utf8))
        let bad = Build.record("response", length: block.count + 40, block: block)
        let (tally, _) = try read(bad + Build.page("<p>two</p>") + Build.page("<p>three</p>"))
        #expect(texts(tally) == ["<p>two</p>", "<p>three</p>"])
        #expect(tally.failures.map(\.kind) == ["corrupt"] && tally.failures.first?.source.offset == 0)
    }

    @Test func contentLengthTooShortFailsTheRecord() throws {
        let block = Build.http(body: Array("<p>one, longer than it says</p>".utf8))
        let bad = Build.record("response", length: block.count - 12, block: block)
        let (tally, _) = try read(bad + Build.page("<p>two</p>"))
        #expect(texts(tally) == ["<p>two</p>"])
        #expect(tally.failures.map(\.kind) == ["corrupt"])
    }

    @Test func contentLengthNotANumber() throws {
        var bad = Build.page("<p>one</p>")
        let header = String(decoding: bad, as: UTF8.self).replacingOccurrences(of: "Content-Length: ", with: "Content-Length: x")
        bad = Array(header.utf8)
        let (tally, _) = try read(bad + Build.page("<p>two</p>"))
        #expect(texts(tally) == ["<p>two</p>"] && tally.failures.map(\.kind) == ["corrupt"])
    }

    @Test func fileEndingInsideAHeaderOrABlock() throws {
        let page = Build.page("<p>one</p>")
        let (cutHeader, _) = try read(page + Array(page.prefix(30)))
        #expect(texts(cutHeader) == ["<p>one</p>"] && cutHeader.failures.map(\.kind) == ["truncated"])
        let (cutBlock, _) = try read(page + Array(page.prefix(page.count - 10)))
        #expect(texts(cutBlock) == ["<p>one</p>"] && cutBlock.failures.map(\.kind) == ["truncated"])
        #expect(cutBlock.failures.first?.source.offset == page.count)
    }

    @Test func recordHeaderCutShortByTheNextRecord() throws {
        let page = Build.page("<p>two</p>")
        // Cut after "WARC-Type: response\r\n": the next line is the next record's version line.
        let (atLine, _) = try read(Array(page.prefix(31)) + page)
        #expect(texts(atLine) == ["<p>two</p>"] && atLine.failures.map(\.kind) == ["truncated"])
        // Cut inside a field name: a header line without a colon.
        let (inLine, _) = try read(Array(page.prefix(40)) + Array("\r\n".utf8) + page)
        #expect(texts(inLine) == ["<p>two</p>"] && inLine.failures.map(\.kind) == ["corrupt"])
    }

    @Test func wrongChunkSizesFailTheRecordOnly() throws {
        let chunked = Array("5\r\n<p>on\r\n40\r\ne</p>\r\n0\r\n\r\n".utf8)
        let bad = Build.record("response", block: Build.http(["Content-Type: text/html", "Transfer-Encoding: chunked"], body: chunked))
        let (tally, _) = try read(bad + Build.page("<p>two</p>"))
        #expect(texts(tally) == ["<p>two</p>"] && tally.failures.map(\.kind) == ["corrupt"])
        #expect(tally.failures.first?.message.contains("chunk") == true)
    }

    @Test func chunkedBodiesAreJoinedAndDechunkedBodiesKept() throws {
        let chunked = Array("5;ext=1\r\n<p>on\r\n5\r\ne</p>\r\n0\r\nTrailer: x\r\n\r\n".utf8)
        let good = Build.record("response", block: Build.http(["Content-Type: text/html", "Transfer-Encoding: chunked"], body: chunked))
        let stored = Build.record("response", block: Build.http(["Content-Type: text/html", "Transfer-Encoding: chunked"],
                                                                body: Array("<p>two</p>".utf8)))
        let (tally, _) = try read(good + stored)
        #expect(texts(tally) == ["<p>one</p>", "<p>two</p>"])
    }

    @Test func contentCodings() throws {
        let html = Array("<p>deflated</p>".utf8)
        let zlib = Build.record("response", block: Build.http(["Content-Type: text/html", "Content-Encoding: deflate"], body: Build.zlib(html)))
        let raw = Build.record("response", block: Build.http(["Content-Type: text/html", "Content-Encoding: deflate"], body: Build.storedDeflate(html)))
        let gzip = Build.record("response", block: Build.http(["Content-Type: text/html", "Content-Encoding: x-gzip"], body: Build.gzip(html)))
        let plain = Build.record("response", block: Build.http(["Content-Type: text/html", "Content-Encoding: gzip"], body: html))
        let odd = Build.record("response", block: Build.http(["Content-Type: text/html", "Content-Encoding: compress"], body: html))
        let (tally, _) = try read(zlib + raw + gzip + plain + odd)
        #expect(texts(tally) == Array(repeating: "<p>deflated</p>", count: 4))
        #expect(tally.failures.map(\.kind) == ["unsupported_encoding"])
    }

    @Test func payloadsThatAreNotPagesAreSkipped() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]
        let records = [
            Build.record("response", block: Build.http(["Content-Type: image/png"], body: png)),
            Build.record("response", block: Build.http(["Content-Type: text/html"], body: png)),  // lies
            Build.record("response", block: Build.http(["Content-Type: application/json"], body: Array("{}".utf8))),
            Build.record("response", block: Build.http(status: "404 Not Found", body: Array("<p>gone</p>".utf8))),
            Build.record("response", block: Build.http(status: "301 Moved", ["Location: /x"], body: [])),
            Build.record("response", block: Build.http(body: Array(" \r\n".utf8))),
            Build.record("response", block: Build.http([], body: Array("<!DOCTYPE html><p>sniffed</p>".utf8))),
            Build.record("response", block: Build.http([], body: [0, 1, 2, 3])),
            Build.record("response", block: Build.http(["Content-Type: text/plain; charset=iso-8859-1"], body: Array("plain".utf8))),
            Build.record("resource", uri: "metadata://crawler/log", contentType: "text/plain", block: Array("log".utf8)),
            Build.record("resource", uri: "file:///a.html", contentType: "text/html; charset=\"windows-1252\"", block: Array("<p>r</p>".utf8)),
            Build.record("conversion", uri: "file:///a.txt", contentType: "text/plain", block: Array("converted".utf8)),
            Build.record("response", uri: "dns:example.org", contentType: "text/dns", block: Array("20200820 example.org. 1 IN A 1.2.3.4".utf8)),
            Build.record("request", contentType: "application/http; msgtype=request", block: Array("GET / HTTP/1.1\r\n\r\n".utf8)),
            Build.record("metadata", contentType: "application/warc-fields", block: Array("a: b\r\n".utf8)),
            Build.record("revisit", block: []),
            Build.record("warcinfo", uri: nil, contentType: "application/warc-fields", block: Array("software: x\r\n".utf8)),
            Build.record("continuation", block: Array("more".utf8)),
        ]
        let (tally, _) = try read(records.flatMap { $0 })
        #expect(tally.skipped == [
            "media:image/png": 2, "media:application/json": 1, "http:404": 1, "http:301": 1, "payload:empty": 1,
            "media:unknown": 1, "uri:metadata": 1, "uri:dns": 1, "warc:request": 1, "warc:metadata": 1,
            "warc:revisit": 1, "warc:warcinfo": 1, "warc:continuation": 1,
        ])
        #expect(tally.failures.isEmpty)
        #expect(texts(tally) == ["<!DOCTYPE html><p>sniffed</p>", "plain", "<p>r</p>", "converted"])
        #expect(tally.documents.map(\.format) == [.html, .text, .html, .text])
        #expect(tally.documents.map(\.charsetHint) == [nil, "iso-8859-1", "windows-1252", nil])
        #expect(tally.documents.map(\.source.mediaType) == [nil, "text/plain", "text/html", "text/plain"])
    }

    @Test func malformedHTTPHeadIsAFailure() throws {
        let bad = Build.record("response", block: Array("HTTPX/1.1 200 OK\r\n\r\n<p>x</p>".utf8))
        let (tally, _) = try read(bad + Build.page("<p>two</p>"))
        #expect(tally.failures.map(\.kind) == ["corrupt"] && texts(tally) == ["<p>two</p>"])
    }

    @Test func oversizedRecordIsAFailureAndTheNextIsRead() throws {
        let big = Build.page(String(repeating: "x", count: 5000))
        let path = try Build.file("big.warc", big + Build.page("<p>two</p>"))
        let tally = ArchiveTally(WARCSource(path: path, maxBytes: 1000))
        #expect(tally.failures.map(\.kind) == ["too_large"] && tally.documents.count == 1)
    }

    @Test func warcVersionsAndLineEndings() throws {
        let v018 = Array("WARC/0.18\nWARC-Type: resource\nWARC-Date: 2008-10-294T05:21:46-0700\nContent-Type: text/plain\nContent-Length: 5\n\nhello\n\n".utf8)
        let crcrlf = Array("WARC/1.0\r\r\nWARC-Type: resource\r\r\nContent-Type: text/plain\r\r\nContent-Length: 3\r\r\n\r\r\nbye\r\n\r\n".utf8)
        let (tally, _) = try read(v018 + crcrlf)
        #expect(texts(tally) == ["hello", "bye"] && tally.documents.map(\.date) == [nil, nil])
    }

    @Test(arguments: [
        ("2019-08-15T14:06:11Z", "2019-08-15T14:06:11Z"), ("2019-08-15T01:02", "2019-08-15T01:02"),
        ("2019-08-15", "2019-08-15"), ("2019", "2019"), (" 2019-08-15T14:06:11.123456Z ", "2019-08-15T14:06:11.123456Z"),
        ("2008-10-29T05:21:46-0700", "2008-10-29T05:21:46-0700"), ("2008-10-29T05:21:46+07:00", "2008-10-29T05:21:46+07:00"),
        ("2024-02-29", "2024-02-29"),
    ])
    func validDates(value: String, expected: String) {
        #expect(ArchiveDate.normalized(value) == expected)
    }

    @Test(arguments: ["2008-10-294T05:21:46-0700", "2023-02-29", "2019-13-01", "2019-08-15T24:00", "2019-08-15T10", "20190815", "", "yesterday"])
    func impossibleDates(value: String) {
        #expect(ArchiveDate.normalized(value) == nil)
    }

    @Test func arcDates() {
        #expect(ArchiveDate.fromARC("20080430204825") == "2008-04-30T20:48:25Z")
        #expect(ArchiveDate.fromARC("201404010000000000") == "2014-04-01T00:00:00Z")
        #expect(ArchiveDate.fromARC("20081394000000") == nil)
    }
}
