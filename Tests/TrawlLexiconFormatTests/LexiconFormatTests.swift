// Trawl — LexiconFormatTests.swift
// The lexicon file format: parsing, errors with their lines, duplicates, and the generated Swift.

import Testing
import TrawlLexiconFormat

@Suite struct LexiconFormatTests {
    private func parse(_ text: String, defaultLabel: String = "X") throws(LexiconDiagnostic) -> [String] {
        try LexiconFormat.parse(text, file: "t.lexicon", defaultLabel: defaultLabel).map {
            "\($0.line) \($0.phrase)/\($0.label)\($0.caseSensitive ? "" : "/i")"
        }
    }

    private func problems(_ text: String) -> [String] {
        Array(text.utf8).withUnsafeBufferPointer { LexiconFormat.check(bytes: $0, file: "t.lexicon").diagnostics }
            .map(\.description)
    }

    @Test func directivesLabelsAndCaseApplyToTheLinesAfterThem() throws {
        let text = "\u{FEFF}# header\r\nParis\r\n@label ORG\n  Conseil  de sécurité \n\n@case insensitive\nétats-unis\tLOC\n   # indented comment\n@case sensitive\nEI"
        #expect(try parse(text) == ["2 Paris/X", "4 Conseil  de sécurité/ORG", "7 états-unis/LOC/i", "10 EI/ORG"])
    }

    @Test func blanksAroundPhrasesAreTheTokenizersWhiteSpace() throws {
        #expect(try parse("\u{A0}Irak\u{200B}\t ORG \u{3000}\n") == ["1 Irak/ORG"])
        #expect(LexiconFormat.isBlank(0x202F) && LexiconFormat.isBlank(0x09) && !LexiconFormat.isBlank(0x2019))
    }

    @Test func errorsNameTheLineAndSayWhatIsWrong() {
        let cases: [(String, String)] = [
            ("# x\nParis\n@case maybe\n", "t.lexicon:3: error: @case takes 'sensitive' or 'insensitive', not 'maybe'"),
            ("@label\n", "t.lexicon:1: error: @label needs one word, e.g. '@label ORG'"),
            ("@label two words\n", "t.lexicon:1: error: @label needs one word, e.g. '@label ORG'"),
            ("ok\n@lable ORG\n", "t.lexicon:2: error: unknown directive '@lable' (known: @label, @case)"),
            ("Paris\t \n", "t.lexicon:1: error: empty label after the tab"),
            ("\tLOC\n", "t.lexicon:1: error: empty phrase before the tab"),
            ("a\nb\u{1}c\n", "t.lexicon:2: error: control character U+0001; use a space or a tab"),
            ("a\nb\u{1B}\n", "t.lexicon:2: error: control character U+001B; use a space or a tab"),
        ]
        for (text, message) in cases {
            #expect(problems(text) == [message], "\(text.debugDescription)")
            #expect(throws: LexiconDiagnostic.self) { try parse(text) }
        }
    }

    @Test func invalidUTF8IsAnErrorEvenInAComment() {
        for bytes: [UInt8] in [[0x23, 0x20, 0xC3, 0x28], [0x61, 0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0x61, 0xC3]] {
            let diagnostics = ([0x6F, 0x6B, 0x0A] + bytes).withUnsafeBufferPointer {
                LexiconFormat.check(bytes: $0, file: "t.lexicon").diagnostics
            }
            #expect(diagnostics.map(\.description) == ["t.lexicon:2: error: invalid UTF-8"], "\(bytes)")
        }
    }

    @Test func aParseReportsEveryBadLineAndKeepsTheGoodOnes() {
        var diagnostics: [LexiconDiagnostic] = []
        let entries = LexiconFormat.parse("@case maybe\nParis\n@nope\nLyon\n", file: "f", defaultLabel: "LOC") {
            diagnostics.append($0)
        }
        #expect(entries.map(\.phrase) == ["Paris", "Lyon"])
        #expect(diagnostics.map(\.line) == [1, 3])
        #expect(diagnostics.allSatisfy { $0.severity == .error })
    }

    @Test func repeatedAndHiddenPhrasesAreWarnings() {
        let text = """
            Paris
            Lyon
            Paris
            @label ORG
            Lyon
            @case insensitive
            onu
            ONU
            @case sensitive
            Onu
            Nice  Côte
            Nice Côte
            """
        #expect(problems(text) == [
            "t.lexicon:3: warning: 'Paris' repeats line 1",
            "t.lexicon:5: warning: 'Lyon' (label ORG) is hidden by line 2 (label t): the first line wins",
            "t.lexicon:8: warning: 'ONU' repeats line 7",
            "t.lexicon:10: warning: 'Onu' repeats line 7",
            "t.lexicon:12: warning: 'Nice Côte' repeats line 11",
        ])
        // A case-sensitive phrase does not hide a case-insensitive one, nor another spelling.
        #expect(problems("ONU\nOnu\n@case insensitive\nonu\n").isEmpty)
    }

    @Test func defaultLabelIsTheFileNameWithoutItsLastExtension() {
        #expect(LexiconFormat.defaultLabel(forPath: "Lexicons/quotes/cues.fr.lexicon") == "cues.fr")
        #expect(LexiconFormat.defaultLabel(forPath: "/a.b/PER.lexicon") == "PER")
        #expect(LexiconFormat.defaultLabel(forPath: ".hidden") == ".hidden")
        #expect(LexiconFormat.defaultLabel(forPath: "plain") == "plain")
    }

    @Test func foldLowersASCIIAndLatin1AndStraightensApostrophes() {
        var folded: [UInt8] = []
        Array("ÉTATS-UNIS d’Irak ×Ÿ".utf8).withUnsafeBufferPointer { LexiconFormat.fold($0, into: &folded) }
        #expect(String(decoding: folded, as: UTF8.self) == "états-unis d'irak ×Ÿ")
    }
}

@Suite struct LexiconSwiftSourceTests {
    private func file(_ path: String, _ text: String) -> LexiconSourceFile {
        LexiconSourceFile(relativePath: path, text: text,
                          entries: (try? LexiconFormat.parse(text, file: path, defaultLabel: "d")) ?? [])
    }

    @Test func accessorNamesAreCamelCasedPaths() {
        let cases: [(String, String?)] = [
            ("Lexicons/quotes/cues.fr.lexicon", "quotesCuesFr"),
            ("Lexicons/entities/first-names.lexicon", "entitiesFirstNames"),
            ("people.lexicon", "people"),
            ("PER.lexicon", "per"),
            ("Data/URLList.lexicon", "dataURLList"),
            ("URLList.lexicon", "urlList"),
            ("Lexicons/2024 élections.lexicon", "_2024Élections"),
            ("Lexicons/--.lexicon", nil),
        ]
        for (path, name) in cases { #expect(LexiconSwiftSource.accessorName(forRelativePath: path) == name, "\(path)") }
    }

    @Test func generatedSourceHasAnAccessorAndARawLiteralPerFile() throws {
        let source = try LexiconSwiftSource.generate(
            [file("Lexicons/people.lexicon", "@label PER\nFuad Hussein\n"), file("default.lexicon", "x\n")],
            imports: ["TrawlExtractors"])
        #expect(source.contains("import TrawlExtractors\n"))
        #expect(source.contains("    /// `Lexicons/people.lexicon`: 1 phrase; label `PER`.\n"
                                + "    static let people = Lexicon(compiled: LexiconSources.people)\n"))
        #expect(source.contains("    static let `default` = Lexicon(compiled: LexiconSources.default)\n"))
        #expect(source.contains("""
                    file: "Lexicons/people.lexicon",
                    defaultLabel: "people",
                    text: #\"\"\"
            @label PER
            Fuad Hussein
            \"\"\"#)
            """))
        #expect(!source.contains("["), "no collection literal")
    }

    @Test func theRawLiteralOutlastsAnyHashRunInTheText() throws {
        let text = "# \"\"\"# and \\#(x) and ###\r\nok\r\n"
        let source = try LexiconSwiftSource.generate([file("odd.lexicon", text)], imports: [])
        #expect(source.contains("text: ####\"\"\"\n# \"\"\"# and \\#(x) and ###\nok\n\"\"\"####)"))
    }

    @Test func twoFilesWithTheSameNameAreAnError() {
        #expect(throws: LexiconDiagnostic(.error, file: "a/b.lexicon", line: 0,
                                          message: "'a-b.lexicon' has the same Swift name, Lexicons.aB; rename one of them")) {
            try LexiconSwiftSource.generate([file("a-b.lexicon", ""), file("a/b.lexicon", "")], imports: [])
        }
    }
}
