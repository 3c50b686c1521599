// Trawl — TextReaderTests.swift
// Plain-text decoding and refusal of non-text input.

import Testing
@testable import Trawl

@Suite struct TextReaderTests {
    private func raw(_ bytes: [UInt8]) -> RawDocument {
        RawDocument(id: "in.txt", source: DocumentSource(path: "in.txt"), bytes: bytes, format: .text)
    }

    @Test func keepsTextExactlyAsGiven() throws {
        let text = "Ligne 1\r\n\r\n  Ligne  2\n"
        let document = try TextReader().read(raw(Array(text.utf8)))
        #expect(document.text == text)
        #expect(document.blocks.map(\.span) == [Span(0, 7), Span(13, 21)])
    }

    /// Paragraphs are found from the line feeds, eight bytes at a time: lines shorter and longer
    /// than eight bytes, blank lines of spaces, tabs and carriage returns, a text that starts or
    /// ends with blank lines or has no final line feed.
    @Test(arguments: [
        ("a\nb\n\nc", [Span(0, 3), Span(5, 6)]),
        ("\n \t\r\n  Première ligne, assez longue.  \r\nsuite\n\t\n\n  x", [Span(7, 46), Span(52, 53)]),
        ("un paragraphe\n \n", [Span(0, 13)]),
        ("\n\n\n", []),
        ("12345678\n\n12345678", [Span(0, 8), Span(10, 18)]),
    ])
    func paragraphsAreRunsOfNonBlankLines(text: String, spans: [Span]) throws {
        #expect(try TextReader().read(raw(Array(text.utf8))).blocks.map(\.span) == spans)
    }

    @Test func stripsTheBOMAndDecodesUTF16() throws {
        #expect(try TextReader().read(raw([0xEF, 0xBB, 0xBF] + Array("été".utf8))).text == "été")
        let utf16LE: [UInt8] = [0xFF, 0xFE] + "Irak".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try TextReader().read(raw(utf16LE)).text == "Irak")
        let utf16BE: [UInt8] = [0xFE, 0xFF] + "É".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextReader().read(raw(utf16BE)).charset == "utf-16be")
    }

    @Test func replacesInvalidUTF8() throws {
        let document = try TextReader().read(raw(Array("caf".utf8) + [0xE9] + Array(" ok".utf8)))
        #expect(document.text == "caf\u{FFFD} ok")
    }

    @Test func refusesEmptyAndBinaryInput() {
        #expect { try TextReader().read(raw([])) } throws: { ($0 as? DocumentFailure)?.kind == "empty" }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect { try TextReader().read(raw(png)) } throws: {
            ($0 as? DocumentFailure)?.kind == "binary" && ($0 as? DocumentFailure)?.message.contains("PNG") == true
        }
        #expect { try TextReader().read(raw([0x41, 0x00, 0x42])) } throws: { ($0 as? DocumentFailure)?.kind == "binary" }
        // The sample is read eight bytes at a time: a NUL or control bytes anywhere in it count.
        let text = Array("Une ligne de texte ordinaire.\n".utf8)
        #expect(BinarySniffer.binaryFormat(of: text + [0x00] + text) == "binary data (NUL bytes)")
        #expect(BinarySniffer.binaryFormat(of: text + Array(repeating: 0x01, count: 7)) == "binary data (control bytes)")
        #expect(BinarySniffer.binaryFormat(of: text + Array(repeating: 0x01, count: 3)) == nil)
        #expect(BinarySniffer.binaryFormat(of: text + [0x09, 0x0C, 0x0D, 0x0A]) == nil)
    }
}
