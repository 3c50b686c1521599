// Trawl — WARCReader.swift
// WARC (1.1, 1.0, 0.18) and ARC records to source items, resynchronising after corrupt input.

import Trawl

/// Something that yields source items one at a time: an archive or a JSON Lines stream.
protocol ItemStream: AnyObject {
    /// The next item, or `nil` at the end.
    func next() -> SourceItem?
}

/// Turns the records of a WARC or ARC file into ``SourceItem``s.
///
/// - `response`, `resource` and `conversion` records with an HTML or plain-text payload become
///   documents; a `response` record's HTTP head is parsed, chunked transfer coding undone and
///   gzip or deflate content coding decoded.
/// - Every other record is counted as skipped: `warc:request`, `warc:metadata`, `warc:revisit`,
///   `warc:warcinfo`, `arc:filedesc`; a payload that is not a page (`media:image/png`); a
///   response whose status is not 2xx (`http:404`, `http:301`: error pages and redirects are
///   not the page); an empty payload (`payload:empty`); a record about the crawl rather than
///   the web (`uri:metadata`, `uri:dns`, `uri:urn`).
/// - A record that cannot be read becomes a failure (`truncated`, `corrupt`,
///   `unsupported_encoding`, `too_large`) naming the file and the record's byte offset, and the
///   reader resynchronises on the next line starting with `WARC/` (or the next ARC header).
///
/// Identifiers are `path#offset`: `offset` is the byte offset of the record in the file, which
/// for gzip is the compressed offset of the member it starts (what CDX indexes store and
/// `warcio extract` takes). When one member holds several records (a whole-file gzip stream),
/// the later ones are `path#offset+n`, `n` bytes into the member's decompressed data, and
/// `source.offset` is the member's offset. An identifier always exists, is unique within the
/// file and locates the record; the WARC-Record-ID goes to `source.record`.
final class ArchiveRecordReader: ItemStream {
    private static let lineLimit = 64 << 10
    private static let headLimit = 64 << 10
    private static let maxHeaderLines = 1024
    /// A skipped block longer than this is not kept for rewinding.
    private static let rewindWindow = 8 << 20

    private let reader: ByteReader
    private let maxBytes: Int
    private var queue: [SourceItem] = []
    private var queueHead = 0
    private var finished = false
    /// Set once an ARC file header has been seen: ARC record headers are recognised from then on.
    private var isARC = false
    private var arcVersion = 1

    /// Reads records from `reader`; payloads over `maxBytes` become `too_large` failures.
    init(reader: ByteReader, maxBytes: Int) {
        self.reader = reader
        self.maxBytes = maxBytes
    }

    private var path: String { reader.name }

    func next() -> SourceItem? {
        while queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            guard !finished else { return nil }
            readRecord()
        }
        defer { queueHead += 1 }
        return queue[queueHead]
    }

    // MARK: Records

    /// What is known about a record before its block is read.
    private struct Record {
        var start: Int
        var source: DocumentSource
        var id: String
        var date: String?
        /// The declared media type of the block (WARC Content-Type, or the ARC header's).
        var blockType: MediaType
        /// How to name the record in messages.
        var label: String
    }

    private func readRecord() {
        reader.mark = reader.position
        reader.skipBytes { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 || $0 == 0x20 || $0 == 0x09 }
        let start = reader.position
        reader.mark = start
        for fault in reader.takeFaults(through: start) { queue.append(.failure(failure(fault))) }
        switch reader.readLine(limit: Self.lineLimit) {
        case .end:
            finished = true
            for fault in reader.takeAllFaults() { queue.append(.failure(failure(fault))) }
            if let error = reader.readError {
                queue.append(.failure(failure(at: start, kind: "unreadable", "read error: \(error)")))
            }
        case .tooLong:
            skipGarbage(from: start)
        case .line(let line):
            if line.starts(with: "WARC/".utf8) {
                readWARCRecord(start: start)
            } else if let header = arcHeader(line) {
                readARCRecord(start: start, header: header)
            } else {
                skipGarbage(from: start)
            }
        }
    }

    private func readWARCRecord(start: Int) {
        var headers = HeaderFields()
        var lines = 0
        header: while true {
            let lineStart = reader.position
            switch reader.readLine(limit: Self.lineLimit) {
            case .end:
                queue.append(.failure(failure(at: start, kind: "truncated", "the file ends inside the record header")))
                return
            case .tooLong:
                queue.append(.failure(failure(at: start, kind: "corrupt", "a record header line is over 64 KiB")))
                resynchronise()
                return
            case .line(let line):
                if line.isEmpty { break header }
                if line.starts(with: "WARC/".utf8) {
                    queue.append(.failure(failure(at: start, kind: "truncated", "the next record starts inside the record header")))
                    reader.rewind(to: lineStart)
                    return
                }
                if line.first == 0x20 || line.first == 0x09 { continue }  // folded continuation
                lines += 1
                guard lines <= Self.maxHeaderLines, headers.append(line: line[...]) else {
                    queue.append(.failure(failure(at: start, kind: "corrupt",
                                                  "the record header is not WARC header fields")))
                    resynchronise()
                    return
                }
            }
        }
        let type = headers["warc-type"]?.lowercased() ?? "unknown"
        var uri = headers["warc-target-uri"]
        if let value = uri, value.hasPrefix("<"), value.hasSuffix(">") {
            uri = String(decoding: value.utf8.dropFirst().dropLast(), as: UTF8.self)  // wget 1.14 writes <uri>
        }
        var record = makeRecord(start: start, uri: uri, recordID: headers["warc-record-id"],
                                blockType: MediaType(headers["content-type"]))
        record.date = headers["warc-date"].flatMap(ArchiveDate.normalized)
        guard let lengthValue = headers["content-length"], let length = Bytes.decimal(lengthValue.utf8) else {
            let value = headers["content-length"].map { "'\($0)'" } ?? "missing"
            queue.append(.failure(failure(record, kind: "corrupt", "invalid Content-Length (\(value))")))
            resynchronise()
            return
        }
        switch type {
        case "response", "resource", "conversion":
            readBlock(record, length: length, expectHTTP: type == "response")
        default:
            skipBlock(record, length: length, reason: "warc:" + type)
        }
    }

    private func makeRecord(start: Int, uri: String?, recordID: String?, blockType: MediaType) -> Record {
        let (offset, delta) = reader.location(of: start)
        let id = delta == 0 ? "\(path)#\(offset)" : "\(path)#\(offset)+\(delta)"
        let source = DocumentSource(uri: uri, path: path, record: recordID, offset: offset)
        var label = delta == 0 ? "byte offset \(offset)" : "byte offset \(offset)+\(delta) (decompressed)"
        if let uri { label += " (\(uri))" }
        return Record(start: start, source: source, id: id, date: nil, blockType: blockType, label: label)
    }

    // MARK: ARC

    /// The fields of an ARC record header line.
    private struct ARCHeader {
        var url: String
        var date: String
        var mediaType: String
        var length: String
    }

    /// Parses an ARC header line: `url ip date mime length` (version 1) or, in version 2,
    /// `url ip date mime status checksum location offset filename length`. The URL may hold
    /// spaces, so fields are taken from the right.
    private func arcHeader(_ line: [UInt8]) -> ARCHeader? {
        let isFileHeader = line.starts(with: "filedesc://".utf8)
        guard isARC || isFileHeader else { return nil }
        let fields = line.split(separator: UInt8(ascii: " "))
        let trailing = !isFileHeader && arcVersion == 2 ? 9 : 4
        guard fields.count > trailing else { return nil }
        let url = String(decoding: Bytes.trimmed(line[..<fields[fields.count - trailing].startIndex]), as: UTF8.self)
        let dateField = fields[fields.count - trailing + 1]
        guard url.utf8.contains(UInt8(ascii: ":")), dateField.count >= 8,
              dateField.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return ARCHeader(url: url, date: String(decoding: dateField, as: UTF8.self),
                         mediaType: String(decoding: fields[fields.count - trailing + 2], as: UTF8.self),
                         length: String(decoding: fields[fields.count - 1], as: UTF8.self))
    }

    private func readARCRecord(start: Int, header: ARCHeader) {
        let isFileHeader = header.url.hasPrefix("filedesc://")
        if isFileHeader { isARC = true }
        var record = makeRecord(start: start, uri: isFileHeader ? nil : header.url, recordID: nil,
                                blockType: MediaType(header.mediaType))
        record.date = ArchiveDate.fromARC(header.date)
        guard let length = Bytes.decimal(header.length.utf8) else {
            queue.append(.failure(failure(record, kind: "corrupt", "invalid ARC record length '\(header.length)'")))
            resynchronise()
            return
        }
        if isFileHeader {
            // The version block's first line starts with the format version: `1 0 …` or `2 0 …`.
            let block = reader.peekBytes(min(length, 64))
            arcVersion = block.first == UInt8(ascii: "2") ? 2 : 1
            skipBlock(record, length: length, reason: "arc:filedesc")
        } else {
            readBlock(record, length: length, expectHTTP: false)
        }
    }

    // MARK: Blocks

    /// Reads a block that may hold a document, or skips it when its head says it does not.
    private func readBlock(_ record: Record, length: Int, expectHTTP: Bool) {
        var record = record
        if let scheme = uriScheme(record.source.uri), ["metadata", "dns", "urn", "filedesc"].contains(scheme) {
            skipBlock(record, length: length, reason: "uri:" + scheme)
            return
        }
        let prefix = reader.peekBytes(min(length, Self.headLimit))
        let isHTTP = prefix.starts(with: "HTTP/".utf8)
        var head: HTTPResponseHead?
        if isHTTP || (expectHTTP && record.blockType.essence == "application/http") {
            switch HTTPResponseHead.parse(prefix) {
            case .head(let parsed):
                head = parsed
            case .unterminated where prefix.count == length:
                // A head with no blank line after it and no body (a redirect, say).
                switch HTTPResponseHead.parse(prefix + [0x0A, 0x0A]) {
                case .head(let parsed): head = parsed
                default: break
                }
            case .unterminated:
                failBlock(record, length: length, kind: "corrupt", "the HTTP header is over 64 KiB or unterminated")
                return
            case .notHTTP:
                failBlock(record, length: length, kind: "corrupt", "the HTTP response has no valid status line")
                return
            }
        }
        var declared = record.blockType
        if let head {
            guard (200...299).contains(head.status) else {
                skipBlock(record, length: length, reason: "http:\(head.status)")
                return
            }
            declared = MediaType(head.headers["content-type"])
        }
        record.source.mediaType = declared.essence
        if !PayloadKind.mayBeDocument(declared: declared.essence) {
            skipBlock(record, length: length, reason: "media:" + (declared.essence ?? "unknown"))
            return
        }
        guard length <= maxBytes else {
            failBlock(record, length: length, kind: "too_large",
                      "the record is \(length) bytes, over the limit of \(maxBytes) (--max-bytes)")
            return
        }
        let block = reader.read(length)
        guard finishBlock(record, length: length, read: block.count) else { return }
        let payload: [UInt8]
        if let head {
            switch head.decodedBody(of: block, limit: maxBytes) {
            case .success(let body): payload = body
            case .failure(let error):
                queue.append(.failure(failure(record, kind: error.kind, error.message)))
                return
            }
        } else {
            payload = block
        }
        if payload.allSatisfy({ $0 == 0x20 || (0x09...0x0D).contains($0) }) {
            queue.append(.skipped("payload:empty"))
            return
        }
        let format: InputFormat
        switch PayloadKind.classify(declared: declared.essence, payload: payload.prefix(1024)) {
        case .html: format = .html
        case .text: format = .text
        case .skip(let reason):
            queue.append(.skipped(reason))
            return
        }
        queue.append(.document(RawDocument(id: record.id, source: record.source, bytes: payload, format: format,
                                           charsetHint: declared.charset, date: record.date)))
    }

    /// Skips a block, counting the record under `reason` if it was whole.
    private func skipBlock(_ record: Record, length: Int, reason: String) {
        let skipped = reader.skip(length, keepingMark: length <= Self.rewindWindow)
        if finishBlock(record, length: length, read: skipped) { queue.append(.skipped(reason)) }
    }

    /// Skips a block and reports the record as a failure (unless its framing is broken too,
    /// which is reported instead).
    private func failBlock(_ record: Record, length: Int, kind: String, _ message: String) {
        let skipped = reader.skip(length, keepingMark: length <= Self.rewindWindow)
        if finishBlock(record, length: length, read: skipped) {
            queue.append(.failure(failure(record, kind: kind, message)))
        }
    }

    /// Checks that a block of `length` bytes (`read` of them present) ends the record cleanly:
    /// the next record (or the end of the file) after it, and no gzip fault before that.
    /// Otherwise queues a failure, repositions the reader at the next record, and returns `false`.
    private func finishBlock(_ record: Record, length: Int, read: Int) -> Bool {
        let blockStart = reader.position - read
        let next = read == length ? nextRecordStart() : nil
        // Any fault inside the block breaks it; so does damage to its member found up to the
        // next record's start (a bad CRC shows at the member's end).
        let blockEnd = blockStart + length
        if let fault = reader.takeFault(inside: record.start..<blockEnd)
            ?? reader.takeFault(inside: record.start..<((next ?? blockEnd) + 1), where: \.damagesMember) {
            queue.append(.failure(failure(record, kind: fault.kind, fault.message)))
            if reader.canRewind(to: fault.position) { reader.rewind(to: fault.position) }
            resynchronise()
            return false
        }
        if next != nil { return true }
        // The block ends with the record separator but no record follows: the Content-Length
        // is right and garbage lies between records, which the next read reports.
        if read == length, endsWithSeparator() { return true }
        // The Content-Length may be too long, taking in the next record's header: find it.
        let afterBlock = reader.position
        if !isARC, let next = reader.firstPosition(of: Array("\nWARC/".utf8), in: (blockStart + 1)..<afterBlock),
           reader.canRewind(to: next + 1) {
            queue.append(.failure(failure(record, kind: "corrupt",
                                          "its Content-Length (\(length)) runs past the next record, which starts \(next + 1 - blockStart) bytes into the block")))
            reader.rewind(to: next + 1)
            return false
        }
        if read < length {
            queue.append(.failure(failure(record, kind: "truncated",
                                          "the file ends \(read) bytes into its \(length)-byte block")))
            return false
        }
        queue.append(.failure(failure(record, kind: "corrupt",
                                      "no record follows its \(length)-byte block (wrong Content-Length, or garbage after the record)")))
        resynchronise()
        return false
    }

    /// Whether the bytes at the reader's position are a record separator (`CRLF CRLF` in
    /// WARC, a newline in ARC), leaving the reader where it was.
    private func endsWithSeparator() -> Bool {
        let separator = Array((isARC ? "\n" : "\r\n\r\n").utf8)
        return reader.peekBytes(separator.count) == separator
    }

    /// The position of the next record (or the end of the file) when only blank bytes lie
    /// between it and the reader's position, which is left where it was.
    private func nextRecordStart() -> Int? {
        let position = reader.position
        defer { reader.rewind(to: position) }
        reader.skipBytes { $0 == 0x0D || $0 == 0x0A || $0 == 0x00 || $0 == 0x20 || $0 == 0x09 }
        return isRecordStart() ? reader.position : nil
    }

    /// Whether a record header (or the end of the file) is at the reader's position, which is
    /// left where it was.
    private func isRecordStart() -> Bool {
        let position = reader.position
        defer { reader.rewind(to: position) }
        switch reader.readLine(limit: Self.lineLimit) {
        case .end: return true
        case .tooLong: return false
        case .line(let line): return line.starts(with: "WARC/".utf8) || arcHeader(line) != nil
        }
    }

    /// Moves to the start of the next line that begins a record (or to the end of the file).
    /// - Returns: the number of bytes passed over.
    @discardableResult
    private func resynchronise() -> Int {
        let from = reader.position
        while true {
            let lineStart = reader.position
            reader.mark = lineStart
            switch reader.readLine(limit: Self.lineLimit) {
            case .end: return reader.position - from
            case .tooLong: continue
            case .line(let line):
                if line.starts(with: "WARC/".utf8) || arcHeader(line) != nil {
                    reader.rewind(to: lineStart)
                    return lineStart - from
                }
            }
        }
    }

    /// Passes over bytes that are not a record header, reporting them as one failure.
    private func skipGarbage(from start: Int) {
        reader.rewind(to: start)
        let skipped = resynchronise()
        let after = reader.isAtEnd ? "up to the end of the file" : "before the next record"
        queue.append(.failure(failure(at: start, kind: "corrupt", "\(skipped) bytes that are not a record \(after)")))
    }

    // MARK: Failures

    private func failure(_ record: Record, kind: String, _ message: String) -> DocumentFailure {
        DocumentFailure(id: record.id, source: record.source, kind: kind,
                        message: "'\(path)', record at \(record.label): \(message)")
    }

    private func failure(at position: Int, kind: String, _ message: String) -> DocumentFailure {
        let (offset, delta) = reader.location(of: position)
        let id = delta == 0 ? "\(path)#\(offset)" : "\(path)#\(offset)+\(delta)"
        let place = delta == 0 ? "byte offset \(offset)" : "byte offset \(offset)+\(delta) (decompressed)"
        return DocumentFailure(id: id, source: DocumentSource(path: path, offset: offset), kind: kind,
                               message: "'\(path)', at \(place): \(message)")
    }

    private func failure(_ fault: ByteReader.Fault) -> DocumentFailure {
        DocumentFailure(id: "\(path)#\(fault.compressedOffset)",
                        source: DocumentSource(path: path, offset: fault.compressedOffset),
                        kind: fault.kind, message: "'\(path)': \(fault.message)")
    }

    /// The lowercased scheme of a URI (`http`, `metadata`, `dns`), if it has one.
    private func uriScheme(_ uri: String?) -> String? {
        guard let bytes = uri?.utf8, let colon = bytes.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let scheme = bytes[..<colon]
        let isSchemeByte: (UInt8) -> Bool = {
            (0x61...0x7A).contains($0 | 0x20) || (0x30...0x39).contains($0)
                || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
        guard !scheme.isEmpty, scheme.allSatisfy(isSchemeByte) else { return nil }
        return String(decoding: scheme.map(Bytes.lowercased), as: UTF8.self)
    }
}
