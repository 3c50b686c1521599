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

    /// Runs the push parser over the UTF-8 `input` with `handler`, whose callbacks receive
    /// `userData`. Leave the handler's error and warning callbacks unset: with the options above,
    /// libxml2 then reports nothing. `started` receives the parser context before the first
    /// byte is fed.
    ///
    /// With `skippingRawText`, the bodies of `script` and `style` elements are not fed: their
    /// start tag is fed on its own, and when libxml2 then waits for that element's body (it
    /// reads it as raw text up to `</script` or `</style`, ASCII case ignored, and hands it to
    /// `cdataBlock` only), feeding resumes at that closing tag. libxml2 sees the same
    /// document less bytes it would only have passed to `cdataBlock`. `skipped` receives the
    /// number of input bytes left out so far each time it grows: an offset in the bytes fed
    /// plus that number is the offset in `input` (for any offset libxml2 reaches after the
    /// skip).
    /// - Returns: `false` if libxml2 could not create a parser.
    static func parse(_ input: UnsafeBufferPointer<UInt8>, handler: htmlSAXHandler, userData: UnsafeMutableRawPointer?,
                      skippingRawText: Bool = false, started: (htmlParserCtxtPtr) -> Void = { _ in },
                      skipped: (Int) -> Void = { _ in }) -> Bool {
        _ = initialized
        var handler = handler
        guard let context = htmlCreatePushParserCtxt(&handler, userData, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
            return false
        }
        defer { htmlFreeParserCtxt(context) }
        htmlCtxtUseOptions(context, options)
        started(context)
        var offset = 0, left = 0
        while offset < input.count {
            let tag = skippingRawText ? RawText.nextStartTag(in: input, from: offset) : nil
            let end = tag?.end ?? input.count
            feed(context, input, from: offset, to: end)
            offset = end
            guard let tag, trawl_awaits_body(context, tag.element.name.utf8Start, tag.element.name.utf8CodeUnitCount) != 0,
                  let close = RawText.closingTag(of: tag.element, in: input, from: end), close > end else { continue }
            left += close - end
            skipped(left)
            offset = close
        }
        htmlParseChunk(context, nil, 0, 1)
        return true
    }

    /// Feeds `input[start..<end]` in chunks of at most ``chunkSize`` bytes, each ending on a
    /// character boundary: libxml2 must never see half a character.
    private static func feed(_ context: htmlParserCtxtPtr, _ input: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        guard let base = input.baseAddress else { return }
        var offset = start
        while offset < end {
            var chunkEnd = min(offset + chunkSize, end)
            while chunkEnd < end, chunkEnd > offset + 4, input[chunkEnd] & 0xC0 == 0x80 { chunkEnd -= 1 }
            base.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: chunkEnd - offset) {
                _ = htmlParseChunk(context, $0, Int32(chunkEnd - offset), 0)
            }
            offset = chunkEnd
        }
    }
}

/// Finds, in the bytes about to be fed, the `script` and `style` elements whose body libxml2
/// would read as raw text, and where that body ends.
///
/// The scan only proposes: ``LibXML2/parse(_:handler:userData:skippingRawText:started:skipped:)``
/// skips a body only after libxml2, fed up to the start tag's end, is waiting for that body. A
/// start tag is proposed only when its attributes follow the simple grammar libxml2 parses
/// them with (names, `=`, quoted or unquoted values, blanks); anything else (a stray quote, a
/// NUL byte, `/>`…) is passed over, and its body fed.
enum RawText {
    /// An element whose body libxml2 reads as raw text.
    enum Element {
        case script, style

        /// The element's lowercase name.
        var name: StaticString {
            switch self {
            case .script: "script"
            case .style: "style"
            }
        }
    }

    /// The next `<script` or `<style` start tag at or after `start` that passes the scan, and
    /// the offset one past its `>`.
    static func nextStartTag(in input: UnsafeBufferPointer<UInt8>, from start: Int) -> (element: Element, end: Int)? {
        guard let base = input.baseAddress else { return nil }
        var index = start
        while index < input.count, let found = memchr(base + index, 0x3C, input.count - index) {
            let open = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            index = open + 1
            let element: Element
            if startsWithName(input, at: open + 1, .script) {
                element = .script
            } else if startsWithName(input, at: open + 1, .style) {
                element = .style
            } else {
                continue
            }
            let nameEnd = open + 1 + element.name.utf8CodeUnitCount
            guard nameEnd < input.count, isBlank(input[nameEnd]) || input[nameEnd] == 0x3E,
                  let end = startTagEnd(input, from: nameEnd) else { continue }
            return (element, end)
        }
        return nil
    }

    /// Where libxml2 ends the raw-text body of `element` that starts at `start`: the first
    /// `</` followed by the element's name (ASCII case ignored); `nil` when there is none, or
    /// when a NUL byte comes first.
    static func closingTag(of element: Element, in input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = input.baseAddress else { return nil }
        var index = start
        while index < input.count, let found = memchr(base + index, 0x3C, input.count - index) {
            let open = UnsafePointer<UInt8>(found.assumingMemoryBound(to: UInt8.self)) - base
            index = open + 1
            guard open + 1 < input.count, input[open + 1] == 0x2F, startsWithName(input, at: open + 2, element) else { continue }
            return memchr(base + start, 0, open - start) == nil ? open : nil
        }
        return nil
    }

    /// One past the `>` ending a start tag whose attributes begin at `start`, if they follow
    /// the grammar libxml2 reads them with: blanks, names of letters, digits, `:`, `-`, `_` and
    /// `.` (not starting with a digit or `-`), each optionally followed by `=` and a quoted or
    /// unquoted value.
    private static func startTagEnd(_ input: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let count = input.count
        var index = start
        func skipBlanks() {
            while index < count, isBlank(input[index]) { index += 1 }
        }
        while true {
            skipBlanks()
            guard index < count else { return nil }
            if input[index] == 0x3E { return index + 1 }
            guard isNameStart(input[index]) else { return nil }
            let nameStart = index
            while index < count, isNameStart(input[index]) || input[index] == 0x2D || (input[index] >= 0x30 && input[index] <= 0x39) {
                index += 1
            }
            guard index - nameStart < 100 else { return nil }
            skipBlanks()
            guard index < count else { return nil }
            guard input[index] == 0x3D else { continue }
            index += 1
            skipBlanks()
            guard index < count else { return nil }
            let quote = input[index]
            if quote == 0x22 || quote == 0x27 {
                index += 1
                while index < count, input[index] != quote {
                    if input[index] == 0 { return nil }
                    index += 1
                }
                guard index < count else { return nil }
                index += 1
            } else {
                while index < count, !isBlank(input[index]), input[index] != 0x3E {
                    if input[index] == 0 { return nil }
                    index += 1
                }
            }
        }
    }

    /// Whether `input[index...]` starts with the name of `element`, ASCII case ignored.
    private static func startsWithName(_ input: UnsafeBufferPointer<UInt8>, at index: Int, _ element: Element) -> Bool {
        let name = element.name
        guard index + name.utf8CodeUnitCount <= input.count else { return false }
        let bytes = name.utf8Start
        for offset in 0..<name.utf8CodeUnitCount where input[index + offset] | 0x20 != bytes[offset] { return false }
        return true
    }

    /// A blank as libxml2 skips it in tags (space, tab, LF, CR).
    @inline(__always)
    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A letter, `_`, `:` or `.`: the bytes an attribute name may start with.
    @inline(__always)
    private static func isNameStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x5F || byte == 0x3A || byte == 0x2E
    }
}

/// The throughput reference for the reader: libxml2's push parser alone.
@_spi(Benchmarks)
public enum LibXML2Baseline: Sendable {
    /// Parses `bytes` with libxml2's HTML push parser, with the reader's options and chunk size
    /// but empty SAX callbacks: the time libxml2 itself needs, which the reader cannot beat.
    /// - Returns: `false` if libxml2 could not create a parser.
    @discardableResult
    public static func pushParse(_ bytes: [UInt8]) -> Bool {
        var handler = htmlSAXHandler()
        handler.startElement = { _, _, _ in }
        handler.endElement = { _, _ in }
        handler.characters = { _, _, _ in }
        handler.ignorableWhitespace = { _, _, _ in }
        handler.cdataBlock = { _, _, _ in }
        return bytes.withUnsafeBufferPointer { LibXML2.parse($0, handler: handler, userData: nil) }
    }
}
