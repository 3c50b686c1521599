// Trawl — WARCSource.swift
// Public sources over one byte stream: a WARC/ARC archive, or standard input.

import Trawl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A byte stream a source reads: a file, or standard input. Either may be gzip-compressed
/// (one member or many); that is detected from the first bytes, not the name.
public enum StreamInput: Sendable, Hashable {
    /// The file at this path.
    case file(String)
    /// Standard input, named `-` in identifiers and messages.
    case standardInput

    /// The path, or `-`.
    public var name: String {
        switch self {
        case .file(let path): path
        case .standardInput: "-"
        }
    }

    /// Opens the stream, or describes why it cannot be opened as a failure item.
    func open() -> Result<ByteReader, DocumentFailure> {
        switch self {
        case .standardInput:
            return .success(ByteReader(descriptor: STDIN_FILENO, name: "-"))
        case .file(let path):
            do {
                return .success(try ByteReader(path: path))
            } catch {
                let kind = error.errno == ENOENT ? "not_found" : "unreadable"
                return .failure(DocumentFailure(id: path, source: DocumentSource(path: path), kind: kind,
                                                message: "cannot open '\(path)': \(error.message)"))
            }
        }
    }
}

/// The records of one WARC or ARC archive — uncompressed, gzip per record, or one gzip stream
/// — as source items, read in bounded memory.
///
/// See ``FileSource`` for directories and mixed inputs; this source reads exactly one archive.
/// Records with an HTML or text payload become documents, the others are counted skips, and
/// unreadable records become failures naming the file and byte offset; the reader then
/// carries on with the next record. Identifiers are `path#offset` (the compressed offset of
/// the record's gzip member, or its byte offset in an uncompressed file).
public struct WARCSource: Sequence, Sendable {
    /// The archive.
    public var input: StreamInput
    /// Records whose payload is larger than this become `too_large` failures.
    public var maxBytes: Int

    /// Reads the archive at `path`.
    public init(path: String, maxBytes: Int = 512 << 20) {
        self.init(stream: .file(path), maxBytes: maxBytes)
    }

    /// Reads an archive from a file or standard input.
    public init(stream: StreamInput, maxBytes: Int = 512 << 20) {
        self.input = stream
        self.maxBytes = maxBytes
    }

    /// Opens the archive; a file that cannot be opened yields one failure.
    public func makeIterator() -> StreamIterator {
        StreamIterator(opening: input) { ArchiveRecordReader(reader: $0, maxBytes: maxBytes) }
    }
}

/// Reads the items of a ``WARCSource`` or ``JSONLinesSource`` one at a time, holding the open stream.
public struct StreamIterator: IteratorProtocol {
    private var stream: (any ItemStream)?
    private var pending: DocumentFailure?

    init(stream: any ItemStream) {
        self.stream = stream
    }

    /// Opens `input` and reads it with the stream `makeStream` makes; a stream that cannot be
    /// opened yields its one failure.
    init(opening input: StreamInput, _ makeStream: (ByteReader) -> any ItemStream) {
        switch input.open() {
        case .success(let reader): stream = makeStream(reader)
        case .failure(let failure): pending = failure
        }
    }

    /// The next document, skip or failure, or `nil` after the last one.
    public mutating func next() -> SourceItem? {
        if let failure = pending {
            pending = nil
            return .failure(failure)
        }
        return stream?.next()
    }
}
