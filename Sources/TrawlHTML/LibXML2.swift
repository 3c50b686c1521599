// Trawl — LibXML2.swift
// libxml2's HTML push parser: one-time initialisation, options, chunked feeding.

import CLibXML2

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
    /// - Returns: `false` if libxml2 could not create a parser.
    static func parse(_ input: UnsafeBufferPointer<UInt8>, handler: htmlSAXHandler, userData: UnsafeMutableRawPointer?,
                      started: (htmlParserCtxtPtr) -> Void = { _ in }) -> Bool {
        _ = initialized
        var handler = handler
        guard let context = htmlCreatePushParserCtxt(&handler, userData, nil, 0, nil, XML_CHAR_ENCODING_UTF8) else {
            return false
        }
        defer { htmlFreeParserCtxt(context) }
        htmlCtxtUseOptions(context, options)
        started(context)
        guard let base = input.baseAddress else {
            htmlParseChunk(context, nil, 0, 1)
            return true
        }
        var offset = 0
        while offset < input.count {
            var end = min(offset + chunkSize, input.count)
            // End chunks on a character boundary: libxml2 must never see half a character.
            while end < input.count, end > offset + 4, input[end] & 0xC0 == 0x80 { end -= 1 }
            base.advanced(by: offset).withMemoryRebound(to: CChar.self, capacity: end - offset) {
                _ = htmlParseChunk(context, $0, Int32(end - offset), 0)
            }
            offset = end
        }
        htmlParseChunk(context, nil, 0, 1)
        return true
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
