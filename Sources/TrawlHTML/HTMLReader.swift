// Trawl — HTMLReader.swift
// HTML bytes → Document: input checks, charset decision, libxml2 SAX parse, offset map.

import Trawl

/// Reads HTML pages into documents with libxml2's HTML push (SAX) parser.
///
/// The reader decides the charset (byte order mark, then the transport's hint, then
/// `<meta charset>`, then UTF-8 — but bytes that are valid UTF-8 are read as UTF-8 whatever was
/// declared, and undeclared bytes that are not fall back to windows-1252), hands libxml2 valid
/// UTF-8, and collects the visible text as blocks (see ``Block/Kind``):
/// - whitespace is collapsed inside blocks (U+00A0 is kept) and blocks are separated by a blank
///   line; `<br>` is a line break (`"\n"`) inside its block;
/// - inline elements never break words: `Irak<a>Le Monde</a>` reads `IrakLe Monde`;
/// - `script`, `style`, `noscript`, `template`, `svg`, `math`, `iframe`, `object`, media
///   fallbacks, form controls, ruby annotations (`rt`, `rp`), comments and the head (except
///   `title`) are dropped; character references are decoded.
///
/// ``Document/offsetMap`` maps every text offset to its byte in the original input, through
/// character references, collapsed whitespace and transcoding.
///
/// With ``ContentMode/main`` (the default) only the page's main content is kept — see
/// ``ContentMode`` — chosen during the same parse from the blocks and the elements enclosing
/// them; ``Document/text`` is then the kept blocks separated by blank lines, and the offset map
/// still maps every byte of it to the source.
public struct HTMLReader: Sendable {
    /// Which text the reader keeps.
    public var content: ContentMode

    /// Creates a reader that keeps the main content (`.main`) or all visible text (`.all`).
    public init(content: ContentMode = .main) {
        self.content = content
    }

    /// Reads one HTML page.
    ///
    /// A page with no visible text (only scripts, say) is a document with empty text.
    ///
    /// - Parameter raw: the page's bytes and what the source knows of them.
    /// - Returns: the document: text, blocks, title, declared language, charset, date (from
    ///   `<meta>` or `<time datetime>`, else the source's), offset map.
    /// - Throws: ``DocumentFailure`` of kind `empty` (no bytes, or only whitespace), `binary`
    ///   (an image, an archive… named `.html`) or `parse` (libxml2 refused to start).
    public func read(_ raw: RawDocument) throws(DocumentFailure) -> Document {
        func failure(_ kind: String, _ message: String) -> DocumentFailure {
            DocumentFailure(id: raw.id, source: raw.source, kind: kind, message: message)
        }
        if raw.bytes.isEmpty { throw failure("empty", "the input is empty (0 bytes)") }
        if let format = BinarySniffer.binaryFormat(of: raw.bytes) {
            throw failure("binary", "the input is \(format), not HTML")
        }
        let plan = raw.bytes.withUnsafeBufferPointer { DecodingPlan($0, charsetHint: raw.charsetHint) }
        if plan.isBlank { throw failure("empty", "the input holds only whitespace (\(raw.bytes.count) bytes)") }

        let parsed: ParsedPage?
        if plan.transcode {
            let decoded = raw.bytes.withUnsafeBufferPointer {
                Transcoder.transcode(UnsafeBufferPointer(rebasing: $0[plan.skipped...]), base: plan.skipped, from: plan.charset)
            }
            parsed = decoded.bytes.withUnsafeBufferPointer {
                ParsedPage($0, charset: decoded.charset, content: content, sourceMap: decoded.map)
            }
        } else {
            parsed = raw.bytes.withUnsafeBufferPointer {
                ParsedPage(UnsafeBufferPointer(rebasing: $0[plan.skipped...]), charset: plan.charset, content: content,
                           sourceShift: plan.skipped)
            }
        }
        guard let parsed else { throw failure("parse", "libxml2 could not create an HTML parser") }
        return Document(id: raw.id, source: raw.source, format: .html, text: parsed.text, blocks: parsed.blocks,
                        title: parsed.title, declaredLanguage: parsed.language, charset: parsed.charset.name,
                        date: parsed.date ?? raw.date, offsetMap: parsed.offsetMap)
    }
}

/// How to turn the input into UTF-8 for libxml2.
struct DecodingPlan {
    /// The charset to decode with.
    var charset: Charset
    /// Bytes of byte order mark to skip.
    var skipped = 0
    /// Whether the bytes need transcoding (otherwise they are fed as they are).
    var transcode: Bool
    /// Whether the input, after its byte order mark, is only ASCII whitespace.
    var isBlank: Bool

    /// Decides for `bytes` with the transport's `charsetHint`.
    ///
    /// Order: byte order mark; valid UTF-8 with non-ASCII bytes is UTF-8 whatever is declared;
    /// pure ASCII takes the declared name; otherwise mostly-valid UTF-8 (at least as many valid
    /// multi-byte sequences as invalid ones) is UTF-8 with U+FFFD for the invalid bytes, and the
    /// rest is the first legacy charset declared (hint, then `<meta>`: a declared UTF-8 is
    /// passed over, being wrong), else windows-1252.
    init(_ bytes: UnsafeBufferPointer<UInt8>, charsetHint: String?) {
        let utf16 = bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            skipped = 3
        } else if utf16 {
            skipped = 2
        }
        let body = UnsafeBufferPointer(rebasing: bytes[skipped...])
        isBlank = !utf16 && !body.contains { !TextBuilder.isSpace($0) }
        if utf16 {
            charset = bytes[0] == 0xFF ? .utf16LE : .utf16BE
            transcode = true
            return
        }
        let census = UTF8Validation.census(of: body)
        if skipped == 3 {
            charset = .utf8
            transcode = census.invalid > 0
            return
        }
        let declarations = [charsetHint.flatMap { Charset(label: $0) }, CharsetPrescan.declaredLabel(in: body).flatMap { Charset(label: $0) }]
        if census.invalid == 0 {
            charset = census.multiByte > 0 ? .utf8 : declarations.lazy.compactMap { $0 }.first ?? .utf8
            transcode = false
        } else if census.multiByte >= census.invalid {
            charset = .utf8
            transcode = true
        } else {
            charset = declarations.lazy.compactMap { $0 }.first { $0.family != .utf8 } ?? .windows1252
            transcode = true
        }
    }
}

/// The result of parsing UTF-8 bytes: what the document is made of.
struct ParsedPage {
    var text: String
    var blocks: [Block]
    var title: String?
    var language: String?
    var date: String?
    var charset: Charset
    var offsetMap: OffsetMap

    /// Parses the UTF-8 `input`, whose offsets map to source offsets through `sourceMap` when it
    /// was transcoded, or by adding `sourceShift` when it is the source itself.
    init?(_ input: UnsafeBufferPointer<UInt8>, charset: Charset, content: ContentMode = .all, sourceMap: OffsetMap? = nil,
          sourceShift: Int = 0) {
        var session = SAXSession(input: input, recordsStructure: content == .main)
        guard session.run() else { return nil }
        let builder = session.builder
        var checkpoints = builder.checkpoints
        var textCount = builder.text.count
        if content == .main {
            let kept = builder.text.withUnsafeBufferPointer {
                ContentSelector.select(text: $0, blocks: builder.blocks, owners: builder.blockOwners,
                                       linkBytes: builder.blockLinkBytes, parents: session.elementParents,
                                       hints: session.elementHints, ends: session.elementEnds)
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(kept.reduce(0) { $0 + builder.blocks[$1].span.length + 2 })
            var selected: [Block] = []
            selected.reserveCapacity(kept.count)
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(kept.count)
            for index in kept {
                let block = builder.blocks[index]
                if !bytes.isEmpty { bytes.append(contentsOf: [0x0A, 0x0A]) }
                let start = bytes.count
                bytes.append(contentsOf: builder.text[block.span.start..<block.span.end])
                selected.append(Block(kind: block.kind, span: Span(start, bytes.count)))
                ranges.append(block.span.start..<block.span.end)
            }
            checkpoints = builder.checkpoints.selecting(ranges, separator: 2)
            textCount = bytes.count
            text = String(decoding: bytes, as: UTF8.self)
            blocks = selected
        } else {
            text = String(decoding: builder.text, as: UTF8.self)
            blocks = builder.blocks
        }
        title = session.title.isEmpty ? nil : String(decoding: session.title, as: UTF8.self)
        language = session.language
        date = session.metaDate?.value ?? session.timeDate
        self.charset = charset
        offsetMap = Self.compose(checkpoints, textCount: textCount, sourceMap: sourceMap, sourceShift: sourceShift)
    }

    /// Text → source offsets, from the builder's text → fed checkpoints and the fed → source
    /// map: each stretch where text and fed bytes advance together is split wherever the
    /// transcoding has a checkpoint.
    private static func compose(_ checkpoints: Checkpoints, textCount: Int, sourceMap: OffsetMap?, sourceShift: Int) -> OffsetMap {
        var map = OffsetMap()
        var texts = checkpoints.text, feds = checkpoints.fed
        if texts.first != 0 {
            texts.insert(0, at: 0)
            feds.insert(0, at: 0)
        }
        for index in texts.indices {
            let text = texts[index], fed = feds[index]
            map.add(text: text, source: sourceMap?.sourceOffset(forTextOffset: fed) ?? fed + sourceShift)
            guard let sourceMap else { continue }
            let length = (index + 1 < texts.count ? texts[index + 1] : textCount) - text
            let fedOffsets = sourceMap.textOffsets
            var next = upperBound(fedOffsets, fed)
            while next < fedOffsets.count, fedOffsets[next] < fed + length {
                map.add(text: text + fedOffsets[next] - fed, source: sourceMap.sourceOffsets[next])
                next += 1
            }
        }
        return map
    }

    /// The index of the first element of the sorted `values` greater than `value`.
    private static func upperBound(_ values: [Int], _ value: Int) -> Int {
        var low = 0, high = values.count
        while low < high {
            let mid = (low + high) / 2
            if values[mid] <= value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
