// CustomExtractor — ArticleTests.swift
// The Swift code of the DocC article "Writing an extractor" is this package's code, which
// compiles: every block, cut at its "…" lines, appears line for line in the package's sources.

import Foundation
import Testing

@Suite struct ArticleTests {
    private static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    private static let article = package
        .appendingPathComponent("../../Sources/Trawl/Trawl.docc/WritingAnExtractor.md").standardizedFileURL

    /// Lines without their indentation, empty lines dropped.
    private static func lines(_ text: some StringProtocol) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The trimmed lines of every `.swift` file of the package, one array per file.
    private static func sources() throws -> [[String]] {
        let enumerator = try #require(FileManager.default.enumerator(atPath: package.path))
        return try enumerator.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix(".build") }
            .map { lines(try String(contentsOf: package.appendingPathComponent($0), encoding: .utf8)) }
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: article.path), "the article is not beside the package"))
    func everySwiftBlockOfTheArticleIsInThePackage() throws {
        let text = try String(contentsOf: ArticleTests.article, encoding: .utf8)
        let blocks = text.components(separatedBy: "```swift\n").dropFirst()
            .map { $0.components(separatedBy: "\n```")[0] }
        #expect(blocks.count >= 6)
        let files = try ArticleTests.sources()
        for block in blocks {
            let pieces = block.components(separatedBy: "\n").split { $0.contains("…") }
            for piece in pieces.map({ ArticleTests.lines($0.joined(separator: "\n")) }) where !piece.isEmpty {
                let found = files.contains { file in
                    file.count >= piece.count
                        && (0...(file.count - piece.count)).contains { Array(file[$0..<($0 + piece.count)]) == piece }
                }
                #expect(found, "not in the package's sources:\n\(piece.joined(separator: "\n"))")
            }
        }
    }
}
