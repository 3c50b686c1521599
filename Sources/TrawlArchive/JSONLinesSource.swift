// Trawl — JSONLinesSource.swift
// JSON Lines input: one document per line, `{"id", "html"|"text", "url"?, "date"?}`.

import Foundation
import Trawl

/// Documents given as JSON Lines, one object per line — the streaming input for Spark's
/// `pipe`, Hadoop Streaming and the like:
///
/// ```json
/// {"id": "a1", "html": "<p>…</p>", "url": "https://example.org/a1", "date": "2020-08-20"}
/// {"id": "a2", "text": "…"}
/// ```
///
/// `id` (a string or a number) defaults to `name:line`; exactly one of `html` and `text` is
/// required; `url` becomes `source.uri`; `date` must be ISO 8601 (`2020-08-20`,
/// `2020-08-20T10:00:00Z`). Blank lines are ignored. A line that is not such an object becomes
/// a `parse` failure naming its line number, and reading goes on with the next line.
public struct JSONLinesSource: Sequence, Sendable {
    /// The stream read.
    public var input: StreamInput
    /// Lines longer than this become `too_large` failures.
    public var maxBytes: Int

    /// Reads the JSON Lines file at `path` (gzip-compressed or not).
    public init(path: String, maxBytes: Int = 512 << 20) {
        self.init(stream: .file(path), maxBytes: maxBytes)
    }

    /// Reads JSON Lines from a file or standard input.
    public init(stream: StreamInput, maxBytes: Int = 512 << 20) {
        self.input = stream
        self.maxBytes = maxBytes
    }

    /// Opens the stream; a file that cannot be opened yields one failure.
    public func makeIterator() -> StreamIterator {
        StreamIterator(opening: input) { JSONLinesReader(reader: $0, maxBytes: maxBytes) }
    }
}

/// Reads JSON Lines from a ``ByteReader``.
final class JSONLinesReader: ItemStream {
    private let reader: ByteReader
    private let maxBytes: Int
    private var lineNumber = 0

    init(reader: ByteReader, maxBytes: Int) {
        self.reader = reader
        self.maxBytes = maxBytes
    }

    func next() -> SourceItem? {
        while true {
            reader.mark = reader.position
            let offset = reader.position
            lineNumber += 1
            switch reader.readLine(limit: maxBytes) {
            case .end:
                if let error = reader.takeAllFaults().first {
                    return .failure(failure(offset: offset, kind: error.kind, error.message))
                }
                return nil
            case .tooLong:
                while case .tooLong = reader.readLine(limit: maxBytes) {}
                return .failure(failure(offset: offset, kind: "too_large", "the line is over \(maxBytes) bytes (--max-bytes)"))
            case .line(let line):
                if let fault = reader.takeFaults(through: reader.position).first {
                    return .failure(failure(offset: offset, kind: fault.kind, fault.message))
                }
                if Bytes.trimmed(line).isEmpty { continue }
                return item(line, offset: offset)
            }
        }
    }

    private func item(_ line: [UInt8], offset: Int) -> SourceItem {
        let object: [String: Any]
        do {
            guard let parsed = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
                return .failure(failure(offset: offset, kind: "parse", "not a JSON object"))
            }
            object = parsed
        } catch {
            return .failure(failure(offset: offset, kind: "parse", "invalid JSON (\(error.localizedDescription))"))
        }
        let id: String
        switch object["id"] {
        case nil, is NSNull: id = "\(reader.name):\(lineNumber)"
        case let value as String: id = value
        case let value as NSNumber: id = value.stringValue
        default: return .failure(failure(offset: offset, kind: "parse", "'id' is not a string or a number"))
        }
        let html = object["html"], text = object["text"]
        let format: InputFormat
        let content: String
        switch (html, text) {
        case (let value as String, nil): (format, content) = (.html, value)
        case (nil, let value as String): (format, content) = (.text, value)
        case (nil, nil): return .failure(failure(offset: offset, id: id, kind: "parse", "no 'html' or 'text' field"))
        case (.some, .some): return .failure(failure(offset: offset, id: id, kind: "parse", "both 'html' and 'text' given"))
        default: return .failure(failure(offset: offset, id: id, kind: "parse", "'html' or 'text' is not a string"))
        }
        var uri: String?
        switch object["url"] {
        case nil, is NSNull: uri = nil
        case let value as String: uri = value
        default: return .failure(failure(offset: offset, id: id, kind: "parse", "'url' is not a string"))
        }
        var date: String?
        switch object["date"] {
        case nil, is NSNull: date = nil
        case let value as String:
            guard let valid = ArchiveDate.normalized(value) else {
                return .failure(failure(offset: offset, id: id, kind: "parse", "'date' is not an ISO 8601 date: '\(value)'"))
            }
            date = valid
        default: return .failure(failure(offset: offset, id: id, kind: "parse", "'date' is not a string"))
        }
        let source = DocumentSource(uri: uri, path: reader.name, offset: offset)
        return .document(RawDocument(id: id, source: source, bytes: Array(content.utf8), format: format,
                                     charsetHint: format == .html ? "utf-8" : nil, date: date))
    }

    private func failure(offset: Int, id: String? = nil, kind: String, _ message: String) -> DocumentFailure {
        DocumentFailure(id: id ?? "\(reader.name):\(lineNumber)", source: DocumentSource(path: reader.name, offset: offset),
                        kind: kind, message: "'\(reader.name)', line \(lineNumber): \(message)")
    }
}
