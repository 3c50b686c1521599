// Trawl — FileSource.swift
// Files, directories (recursive) and standard input as a stream of raw documents.

import Foundation
import Trawl

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The inputs named on a command line — files, directories walked recursively, and `-` for
/// standard input — delivered lazily, one ``SourceItem`` at a time, in a stable order
/// (directory entries sorted by name).
///
/// Inputs that cannot be read (missing, unreadable, too large) become ``SourceItem/failure(_:)``
/// items naming the path and the reason, so they appear in the output as error records.
public struct FileSource: Sequence, Sendable {
    /// The file-name patterns a directory walk keeps by default.
    public static let defaultInclude = ["*.html", "*.htm", "*.xhtml", "*.txt"]

    /// The paths given (`-` is standard input).
    public var inputs: [String]
    /// Glob patterns (`fnmatch`) matched against file names found while walking directories.
    /// Files named explicitly are always read.
    public var include: [String]
    /// The format to read every input as; `nil` picks it by file extension and content.
    public var format: InputFormat?
    /// Inputs larger than this many bytes become `too_large` failures instead of being read.
    public var maxBytes: Int

    /// Creates a source.
    public init(inputs: [String], include: [String] = FileSource.defaultInclude, format: InputFormat? = nil,
                maxBytes: Int = 512 << 20) {
        self.inputs = inputs
        self.include = include.isEmpty ? FileSource.defaultInclude : include
        self.format = format
        self.maxBytes = maxBytes
    }

    /// Walks the inputs.
    public func makeIterator() -> Iterator { Iterator(source: self) }

    /// The walk's state: a stack of paths still to visit.
    public struct Iterator: IteratorProtocol {
        private let source: FileSource
        /// Paths to visit, last first; `explicit` paths bypass the include patterns.
        private var stack: [(path: String, explicit: Bool)]
        private var visitedDirectories: Set<[UInt64]> = []

        init(source: FileSource) {
            self.source = source
            self.stack = source.inputs.reversed().map { ($0, true) }
        }

        /// The next document or failure, or `nil` when every input has been visited.
        public mutating func next() -> SourceItem? {
            while let (path, explicit) = stack.popLast() {
                if path == "-" { return source.readStandardInput() }
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
                return source.readFile(path, size: Int(info.st_size))
            }
            return nil
        }
    }

    static func failure(_ path: String, kind: String, _ message: String) -> DocumentFailure {
        DocumentFailure(id: path, source: DocumentSource(path: path), kind: kind, message: message)
    }

    private func readFile(_ path: String, size: Int) -> SourceItem {
        if size > maxBytes {
            return .failure(FileSource.failure(path, kind: "too_large",
                                               "'\(path)' is \(size) bytes, over the limit of \(maxBytes) (--max-bytes)"))
        }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            return .failure(FileSource.failure(path, kind: "unreadable",
                                               "cannot open '\(path)': \(String(cString: strerror(errno)))"))
        }
        defer { close(descriptor) }
        switch FileSource.readAll(descriptor, limit: maxBytes) {
        case .success(let bytes):
            let format = self.format ?? FileSource.format(forPath: path, bytes: bytes)
            let uri = URL(fileURLWithPath: path).absoluteString
            return .document(RawDocument(id: path, source: DocumentSource(uri: uri, path: path), bytes: bytes,
                                         format: format))
        case .failure(let failure):
            return .failure(FileSource.failure(path, kind: failure.kind, "cannot read '\(path)': \(failure.message)"))
        }
    }

    private func readStandardInput() -> SourceItem {
        switch FileSource.readAll(STDIN_FILENO, limit: maxBytes) {
        case .success(let bytes):
            let format = self.format ?? FileSource.format(forPath: nil, bytes: bytes)
            return .document(RawDocument(id: "-", source: DocumentSource(path: "-"), bytes: bytes, format: format))
        case .failure(let failure):
            return .failure(FileSource.failure("-", kind: failure.kind, "cannot read standard input: \(failure.message)"))
        }
    }

    private struct ReadFailure: Error {
        var kind: String
        var message: String
    }

    /// Reads a descriptor to its end, refusing more than `limit` bytes.
    private static func readAll(_ descriptor: Int32, limit: Int) -> Result<[UInt8], ReadFailure> {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(ReadFailure(kind: "unreadable", message: String(cString: strerror(errno))))
            }
            if count == 0 { return .success(bytes) }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                return .failure(ReadFailure(kind: "too_large", message: "more than \(limit) bytes (--max-bytes)"))
            }
        }
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
