// Trawl — OutputTests.swift
// JSON Lines and TSV serialisation, offset units.

import Foundation
import Testing
@testable import Trawl

@Suite struct OutputTests {
    private func extraction(_ text: String) -> Extraction {
        let analysis = TextAnalyzer().analyze(text: text)
        var annotations = Annotations()
        let bytes = Array(text.utf8)
        func span(of needle: String) -> Span {
            let needleBytes = Array(needle.utf8)
            let start = (0...(bytes.count - needleBytes.count)).first { Array(bytes[$0..<$0 + needleBytes.count]) == needleBytes }!
            return Span(start, start + needleBytes.count)
        }
        annotations.mentions = [Mention(span: span(of: "Fuad Hussein"), label: "PER", extractor: "test")]
        annotations.entities = [Entity(id: "e1", label: "PER", name: "Fuad Hussein", mentions: [0], extractor: "test")]
        annotations.quantities = [Quantity(span: span(of: "3 000 soldats"), kind: "count", value: 3000, counted: "soldats",
                                           approximate: true, extractor: "test")]
        annotations.dates = [DateMention(span: span(of: "août 2020"), value: "2020-08", granularity: "month", extractor: "test")]
        annotations.relations = [Relation(type: "said", arguments: [
            .init("speaker", .entity("e1")), .init("quote", .span(span(of: "« Oui 😀 »"))), .init("direct", .flag(true)),
        ], extractor: "test")]
        let document = Document(id: "doc \"1\"", source: DocumentSource(uri: "file:///x"), format: .text, text: text)
        return Extraction(document: document, analysis: analysis, annotations: annotations)
    }

    private let text = "L’été, Fuad Hussein a dit « Oui 😀 » : environ 3 000 soldats en août 2020."

    private func json(_ outcome: DocumentOutcome, offsets: OffsetUnit = .scalar) throws -> [String: Any] {
        var bytes: [UInt8] = []
        ResultWriter(offsets: offsets, includeText: true).write(outcome, to: &bytes)
        #expect(bytes.last == 0x0A)
        #expect(bytes.dropLast().contains(0x0A) == false, "one line per document")
        return try #require(JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    @Test func scalarOffsetsIndexPythonStrings() throws {
        let object = try json(.extracted(extraction(text)))
        let scalars = Array(text.unicodeScalars)
        func check(_ span: [String: Any]) {
            let start = span["start"] as! Int, end = span["end"] as! Int
            var slice = String.UnicodeScalarView()
            slice.append(contentsOf: scalars[start..<end])
            #expect(String(slice) == span["text"] as? String)
        }
        let entity = (object["entities"] as! [[String: Any]])[0]
        check((entity["mentions"] as! [[String: Any]])[0])
        let quantity = (object["quantities"] as! [[String: Any]])[0]
        check(quantity)
        #expect(quantity["value"] as? Int == 3000)
        #expect(quantity["of"] as? String == "soldats")
        #expect(quantity["unit"] is NSNull)
        check((object["dates"] as! [[String: Any]])[0])
        let relation = (object["relations"] as! [[String: Any]])[0]
        #expect(relation["speaker"] as? String == "e1")
        #expect(relation["direct"] as? Bool == true)
        check(relation["quote"] as! [String: Any])
        #expect(object["id"] as? String == "doc \"1\"")
        #expect(object["text"] as? String == text)
        #expect(object["length"] as? Int == scalars.count)
    }

    @Test func utf16AndUTF8Offsets() throws {
        let utf16 = try json(.extracted(extraction(text)), offsets: .utf16)
        let quote = (utf16["relations"] as! [[String: Any]])[0]["quote"] as! [String: Any]
        let nsText = text as NSString
        let range = NSRange(location: quote["start"] as! Int, length: (quote["end"] as! Int) - (quote["start"] as! Int))
        #expect(nsText.substring(with: range) == "« Oui 😀 »")
        let utf8 = try json(.extracted(extraction(text)), offsets: .utf8)
        let quote8 = (utf8["relations"] as! [[String: Any]])[0]["quote"] as! [String: Any]
        let bytes = Array(text.utf8)[(quote8["start"] as! Int)..<(quote8["end"] as! Int)]
        #expect(String(decoding: bytes, as: UTF8.self) == "« Oui 😀 »")
    }

    @Test func errorRecordNamesTheInputAndReason() throws {
        let failure = DocumentFailure(id: "a.html", source: DocumentSource(path: "a.html"), kind: "binary",
                                      message: "the input is PNG image, not text")
        let object = try json(.failed(failure))
        #expect(object["id"] as? String == "a.html")
        #expect((object["source"] as? [String: Any])?["path"] as? String == "a.html")
        let error = try #require(object["error"] as? [String: Any])
        #expect(error["kind"] as? String == "binary")
        #expect(error["message"] as? String == "the input is PNG image, not text")
    }

    @Test func controlCharactersAreEscaped() throws {
        let object = try json(.extracted(extraction(text + "\u{01}\t\"\\\n")))
        #expect((object["text"] as? String)?.hasSuffix("\u{01}\t\"\\\n") == true)
    }

    @Test func tsvHasOneRowPerAnnotation() {
        var bytes: [UInt8] = []
        let writer = ResultWriter(format: .tsv)
        bytes += writer.header
        writer.write(.extracted(extraction(text)), to: &bytes)
        let rows = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(rows.allSatisfy { $0.count == 8 })
        #expect(rows.map { String($0[1]) } == ["layer", "document", "entity", "quantity", "date", "relation"])
        #expect(rows[3][6] == "3000")
    }

    @Test func offsetMapInterpolatesBetweenCheckpoints() {
        var map = OffsetMap()
        map.add(text: 0, source: 10)
        map.add(text: 5, source: 15)  // implied by the previous checkpoint: not stored
        map.add(text: 6, source: 30)
        #expect(map.textOffsets == [0, 6])
        #expect(map.sourceOffset(forTextOffset: 3) == 13)
        #expect(map.sourceOffset(forTextOffset: 8) == 32)
    }
}
