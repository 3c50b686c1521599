// Trawl — HTTPPayload.swift
// HTTP responses inside archive records: head, chunked transfer coding, content coding, media type.

/// Why a payload could not be decoded; becomes a ``Trawl/DocumentFailure`` of the same kind.
struct PayloadError: Error, Equatable {
    /// `corrupt`, `truncated`, `unsupported_encoding` or `too_large`.
    var kind: String
    /// What went wrong.
    var message: String
}

/// Header fields (WARC or HTTP) in their order, names lowercased.
struct HeaderFields {
    private(set) var fields: [(name: String, value: String)] = []

    /// Adds a `Name: value` line. Returns `false` when the line has no colon.
    @discardableResult
    mutating func append(line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let name = String(decoding: Bytes.trimmed(line[..<colon]).map(Bytes.lowercased), as: UTF8.self)
        let value = String(decoding: Bytes.trimmed(line[(colon + 1)...]), as: UTF8.self)
        fields.append((name, value))
        return true
    }

    /// The value of the first field named `name` (lowercase).
    subscript(name: String) -> String? {
        fields.first { $0.name == name }?.value
    }
}

/// A media type with its charset parameter, from a `Content-Type` value.
struct MediaType: Equatable {
    /// The lowercased `type/subtype`, or `nil` when the value names none.
    var essence: String?
    /// The `charset` parameter, unquoted, if any.
    var charset: String?

    /// Parses a `Content-Type` value (`text/html; charset="utf-8"`).
    init(_ value: String?) {
        guard let value else { return }
        let bytes = Array(value.utf8)
        var parts = bytes.split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false)[...]
        let first = Bytes.trimmed(parts.popFirst() ?? [])
        if first.contains(UInt8(ascii: "/")) {
            essence = String(decoding: first.map(Bytes.lowercased), as: UTF8.self)
        }
        for parameter in parts {
            guard let equals = parameter.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = Bytes.trimmed(parameter[..<equals]).map(Bytes.lowercased)
            guard name.elementsEqual("charset".utf8) else { continue }
            var raw = Bytes.trimmed(parameter[(equals + 1)...])
            if raw.first == UInt8(ascii: "\""), raw.count >= 2, raw.last == UInt8(ascii: "\"") {
                raw = raw.dropFirst().dropLast()
            }
            if !raw.isEmpty { charset = String(decoding: raw, as: UTF8.self) }
        }
    }
}

/// The status line and header fields of an HTTP response.
struct HTTPResponseHead {
    /// The status code.
    var status: Int
    /// The header fields.
    var headers: HeaderFields
    /// Where the body starts in the bytes parsed.
    var bodyStart: Int

    /// What parsing the start of a record block found.
    enum Parse {
        /// A complete head.
        case head(HTTPResponseHead)
        /// The bytes do not start with an HTTP status line.
        case notHTTP
        /// A status line, but no blank line ending the header fields within the bytes.
        case unterminated
    }

    /// Parses the head at the start of `bytes`. Lines may end in LF, CRLF or CRCRLF.
    static func parse(_ bytes: [UInt8]) -> Parse {
        guard bytes.starts(with: "HTTP/".utf8) else { return .notHTTP }
        var index = 0
        var status: Int?
        var headers = HeaderFields()
        while index < bytes.count {
            guard let newline = bytes[index...].firstIndex(of: 0x0A) else { return .unterminated }
            var stop = newline
            while stop > index, bytes[stop - 1] == 0x0D { stop -= 1 }
            let line = bytes[index..<stop]
            index = newline + 1
            guard let code = status else {
                guard let parsed = statusCode(line) else { return .notHTTP }
                status = parsed
                continue
            }
            if line.isEmpty { return .head(HTTPResponseHead(status: code, headers: headers, bodyStart: index)) }
            headers.append(line: line)
        }
        return .unterminated
    }

    /// The code in `HTTP/1.1 200 OK` (the reason phrase may be missing).
    private static func statusCode(_ line: ArraySlice<UInt8>) -> Int? {
        guard let space = line.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let digits = Bytes.trimmed(line[(space + 1)...]).prefix { $0 != UInt8(ascii: " ") }
        guard digits.count == 3 else { return nil }
        return Bytes.decimal(digits)
    }

    /// The body, undone of its transfer coding and content codings.
    /// - Parameters:
    ///   - block: the bytes the head was parsed from, body included.
    ///   - limit: the most bytes a decoded body may have.
    func decodedBody(of block: [UInt8], limit: Int) -> Result<[UInt8], PayloadError> {
        var body = Array(block[min(bodyStart, block.count)...])
        if let transfer = headers["transfer-encoding"],
           transfer.lowercased().split(separator: ",").contains(where: { $0.trimmingASCIISpaces() == "chunked" }) {
            switch Self.dechunk(body) {
            case .success(let plain): body = plain
            case .failure(let error): return .failure(error)
            }
        }
        guard let encoding = headers["content-encoding"] else { return .success(body) }
        let codings = encoding.lowercased().split(separator: ",").map { $0.trimmingASCIISpaces() }
        for coding in codings.reversed() {
            switch coding {
            case "", "identity", "none":
                continue
            case "gzip", "x-gzip":
                // Some crawlers store the decoded body but keep the header: decode only real gzip.
                guard body.starts(with: [0x1F, 0x8B]) else { continue }
                switch Inflater.inflateAll(body[...], framing: .gzip, limit: limit) {
                case .success(let plain): body = plain
                case .failure(let error): return .failure(error)
                }
            case "deflate":
                guard body.count >= 2 else { continue }
                let zlibHeader = body[0] & 0x0F == 8 && (Int(body[0]) << 8 | Int(body[1])) % 31 == 0
                switch Inflater.inflateAll(body[...], framing: zlibHeader ? .zlib : .raw, limit: limit) {
                case .success(let plain): body = plain
                case .failure(let error): return .failure(error)
                }
            default:
                return .failure(PayloadError(kind: "unsupported_encoding",
                                             message: "Content-Encoding '\(coding)' is not supported"))
            }
        }
        return .success(body)
    }

    /// Undoes `Transfer-Encoding: chunked`. A body whose first line is not a chunk size was
    /// stored already dechunked (the header kept), and is returned as it is.
    static func dechunk(_ body: [UInt8]) -> Result<[UInt8], PayloadError> {
        var output: [UInt8] = []
        output.reserveCapacity(body.count)
        var index = 0
        var first = true
        while index < body.count {
            guard let (size, dataStart) = chunkSize(body, at: index) else {
                if first { return .success(body) }
                return .failure(PayloadError(kind: "corrupt", message: "invalid HTTP chunk size at byte \(index) of the payload"))
            }
            first = false
            if size == 0 { return .success(output) }
            guard size <= body.count - dataStart else {
                return .failure(PayloadError(kind: "corrupt", message:
                    "HTTP chunk of \(size) bytes at byte \(index) of the payload runs past its end (\(body.count - dataStart) bytes left)"))
            }
            output.append(contentsOf: body[dataStart..<(dataStart + size)])
            index = dataStart + size
            if index < body.count, body[index] == 0x0D { index += 1 }
            if index < body.count, body[index] == 0x0A { index += 1 }
        }
        // A body cut after a whole chunk, without the last-chunk line: keep what arrived.
        return .success(output)
    }

    /// Parses a chunk-size line (`1a3f;ext=1\r\n`) at `index`: the size and where the data starts.
    private static func chunkSize(_ body: [UInt8], at index: Int) -> (Int, Int)? {
        var cursor = index
        while cursor < body.count, body[cursor] == UInt8(ascii: " ") || body[cursor] == 0x09 { cursor += 1 }
        var size = 0
        var digits = 0
        while cursor < body.count, let value = Bytes.hexValue(body[cursor]) {
            guard digits < 15 else { return nil }
            size = size << 4 | value
            digits += 1
            cursor += 1
        }
        guard digits > 0 else { return nil }
        // Then spaces, chunk extensions (`;name=value`, at most 1 KiB) and CRs up to the LF.
        let limit = min(body.count, cursor + 1024)
        while cursor < limit, body[cursor] == UInt8(ascii: " ") || body[cursor] == 0x09 { cursor += 1 }
        if cursor < limit, body[cursor] == UInt8(ascii: ";") {
            while cursor < limit, body[cursor] != 0x0A { cursor += 1 }
        }
        while cursor < limit, body[cursor] == 0x0D { cursor += 1 }
        guard cursor < body.count, body[cursor] == 0x0A else { return nil }
        return (size, cursor + 1)
    }
}

/// What a payload is, for Trawl: a page to read, plain text, or something to skip.
enum PayloadKind: Equatable {
    /// HTML or XHTML.
    case html
    /// Plain text.
    case text
    /// Not for Trawl; the associated value is the reason counted (`media:image/png`).
    case skip(String)

    /// Classifies a payload from its declared media type, checked against its first bytes.
    ///
    /// HTML types are read as HTML, `text/plain` as text, XML as HTML only when it holds an
    /// `<html` element; a missing or generic type (`application/octet-stream`) is read as HTML
    /// when the bytes look like markup. Images, PDFs, archives and other binary formats are
    /// recognised by their magic numbers whatever the declared type.
    static func classify(declared: String?, payload: ArraySlice<UInt8>) -> PayloadKind {
        if let sniffed = binaryType(payload) { return .skip("media:" + sniffed) }
        guard let declared, !genericTypes.contains(declared) else {
            return looksLikeMarkup(payload) ? .html : .skip("media:" + (declared ?? "unknown"))
        }
        if htmlTypes.contains(declared) { return .html }
        if declared == "text/plain" { return .text }
        if xmlTypes.contains(declared), containsHTMLElement(payload) { return .html }
        return .skip("media:" + declared)
    }

    /// Whether a payload of the declared media type may be a document, so that its bytes are
    /// worth reading: HTML, plain text, XML, or no useful type at all.
    static func mayBeDocument(declared: String?) -> Bool {
        guard let declared else { return true }
        return htmlTypes.contains(declared) || declared == "text/plain" || xmlTypes.contains(declared)
            || genericTypes.contains(declared)
    }

    private static let htmlTypes: Set<String> = ["text/html", "application/xhtml+xml", "application/vnd.wap.xhtml+xml"]
    private static let xmlTypes: Set<String> = ["text/xml", "application/xml"]
    /// Types that say nothing about the content: sniff it.
    private static let genericTypes: Set<String> = [
        "application/octet-stream", "unk/unknown", "no-type", "unknown", "application/unknown",
        "application/x-unknown-content-type",
    ]

    /// The media type of a binary format recognised by its magic number.
    private static func binaryType(_ bytes: ArraySlice<UInt8>) -> String? {
        let signatures: [(prefix: [UInt8], type: String)] = [
            ([0x89, 0x50, 0x4E, 0x47], "image/png"), ([0xFF, 0xD8, 0xFF], "image/jpeg"),
            (Array("GIF8".utf8), "image/gif"), (Array("%PDF-".utf8), "application/pdf"),
            ([0x50, 0x4B, 0x03, 0x04], "application/zip"), ([0x1F, 0x8B], "application/gzip"),
            ([0x00, 0x00, 0x01, 0x00], "image/x-icon"), (Array("wOFF".utf8), "font/woff"),
            (Array("wOF2".utf8), "font/woff2"), (Array("BM".utf8), "image/bmp"),
        ]
        for signature in signatures where bytes.starts(with: signature.prefix) { return signature.type }
        if bytes.starts(with: "RIFF".utf8), bytes.dropFirst(8).starts(with: "WEBP".utf8) { return "image/webp" }
        return nil
    }

    /// Whether the first non-space bytes are a tag that starts an HTML page.
    private static func looksLikeMarkup(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes.prefix(1024)
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        rest = rest.drop { $0 == 0x20 || (0x09...0x0D).contains($0) }
        let openings = ["<!doctype html", "<html", "<head", "<body", "<!--", "<title", "<meta", "<?xml"]
        let lowered = rest.prefix(16).map(Bytes.lowercased)
        return openings.contains { lowered.starts(with: $0.utf8) }
    }

    /// Whether `<html` occurs in the first KiB (XHTML served as XML).
    private static func containsHTMLElement(_ bytes: ArraySlice<UInt8>) -> Bool {
        let lowered = bytes.prefix(1024).map(Bytes.lowercased)
        let needle = Array("<html".utf8)
        guard lowered.count >= needle.count else { return false }
        return (0...(lowered.count - needle.count)).contains { lowered[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

/// Small byte-level helpers for header parsing.
enum Bytes {
    /// ASCII lowercase of one byte.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// `bytes` without leading and trailing spaces, tabs, CRs and LFs.
    static func trimmed<Input: BidirectionalCollection>(_ bytes: Input) -> Input.SubSequence where Input.Element == UInt8 {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
        let start = bytes.firstIndex { !isSpace($0) } ?? bytes.endIndex
        let end = bytes.lastIndex { !isSpace($0) }.map { bytes.index(after: $0) } ?? start
        return bytes[start..<max(start, end)]
    }

    /// The value of ASCII decimal digits, or `nil` when empty, not all digits, or too long.
    static func decimal<Digits: Collection>(_ digits: Digits) -> Int? where Digits.Element == UInt8 {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// The value of one hexadecimal digit.
    static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

extension Substring {
    /// The substring without leading and trailing ASCII spaces and tabs.
    func trimmingASCIISpaces() -> String {
        String(decoding: Bytes.trimmed(Array(utf8)), as: UTF8.self)
    }
}
