// Trawl — ProgressReporter.swift
// The live progress line on standard error: documents, skips, errors, MB/s, ETA.

import Foundation
import Trawl

#if canImport(Glibc)
import Glibc
#endif

/// Prints a progress line on standard error at most twice a second, overwriting itself.
///
/// Progress through the input is measured in input bytes: the inputs' sizes on disk are added up
/// before the run (directories walked), and a document counts as far as its file — or, inside an
/// archive, as far as its record's offset — so the ETA holds for archives as for directories.
final class ProgressReporter {
    private let totalBytes: Int
    private let started = Date()
    private var lastPrint = Date.distantPast
    private var completedBytes = 0
    private var currentPath: String?
    private var currentSize = 0
    private var currentOffset = 0
    private var sizes: [String: Int] = [:]

    /// Prepares a reporter for `inputs`, summing their sizes (`-` counts as unknown).
    init(inputs: [String]) {
        var total = 0
        for input in inputs where input != "-" {
            total += ProgressReporter.size(of: input)
        }
        totalBytes = total
    }

    /// The size of a file, or of the regular files below a directory.
    private static func size(of path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return 0 }
        guard info.st_mode & S_IFMT == S_IFDIR else { return Int(info.st_size) }
        var total = 0
        guard let walker = FileManager.default.enumerator(atPath: path) else { return 0 }
        while let name = walker.nextObject() as? String {
            if stat(path + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFREG { total += Int(info.st_size) }
        }
        return total
    }

    /// Records a delivered document or failure and reprints the line if due.
    func record(_ source: DocumentSource, summary: RunSummary) {
        if let path = source.path, path != currentPath {
            completedBytes += currentSize
            currentPath = path
            currentSize = sizes[path] ?? ProgressReporter.size(of: path)
            currentOffset = 0
        }
        currentOffset = source.offset ?? currentSize
        let now = Date()
        guard now.timeIntervalSince(lastPrint) >= 0.5 else { return }
        lastPrint = now
        FileHandle.standardError.write(Data(("\r\u{1B}[K" + line(summary: summary, now: now)).utf8))
    }

    /// Clears the line before the final summary.
    func finish() {
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func line(summary: RunSummary, now: Date) -> String {
        let seconds = max(now.timeIntervalSince(started), 1e-3)
        let done = min(completedBytes + currentOffset, max(totalBytes, 1))
        var text = "trawl: \(summary.extracted) done, \(summary.skipped.values.reduce(0, +)) skipped, \(summary.failed) errors"
        text += String(format: " · %.1f MB/s of input · %.0f s", Double(done) / seconds / 1e6, seconds)
        if totalBytes > 0, done > 0 {
            let remaining = seconds * Double(totalBytes - done) / Double(done)
            text += String(format: " · %.0f%% · ETA %@", Double(done) * 100 / Double(totalBytes),
                           ProgressReporter.duration(remaining))
        }
        return text
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 3600 ? "\(whole / 3600)h\(whole % 3600 / 60)m" : whole >= 60 ? "\(whole / 60)m\(whole % 60)s" : "\(whole)s"
    }
}
