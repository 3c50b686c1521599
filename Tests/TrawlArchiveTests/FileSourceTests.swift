// Trawl — FileSourceTests.swift
// Walking files and directories; unreadable inputs become failures, never silent drops.

import Foundation
import Testing
import Trawl
@testable import TrawlArchive

@Suite struct FileSourceTests {
    private func makeTree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-source-\(UUID())")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        try "<p>b</p>".write(to: root.appendingPathComponent("b.html"), atomically: true, encoding: .utf8)
        try "a".write(to: root.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        try "skip".write(to: root.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        try "<p>c</p>".write(to: root.appendingPathComponent("sub/deeper/c.htm"), atomically: true, encoding: .utf8)
        try manager.createSymbolicLink(atPath: root.appendingPathComponent("sub/broken.html").path,
                                       withDestinationPath: "/nonexistent/target.html")
        return root
    }

    private func describe(_ items: FileSource, root: URL) -> [String] {
        items.map { item in
            switch item {
            case .document(let raw): "doc \(raw.id.replacingOccurrences(of: root.path + "/", with: "")) \(raw.format)"
            case .failure(let failure): "fail \(failure.id.replacingOccurrences(of: root.path + "/", with: "")) \(failure.kind)"
            case .skipped(let reason): "skip \(reason)"
            }
        }
    }

    @Test func walksDirectoriesInOrderAndReportsBrokenFiles() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(describe(FileSource(inputs: [root.path]), root: root) == [
            "doc a.txt text", "doc b.html html", "fail sub/broken.html not_found", "doc sub/deeper/c.htm html",
        ])
    }

    @Test func includePatternsAndExplicitFiles() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = FileSource(inputs: [root.path, root.appendingPathComponent("notes.md").path, "/nonexistent.html"],
                                include: ["*.md"])
        #expect(describe(source, root: root) == ["doc notes.md text", "doc notes.md text", "fail /nonexistent.html not_found"])
    }

    @Test func oversizedFilesBecomeFailures() throws {
        let root = try makeTree()
        defer { try? FileManager.default.removeItem(at: root) }
        let source = FileSource(inputs: [root.appendingPathComponent("b.html").path], maxBytes: 4)
        #expect(describe(source, root: root) == ["fail b.html too_large"])
    }

    @Test func formatBySniffingWhenNoExtension() {
        #expect(FileSource.format(forPath: nil, bytes: Array("  \n<!doctype html>".utf8)) == .html)
        #expect(FileSource.format(forPath: "x.bin", bytes: Array("plain".utf8)) == .text)
        #expect(FileSource.format(forPath: "X.HTML", bytes: []) == .html)
    }
}
