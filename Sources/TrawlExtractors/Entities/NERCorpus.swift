// Trawl — NERCorpus.swift
// Reads annotated sentences in the WikiNEuRal JSON Lines format (plain or gzip).

import Foundation

/// One annotated sentence or document: its text and gold entity spans.
public struct NERExample: Sendable, Hashable {
    /// An entity span in UTF-8 byte offsets into ``text``.
    public struct Annotation: Sendable, Hashable {
        /// First byte.
        public var start: Int
        /// One past the last byte.
        public var end: Int
        /// The label (`PER`, `ORG`, `LOC`, `MISC`).
        public var label: String

        /// Creates an annotation from byte offsets.
        public init(start: Int, end: Int, label: String) {
            self.start = start
            self.end = end
            self.label = label
        }
    }

    /// The record's id.
    public var id: String
    /// The text (for WikiNEuRal, tokens joined by single spaces).
    public var text: String
    /// The gold entities, converted from code-point to byte offsets.
    public var entities: [Annotation]

    /// Creates an example.
    public init(id: String, text: String, entities: [Annotation]) {
        self.id = id
        self.text = text
        self.entities = entities
    }
}

/// Why an annotated corpus could not be read.
public struct NERCorpusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, with the file and line.
    public let message: String
    /// A readable explanation.
    public var description: String { message }
}

/// Reading the WikiNEuRal JSON Lines format: `{"id", "text", "entities": [{"start", "end",
/// "label"}]}` with offsets in Unicode code points, one record per line, optionally gzipped.
public enum NERCorpus {
    /// Reads every record of `path` (`.gz` files are decompressed with `/bin/gzip`).
    /// - Parameter limit: stop after this many records.
    /// - Throws: ``NERCorpusError`` for an unreadable file or a malformed line.
    public static func read(_ path: String, limit: Int? = nil) throws -> [NERExample] {
        let data = try contents(of: path)
        var examples: [NERExample] = []
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            lineNumber += 1
            if let limit, examples.count >= limit { break }
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x0D }) else { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
                  let text = object["text"] as? String
            else { throw NERCorpusError(message: "\(path):\(lineNumber): not a JSON object with a text") }
            let id = object["id"] as? String ?? "\(lineNumber)"
            let entities = object["entities"] as? [[String: Any]] ?? []
            let byteOffsets = scalarToByteOffsets(text)
            var annotations: [NERExample.Annotation] = []
            for entity in entities {
                guard let start = entity["start"] as? Int, let end = entity["end"] as? Int,
                      let label = entity["label"] as? String,
                      start >= 0, start <= end, end < byteOffsets.count
                else { throw NERCorpusError(message: "\(path):\(lineNumber): bad entity \(entity)") }
                annotations.append(.init(start: byteOffsets[start], end: byteOffsets[end], label: label))
            }
            examples.append(NERExample(id: id, text: text, entities: annotations))
        }
        return examples
    }

    /// The byte offset of every code point of `text`, plus the end.
    static func scalarToByteOffsets(_ text: String) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(text.utf8.count + 1)
        var byte = 0
        for scalar in text.unicodeScalars {
            offsets.append(byte)
            byte += UTF8.width(scalar)
        }
        offsets.append(byte)
        return offsets
    }

    /// The file's bytes, decompressed when it ends in `.gz`.
    static func contents(of path: String) throws -> Data {
        guard path.hasSuffix(".gz") else {
            do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw NERCorpusError(message: "\(path): \(error.localizedDescription)")
            }
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw NERCorpusError(message: "\(path): no such readable file")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        do { try process.run() } catch {
            throw NERCorpusError(message: "\(path): cannot run gzip: \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NERCorpusError(message: "\(path): gzip failed with status \(process.terminationStatus)")
        }
        return data
    }
}
