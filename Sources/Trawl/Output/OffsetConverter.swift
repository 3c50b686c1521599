// Trawl — OffsetConverter.swift
// Converts UTF-8 byte offsets into the offset unit the user asked for.

/// The unit of offsets in the output.
public enum OffsetUnit: String, Sendable, CaseIterable {
    /// Unicode scalars (code points): Python `str` indices. The default.
    case scalar
    /// UTF-16 code units: JavaScript, Java and NSString indices.
    case utf16
    /// UTF-8 bytes: Rust, Go and byte-level tools.
    case utf8
}

/// Converts UTF-8 offsets of one text into another unit.
///
/// For ASCII-only text (most of the web) the conversion is the identity and costs nothing;
/// otherwise a table of the text's length is built once.
public struct OffsetConverter: Sendable {
    private let table: [Int32]?

    /// Prepares conversions for `bytes`, which must be valid UTF-8.
    public init(bytes: [UInt8], unit: OffsetUnit) {
        guard unit != .utf8, bytes.contains(where: { $0 >= 0x80 }) else {
            table = nil
            return
        }
        var table = [Int32](repeating: 0, count: bytes.count + 1)
        var count: Int32 = 0
        for (index, byte) in bytes.enumerated() {
            table[index] = count
            if byte & 0xC0 != 0x80 {
                // A lead byte: one scalar; scalars beyond the BMP are two UTF-16 units.
                count += (unit == .utf16 && byte >= 0xF0) ? 2 : 1
            }
        }
        table[bytes.count] = count
        self.table = table
    }

    /// The offset in the target unit of UTF-8 offset `offset`.
    @inlinable
    public func convert(_ offset: Int) -> Int {
        guard let table = tableStorage else { return offset }
        return Int(table[offset])
    }

    @usableFromInline var tableStorage: [Int32]? { table }
}
