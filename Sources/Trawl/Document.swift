// Trawl — Document.swift
// Raw inputs as sources deliver them, and the documents readers make of them.

/// Where a document came from: the file or URI, and for archives the record and its offset.
public struct DocumentSource: Hashable, Sendable {
    /// The URI of the page (a WARC target URI, or a `file://` path for files).
    public var uri: String?
    /// The file the document was read from, as given on the command line.
    public var path: String?
    /// The archive record identifier (WARC-Record-ID), when the source is an archive.
    public var record: String?
    /// The byte offset of the record inside its archive file.
    public var offset: Int?
    /// The media type the source declared (HTTP Content-Type without parameters), if any.
    public var mediaType: String?

    /// Creates a source description; every field is optional.
    public init(uri: String? = nil, path: String? = nil, record: String? = nil, offset: Int? = nil,
                mediaType: String? = nil) {
        self.uri = uri
        self.path = path
        self.record = record
        self.offset = offset
        self.mediaType = mediaType
    }
}

/// The format of a raw input, which decides the reader that turns it into a ``Document``.
public enum InputFormat: String, Sendable, CaseIterable {
    /// HTML or XHTML markup.
    case html
    /// Plain text.
    case text
}

/// An input as a source delivers it: undecoded bytes plus what the source knows about them.
public struct RawDocument: Sendable {
    /// A stable identifier for the output (the path, or the archive record id).
    public var id: String
    /// Where the bytes came from.
    public var source: DocumentSource
    /// The undecoded bytes.
    public var bytes: [UInt8]
    /// How to read the bytes.
    public var format: InputFormat
    /// A charset named by the transport (an HTTP `Content-Type` header), if any.
    public var charsetHint: String?
    /// The document date as an ISO 8601 string (WARC-Date, HTTP `Date`), if the source knows it.
    public var date: String?

    /// Creates a raw document.
    public init(id: String, source: DocumentSource, bytes: [UInt8], format: InputFormat,
                charsetHint: String? = nil, date: String? = nil) {
        self.id = id
        self.source = source
        self.bytes = bytes
        self.format = format
        self.charsetHint = charsetHint
        self.date = date
    }
}

/// A structural block of a document's text.
public struct Block: Hashable, Sendable {
    /// What kind of block this is.
    public enum Kind: String, Sendable, CaseIterable {
        /// `h1`…`h6`.
        case heading
        /// A paragraph, or any run of text outside a more specific block.
        case paragraph
        /// `li`, `dt`, `dd`.
        case listItem = "list_item"
        /// `blockquote`.
        case quote
        /// `td`, `th`.
        case tableCell = "table_cell"
        /// `figcaption`, `caption`.
        case caption
        /// `pre`: whitespace kept as in the source.
        case preformatted
    }

    /// The kind of block.
    public var kind: Kind
    /// The block's text, as a span of ``Document/text``.
    public var span: Span

    /// Creates a block.
    public init(kind: Kind, span: Span) {
        self.kind = kind
        self.span = span
    }
}

/// A document ready for analysis: its text, structure and metadata.
///
/// For HTML, `text` holds the visible text with whitespace collapsed inside blocks and blocks
/// separated by a blank line. For plain text, `text` is the input exactly as given (decoded),
/// so that output offsets index the original file.
public struct Document: Sendable {
    /// A stable identifier (the path, or the archive record id).
    public var id: String
    /// Where the document came from.
    public var source: DocumentSource
    /// The format the document was read from.
    public var format: InputFormat
    /// The document's text. Every ``Span`` indexes its UTF-8 bytes.
    public var text: String
    /// The structural blocks of `text`, in order. Plain text has one block per paragraph.
    public var blocks: [Block]
    /// The page title (`<title>`), if any.
    public var title: String?
    /// The language the markup declares (`<html lang>`). Informative only: the analysis
    /// identifies the language from the text, because pages often lie about it.
    public var declaredLanguage: String?
    /// The charset the reader decoded the input with (`utf-8`, `windows-1252`, …).
    public var charset: String?
    /// The document's date, ISO 8601, when known (HTML metadata, WARC-Date, or given by the user).
    public var date: String?
    /// Maps offsets in `text` back to byte offsets in the source bytes (HTML only).
    public var offsetMap: OffsetMap?

    /// Creates a document.
    public init(id: String, source: DocumentSource, format: InputFormat, text: String,
                blocks: [Block] = [], title: String? = nil, declaredLanguage: String? = nil,
                charset: String? = nil, date: String? = nil, offsetMap: OffsetMap? = nil) {
        self.id = id
        self.source = source
        self.format = format
        self.text = text
        self.blocks = blocks
        self.title = title
        self.declaredLanguage = declaredLanguage
        self.charset = charset
        self.date = date
        self.offsetMap = offsetMap
    }
}

/// A monotone map from UTF-8 offsets in ``Document/text`` to byte offsets in the source bytes.
///
/// Stored as checkpoints: from a checkpoint on, text and source advance together, byte for byte,
/// until the next checkpoint. Readers add a checkpoint wherever the two stop advancing together
/// (a tag, a collapsed whitespace run, a decoded character reference, a transcoded character).
public struct OffsetMap: Sendable, Hashable {
    /// Text offsets of the checkpoints, strictly increasing.
    public private(set) var textOffsets: [Int] = []
    /// Source offsets of the checkpoints, non-decreasing.
    public private(set) var sourceOffsets: [Int] = []

    /// Creates an empty map.
    public init() {}

    /// Records that text offset `text` corresponds to source offset `source`.
    ///
    /// A checkpoint at the same text offset as the last one replaces it; one that the last
    /// checkpoint already implies (both advanced by the same amount) is not stored.
    public mutating func add(text: Int, source: Int) {
        if let lastText = textOffsets.last, let lastSource = sourceOffsets.last {
            if lastText == text {
                sourceOffsets[sourceOffsets.count - 1] = source
                return
            }
            if text - lastText == source - lastSource { return }
        }
        textOffsets.append(text)
        sourceOffsets.append(source)
    }

    /// The source byte range of `span`: from the source offset of its first byte to one past
    /// the source offset of its last byte, so that a span ending before a tag does not take
    /// the tag in.
    public func sourceRange(of span: Span) -> Range<Int> {
        let start = sourceOffset(forTextOffset: span.start)
        guard !span.isEmpty else { return start..<start }
        return start..<max(start, sourceOffset(forTextOffset: span.end - 1) + 1)
    }

    /// The source byte offset of text offset `offset`.
    /// - Complexity: O(log n) in the number of checkpoints.
    public func sourceOffset(forTextOffset offset: Int) -> Int {
        guard !textOffsets.isEmpty else { return offset }
        var low = 0, high = textOffsets.count
        while low < high {
            let mid = (low + high) / 2
            if textOffsets[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        let index = max(low - 1, 0)
        return sourceOffsets[index] + max(offset - textOffsets[index], 0)
    }
}
