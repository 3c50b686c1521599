// Trawl — EntityExtractorTests.swift
// The `entities` extractor: lexicons, news rules, clustering, and the example article.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

/// The analysis of `text` in `language`, from the real analyzer.
func analysis(_ text: String, language: Language) -> Analysis {
    let analyzed = TextAnalyzer().analyze(text: text)
    return Analysis(bytes: analyzed.bytes, tokens: analyzed.tokens, sentences: analyzed.sentences, language: language)
}

/// A document prepared for the rules, with spans given as `(text, label)` at their first
/// occurrence (token-aligned), in text order. No model: the tokens carry no vocabulary marks.
func entityDocument(_ text: String, language: Language = .french, spans: [(String, String)]) -> EntityDocument {
    let labels = EntityLabels(["PER", "ORG", "LOC", "MISC"])
    var document = EntityDocument(analysis: analysis(text, language: language),
                                  words: NERWordCache(vocabulary: NERVocabulary(), lexicon: .bundled(for: language)),
                                  labels: labels, language: language)
    let bytes = Array(text.utf8)
    var searchFrom = 0
    for (phrase, label) in spans {
        let needle = Array(phrase.utf8)
        var at = searchFrom
        while at + needle.count <= bytes.count, Array(bytes[at..<(at + needle.count)]) != needle { at += 1 }
        let start = document.units.firstIndex { $0.start == at }!
        let end = document.units.firstIndex { $0.end == at + needle.count }! + 1
        document.spans.append(NERSpan(start: start, end: end, label: labels.names.firstIndex(of: label)!))
        searchFrom = at + needle.count
    }
    return document
}

/// The spans of a document as `text/LABEL`.
func spanTexts(_ document: EntityDocument, _ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return document.spans.map {
        String(decoding: bytes[document.units[$0.start].start..<document.units[$0.end - 1].end], as: UTF8.self)
            + "/" + document.labels.names[$0.label]
    }
}

@Suite struct EntityLexiconTests {
    @Test func matchesMultiWordEntriesAcrossElisions() {
        let text = "Le secrétaire d’État et le Premier ministre sont au Conseil d’État ."
        let bytes = Array(text.utf8)
        let document = entityDocument(text, spans: [])
        let titleStarts = document.units.indices.filter { document.match(at: $0, .title) != nil }
        let titles = titleStarts.map { start -> String in
            let end = document.match(at: start, .title)!
            return (start..<end).map { index in
                let unit = document.units[index]
                return String(decoding: bytes[unit.start..<unit.end], as: UTF8.self)
            }.joined(separator: " ")
        }
        #expect(titles == ["secrétaire d’ État", "Premier ministre"])
        let conseil = document.units.indices.first { document.has($0, .organization) }
        #expect(conseil != nil)
    }

    @Test func caseRules() {
        // Titles ignore case; organisation acronyms do not ("UN" is not "un").
        let french = entityDocument("PRÉSIDENT un ONU", spans: [])
        #expect(french.has(0, .title))
        #expect(!french.has(1, .organization))
        #expect(french.has(2, .organization))
        let english = entityDocument("The UN said", language: .english, spans: [])
        #expect(english.has(1, .organization))
    }
}

@Suite struct EntityRuleTests {
    @Test func titlesAndHonorificsLeavePersonSpans() {
        let text = "Selon M. Fuad Hussein et le Premier ministre Jean Castex , le président Biden a parlé ."
        var document = entityDocument(text, spans: [("M. Fuad Hussein", "PER"), ("Premier", "PER"),
                                                    ("Jean Castex", "PER"), ("président Biden", "PER")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Fuad Hussein/PER", "Jean Castex/PER", "Biden/PER"])
    }

    @Test func elisionsAndLinksNeverInMentions() {
        let text = "C’ est l’ Irak , voir https://example.com/Irak pour l’ ONU ."
        var document = entityDocument(text, spans: [("C’", "LOC"), ("l’ Irak", "LOC"),
                                                    ("https://example.com/Irak", "ORG"), ("l’ ONU", "ORG")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Irak/LOC", "ONU/ORG"])
    }

    @Test func glueElisionsLeftByTheTokenizerAreSplit() {
        let document = entityDocument("Déclarations d’Al-Kazemi", spans: [])
        #expect(document.units.count == 3)
        #expect(document.infos[1].has(NERTokenInfo.isElision))
    }

    @Test func stateAndPortfoliosAreNotPlaces() {
        let text = "Le secrétaire d’État américain et le ministre de la Santé , puis le ministre irakien des Affaires étrangères ."
        var document = entityDocument(text, spans: [("État", "LOC"), ("Santé", "LOC"), ("Affaires étrangères", "ORG")])
        document.applyRules()
        #expect(spanTexts(document, text).isEmpty)
    }

    @Test func organisationLexiconAndCues() {
        let text = "L’ EI et Daech , selon Le Monde , inquiètent le Conseil de sécurité nationale que préside Al-Kazemi ."
        var document = entityDocument(text, spans: [("Le", "PER"), ("Conseil", "LOC"), ("Al-Kazemi", "PER")])
        document.applyRules()
        #expect(spanTexts(document, text)
            == ["EI/ORG", "Daech/ORG", "Le Monde/ORG", "Conseil de sécurité nationale/ORG", "Al-Kazemi/PER"])
    }

    @Test func institutionsWithAPlaceAreOrganisations() {
        let text = "Le parquet de Paris et la cour d’appel de Rennes ont saisi le ministère de la Santé ."
        var document = entityDocument(text, spans: [("Paris", "LOC"), ("Rennes", "LOC"), ("Santé", "LOC")])
        document.applyRules()
        #expect(spanTexts(document, text)
            == ["parquet de Paris/ORG", "cour d’appel de Rennes/ORG", "ministère de la Santé/ORG"])
    }

    @Test func englishCues() {
        let text = "The Ministry of Defence and the Labour Party met the Secretary of State ."
        var document = entityDocument(text, language: .english, spans: [("Labour Party", "MISC"), ("State", "LOC")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Ministry of Defence/ORG", "Labour Party/ORG"])
    }

    @Test func firstNamesAndKnownPersons() {
        let text = "Hier , Anthony Blinken a rencontré Biden ."
        var document = entityDocument(text, spans: [("Biden", "LOC")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Anthony Blinken/PER", "Biden/PER"])
    }

    @Test func personSpansSplitAtLowercaseWordsAndTitles() {
        let text = "President Joe Biden met German Chancellor Olaf Scholz and Ursula von der Leyen ."
        var document = entityDocument(text, language: .english,
                                      spans: [("President Joe Biden met German Chancellor Olaf Scholz", "PER"),
                                              ("Ursula von der Leyen", "PER")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Joe Biden/PER", "Olaf Scholz/PER", "Ursula von der Leyen/PER"])
    }

    @Test func organisationsAfterContractedArticles() {
        let text = "Il a déclaré au Monde puis aux Échos ."
        var document = entityDocument(text, spans: [("Monde", "LOC")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Monde/ORG", "Échos/ORG"])
    }

    @Test func honorificsAndOrganisationNouns() {
        let text = "M. Dupont a parlé à l’agence Anadolu et à l’ONG Greenpeace ."
        var document = entityDocument(text, spans: [("Dupont", "MISC"), ("ONG Greenpeace", "ORG")])
        document.applyRules()
        #expect(spanTexts(document, text) == ["Dupont/PER", "Anadolu/ORG", "Greenpeace/ORG"])
    }

    @Test func organisationsDoNotStartInsideTitles() {
        let text = "Le procureur de la République de Nanterre a fait appel ."
        var document = entityDocument(text, spans: [("République de Nanterre", "ORG")])
        document.applyRules()
        #expect(!spanTexts(document, text).contains { $0.contains("République") })
    }

    @Test func lowercaseSpansAreDropped() {
        let text = "Une réputation populaire ."
        var document = entityDocument(text, spans: [("populaire", "LOC")])
        document.applyRules()
        #expect(document.spans.isEmpty)
    }
}

@Suite struct EntityClusteringTests {
    @Test func labelsAreConsistentAndMissedOccurrencesFound() {
        let text = "Bagdad a parlé . Bagdad reste calme . Puis Bagdad ."
        var document = entityDocument(text, spans: [("Bagdad", "LOC"), ("Bagdad", "PER")])
        document.harmonize()
        #expect(spanTexts(document, text) == ["Bagdad/LOC", "Bagdad/LOC", "Bagdad/LOC"])
    }

    @Test func surnamesJoinFullNames() {
        let text = "Al-Kazemi a dit que Mustafa Al-Kazemi et Fuad Hussein , puis Hussein , et Etats-Unis et États-Unis ."
        var document = entityDocument(text, spans: [("Al-Kazemi", "ORG"), ("Mustafa Al-Kazemi", "PER"),
                                                    ("Fuad Hussein", "PER"), ("Hussein", "LOC"),
                                                    ("Etats-Unis", "LOC"), ("États-Unis", "LOC")])
        document.harmonize()
        var annotations = Annotations()
        document.cluster(into: &annotations, analysis: analysis(text, language: .french), extractor: "entities")
        let entities = annotations.entities.map { "\($0.id) \($0.label) \($0.name) \($0.mentions)" }
        #expect(entities == ["e1 PER Mustafa Al-Kazemi [0, 1]", "e2 PER Fuad Hussein [2, 3]",
                             "e3 LOC États-Unis [4, 5]"])
        #expect(annotations.mentions.map(\.label) == ["PER", "PER", "PER", "PER", "LOC", "LOC"])
    }
}

extension EntityClusteringTests {
    @Test func nameChainsEndInOneEntity() {
        let text = "Joe Biden parle . Robert Joe Biden répond . Biden conclut ."
        let document = entityDocument(text, spans: [("Joe Biden", "PER"), ("Robert Joe Biden", "PER"), ("Biden", "PER")])
        var annotations = Annotations()
        document.cluster(into: &annotations, analysis: analysis(text, language: .french), extractor: "entities")
        #expect(annotations.entities.map { "\($0.name) \($0.mentions)" } == ["Robert Joe Biden [0, 1, 2]"])
    }
}

@Suite struct EntityExtractorTests {
    @Test func descriptor() throws {
        let descriptor = EntityExtractor.descriptor
        #expect(descriptor.name == "entities")
        #expect(descriptor.produces == [.mentions, .entities])
        #expect(descriptor.languages == [.french, .english, .undetermined])
        let extractor = try descriptor.make(ExtractorOptions(["include-misc": ["true"]]))
        #expect((extractor as? EntityExtractor)?.includeMisc == true)
    }

    /// The example article, end to end with the real analyzer.
    @Test func exampleArticle() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Examples/iraq-us-dialogue.fr.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let document = Document(id: "example", source: DocumentSource(), format: .text, text: text)
        let analysis = TextAnalyzer().analyze(document)
        var annotations = Annotations()
        try EntityExtractor().extract(document, analysis: analysis, into: &annotations)

        func entity(_ name: String) -> Entity? { annotations.entities.first { $0.name == name } }
        func count(_ phrase: String) -> Int { text.components(separatedBy: phrase).count - 1 }
        for name in ["Fuad Hussein", "Anthony Blinken", "Mustafa Al-Kazemi", "Biden"] {
            let person = try #require(entity(name), "\(name) is missing")
            #expect(person.label == "PER")
        }
        #expect(entity("Fuad Hussein")?.mentions.count == count("Hussein"))
        #expect(entity("Mustafa Al-Kazemi")?.mentions.count == count("Al-Kazemi"))
        #expect(annotations.entities.filter { $0.name.hasSuffix("Kazemi") || $0.name.hasSuffix("Hussein") }.count == 2)
        for name in ["EI", "Daech", "Le Monde", "Conseil de sécurité nationale"] {
            #expect(entity(name)?.label == "ORG", "\(name) should be ORG")
        }
        for name in ["Irak", "États-Unis", "Washington", "Bagdad"] {
            #expect(entity(name)?.label == "LOC", "\(name) should be LOC")
        }
        #expect(entity("Irak")?.mentions.count == count("Irak"))
        for mention in annotations.mentions {
            let mentionText = analysis.string(mention.span)
            #expect(!mentionText.contains("’") && !mentionText.contains("'"), "elision in \(mentionText)")
            #expect(!mentionText.contains("http") && !mentionText.contains("twitter"), "URL in \(mentionText)")
            #expect(!mentionText.contains("IrakLe"), "glued mention \(mentionText)")
            #expect(mention.label != "MISC")
        }
    }

    @Test func otherLanguagesProduceNothing() throws {
        let text = "Angela Merkel besuchte Berlin."
        let document = Document(id: "de", source: DocumentSource(), format: .text, text: text)
        var annotations = Annotations()
        try EntityExtractor().extract(document, analysis: analysis(text, language: .german), into: &annotations)
        #expect(annotations.mentions.isEmpty)
    }

    @Test func english() throws {
        let text = "Secretary of State Antony Blinken met Prime Minister Boris Johnson in London on Monday, the State Department said. Blinken later flew to Brussels for a NATO meeting."
        let document = Document(id: "en", source: DocumentSource(), format: .text, text: text)
        let english = analysis(text, language: .english)
        var annotations = Annotations()
        try EntityExtractor().extract(document, analysis: english, into: &annotations)
        let entities = annotations.entities.map { "\($0.label) \($0.name) \($0.mentions.count)" }
        #expect(entities.contains("PER Antony Blinken 2"))
        #expect(entities.contains("PER Boris Johnson 1"))
        #expect(entities.contains("LOC London 1"))
        #expect(entities.contains("ORG State Department 1"))
        #expect(entities.contains("ORG NATO 1"))
    }
}
