// Trawl — FixtureTests.swift
// Real pages in several charsets and languages: main text found, nothing leaked, offsets exact.

import Foundation
import Testing
import Trawl
import TrawlHTML

/// A fixture page and what it must give.
struct FixturePage: CustomTestStringConvertible, Sendable {
    var name: String
    var charset: String
    var language: String?
    var title: String

    var testDescription: String { name }
}

@Suite struct FixtureTests {
    static let pages = [
        FixturePage(name: "trafilatura-kyffhaeuser-nachrichten.de-Regen", charset: "windows-1252", language: "de",
                    title: "So viel Regen gab es lange nicht"),
        FixturePage(name: "trafilatura-auto-presse.de-minisuv", charset: "windows-1252", language: "de",
                    title: "Mini-SUV"),
        FixturePage(name: "trafilatura-Unijne-fundusze-coraz-blizej.-Sejm-zagosowa-_za_---Polityka---rp.pl",
                    charset: "windows-1250", language: "pl", title: "Unijne fundusze coraz bliżej. Sejm zagłosował \"za\""),
        FixturePage(name: "trafilatura-archive.org.he.xinhuanet.com.25340717", charset: "gbk", language: nil,
                    title: "话剧《约定无期限》河北各市巡演结束"),
        FixturePage(name: "trafilatura-nhk.or.jp.k100", charset: "utf-8", language: nil,
                    title: "子どもへの体罰を禁止する法律ができる"),
        FixturePage(name: "trafilatura-maescot.de.schafskunde", charset: "utf-8", language: "de-DE", title: "Kleine Schafskunde"),
        FixturePage(name: "aeb-thespacereview.com-c00962aa", charset: "utf-8", language: nil, title: "The Space Review"),
        FixturePage(name: "readability-lemonde-1", charset: "utf-8", language: "fr", title: "renseignement"),
    ]

    @Test(arguments: pages)
    func page(_ page: FixturePage) throws {
        let url = TestData.fixtures.appendingPathComponent(page.name + ".html")
        let raw = try TestData.raw(url)
        let document = try HTMLReader(content: .all).read(raw)
        let text = collapsingWhitespace(document.text)

        #expect(document.charset == page.charset)
        #expect(document.declaredLanguage == page.language)
        #expect(document.title?.contains(page.title) == true, "title: \(document.title ?? "nil")")
        for expected in try mustContain(page.name) {
            #expect(text.contains(collapsingWhitespace(expected)), "missing: \(expected)")
        }
        for leak in ["function(", "function (", "var ", "\u{FFFD}\u{FFFD}", "Ã©", "Ã¨", "Ã¼", "Ã¶", "â€™", "Å‚"] {
            #expect(!document.text.contains(leak), "leaked: \(leak)")
        }
        #expect(document.blocks.allSatisfy { $0.span.end <= document.text.utf8.count })

        let check = OffsetCheck(document, source: raw.bytes)
        #expect(check.mismatches.isEmpty, "\(check)")
        #expect(check.exact * 10 >= check.characters * 9, "\(check)")
    }

    @Test func concurrentReadsMatchSequentialOnes() async throws {
        let raws = try Self.pages.map { try TestData.raw(TestData.fixtures.appendingPathComponent($0.name + ".html")) }
        let sequential = try raws.map { try HTMLReader(content: .all).read($0).text }
        let concurrent = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for _ in 0..<4 {
                for (index, raw) in raws.enumerated() {
                    group.addTask { (index, try HTMLReader(content: .all).read(raw).text) }
                }
            }
            var texts: [Int: Set<String>] = [:]
            for try await (index, text) in group { texts[index, default: []].insert(text) }
            return texts
        }
        for (index, text) in sequential.enumerated() {
            #expect(concurrent[index] == [text], "\(Self.pages[index].name)")
        }
    }

    /// The gold text's first paragraph (its first 200 characters) or the page's "with" snippets.
    private func mustContain(_ name: String) throws -> [String] {
        let gold = TestData.fixtures.appendingPathComponent(name + ".gold.txt")
        if let text = try? String(contentsOf: gold, encoding: .utf8) {
            let first = text.split(separator: "\n", omittingEmptySubsequences: true).first.map(String.init) ?? ""
            return [String(first.prefix(200))]
        }
        let snippets = TestData.fixtures.appendingPathComponent(name + ".snippets.json")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: snippets)) as? [String: Any]
        return json?["with"] as? [String] ?? []
    }
}
