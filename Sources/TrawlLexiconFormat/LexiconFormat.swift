// TrawlLexiconFormat — LexiconFormat.swift
// The lexicon file format, read on UTF-8 bytes: shared by the run-time loader (`Lexicon`) and the
// build-time compiler (`trawl-lexicon-compiler`), which cannot depend on TrawlExtractors.

/// One phrase of a lexicon file, with the directives in force on its line applied.
public struct LexiconEntry: Sendable, Hashable {
    /// The phrase, without the blanks around it.
    public var phrase: String
    /// The label of its matches: the `@label` in force, the default label, or the one after a tab.
    public var label: String
    /// Whether matching respects case (`@case sensitive`, the default).
    public var caseSensitive: Bool
    /// The 1-based line of the phrase in its file.
    public var line: Int

    /// Creates an entry.
    public init(phrase: String, label: String, caseSensitive: Bool, line: Int) {
        self.phrase = phrase
        self.label = label
        self.caseSensitive = caseSensitive
        self.line = line
    }
}

/// A problem in a lexicon file, located by file and line.
public struct LexiconDiagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    /// How serious a problem is.
    public enum Severity: String, Sendable, Hashable {
        /// The file cannot be used: the build fails, a run-time load throws.
        case error
        /// The file works but something in it has no effect (a repeated or shadowed phrase).
        case warning
    }

    /// Error or warning.
    public var severity: Severity
    /// The file, as given to the parser.
    public var file: String
    /// The 1-based line, or 0 when the problem concerns the whole file.
    public var line: Int
    /// What is wrong, for a person.
    public var message: String

    /// Creates a diagnostic.
    public init(_ severity: Severity, file: String, line: Int, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, the form compilers print and editors link.
    public var description: String {
        line > 0 ? "\(file):\(line): \(severity.rawValue): \(message)" : "\(file): \(severity.rawValue): \(message)"
    }
}

/// Reads lexicon files.
///
/// ## Format
/// UTF-8, one phrase per line. Blank lines and lines starting with `#` are ignored.
/// ```
/// @label ORG          # the label of the phrases that follow (default: the file name's stem)
/// @case insensitive   # or: sensitive (the default) — for the phrases that follow
/// Conseil de sécurité nationale
/// Washington<TAB>LOC  # a tab and a label override the current label for one line
/// ```
/// Blanks around phrases and labels are dropped; a blank is what the tokenizer treats as white
/// space (``isBlank(_:)``), so every phrase the parser accepts has at least one token. Control
/// characters other than the tab are errors, and so is a byte sequence that is not UTF-8.
public enum LexiconFormat {
    /// Parses `text`, reporting each malformed line to `diagnose` (and skipping it).
    ///
    /// Only errors are reported; ``duplicates(in:file:)`` finds repeated phrases.
    /// - Parameter defaultLabel: the label before any `@label` line.
    public static func parse(_ text: String, file: String, defaultLabel: String,
                             diagnose: (LexiconDiagnostic) -> Void) -> [LexiconEntry]
    {
        var text = text
        return text.withUTF8 { parse(bytes: $0, file: file, defaultLabel: defaultLabel, diagnose: diagnose) }
    }

    /// Parses `text` and throws its first error.
    /// - Throws: ``LexiconDiagnostic`` naming `file` and the line of the first problem.
    public static func parse(_ text: String, file: String, defaultLabel: String) throws(LexiconDiagnostic)
        -> [LexiconEntry]
    {
        try throwingFirst { parse(text, file: file, defaultLabel: defaultLabel, diagnose: $0) }
    }

    /// Parses the bytes of a file and throws its first error.
    /// - Throws: ``LexiconDiagnostic`` naming `file` and the line of the first problem.
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, file: String, defaultLabel: String)
        throws(LexiconDiagnostic) -> [LexiconEntry]
    {
        try throwingFirst { parse(bytes: bytes, file: file, defaultLabel: defaultLabel, diagnose: $0) }
    }

    /// Runs a reporting parse and throws the first problem it reported.
    private static func throwingFirst(_ parse: ((LexiconDiagnostic) -> Void) -> [LexiconEntry])
        throws(LexiconDiagnostic) -> [LexiconEntry]
    {
        var first: LexiconDiagnostic?
        let entries = parse { first = first ?? $0 }
        if let first { throw first }
        return entries
    }

    /// Parses the bytes of a file, reporting each malformed line to `diagnose` (and skipping it).
    public static func parse(bytes: UnsafeBufferPointer<UInt8>, file: String, defaultLabel: String,
                             diagnose: (LexiconDiagnostic) -> Void) -> [LexiconEntry]
    {
        var parser = LineParser(bytes: bytes, file: file, label: defaultLabel)
        var entries: [LexiconEntry] = []
        var start = 0
        var lineNumber = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            let contentEnd = end > start && bytes[end - 1] == 0x0D ? end - 1 : end
            do {
                if let entry = try parser.parseLine(start..<contentEnd, number: lineNumber) { entries.append(entry) }
            } catch {
                diagnose(error)
            }
            start = end + 1
        }
        return entries
    }

    /// The label of a file's phrases before any `@label` line: its name without directory and
    /// last extension (`Lexicons/people.lexicon` → `people`, `cues.fr.lexicon` → `cues.fr`).
    public static func defaultLabel(forPath path: String) -> String {
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.utf8.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Whether the scalar is white space to the tokenizer (`Trawl.Tokenizer`): ASCII controls and
    /// space, U+0085, U+00A0, U+1680, U+2000–U+200B, U+2028, U+2029, U+202F, U+205F, U+3000, U+FEFF.
    /// Every other scalar is part of a token, which a test checks against the tokenizer.
    public static func isBlank(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0...0x20, 0x7F, 0x85, 0xA0, 0x1680, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF:
            true
        default:
            false
        }
    }

    /// Case folding of case-insensitive entries: lower-cases ASCII and Latin-1 capitals (À–Þ
    /// but ×) and maps ’ (U+2019) to '. Replaces the contents of `folded`.
    @inlinable
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into folded: inout [UInt8]) {
        folded.removeAll(keepingCapacity: true)
        fold(bytes) { folded.append($0) }
    }

    /// The same folding, fed to `emit` one byte at a time: hashing or comparing folded tokens
    /// this way builds no buffer.
    @inlinable @inline(__always)
    public static func fold(_ bytes: UnsafeBufferPointer<UInt8>, emit: (UInt8) -> Void) {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x41, byte <= 0x5A {
                emit(byte | 0x20)
            } else if byte == 0xC3, index + 1 < bytes.count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x9E,
                      bytes[index + 1] != 0x97
            {
                emit(0xC3)
                emit(bytes[index + 1] + 0x20)
                index += 1
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x99 {
                emit(UInt8(ascii: "'"))
                index += 2
            } else {
                emit(byte)
            }
            index += 1
        }
    }
}

/// The state of a parse: the directives in force, and the line being read.
private struct LineParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    var label: String
    var caseSensitive = true

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, label: String) {
        self.bytes = bytes
        self.file = file
        self.label = label
    }

    /// The entry on the line, or nil for a blank line, a comment or a directive.
    mutating func parseLine(_ line: Range<Int>, number: Int) throws(LexiconDiagnostic) -> LexiconEntry? {
        try validate(line, number)
        let content = trimmed(line)
        if content.isEmpty || bytes[content.lowerBound] == UInt8(ascii: "#") { return nil }
        if bytes[content.lowerBound] == UInt8(ascii: "@") {
            try directive(content, number)
            return nil
        }
        var entryLabel = label
        var phraseRange = content
        if let tab = line.first(where: { bytes[$0] == 0x09 }) {
            phraseRange = trimmed(line.lowerBound..<tab)
            let labelRange = trimmed(tab + 1..<line.upperBound)
            guard !labelRange.isEmpty else { throw error(number, "empty label after the tab") }
            entryLabel = string(labelRange)
        }
        guard !phraseRange.isEmpty else { throw error(number, "empty phrase before the tab") }
        return LexiconEntry(phrase: string(phraseRange), label: entryLabel, caseSensitive: caseSensitive, line: number)
    }

    /// Applies `@label NAME` or `@case sensitive|insensitive`.
    private mutating func directive(_ content: Range<Int>, _ number: Int) throws(LexiconDiagnostic) {
        var nameEnd = content.lowerBound
        while nameEnd < content.upperBound, !LexiconFormat.isBlank(scalar(at: nameEnd).value) {
            nameEnd += scalar(at: nameEnd).length
        }
        let name = string(content.lowerBound..<nameEnd)
        let valueRange = trimmed(nameEnd..<content.upperBound)
        let value = string(valueRange)
        switch name {
        case "@label":
            guard !valueRange.isEmpty, !value.unicodeScalars.contains(where: { LexiconFormat.isBlank($0.value) }) else {
                throw error(number, "@label needs one word, e.g. '@label ORG'")
            }
            label = value
        case "@case":
            switch value {
            case "sensitive": caseSensitive = true
            case "insensitive": caseSensitive = false
            default: throw error(number, "@case takes 'sensitive' or 'insensitive', not '\(value)'")
            }
        default:
            throw error(number, "unknown directive '\(name)' (known: @label, @case)")
        }
    }

    /// Checks that the line is UTF-8 without control characters other than the tab.
    private func validate(_ line: Range<Int>, _ number: Int) throws(LexiconDiagnostic) {
        var index = line.lowerBound
        while index < line.upperBound {
            let b0 = UInt32(bytes[index])
            if b0 < 0x80 {
                if b0 < 0x20 && b0 != 0x09 || b0 == 0x7F {
                    let code = String(b0, radix: 16, uppercase: true)
                    throw error(number, "control character U+\(code.count < 2 ? "000" : "00")\(code); use a space or a tab")
                }
                index += 1
                continue
            }
            let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
            guard b0 >= 0xC2, b0 < 0xF5, index + length <= line.upperBound else { throw error(number, "invalid UTF-8") }
            var value = b0 & (0x7F >> UInt32(length))
            for k in 1..<length {
                let byte = UInt32(bytes[index + k])
                guard byte & 0xC0 == 0x80 else { throw error(number, "invalid UTF-8") }
                value = value << 6 | byte & 0x3F
            }
            let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
            guard value >= minimum, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
                throw error(number, "invalid UTF-8")
            }
            index += length
        }
    }

    /// The scalar starting at `index` of a validated line, and its length in bytes.
    private func scalar(at index: Int) -> (value: UInt32, length: Int) {
        let b0 = UInt32(bytes[index])
        if b0 < 0x80 { return (b0, 1) }
        let length = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2
        var value = b0 & (0x7F >> UInt32(length))
        for k in 1..<length { value = value << 6 | UInt32(bytes[index + k]) & 0x3F }
        return (value, length)
    }

    /// `range` of a validated line without blank scalars at either end.
    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end {
            let (value, length) = scalar(at: start)
            guard LexiconFormat.isBlank(value) else { break }
            start += length
        }
        while end > start {
            var lead = end - 1
            while bytes[lead] & 0xC0 == 0x80 { lead -= 1 }
            guard LexiconFormat.isBlank(scalar(at: lead).value) else { break }
            end = lead
        }
        return start..<end
    }

    /// The bytes of a validated line as a string.
    private func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    private func error(_ number: Int, _ message: String) -> LexiconDiagnostic {
        LexiconDiagnostic(.error, file: file, line: number, message: message)
    }
}
