// Trawl — TestSupport.swift
// Shared helpers for the HTML reader tests: reading strings and files, checking offset maps.

import Foundation
import Testing
import Trawl
@testable import TrawlHTML

/// Reads `html` (as UTF-8 unless `bytes` are given) with the reader.
func readHTML(_ html: String = "", bytes: [UInt8]? = nil, hint: String? = nil, date: String? = nil) throws -> Document {
    let raw = RawDocument(id: "test.html", source: DocumentSource(path: "test.html"), bytes: bytes ?? Array(html.utf8),
                          format: .html, charsetHint: hint, date: date)
    return try HTMLReader(content: .all).read(raw)
}

/// `text` in UTF-16 with its byte order mark.
func utf16Bytes(_ text: String, bigEndian: Bool) -> [UInt8] {
    var bytes: [UInt8] = bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]
    for unit in text.utf16 {
        let high = UInt8(unit >> 8), low = UInt8(truncatingIfNeeded: unit)
        bytes += bigEndian ? [high, low] : [low, high]
    }
    return bytes
}

/// The texts of a document's blocks.
func blockTexts(_ document: Document) -> [String] {
    let utf8 = Array(document.text.utf8)
    return document.blocks.map { String(decoding: utf8[$0.span.start..<$0.span.end], as: UTF8.self) }
}

/// `text` with every run of whitespace turned into one space, for comparing with gold text.
func collapsingWhitespace(_ text: String) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
}

/// Where the test data lives.
enum TestData {
    /// The fixture pages copied into this target.
    static var fixtures: URL {
        Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
    }

    /// The shared corpus of real pages (`shared/corpus/html` beside the repository), which CI
    /// lays out as `../shared` of the clone.
    static let corpus = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/corpus/html")

    static var corpusExists: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    static func bytes(_ url: URL) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url))
    }

    /// A page file as a file source would deliver it.
    static func raw(_ url: URL) throws -> RawDocument {
        RawDocument(id: url.lastPathComponent, source: DocumentSource(path: url.path), bytes: try bytes(url), format: .html)
    }
}

/// How well a document's offset map points back at its source, character by character.
struct OffsetCheck: CustomStringConvertible {
    /// Characters of the text checked (spaces and line breaks are not: they stand for collapsed
    /// whitespace, `<br>` or block separators).
    var characters = 0
    /// Characters mapped to exactly that character in the source, decoded.
    var exact = 0
    /// Characters mapped to a `&`: decoded from a character reference.
    var references = 0
    /// Characters mapped anywhere else: each one is a mapping bug.
    var mismatches: [String] = []

    var description: String { "\(characters) characters, \(exact) exact, \(references) references, mismatches: \(mismatches.prefix(5))" }

    /// Checks every character of `document` against `source` decoded with the document's charset.
    init(_ document: Document, source: [UInt8]) {
        let utf16: [String: Charset] = ["utf-16le": .utf16LE, "utf-16be": .utf16BE]
        guard let map = document.offsetMap, let charset = utf16[document.charset ?? ""] ?? Charset(label: document.charset ?? "utf-8") else {
            mismatches = ["no offset map or unknown charset"]
            return
        }
        let text = Array(document.text.utf8)
        var offset = 0
        while offset < text.count {
            let lead = text[offset]
            let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            defer { offset += length }
            let character = Array(text[offset..<offset + length])
            if character == [0x20] || character == [0x0A] { continue }
            characters += 1
            let position = map.sourceOffset(forTextOffset: offset)
            guard position < source.count else {
                mismatches.append("\(offset): past the end")
                continue
            }
            if source[position] == UInt8(ascii: "&") {
                references += 1
                continue
            }
            let window = source[position..<min(position + 4, source.count)]
            let decoded = charset.family == .utf8 && window.starts(with: character) ? character : window.withUnsafeBufferPointer {
                Transcoder.transcode($0, base: 0, from: charset).bytes
            }
            if decoded.starts(with: character) {
                exact += 1
            } else {
                let context = String(decoding: text[max(offset - 20, 0)..<min(offset + 20, text.count)], as: UTF8.self)
                mismatches.append("\(offset) \(String(decoding: character, as: UTF8.self)) ≠ \(String(decoding: decoded, as: UTF8.self)) in \(context)")
            }
        }
    }
}
