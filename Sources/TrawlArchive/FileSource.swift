// Trawl — FileSource.swift
// Files, directories (recursive) and standard input as a stream of raw documents.

import Foundation
import Trawl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How to read the inputs: as one kind of document, as a container of documents, or `auto`.
public enum SourceFormat: String, Sendable, CaseIterable {
    /// Decide per input: archives and JSON Lines by their first bytes (and `.jsonl` names),
    /// documents by extension, then by content.
    case auto
    /// Every input is one HTML document.
    case html
    /// Every input is one plain-text document.
    case text
    /// Every input is a WARC or ARC archive.
    case warc
    /// Every input is JSON Lines, one document per line (see ``JSONLinesSource``).
    case jsonl
}

/// The inputs named on a command line — files, directories walked recursively, and `-` for
/// standard input — delivered lazily, one ``SourceItem`` at a time, in a stable order
/// (directory entries sorted by name).
///
/// A file is a single document (HTML or text, possibly gzip-compressed: `page.html.gz`), a
/// WARC/ARC archive (uncompressed, gzip per record or whole-file gzip), or JSON Lines; the
/// documents of archives and JSON Lines come one by one, in bounded memory. Compression is
/// recognised by the gzip magic number, archives by their first line, whatever the name.
///
/// Inputs that cannot be read (missing, unreadable, too large, corrupt) become
/// ``SourceItem/failure(_:)`` items naming the path and the reason, so they appear in the
/// output as error records.
public struct FileSource: Sequence, Sendable {
    /// The file-name patterns a directory walk keeps by default: pages, text, their gzip
    /// versions, and web archives.
    public static let defaultInclude = [
        "*.html", "*.htm", "*.xhtml", "*.txt", "*.html.gz", "*.htm.gz", "*.xhtml.gz", "*.txt.gz",
        "*.warc", "*.warc.gz", "*.arc", "*.arc.gz",
    ]

    /// The paths given (`-` is standard input).
    public var inputs: [String]
    /// Glob patterns (`fnmatch`) matched against file names found while walking directories.
    /// Files named explicitly are always read.
    public var include: [String]
    /// How to read every input.
    public var sourceFormat: SourceFormat
    /// Documents (a file, a decompressed file, an archive record, a JSON line) larger than this
    /// many bytes become `too_large` failures instead of being read.
    public var maxBytes: Int

    /// Creates a source.
    /// - Parameters:
    ///   - inputs: files, directories and `-`.
    ///   - include: file-name patterns for directory walks; empty means ``defaultInclude``.
    ///   - sourceFormat: how to read every input.
    ///   - maxBytes: the size limit of one document.
    public init(inputs: [String], include: [String] = FileSource.defaultInclude, sourceFormat: SourceFormat,
                maxBytes: Int = 512 << 20) {
        self.inputs = inputs
        self.include = include.isEmpty ? FileSource.defaultInclude : include
        self.sourceFormat = sourceFormat
        self.maxBytes = maxBytes
    }

    /// Creates a source reading every input as `format`, or deciding per input when `nil`.
    public init(inputs: [String], include: [String] = FileSource.defaultInclude, format: InputFormat? = nil,
                maxBytes: Int = 512 << 20) {
        let sourceFormat: SourceFormat = switch format {
        case .html: .html
        case .text: .text
        case nil: .auto
        }
        self.init(inputs: inputs, include: include, sourceFormat: sourceFormat, maxBytes: maxBytes)
    }

    /// Walks the inputs.
    public func makeIterator() -> Iterator { Iterator(source: self) }

    /// The walk's state: a stack of paths still to visit, and the archive or JSON Lines
    /// stream being read.
    public struct Iterator: IteratorProtocol {
        private let source: FileSource
        /// Paths to visit, last first; `explicit` paths bypass the include patterns.
        private var stack: [(path: String, explicit: Bool)]
        private var visitedDirectories: Set<[UInt64]> = []
        private var current: StreamIterator?

        init(source: FileSource) {
            self.source = source
            self.stack = source.inputs.reversed().map { ($0, true) }
        }

        /// The next document, skip or failure, or `nil` when every input has been read.
        public mutating func next() -> SourceItem? {
            while true {
                if current != nil {
                    if let item = current?.next() { return item }
                    current = nil
                }
                guard let (path, explicit) = stack.popLast() else { return nil }
                if path == "-" {
                    switch source.open(.standardInput, size: nil) {
                    case .item(let item): return item
                    case .stream(let stream): current = stream
                    }
                    continue
                }
                // Loop protection is per named input: naming a directory twice reads it twice.
                if explicit { visitedDirectories.removeAll() }
                let included = explicit || source.include.contains {
                    fnmatch($0, (path as NSString).lastPathComponent, 0) == 0
                }
                var info = stat()
                guard stat(path, &info) == 0 else {
                    // A broken entry is reported if it would have been read; others are ignored.
                    guard included else { continue }
                    let reason = String(cString: strerror(errno))
                    let kind = errno == ENOENT ? "not_found" : "unreadable"
                    return .failure(FileSource.failure(path, kind: kind, "cannot open '\(path)': \(reason)"))
                }
                if info.st_mode & S_IFMT == S_IFDIR {
                    let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
                    guard visitedDirectories.insert(key).inserted else { continue }
                    do {
                        let names = try FileManager.default.contentsOfDirectory(atPath: path)
                            .filter { !$0.hasPrefix(".") }
                            .sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                        let base = path.hasSuffix("/") ? path : path + "/"
                        stack.append(contentsOf: names.reversed().map { (base + $0, false) })
                    } catch {
                        return .failure(FileSource.failure(path, kind: "unreadable",
                                                           "cannot list directory '\(path)': \(error.localizedDescription)"))
                    }
                    continue
                }
                guard included else { continue }
                switch source.open(.file(path), size: Int(info.st_size)) {
                case .item(let item): return item
                case .stream(let stream): current = stream
                }
            }
        }
    }

    static func failure(_ path: String, kind: String, _ message: String) -> DocumentFailure {
        DocumentFailure(id: path, source: DocumentSource(path: path), kind: kind, message: message)
    }

    /// What opening an input gives: one item (a document or a failure), or a stream of them.
    private enum Opened {
        case item(SourceItem)
        case stream(StreamIterator)
    }

    /// Opens an input and decides how to read it.
    private func open(_ input: StreamInput, size: Int?) -> Opened {
        let reader: ByteReader
        switch input.open() {
        case .success(let opened): reader = opened
        case .failure(let failure): return .item(.failure(failure))
        }
        let name = input.name
        // `page.html.gz` is read as `page.html`.
        let innerName = name.lowercased().hasSuffix(".gz") ? String(name.dropLast(3)) : name
        var container = sourceFormat
        if container == .auto {
            let head = reader.peekBytes(64)
            let start = head.drop { $0 == 0x20 || (0x09...0x0D).contains($0) }
            let lower = innerName.lowercased()
            if head.starts(with: "WARC/".utf8) || head.starts(with: "filedesc://".utf8) {
                container = .warc
            } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
                        || (input == .standardInput && start.first == UInt8(ascii: "{")) {
                container = .jsonl
            }
        }
        switch container {
        case .warc: return .stream(StreamIterator(stream: ArchiveRecordReader(reader: reader, maxBytes: maxBytes)))
        case .jsonl: return .stream(StreamIterator(stream: JSONLinesReader(reader: reader, maxBytes: maxBytes)))
        case .auto, .html, .text: return .item(readWhole(reader, name: name, innerName: innerName, size: size))
        }
    }

    /// Reads a whole input (decompressed) as one document.
    private func readWhole(_ reader: ByteReader, name: String, innerName: String, size: Int?) -> SourceItem {
        let what = name == "-" ? "standard input" : "'\(name)'"
        if !reader.isGzip, let size, size > maxBytes {
            return .failure(FileSource.failure(name, kind: "too_large",
                                               "\(what) is \(size) bytes, over the limit of \(maxBytes) (--max-bytes)"))
        }
        if reader.ensure(maxBytes + 1) {
            let detail = reader.isGzip ? "decompresses to more than" : "is more than"
            return .failure(FileSource.failure(name, kind: "too_large",
                                               "\(what) \(detail) \(maxBytes) bytes (--max-bytes)"))
        }
        if let fault = reader.takeAllFaults().first {
            return .failure(DocumentFailure(id: name, source: DocumentSource(path: name, offset: fault.compressedOffset),
                                            kind: fault.kind, message: "cannot read \(what): \(fault.message)"))
        }
        if let error = reader.readError {
            return .failure(FileSource.failure(name, kind: "unreadable", "cannot read \(what): \(error)"))
        }
        let bytes = reader.read(reader.available)
        let format: InputFormat = switch sourceFormat {
        case .html: .html
        case .text: .text
        case .auto, .warc, .jsonl: FileSource.format(forPath: name == "-" ? nil : innerName, bytes: bytes)
        }
        guard name != "-" else {
            return .document(RawDocument(id: "-", source: DocumentSource(path: "-"), bytes: bytes, format: format))
        }
        let uri = URL(fileURLWithPath: name).absoluteString
        return .document(RawDocument(id: name, source: DocumentSource(uri: uri, path: name), bytes: bytes, format: format))
    }

    /// The format of a file: by extension (`.txt` is text; `.html`, `.htm`, `.xhtml` are HTML),
    /// otherwise HTML when the content starts with a tag.
    public static func format(forPath path: String?, bytes: [UInt8]) -> InputFormat {
        if let path {
            let lower = path.lowercased()
            if lower.hasSuffix(".txt") { return .text }
            if lower.hasSuffix(".html") || lower.hasSuffix(".htm") || lower.hasSuffix(".xhtml") { return .html }
        }
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while index < bytes.count, index < 1024, bytes[index] == 0x20 || (0x09...0x0D).contains(bytes[index]) {
            index += 1
        }
        return index < bytes.count && bytes[index] == UInt8(ascii: "<") ? .html : .text
    }
}
