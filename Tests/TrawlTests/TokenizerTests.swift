// Trawl — TokenizerTests.swift
// The tokenizer's rules, case by case, and on the example article.

import Foundation
import Testing
@testable import Trawl

/// Helpers shared by the text-analysis tests.
enum TextAnalysisTesting {
    /// The tokens of `text` with their strings.
    static func tokenize(_ text: String) -> [(text: String, token: Token)] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        bytes.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) }
        return tokens.map { (String(decoding: bytes[Int($0.start)..<Int($0.end)], as: UTF8.self), $0) }
    }

    /// The package root, found from this file's path (`Tests/TrawlTests/X.swift`).
    static func packageRoot(filePath: String = #filePath) -> URL {
        URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The example article shipped with the package.
    static func exampleArticle() throws -> String {
        try String(contentsOf: packageRoot().appendingPathComponent("Examples/iraq-us-dialogue.fr.txt"), encoding: .utf8)
    }
}

private func tokenize(_ text: String) -> [(text: String, token: Token)] { TextAnalysisTesting.tokenize(text) }

private func words(_ text: String) -> [String] { tokenize(text).map(\.text) }

@Suite struct TokenizerTests {
    @Test func elisions() {
        #expect(words("l’Irak d'accord qu’il C’est jusqu’à lorsqu'on") ==
            ["l’", "Irak", "d'", "accord", "qu’", "il", "C’", "est", "jusqu’", "à", "lorsqu'", "on"])
        let tokens = tokenize("L’Irak")
        #expect(tokens[0].token.flags.contains([.elision, .capitalized, .nonASCII]))
        #expect(!tokens[1].token.flags.contains(.elision))
        #expect(tokens[1].token.flags.contains(.capitalized))
    }

    @Test func wordsThatKeepTheirApostrophe() {
        #expect(words("aujourd’hui quelqu’un presqu’île O'Brien rock'n'roll") ==
            ["aujourd’hui", "quelqu’un", "presqu’île", "O'Brien", "rock'n'roll"])
        #expect(words("presqu’à la fin") == ["presqu’", "à", "la", "fin"])
    }

    @Test func elisionBeforeSpace() {
        // Pre-tokenized corpora put a space after the apostrophe.
        let tokens = tokenize("Bien qu' il soit")
        #expect(tokens.map(\.text) == ["Bien", "qu'", "il", "soit"])
        #expect(tokens[1].token.flags.contains(.elision))
    }

    @Test func englishClitics() {
        #expect(words("Biden’s plan, don't, can't, it's, we're, I'll") ==
            ["Biden", "’s", "plan", ",", "do", "n't", ",", "ca", "n't", ",", "it", "'s", ",", "we", "'re", ",", "I", "'ll"])
        #expect(words("the students' books") == ["the", "students", "'", "books"])
    }

    @Test func hyphenatedWords() {
        let tokens = tokenize("Al-Kazemi irako-américain vingt-et-un Jean-Pierre rendez-vous COVID-19")
        #expect(tokens.map(\.text) == ["Al-Kazemi", "irako-américain", "vingt-et-un", "Jean-Pierre", "rendez-vous", "COVID-19"])
        #expect(tokens.allSatisfy { $0.token.flags.contains(.hasHyphen) })
        #expect(tokens[5].token.flags.contains(.hasDigit))
    }

    @Test func invertedPronounsSplitFromTheVerb() {
        #expect(words("a-t-il déclaré") == ["a", "-t-il", "déclaré"])
        #expect(words("dit-elle, Faut-il, Est-ce que, peut-on") ==
            ["dit", "-elle", ",", "Faut", "-il", ",", "Est", "-ce", "que", ",", "peut", "-on"])
        #expect(words("Kim Jong-il, an add-on") == ["Kim", "Jong-il", ",", "an", "add-on"])
    }

    @Test func numbers() {
        #expect(words("3 000 soldats, 2 500 soldats, 1 250 000 euros") ==
            ["3 000", "soldats", ",", "2 500", "soldats", ",", "1 250 000", "euros"])
        #expect(words("3\u{A0}000 et 4\u{202F}500") == ["3\u{A0}000", "et", "4\u{202F}500"])
        #expect(words("2,5 3,000.50 1.2 12,5 2020") == ["2,5", "3,000.50", "1.2", "12,5", "2020"])
        let percent = tokenize("60%")
        #expect(percent.map(\.text) == ["60", "%"])
        #expect(percent[0].token.kind == .number && percent[0].token.flags.contains(.hasDigit))
        #expect(percent[1].token.kind == .symbol)
    }

    @Test func spacedGroupsDoNotSwallowYears() {
        #expect(words("en 2014 3 000 soldats") == ["en", "2014", "3 000", "soldats"])
        #expect(words("en 2014, 300 soldats") == ["en", "2014", ",", "300", "soldats"])
        #expect(words("12 3456") == ["12", "3456"])
        #expect(words("01 23 45 67") == ["01", "23", "45", "67"])
    }

    @Test func ordinalsAndUnits() {
        #expect(words("21st 3e 1er 2ème 1re 4th XXe 1990s 5h45") ==
            ["21st", "3e", "1er", "2ème", "1re", "4th", "XXe", "1990s", "5h45"])
        #expect(tokenize("21st")[0].token.kind == .number)
        #expect(words("10km 5G") == ["10", "km", "5", "G"])
    }

    @Test func abbreviations() {
        let text = "M. Hussein, Mme Dupont, Dr. Smith, Mr. Trump, U.S. forces, a.m. etc. vs. J.-C. J. K. Rowling Prof. X"
        let tokens = tokenize(text)
        let abbreviations = tokens.filter { $0.token.flags.contains(.abbreviation) }.map(\.text)
        #expect(abbreviations == ["M.", "Dr.", "Mr.", "U.S.", "a.m.", "etc.", "vs.", "J.-C.", "J.", "K.", "Prof."])
        #expect(tokens.first { $0.text == "U.S." }!.token.flags.contains(.allCaps))
        #expect(words("No. 5 and No. Then") == ["No.", "5", "and", "No", ".", "Then"])
        // "p." takes a number, but a capital P before a name is an initial.
        #expect(words("p. 12, Marsha P. Johnson") == ["p.", "12", ",", "Marsha", "P.", "Johnson"])
        #expect(words("Il est parti.") == ["Il", "est", "parti", "."])
    }

    @Test func urlsAndEmails() {
        let tokens = tokenize("Voir https://example.com/a_(b)?x=1. (www.lemonde.fr/international), écrire à jean.dupont@example.fr.")
        #expect(tokens.map(\.text) == ["Voir", "https://example.com/a_(b)?x=1", ".", "(", "www.lemonde.fr/international", ")", ",",
                                       "écrire", "à", "jean.dupont@example.fr", "."])
        #expect(tokens[1].token.kind == .url && tokens[4].token.kind == .url && tokens[9].token.kind == .email)
        let domain = tokenize("sur Lemonde.fr et bbc.co.uk.")
        #expect(domain.map(\.text) == ["sur", "Lemonde.fr", "et", "bbc.co.uk", "."])
        #expect(domain[1].token.kind == .url)
    }

    @Test func punctuationAndQuotes() {
        let tokens = tokenize("« Oui », dit-il… “No” -- <<cité>> \"a\" 'b' ...")
        #expect(tokens.map(\.text) == ["«", "Oui", "»", ",", "dit", "-il", "…", "“", "No", "”", "--", "<<", "cité", ">>",
                                       "\"", "a", "\"", "'", "b", "'", "..."])
        let opening = tokens.filter { $0.token.flags.contains(.openingQuote) }.map(\.text)
        let closing = tokens.filter { $0.token.flags.contains(.closingQuote) }.map(\.text)
        #expect(opening == ["«", "“", "<<", "\"", "'"])
        #expect(closing == ["»", "”", ">>", "\"", "'"])
        #expect(tokenize("fin. “\nSuite")[2].token.flags.contains(.closingQuote))
        #expect(tokenize("Er sagte: „Ja“ und »nein«.").filter { $0.token.flags.contains(.openingQuote) }.map(\.text) == ["„", "»"])
    }

    @Test func typewriterQuotesCloseANestedSingleQuoteFirst() {
        let tokens = tokenize("''I would use the word 'old-school,''' said Mr. Slayton.")
        let marks = tokens.filter { $0.token.flags.contains(.openingQuote) || $0.token.flags.contains(.closingQuote) }
        #expect(marks.map(\.text) == ["''", "'", "'", "''"])
        #expect(marks.map { $0.token.flags.contains(.openingQuote) } == [true, true, false, false])
    }

    @Test func spacedStraightQuotesAlternate() {
        let tokens = tokenize("dans \" Le Faux Coupable \" ( 1956 )")
        #expect(tokens[1].token.flags.contains(.openingQuote))
        #expect(tokens[5].token.flags.contains(.closingQuote))
    }

    @Test func symbols() {
        let tokens = tokenize("5 € + 3 $ = 8° & # @ §")
        #expect(tokens.filter { $0.token.kind == .symbol }.map(\.text) == ["€", "+", "$", "=", "°", "&", "#", "@", "§"])
        #expect(words("AT&T R&D") == ["AT&T", "R&D"])
    }

    @Test func flags() {
        let tokens = tokenize("EI NATO ONU Paris paris A État")
        #expect(tokens[0].token.flags.contains([.allCaps, .capitalized, .spaceBefore]))
        #expect(tokens[1].token.flags.contains(.allCaps) && tokens[2].token.flags.contains(.allCaps))
        #expect(tokens[3].token.flags.contains(.capitalized) && !tokens[3].token.flags.contains(.allCaps))
        #expect(tokens[4].token.flags.isDisjoint(with: [.capitalized, .allCaps, .nonASCII]))
        #expect(!tokens[5].token.flags.contains(.allCaps))
        #expect(tokens[6].token.flags.contains([.capitalized, .nonASCII]))
        #expect(!tokenize("a,b")[1].token.flags.contains(.spaceBefore))
    }

    @Test func gluedWordsSplitAtACapitalizedTail() {
        #expect(words("IrakLe Monde, aussiQui, se renforceAccuser") ==
            ["Irak", "Le", "Monde", ",", "aussi", "Qui", ",", "se", "renforce", "Accuser"])
        #expect(words("McDonald iPhone eBay MacArthur YouTube PlayStation LinkedIn DeSantis") ==
            ["McDonald", "iPhone", "eBay", "MacArthur", "YouTube", "PlayStation", "LinkedIn", "DeSantis"])
    }

    @Test func otherScripts() {
        #expect(words("Ελλάδα Москва العراق 北京市 Straße") == ["Ελλάδα", "Москва", "العراق", "北", "京", "市", "Straße"])
        #expect(tokenize("Москва")[0].token.flags.contains(.capitalized))
    }

    @Test func exampleArticle() throws {
        let text = try TextAnalysisTesting.exampleArticle()
        let tokens = tokenize(text)
        let strings = tokens.map(\.text)
        #expect(strings.starts(with: ["L’", "Irak", "a", "convenu"]))
        #expect(strings.contains("Al-Kazemi"))
        #expect(strings.contains("3 000") && strings.contains("2 500"))
        #expect(strings.contains("<<"))
        let url = try #require(tokens.first { $0.token.kind == .url })
        #expect(url.text.hasPrefix("https://platform.twitter.com/embed/Tweet.html?dnt=false"))
        #expect(url.text.hasSuffix("width=550px"))
        #expect(tokens.filter { $0.token.kind == .url }.count == 1)
        let percent = try #require(strings.firstIndex(of: "60"))
        #expect(strings[percent + 1] == "%")
        #expect(strings.contains("Irak") && strings.contains("Le") && !strings.contains("IrakLe"))
        #expect(!strings.contains("aussiQui"))
        // Tokens are in order, non-empty and never overlap.
        for (a, b) in zip(tokens, tokens.dropFirst()) { #expect(a.token.end <= b.token.start) }
        #expect(tokens.allSatisfy { $0.token.start < $0.token.end })
    }

    /// Prints the tokenizer's throughput on the example article repeated to about 1 MB; run with
    /// `swift test -c release --filter TokenizerTests/throughput` for a meaningful figure.
    @Test func throughput() throws {
        let article = try TextAnalysisTesting.exampleArticle()
        let bytes = Array(String(repeating: article + "\n", count: 1_000_000 / article.utf8.count + 1).utf8)
        var tokens: [Token] = []
        tokens.reserveCapacity(bytes.count / 4)
        let clock = ContinuousClock()
        var best = Duration.seconds(1_000)
        for _ in 0..<5 {
            tokens.removeAll(keepingCapacity: true)
            let elapsed = clock.measure { bytes.withUnsafeBufferPointer { Tokenizer.tokenize($0, into: &tokens) } }
            best = min(best, elapsed)
        }
        let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
        print(String(format: "tokenizer: %.1f MB/s (%d bytes, %d tokens, best of 5)",
                     Double(bytes.count) / seconds / 1e6, bytes.count, tokens.count))
        #expect(tokens.count > bytes.count / 10)
    }

    /// Plain words (a letter and lower-case letters, ASCII or Latin-1) take a fast path: its
    /// flags and ends are those of the general scan, and a word it cannot end alone goes on
    /// through the general rules.
    @Test func plainWordsAndWhatEndsThem() {
        let tokens = tokenize("Été «\u{A0}dit\u{A0}» élan,Zoé;x Ça (hier) mot\u{A0}: États")
        #expect(tokens.map(\.text) == ["Été", "«", "dit", "»", "élan", ",", "Zoé", ";", "x", "Ça", "(", "hier", ")", "mot", ":", "États"])
        let flags = Dictionary(tokens.map { ($0.text, $0.token.flags) }, uniquingKeysWith: { first, _ in first })
        #expect(flags["Été"] == [.spaceBefore, .capitalized, .nonASCII])
        #expect(flags["dit"] == [.spaceBefore])  // after a no-break space
        #expect(flags["élan"] == [.spaceBefore, .nonASCII])
        #expect(flags["Zoé"] == [.capitalized, .nonASCII])
        #expect(flags["x"] == [])
        #expect(flags["hier"] == [])
        #expect(flags["mot"] == [.spaceBefore])
        // Inner capitals, digits, hyphens, apostrophes, periods, ×, `&`, `@` and `_` are the general scan's.
        #expect(words("IrakLe abc1 porte-parole aujourd’hui etc. a×b AT&T ab@cd.fr snake_case") ==
            ["Irak", "Le", "abc1", "porte-parole", "aujourd’hui", "etc.", "a", "×", "b", "AT&T", "ab@cd.fr", "snake", "_", "case"])
        #expect(tokenize("PARIS")[0].token.flags.contains(.allCaps))
    }

    @Test func wordTables() {
        #expect(TokenTables.abbreviations.contains("Mme") && !TokenTables.abbreviations.contains("mme"))
        #expect(TokenTables.elisions.contains("QU", .fold) && TokenTables.elisions.contains("Jusqu", .fold))
        #expect(FunctionWords.table.contains("L’", .fold) && FunctionWords.table.contains("ÉTÉ", .fold))
        #expect(!FunctionWords.table.contains("Paris", .fold))
    }

    /// A short ASCII word looked up as one folded word finds what the byte-wise lookup finds,
    /// wherever the word lies in the text (its load may reach before or after it).
    @Test func wordTableWordLookups() {
        let words = ["de", "LA", "Les", "the", "und", "dell'", "QU'", "Paris", "x", "aujourd", "DOCUMENTS", "que"]
        for word in words {
            for (before, after) in [("", ""), ("", " et puis"), ("un ", ""), ("quelques mots ", " et d'autres")] {
                let text = Array((before + word + after).utf8)
                let range = before.utf8.count..<(before.utf8.count + word.utf8.count)
                text.withUnsafeBufferPointer { buffer in
                    let expected = FunctionWords.table.value(buffer, range, .fold)
                    if let folded = ByteStringTable.foldedASCIIWord(buffer, range) {
                        #expect(FunctionWords.table.value(ofFoldedWord: folded, count: range.count) == expected, "\(word)")
                    } else {
                        #expect(range.count > 8 || buffer.count < 8, "\(word) in \(before)…\(after)")
                    }
                }
            }
        }
    }

    @Test func emptyAndWhitespace() {
        #expect(tokenize("").isEmpty)
        #expect(tokenize(" \n\t\u{A0}").isEmpty)
    }
}
