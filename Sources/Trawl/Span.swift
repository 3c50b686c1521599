// Trawl — Span.swift
// Half-open ranges of UTF-8 byte offsets into a document's text.

/// A half-open range `start..<end` of UTF-8 byte offsets into ``Document/text``.
///
/// Spans are what every annotation points at. The output layer converts them to the offset
/// unit the user asks for (Unicode scalars by default, so that `text[start:end]` in Python
/// is the mention).
public struct Span: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The first byte of the span.
    public var start: Int
    /// One past the last byte of the span.
    public var end: Int

    /// Creates a span from `start` (inclusive) to `end` (exclusive).
    /// - Precondition: `start <= end`.
    @inlinable
    public init(_ start: Int, _ end: Int) {
        precondition(start <= end, "Span start \(start) is after its end \(end)")
        self.start = start
        self.end = end
    }

    /// The number of bytes in the span.
    @inlinable public var length: Int { end - start }
    /// Whether the span covers no bytes.
    @inlinable public var isEmpty: Bool { start == end }

    /// Whether the two spans share at least one byte.
    @inlinable
    public func overlaps(_ other: Span) -> Bool { start < other.end && other.start < end }

    /// Whether `other` lies entirely inside this span.
    @inlinable
    public func contains(_ other: Span) -> Bool { start <= other.start && other.end <= end }

    /// Orders spans by start, then by end.
    @inlinable
    public static func < (lhs: Span, rhs: Span) -> Bool {
        lhs.start != rhs.start ? lhs.start < rhs.start : lhs.end < rhs.end
    }

    /// `start..<end`, for logs and test failures.
    public var description: String { "\(start)..<\(end)" }
}
