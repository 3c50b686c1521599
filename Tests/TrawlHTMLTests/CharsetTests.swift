// Trawl — CharsetTests.swift
// Charset labels, the meta prescan, the decision order, and transcoding with offsets.

import Testing
import Trawl
@testable import TrawlHTML

@Suite struct CharsetTests {
    @Test(arguments: [
        ("ISO-8859-1", "windows-1252"), (" latin1 ", "windows-1252"), ("US-ASCII", "windows-1252"),
        ("utf8", "utf-8"), ("UTF-16", "utf-8"), ("gb2312", "gbk"), ("GB18030", "gb18030"), ("x-sjis", "shift_jis"),
        ("iso8859-2", "iso-8859-2"), ("cp1250", "windows-1250"), ("iso-8859-9", "windows-1254"), ("ks_c_5601-1987", "euc-kr"),
    ])
    func labelsNormalise(label: String, name: String) {
        #expect(Charset(label: label)?.name == name)
    }

    @Test func unknownLabel() {
        #expect(Charset(label: "x-klingon") == nil)
    }

    @Test(arguments: [
        (#"<html><head><meta charset="ISO-8859-2"></head>"#, "ISO-8859-2"),
        (#"<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">"#, "windows-1250"),
        (#"<META CONTENT='text/html;charset = gb2312' HTTP-EQUIV=content-type>"#, "gb2312"),
        (#"<?xml version="1.0" encoding="iso-8859-1"?><html><p>x</p>"#, "iso-8859-1"),
        (#"<meta name="description" content="charset"><p>none</p>"#, nil),
    ] as [(String, String?)])
    func prescanFindsDeclaration(html: String, label: String?) {
        let found = Array(html.utf8).withUnsafeBufferPointer { CharsetPrescan.declaredLabel(in: $0) }
        #expect(found.map(String.init) == label)
    }

    @Test func prescanStopsAfterWindow() {
        let html = String(repeating: " ", count: CharsetPrescan.window) + "<meta charset=koi8-r>"
        #expect(Array(html.utf8).withUnsafeBufferPointer { CharsetPrescan.declaredLabel(in: $0) } == nil)
    }

    @Test func decisionOrder() {
        func plan(_ bytes: [UInt8], hint: String? = nil) -> DecodingPlan {
            bytes.withUnsafeBufferPointer { DecodingPlan($0, charsetHint: hint) }
        }
        let latin1 = Array("<meta charset=iso-8859-2><p>".utf8) + [0xB1, 0xE6]
        #expect(plan(latin1).charset.name == "iso-8859-2")
        #expect(plan(latin1, hint: "windows-1250").charset.name == "windows-1250")
        #expect(plan(latin1, hint: "utf-8").charset.name == "iso-8859-2")
        #expect(plan([0x3C, 0x70, 0x3E, 0xE9], hint: "utf-8").charset.name == "windows-1252")
        #expect(plan(Array("<p>plain ascii".utf8), hint: "iso-8859-1").charset.name == "windows-1252")
        #expect(plan(Array("<p>plain ascii".utf8), hint: "iso-8859-1").transcode == false)
        #expect(plan([0xEF, 0xBB, 0xBF] + Array("<p>é".utf8), hint: "iso-8859-1").charset.name == "utf-8")
        #expect(plan([0xEF, 0xBB, 0xBF] + Array("<p>é".utf8)).skipped == 3)
        #expect(plan([0xFE, 0xFF, 0x00, 0x3C]).charset.name == "utf-16be")
    }

    @Test func singleByteCharsets() throws {
        let polish = Array("<meta charset=windows-1250><p>Za".utf8) + [0xBF, 0xF3, 0xB3, 0x74, 0x61] + Array(" g".utf8) + [0xEA, 0x9C, 0x6C, 0x61]
        #expect(try readHTML(bytes: polish).text == "Zażółta gęśla")
        let latin2 = Array("<meta charset=iso-8859-2><p>".utf8) + [0xA3, 0xF3, 0x64, 0xBC]
        #expect(try readHTML(bytes: latin2).text == "Łódź")
        let cyrillic = Array("<p>".utf8) + [0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2]
        #expect(try readHTML(bytes: cyrillic, hint: "windows-1251").text == "Привет")
    }

    @Test func multiByteCharsetsKeepOffsets() throws {
        // "中文 ABC 测试" in GBK.
        let gbk: [UInt8] = Array("<meta charset=gb2312><p>".utf8) + [0xD6, 0xD0, 0xCE, 0xC4] + Array(" ABC ".utf8) + [0xB2, 0xE2, 0xCA, 0xD4]
        let document = try readHTML(bytes: gbk)
        #expect(document.text == "中文 ABC 测试")
        #expect(document.charset == "gbk")
        let map = try #require(document.offsetMap)
        let head = "<meta charset=gb2312><p>".utf8.count
        #expect(map.sourceOffset(forTextOffset: 0) == head)
        #expect(map.sourceOffset(forTextOffset: 3) == head + 2)
        #expect(map.sourceOffset(forTextOffset: 7) == head + 5)
        #expect(map.sourceOffset(forTextOffset: 11) == head + 9)
        #expect(map.sourceOffset(forTextOffset: 14) == head + 11)
        let check = OffsetCheck(document, source: gbk)
        #expect(check.mismatches.isEmpty && check.exact == 7, "\(check)")

        let sjis: [UInt8] = [0x93, 0xFA, 0x96, 0x7B, 0x8C, 0xEA]
        #expect(try readHTML(bytes: Array("<p>".utf8) + sjis, hint: "shift_jis").text == "日本語")
    }

    @Test func utf16WithByteOrderMarks() throws {
        let html = "<title>Ça</title><p>Grüße 😀 x</p>"
        for bytes in [utf16Bytes(html, bigEndian: false), utf16Bytes(html, bigEndian: true)] {
            let document = try readHTML(bytes: bytes)
            #expect(document.text == "Grüße 😀 x")
            #expect(document.title == "Ça")
            let check = OffsetCheck(document, source: bytes)
            #expect(check.mismatches.isEmpty, "\(check)")
        }
    }

    @Test func utf8ByteOrderMarkIsSkipped() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("<p>Été</p>".utf8)
        let document = try readHTML(bytes: bytes)
        #expect(document.text == "Été")
        #expect(document.offsetMap?.sourceOffset(forTextOffset: 0) == 6)
    }
}
