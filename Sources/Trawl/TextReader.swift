// Trawl — TextReader.swift
// Plain text → Document: BOM handling, UTF-16, invalid UTF-8 replaced, binary input refused.

/// Recognises bytes that are not text at all (images, archives, executables), so readers can
/// refuse them with a clear reason instead of producing garbage.
public enum BinarySniffer {
    private static let signatures: [(magic: [UInt8], name: String)] = [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], "PNG image"),
        ([0xFF, 0xD8, 0xFF], "JPEG image"),
        (Array("GIF8".utf8), "GIF image"),
        (Array("%PDF-".utf8), "PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "ZIP archive"),
        ([0x1F, 0x8B], "gzip data"),
        ([0x42, 0x5A, 0x68], "bzip2 data"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz data"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd data"),
        ([0x7F, 0x45, 0x4C, 0x46], "ELF executable"),
        (Array("RIFF".utf8), "RIFF media (WebP, WAV, AVI)"),
        ([0x00, 0x00, 0x01, 0x00], "ICO image"),
        (Array("wOFF".utf8), "WOFF font"),
        (Array("wOF2".utf8), "WOFF2 font"),
    ]

    /// A description of the binary format of `bytes` (`"PNG image"`, `"binary data"`), or `nil`
    /// when the bytes look like text.
    ///
    /// Looks at magic numbers, then at the first 4 KB: NUL bytes (outside UTF-16 with a BOM) or
    /// more than 10 % of control bytes other than tab, newline, carriage return and form feed
    /// mean binary data.
    public static func binaryFormat(of bytes: [UInt8]) -> String? {
        for (magic, name) in signatures where bytes.count >= magic.count && bytes.starts(with: magic) {
            return name
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        let sampleCount = min(bytes.count, 4096)
        var controls = 0
        var sawNUL = false
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 0
            while index < sampleCount {
                if index + 8 <= sampleCount {
                    // Nonzero exactly when one of the eight bytes is below 0x20: most words of
                    // text have none and are skipped whole.
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                    if (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080 == 0 {
                        index += 8
                        continue
                    }
                }
                for byte in buffer[index..<min(index + 8, sampleCount)] {
                    if byte == 0 { sawNUL = true }
                    if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0x0C { controls += 1 }
                }
                index += 8
            }
        }
        if sawNUL { return "binary data (NUL bytes)" }
        return controls * 10 > sampleCount ? "binary data (control bytes)" : nil
    }
}

/// Reads plain text: UTF-8 (with or without BOM) or UTF-16 with a BOM.
///
/// The document text is the input exactly as given, decoded, without its BOM: output offsets
/// index the original text (`text[start:end]` in Python after reading the file with
/// `encoding="utf-8-sig"`, or `"utf-16"`). Invalid UTF-8 sequences become U+FFFD, one per
/// maximal invalid subsequence, as Python's `errors="replace"` does.
public struct TextReader: Sendable {
    /// Creates a text reader.
    public init() {}

    /// Decodes `raw` into a document whose blocks are its paragraphs (runs of lines separated
    /// by blank lines).
    /// - Throws: ``DocumentFailure`` of kind `empty` (no bytes) or `binary` (not text).
    public func read(_ raw: RawDocument) throws(DocumentFailure) -> Document {
        if raw.bytes.isEmpty {
            throw DocumentFailure(id: raw.id, source: raw.source, kind: "empty", message: "the input is empty (0 bytes)")
        }
        if let format = BinarySniffer.binaryFormat(of: raw.bytes) {
            throw DocumentFailure(id: raw.id, source: raw.source, kind: "binary",
                                  message: "the input is \(format), not text")
        }
        let (text, charset) = TextReader.decode(raw.bytes)
        return Document(id: raw.id, source: raw.source, format: .text, text: text,
                        blocks: TextReader.paragraphs(of: text), charset: charset, date: raw.date)
    }

    /// Decodes text bytes by their BOM (UTF-8 by default), replacing invalid sequences.
    static func decode(_ bytes: [UInt8]) -> (String, String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return (String(decoding: bytes[3...], as: UTF8.self), "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let littleEndian = bytes[0] == 0xFF
            var units: [UInt16] = []
            units.reserveCapacity((bytes.count - 2) / 2)
            var index = 2
            while index + 1 < bytes.count {
                let low = UInt16(bytes[index]), high = UInt16(bytes[index + 1])
                units.append(littleEndian ? low | high << 8 : high | low << 8)
                index += 2
            }
            return (String(decoding: units, as: UTF16.self), littleEndian ? "utf-16le" : "utf-16be")
        }
        return (String(decoding: bytes, as: UTF8.self), "utf-8")
    }

    /// Spans of the paragraphs of `text`: maximal runs of non-blank lines.
    static func paragraphs(of text: String) -> [Block] {
        var text = text
        return text.withUTF8 { paragraphs(of: $0) }
    }

    /// Spans of the paragraphs of the UTF-8 `bytes`: maximal runs of non-blank lines. Finds the
    /// line ends eight bytes at a time and looks only at the blanks that open and close each
    /// line, not at every byte.
    static func paragraphs(of bytes: UnsafeBufferPointer<UInt8>) -> [Block] {
        var blocks: [Block] = []
        var start: Int? = nil
        var lastContentEnd = 0
        var lineStart = 0
        while lineStart <= bytes.count {
            let lineEnd = newline(in: bytes, from: lineStart)
            var first = lineStart
            while first < lineEnd, isBlank(bytes[first]) { first += 1 }
            if first < lineEnd {
                var end = lineEnd
                while isBlank(bytes[end - 1]) { end -= 1 }
                if start == nil { start = first }
                lastContentEnd = end
            } else if let begin = start {
                blocks.append(Block(kind: .paragraph, span: Span(begin, lastContentEnd)))
                start = nil
            }
            lineStart = lineEnd + 1
        }
        if let begin = start { blocks.append(Block(kind: .paragraph, span: Span(begin, lastContentEnd))) }
        return blocks
    }

    /// Whether `byte` is blank inside a line: space, tab or carriage return.
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    /// The offset of the first line feed at or after `start`, or `bytes.count`.
    private static func newline(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                // A zero byte of `word` is a line feed; the lowest flagged byte is the first zero.
                let word = UInt64(littleEndian: (raw + index).loadUnaligned(as: UInt64.self)) ^ 0x0A0A_0A0A_0A0A_0A0A
                let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
                if zeros != 0 { return index + zeros.trailingZeroBitCount >> 3 }
                index += 8
            }
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
        return index
    }
}
