// Trawl — BadInputTests.swift
// Inputs that are not pages, or broken ones: each fails clearly or reads as well as it can.

import Testing
import Trawl
import TrawlHTML

@Suite struct BadInputTests {
    @Test func emptyInputFails() {
        #expect {
            try readHTML("")
        } throws: { error in
            (error as? DocumentFailure)?.kind == "empty" && (error as? DocumentFailure)?.id == "test.html"
        }
        #expect(throws: DocumentFailure.self) { try readHTML(" \n\t \r\n") }
    }

    @Test func pngNamedHTMLIsBinary() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]
        png += (0..<2000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect {
            try readHTML(bytes: png)
        } throws: { error in
            guard let failure = error as? DocumentFailure else { return false }
            return failure.kind == "binary" && failure.message.contains("PNG")
        }
    }

    @Test func controlBytesAreBinaryButUTF16IsNot() throws {
        let noise = (0..<1024).map { UInt8(truncatingIfNeeded: $0 % 7) }
        #expect(throws: DocumentFailure.self) { try readHTML(bytes: noise) }
        #expect(try readHTML(bytes: utf16Bytes("<p>Grüße</p>", bigEndian: false)).text == "Grüße")
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        // Mostly valid UTF-8 with a stray Latin-1 byte and a truncated sequence.
        let bytes = Array("<p>Café crème ".utf8) + [0xE9] + Array(" déjà ".utf8) + [0xE2, 0x82] + Array("</p>".utf8)
        let document = try readHTML(bytes: bytes)
        #expect(document.text == "Café crème \u{FFFD} déjà \u{FFFD}")
        #expect(document.charset == "utf-8")
        #expect(!document.text.contains("Ã"))
        let check = OffsetCheck(document, source: bytes)
        #expect(check.mismatches.isEmpty, "\(check)")
    }

    @Test func truncatedHTMLKeepsTextUpToTheCut() throws {
        let document = try readHTML("<html><body><p>First paragraph.</p><p>Cut <b>here</b> and <a hr")
        #expect(document.text == "First paragraph.\n\nCut here and")
        let inComment = try readHTML("<p>Before</p><!-- never closed <p>hidden</p>")
        #expect(inComment.text == "Before")
    }

    // The limit only guards against a hang: a debug build sharing two cores with the rest of the
    // suite needed more than two minutes here. Speed is measured by `trawl bench`, not by tests.
    @Test(.timeLimit(.minutes(10)))
    func fiftyMegabytePage() throws {
        let paragraph = "<div class=\"article\"><p>Le ministre a déclaré que <a href=\"/x\">3\u{A0}000 soldats</a> partiraient.</p>\n"
        let count = 50_000_000 / paragraph.utf8.count + 1
        var bytes = Array("<html><head><title>Big</title></head><body>".utf8)
        bytes.reserveCapacity(count * paragraph.utf8.count + 64)
        let chunk = Array(paragraph.utf8)
        for _ in 0..<count { bytes += chunk }
        let document = try readHTML(bytes: bytes)
        #expect(bytes.count >= 50_000_000)
        #expect(document.blocks.count == count)
        #expect(document.text.hasPrefix("Le ministre a déclaré que 3\u{A0}000 soldats partiraient.\n\nLe ministre"))
        #expect(document.title == "Big")
    }

    @Test func tenThousandNestedDivs() throws {
        let depth = 10_000
        let html = String(repeating: "<div>", count: depth) + "deep text" + String(repeating: "</div>", count: depth)
            + "<p>after</p>"
        let document = try readHTML(html)
        #expect(document.text == "deep text\n\nafter")
        let inline = String(repeating: "<span>", count: depth) + "inline" + String(repeating: "</span>", count: depth)
        #expect(try readHTML(inline).text == "inline")
    }

    @Test func onlyScriptsGiveEmptyText() throws {
        let document = try readHTML("<html><head><script>var a = 1;</script></head><body><script>f()</script><style>x{}</style></body></html>")
        #expect(document.text.isEmpty)
        #expect(document.blocks.isEmpty)
    }

    @Test func wrongDeclaredCharsets() throws {
        // Declared gb2312, really UTF-8.
        let utf8 = try readHTML("<meta charset=gb2312><p>人工智能 Müller</p>")
        #expect(utf8.text == "人工智能 Müller")
        #expect(utf8.charset == "utf-8")
        // Declared UTF-8, really windows-1252.
        let latin = Array("<meta charset=\"utf-8\"><p>M".utf8) + [0xFC] + Array("ller sagt: ".utf8) + [0x93, 0x4A, 0x61, 0x94, 0x80]
        let legacy = try readHTML(bytes: latin)
        #expect(legacy.text == "Müller sagt: “Ja”€")
        #expect(legacy.charset == "windows-1252")
        // Declared windows-1252 by the transport but UTF-8, with a meta saying otherwise too.
        let hinted = try readHTML("<meta charset=iso-8859-2><p>déjà vu</p>", hint: "windows-1252")
        #expect(hinted.text == "déjà vu")
    }

    @Test func controlCharactersAndNonCharactersAreLeftOut() throws {
        // The NUL sits past the first 4 KB, where a NUL would mean binary data.
        let padding = "<p>" + String(repeating: "padding ", count: 600) + "</p>"
        let bytes = Array("\(padding)<p>a".utf8) + [0x01] + Array("b\u{FFFE}c d\u{0}e</p>".utf8)
        let document = try readHTML(bytes: bytes)
        #expect(document.text.hasSuffix("\n\nabc d e"))
        let check = OffsetCheck(document, source: bytes)
        #expect(check.mismatches.isEmpty && check.exact == check.characters, "\(check)")
    }
}
