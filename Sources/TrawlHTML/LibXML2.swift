// Trawl — LibXML2.swift
// libxml2's HTML push parser: one-time initialisation, options, chunked feeding.

import CLibXML2
import Glibc

/// The libxml2 HTML push (SAX) parser, as the reader drives it.
enum LibXML2 {
    /// Initialises libxml2 once per process, on first use.
    static let initialized: Void = xmlInitParser()

    /// Recover from errors, no network, no error output, and ignore the document's own charset
    /// declarations: the reader always feeds UTF-8.
    static let options = Int32(
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOERROR.rawValue
            | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)

    /// Bytes handed to `htmlParseChunk` at a time.
    static let chunkSize = 64 * 1024

    /// Start tags are fed without the attributes the reader never reads only when those make
    /// at least this many bytes: below, the extra `htmlParseChunk` call costs more than
    /// libxml2's decoding of the attributes.
    static let minimumTrim = 12

    /// How a parse ended.
    enum Outcome {
        /// libxml2 parsed the whole input.
        case parsed
        /// libxml2 could not create a parser.
        case noParser
        /// Trimming stopped: libxml2 had parsed something past a chunk's end that it would have
        /// parsed differently with the bytes after (see ``parse(_:handler:userData:trimming:started:skipped:)``).
        /// The callbacks so far are void: parse again without trimming.
        case mustParseUntrimmed
    }

    /// Runs the push parser over the UTF-8 `input` with `handler`, whose callbacks receive
    /// `userData`. Leave the handler's error and warning callbacks unset: with the options above,
    /// libxml2 then reports nothing. `started` receives the parser context before the first
    /// byte is fed.
    ///
    /// Without `trimming`, the input is fed in chunks of ``chunkSize`` bytes. With it (on pages
    /// without NUL bytes), libxml2 is not fed bytes the reader never reads, which it would
    /// otherwise decode character by character: the bodies of `script` and `style` elements
    /// (libxml2 reads them as raw text up to `</script` or `</style`, ASCII case ignored, and
    /// hands them to `cdataBlock` only), and in start tags the attributes outside
    /// ``StartTagScan/isKept(_:from:to:)`` when they make at least ``minimumTrim`` bytes. For
    /// each such tag that ``StartTagScan`` proposes, the input is fed up to the tag's `<`; only
    /// when libxml2 has then used every byte but that `<`, in content outside script and style
    /// (so it parses a start tag from there), the tag follows, without those attributes, and
    /// for `script` and `style`, when libxml2 then waits for the body, feeding resumes at the
    /// closing tag. Otherwise the tag is fed with what follows. The input is fed in those
    /// pieces only, not in fixed-size chunks.
    ///
    /// Ending a chunk at a `<` is safe unless libxml2's lookahead took some construct before it
    /// as complete while its parser reads past that `<` (`<!-->`, a tag with a stray quote): the
    /// parser then uses every byte fed, the `<` included, which a clean stop never does outside
    /// script and style bodies. Seeing that, the parse stops with
    /// ``Outcome/mustParseUntrimmed``.
    ///
    /// `skipped` receives the number of input bytes left out so far each time it grows, before
    /// libxml2 parses past them: an offset in the bytes fed plus that number is the offset in
    /// `input`.
    static func parse(_ input: UnsafeBufferPointer<UInt8>, handler: htmlSAXHandler, userData: UnsafeMutableRawPointer?,
                      trimming: Bool = false, started: (htmlParserCtxtPtr) -> Void = { _ in },
                      skipped: (Int) -> Void = { _ in }) -> Outcome {
        _ = initialized
        var handler = handler
        guard let context = htmlCreatePushParserCtxt(&handler, userData, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
            return .noParser
        }
        defer { htmlFreeParserCtxt(context) }
        htmlCtxtUseOptions(context, options)
        started(context)
        // libxml2 stops at a NUL byte in a tag or a raw-text body: the scan would have to as well.
        guard trimming, let base = input.baseAddress, memchr(base, 0, input.count) == nil else {
            feedInChunks(context, input)
            htmlParseChunk(context, nil, 0, 1)
            return .parsed
        }
        var offset = 0, scanned = 0, left = 0
        var tag = StartTagScan.Tag()
        var trimmed: [UInt8] = []
        while StartTagScan.next(in: input, from: scanned, into: &tag) {
            feed(context, UnsafeBufferPointer(rebasing: input[offset..<tag.start + 1]))
            offset = tag.start + 1
            scanned = tag.end
            switch trawl_state_at_start_tag(context) {
            case 1: break
            case 0: continue
            default: return .mustParseUntrimmed
            }
            if tag.dropped >= minimumTrim {
                tag.keptBytes(of: input, into: &trimmed)
                left += tag.dropped
                skipped(left)
                trimmed.withUnsafeBufferPointer { feed(context, $0) }
            } else {
                feed(context, UnsafeBufferPointer(rebasing: input[offset..<tag.end]))
            }
            offset = tag.end
            guard let element = tag.rawText,
                  trawl_awaits_body(context, element.name.utf8Start, element.name.utf8CodeUnitCount) != 0,
                  let close = StartTagScan.closingTag(of: element, in: input, from: offset), close > offset else { continue }
            left += close - offset
            skipped(left)
            offset = close
            scanned = close
        }
        feed(context, UnsafeBufferPointer(rebasing: input[offset...]))
        htmlParseChunk(context, nil, 0, 1)
        return .parsed
    }

    /// Feeds `bytes` in one `htmlParseChunk` call.
    private static func feed(_ context: htmlParserCtxtPtr, _ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            _ = htmlParseChunk(context, $0, Int32(bytes.count), 0)
        }
    }

    /// Feeds `input` in chunks of at most ``chunkSize`` bytes, each ending on a character
    /// boundary: libxml2 must never see half a character.
    private static func feedInChunks(_ context: htmlParserCtxtPtr, _ input: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < input.count {
            var end = min(offset + chunkSize, input.count)
            while end < input.count, end > offset + 4, input[end] & 0xC0 == 0x80 { end -= 1 }
            feed(context, UnsafeBufferPointer(rebasing: input[offset..<end]))
            offset = end
        }
    }
}

/// Finds, in the bytes about to be fed, the start tags worth trimming for libxml2: `script`
/// and `style` tags, whose body libxml2 would read as raw text (and where that body ends), and
/// tags with attributes the reader never reads.
///
/// The scan only proposes: ``LibXML2/parse(_:handler:userData:trimming:started:skipped:)``
/// trims only where libxml2's state shows it parses a start tag there, or waits for a raw-text
/// body. A tag is proposed only when it follows the simple grammar libxml2 reads tags with
/// (a name, then blanks, attribute names of letters, digits, `:`, `-`, `_` and `.`, each
/// optionally followed by `=` and a quoted value or an unquoted one without quotes, then `>`
/// or `/>`): where libxml2's own lookahead and its tag parser agree on where the tag ends.
/// Anything else (a stray quote, a lone `/`…) is passed over and fed as it is. Pages with a
/// NUL byte, where libxml2 stops early, are not trimmed at all.
enum StartTagScan {
    /// An element whose body libxml2 reads as raw text.
    enum RawTextElement {
        case script, style

        /// The element's lowercase name.
        var name: StaticString {
            switch self {
            case .script: "script"
            case .style: "style"
            }
        }
    }

    /// A start tag found by the scan.
    struct Tag {
        /// The offset of its `<`.
        var start = 0
        /// One past its `>`.
        var end = 0
        /// The element, when libxml2 reads its body as raw text.
        var rawText: RawTextElement?
        /// Bytes of the attributes to leave out, each with the blanks after it.
        var dropped = 0
        /// The ranges of those attributes, in order.
        var drops: [Range<Int>] = []

        /// The tag's bytes after its `<`, less the dropped attributes, into `bytes`.
        func keptBytes(of input: UnsafeBufferPointer<UInt8>, into bytes: inout [UInt8]) {
            bytes.removeAll(keepingCapacity: true)
            var from = start + 1
            for drop in drops {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[from..<drop.lowerBound]))
                from = drop.upperBound
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[from..<end]))
        }
    }

    /// Finds the next start tag at or after `start` that passes the scan and is worth
    /// trimming (raw text, or at least ``LibXML2/minimumTrim`` bytes of attributes to drop).
    /// - Returns: whether one was found, into `tag`.
    static func next(in input: UnsafeBufferPointer<UInt8>, from start: Int, into tag: inout Tag) -> Bool {
        guard let base = input.baseAddress else { return false }
        var index = start
        while index < input.count, let found = memchr(base + index, 0x3C, input.count - index) {
            let open = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            index = open + 1
            guard open + 1 < input.count, input[open + 1] | 0x20 >= 0x61, input[open + 1] | 0x20 <= 0x7A,
                  scan(input, at: open, into: &tag) else { continue }
            if tag.rawText != nil || tag.dropped >= LibXML2.minimumTrim { return true }
            index = tag.end
        }
        return false
    }

    /// Where libxml2 ends the raw-text body of `element` that starts at `start`: the first
    /// `</` followed by the element's name (ASCII case ignored); `nil` when there is none.
    static func closingTag(of element: RawTextElement, in input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = input.baseAddress else { return nil }
        var index = start
        while index < input.count, let found = memchr(base + index, 0x3C, input.count - index) {
            let open = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            index = open + 1
            guard open + 1 < input.count, input[open + 1] == 0x2F, startsWith(input, at: open + 2, element.name) else { continue }
            return open
        }
        return nil
    }

    /// Whether the attribute named `input[start..<end]` is one the reader reads (ASCII case
    /// ignored): `id`, `class`, `role`, `itemprop`, `hidden`, `aria-hidden` and `style`, those
    /// ``ContentHint/scan(_:)`` reads. (`meta`, `html` and `time` tags, whose other attributes
    /// the session reads, are never trimmed.)
    static func isKept(_ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        switch end - start {
        case 2: startsWith(input, at: start, "id")
        case 4: startsWith(input, at: start, "role")
        case 5: startsWith(input, at: start, "class") || startsWith(input, at: start, "style")
        case 6: startsWith(input, at: start, "hidden")
        case 8: startsWith(input, at: start, "itemprop")
        case 11: startsWith(input, at: start, "aria-hidden")
        default: false
        }
    }

    /// Reads the start tag whose `<` is at `open` (followed by a letter) into `tag`.
    /// - Returns: `false` when it does not follow the grammar.
    private static func scan(_ input: UnsafeBufferPointer<UInt8>, at open: Int, into tag: inout Tag) -> Bool {
        let count = input.count
        var index = open + 1
        func skipBlanks() {
            while index < count, isBlank(input[index]) { index += 1 }
        }
        /// Skips a name (libxml2 cuts names at 100 bytes); `false` if it is that long.
        func skipName() -> Bool {
            let start = index
            while index < count, isNameByte(input[index]) { index += 1 }
            return index - start < 100
        }
        guard skipName() else { return false }
        let nameEnd = index
        tag.start = open
        tag.rawText = nil
        tag.dropped = 0
        tag.drops.removeAll(keepingCapacity: true)
        var keepsAll = false
        switch nameEnd - open - 1 {
        case 4: keepsAll = startsWith(input, at: open + 1, "meta") || startsWith(input, at: open + 1, "html")
                || startsWith(input, at: open + 1, "time")
        case 5: if startsWith(input, at: open + 1, "style") { tag.rawText = .style }
        case 6: if startsWith(input, at: open + 1, "script") { tag.rawText = .script }
        default: break
        }
        while true {
            skipBlanks()
            guard index < count else { return false }
            let byte = input[index]
            if byte == 0x3E {
                tag.end = index + 1
                return true
            }
            if byte == 0x2F {
                guard index + 1 < count, input[index + 1] == 0x3E else { return false }
                tag.end = index + 2
                tag.rawText = nil
                return true
            }
            guard isNameStart(byte) else { return false }
            let attributeStart = index
            guard skipName() else { return false }
            let attributeNameEnd = index
            skipBlanks()
            guard index < count else { return false }
            if input[index] == 0x3D {
                index += 1
                skipBlanks()
                guard index < count else { return false }
                let quote = input[index]
                if quote == 0x22 || quote == 0x27 {
                    guard index + 1 < count, let found = memchr(input.baseAddress! + index + 1, Int32(quote), count - index - 1) else {
                        return false
                    }
                    index = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - input.baseAddress! + 1
                } else {
                    while index < count, !isBlank(input[index]), input[index] != 0x3E {
                        if input[index] == 0x22 || input[index] == 0x27 { return false }
                        index += 1
                    }
                }
            }
            if !keepsAll, !isKept(input, from: attributeStart, to: attributeNameEnd) {
                skipBlanks()
                tag.drops.append(attributeStart..<index)
                tag.dropped += index - attributeStart
            }
        }
    }

    /// Whether `input[index...]` starts with the lowercase ASCII `name`, ASCII case ignored.
    private static func startsWith(_ input: UnsafeBufferPointer<UInt8>, at index: Int, _ name: StaticString) -> Bool {
        guard index + name.utf8CodeUnitCount <= input.count else { return false }
        let bytes = name.utf8Start
        for offset in 0..<name.utf8CodeUnitCount where lower(input[index + offset]) != bytes[offset] { return false }
        return true
    }

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// A blank as libxml2 skips it in tags (space, tab, LF, CR).
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A letter, `_`, `:` or `.`: the bytes a name may start with.
    @inline(__always)
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte == 0x3A || byte == 0x2E
    }

    /// A byte of a name: a name's first bytes, digits and `-`.
    @inline(__always)
    private static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D
    }
}

/// The throughput reference for the reader: libxml2's push parser alone.
@_spi(Benchmarks)
public enum LibXML2Baseline: Sendable {
    /// Parses `bytes` with libxml2's HTML push parser, with the reader's options and chunks (as
    /// it parses pages it does not trim) but empty SAX callbacks and every byte fed: the time
    /// libxml2 alone needs for the page.
    /// The reader does not feed it script and style bodies or unread attributes (see
    /// ``LibXML2/parse(_:handler:userData:trimming:started:skipped:)``), so it can be faster.
    /// - Returns: `false` if libxml2 could not create a parser.
    @discardableResult
    public static func pushParse(_ bytes: [UInt8]) -> Bool {
        var handler = htmlSAXHandler()
        handler.startElement = { _, _, _ in }
        handler.endElement = { _, _ in }
        handler.characters = { _, _, _ in }
        handler.ignorableWhitespace = { _, _, _ in }
        handler.cdataBlock = { _, _, _ in }
        return bytes.withUnsafeBufferPointer { LibXML2.parse($0, handler: handler, userData: nil) } == .parsed
    }
}
