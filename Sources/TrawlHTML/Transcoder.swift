// Trawl — Transcoder.swift
// Legacy charsets, UTF-16 and broken UTF-8 → valid UTF-8, with a map back to source offsets.

import Glibc
import Synchronization
import Trawl

/// Input bytes turned into valid UTF-8 for libxml2.
struct TranscodedInput {
    /// The UTF-8 bytes.
    var bytes: [UInt8]
    /// Offsets in ``bytes`` → offsets in the original input.
    var map: OffsetMap
    /// The charset actually decoded (a fallback when the requested one is unavailable).
    var charset: Charset
}

/// Decodes bytes of any supported charset to UTF-8.
///
/// Every character that changes length on the way (a legacy non-ASCII byte, a UTF-16 unit, an
/// invalid UTF-8 byte replaced by U+FFFD) gets a checkpoint on each side, so ASCII runs map
/// byte for byte and every non-ASCII character maps exactly.
enum Transcoder {
    /// Decodes `source`, whose first byte is at offset `base` of the original input.
    static func transcode(_ source: UnsafeBufferPointer<UInt8>, base: Int, from charset: Charset) -> TranscodedInput {
        var output = TranscodingOutput(capacity: source.count + source.count / 4 + 16, base: base)
        var used = charset
        switch charset.family {
        case .utf8:
            output.repairUTF8(source)
        case .utf16(let bigEndian):
            output.decodeUTF16(source, bigEndian: bigEndian)
        case .singleByte:
            if let table = SingleByteTable.table(for: charset) {
                output.decode(source, table: table)
            } else {
                used = .windows1252
                output.decode(source, table: SingleByteTable.windows1252)
            }
        case .multiByte:
            if let converter = IconvConverter(from: charset.iconvName) {
                output.decode(source, converter: converter)
            } else {
                used = .windows1252
                output.decode(source, table: SingleByteTable.windows1252)
            }
        }
        return TranscodedInput(bytes: output.bytes, map: output.map, charset: used)
    }
}

/// The UTF-8 being produced and its checkpoints.
private struct TranscodingOutput {
    var bytes: [UInt8] = []
    var map = OffsetMap()
    /// Offset of the source buffer's first byte in the original input.
    let base: Int

    init(capacity: Int, base: Int) {
        bytes.reserveCapacity(capacity)
        self.base = base
        map.add(text: 0, source: base)
    }

    /// Copies `source[from..<to]`, which needs no conversion.
    @inline(__always)
    mutating func copy(_ source: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
        guard to > from else { return }
        map.add(text: bytes.count, source: base + from)
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[from..<to]))
    }

    /// Appends one decoded character `encoded` (packed UTF-8: bytes in the low three octets,
    /// length in the high one) that came from `length` source bytes at `offset`.
    @inline(__always)
    mutating func append(packed encoded: UInt32, sourceOffset offset: Int, length: Int) {
        map.add(text: bytes.count, source: base + offset)
        let count = Int(encoded >> 24)
        bytes.append(UInt8(truncatingIfNeeded: encoded))
        if count > 1 { bytes.append(UInt8(truncatingIfNeeded: encoded >> 8)) }
        if count > 2 { bytes.append(UInt8(truncatingIfNeeded: encoded >> 16)) }
        map.add(text: bytes.count, source: base + offset + length)
    }

    /// Appends the UTF-8 of scalar `value` that came from `length` source bytes at `offset`.
    mutating func append(scalar value: UInt32, sourceOffset offset: Int, length: Int) {
        map.add(text: bytes.count, source: base + offset)
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        bytes.append(contentsOf: UTF8.encode(scalar)!)
        map.add(text: bytes.count, source: base + offset + length)
    }

    /// UTF-8 with invalid subsequences, each replaced by U+FFFD.
    mutating func repairUTF8(_ source: UnsafeBufferPointer<UInt8>) {
        guard let start = source.baseAddress else { return }
        let count = source.count
        var runStart = 0
        var index = UTF8Validation.asciiPrefix(start, from: 0, count: count)
        while index < count {
            let length = UTF8Validation.sequenceLength(start, at: index, count: count)
            if length > 0 {
                index += length
            } else {
                copy(source, from: runStart, to: index)
                append(packed: TranscodingOutput.replacement, sourceOffset: index, length: -length)
                index -= length
                runStart = index
            }
            index = UTF8Validation.asciiPrefix(start, from: index, count: count)
        }
        copy(source, from: runStart, to: count)
    }

    /// An ASCII-compatible single-byte charset.
    mutating func decode(_ source: UnsafeBufferPointer<UInt8>, table: SingleByteTable) {
        guard let start = source.baseAddress else { return }
        let count = source.count
        var index = 0
        while index < count {
            let runEnd = UTF8Validation.asciiPrefix(start, from: index, count: count)
            copy(source, from: index, to: runEnd)
            index = runEnd
            while index < count, start[index] >= 0x80 {
                append(packed: table.encoded[Int(start[index] & 0x7F)], sourceOffset: index, length: 1)
                index += 1
            }
        }
    }

    /// An ASCII-compatible multi-byte charset: ASCII bytes copied, each other character
    /// converted on its own so that it gets its own checkpoints.
    mutating func decode(_ source: UnsafeBufferPointer<UInt8>, converter: IconvConverter) {
        guard let start = source.baseAddress else { return }
        let count = source.count
        var index = 0
        var scratch = [UInt8](repeating: 0, count: 32)
        while index < count {
            let runEnd = UTF8Validation.asciiPrefix(start, from: index, count: count)
            copy(source, from: index, to: runEnd)
            index = runEnd
            guard index < count else { break }
            let (consumed, produced) = scratch.withUnsafeMutableBufferPointer {
                converter.convertOne(start + index, available: count - index, into: $0)
            }
            if produced > 0 {
                map.add(text: bytes.count, source: base + index)
                bytes.append(contentsOf: scratch[0..<produced])
                map.add(text: bytes.count, source: base + index + consumed)
            } else {
                append(packed: TranscodingOutput.replacement, sourceOffset: index, length: consumed)
            }
            index += consumed
        }
    }

    /// UTF-16 code units; unpaired surrogates become U+FFFD, a trailing odd byte too.
    mutating func decodeUTF16(_ source: UnsafeBufferPointer<UInt8>, bigEndian: Bool) {
        let count = source.count
        func unit(_ index: Int) -> UInt32 {
            bigEndian ? UInt32(source[index]) << 8 | UInt32(source[index + 1])
                      : UInt32(source[index + 1]) << 8 | UInt32(source[index])
        }
        var index = 0
        while index + 1 < count {
            let first = unit(index)
            if first & 0xFC00 == 0xD800, index + 3 < count, unit(index + 2) & 0xFC00 == 0xDC00 {
                let value = 0x10000 + ((first - 0xD800) << 10) + (unit(index + 2) - 0xDC00)
                append(scalar: value, sourceOffset: index, length: 4)
                index += 4
            } else {
                append(scalar: first & 0xF800 == 0xD800 ? 0xFFFD : first, sourceOffset: index, length: 2)
                index += 2
            }
        }
        if index < count { append(packed: TranscodingOutput.replacement, sourceOffset: index, length: 1) }
    }

    /// U+FFFD, packed as ``append(packed:sourceOffset:length:)`` expects.
    static let replacement = TranscodingTable.pack(0xFFFD)
}

/// The UTF-8 of bytes 0x80–0xFF in one single-byte charset, asked of glibc's iconv once.
struct SingleByteTable: Sendable {
    /// Packed UTF-8 (bytes in the low octets, length in the high one) of byte `0x80 + index`;
    /// bytes the charset leaves undefined map to U+FFFD.
    let encoded: [UInt32]

    /// windows-1252 (what latin1 and us-ascii mean on the web), or ISO-8859-1 when glibc lacks it.
    static let windows1252: SingleByteTable = table(for: .windows1252)
        ?? SingleByteTable(encoded: (0x80...0xFF).map { TranscodingTable.pack(UInt32($0)) })

    private static let cache = Mutex<[String: SingleByteTable]>([:])

    /// The table of `charset`, built at first use; `nil` if iconv cannot decode it.
    static func table(for charset: Charset) -> SingleByteTable? {
        if let table = cache.withLock({ $0[charset.name] }) { return table }
        guard let converter = IconvConverter(from: charset.iconvName) else { return nil }
        var encoded: [UInt32] = []
        var scratch = [UInt8](repeating: 0, count: 16)
        for byte in UInt8(0x80)...UInt8(0xFF) {
            var input = byte
            let produced = scratch.withUnsafeMutableBufferPointer { out in
                converter.convertOne(&input, available: 1, into: out).produced
            }
            let scalar = produced > 0 ? String(decoding: scratch[0..<produced], as: UTF8.self).unicodeScalars.first : nil
            encoded.append(TranscodingTable.pack(scalar?.value ?? 0xFFFD))
        }
        let table = SingleByteTable(encoded: encoded)
        cache.withLock { $0[charset.name] = table }
        return table
    }
}

/// Packing of one scalar's UTF-8 into a `UInt32`.
private enum TranscodingTable {
    static func pack(_ value: UInt32) -> UInt32 {
        let bytes = Array(UTF8.encode(Unicode.Scalar(value) ?? "\u{FFFD}")!)
        var packed = UInt32(bytes.count) << 24
        for (position, byte) in bytes.enumerated() { packed |= UInt32(byte) << (8 * position) }
        return packed
    }
}

/// A glibc iconv descriptor converting to UTF-8, closed when released.
final class IconvConverter {
    private let descriptor: iconv_t

    /// Opens a converter from `charset` (an iconv name); `nil` if glibc does not know it.
    init?(from charset: String) {
        guard let descriptor = iconv_open("UTF-8", charset), descriptor != iconv_t(bitPattern: -1) else { return nil }
        self.descriptor = descriptor
    }

    deinit { iconv_close(descriptor) }

    /// Converts the one character at `input`: tries one, two, three then four bytes.
    /// - Returns: the bytes consumed and the UTF-8 bytes written to `output` (0 when the
    ///   character is invalid or incomplete: the caller writes U+FFFD for the consumed byte).
    func convertOne(_ input: UnsafePointer<UInt8>, available: Int, into output: UnsafeMutableBufferPointer<UInt8>) -> (consumed: Int, produced: Int) {
        for length in 1...min(4, available) {
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: input).assumingMemoryBound(to: CChar.self)
            var inLeft = length
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(output.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outLeft = output.count
            let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
            if result != -1, inLeft == 0 { return (length, output.count - outLeft) }
            let incomplete = result == -1 && errno == EINVAL
            iconv(descriptor, nil, nil, nil, nil)
            if !incomplete { break }
        }
        return (1, 0)
    }
}
