// TrawlLexiconFormat — LexiconDuplicates.swift
// Phrases that repeat or are hidden by an earlier line: they have no effect, so they are reported.

extension LexiconFormat {
    /// Every problem of a file, errors and warnings, in line order, and the entries of its
    /// well-formed lines: what `swift package check-lexicons` and the build report.
    public static func check(bytes: UnsafeBufferPointer<UInt8>, file: String)
        -> (entries: [LexiconEntry], diagnostics: [LexiconDiagnostic])
    {
        var diagnostics: [LexiconDiagnostic] = []
        let entries = parse(bytes: bytes, file: file, defaultLabel: defaultLabel(forPath: file)) { diagnostics.append($0) }
        diagnostics += duplicates(in: entries, file: file)
        diagnostics.sort { $0.line < $1.line }
        return (entries, diagnostics)
    }

    /// Warnings for entries that an earlier entry of the same file makes useless.
    ///
    /// When several entries match the same tokens the first wins, so a later one is useless when an
    /// earlier one is case-insensitive and folds to the same phrase, or when both are
    /// case-sensitive and spell it the same way. The message says whether the labels differ
    /// (the later label is then never used). Runs of blanks inside phrases count as one space.
    public static func duplicates(in entries: [LexiconEntry], file: String) -> [LexiconDiagnostic] {
        var seen: [[UInt8]: [Int]] = [:]
        var warnings: [LexiconDiagnostic] = []
        var folded: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            let phrase = collapsed(entry.phrase)
            phrase.withUnsafeBufferPointer { fold($0, into: &folded) }
            let earlier = seen[folded, default: []].first { previous in
                !entries[previous].caseSensitive
                    || entry.caseSensitive && collapsed(entries[previous].phrase) == phrase
            }
            if let earlier {
                let first = entries[earlier]
                let message = first.label == entry.label
                    ? "'\(entry.phrase)' repeats line \(first.line)"
                    : "'\(entry.phrase)' (label \(entry.label)) is hidden by line \(first.line) (label \(first.label)): the first line wins"
                warnings.append(LexiconDiagnostic(.warning, file: file, line: entry.line, message: message))
            }
            seen[folded, default: []].append(index)
        }
        return warnings
    }

    /// The phrase's bytes with each run of blanks replaced by one space.
    private static func collapsed(_ phrase: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var inBlank = false
        for scalar in phrase.unicodeScalars {
            if isBlank(scalar.value) {
                inBlank = true
                continue
            }
            if inBlank { bytes.append(0x20) }
            inBlank = false
            UTF8.encode(scalar) { bytes.append($0) }
        }
        return bytes
    }
}
