// CustomExtractor — EmailExtractorTests.swift
// The scanner on edge cases, the extractor inside Trawl's engine on a press release, and the
// `trawl-emails` executable end to end (extract, extractors, bench).

import EmailExtractor
import Foundation
import Testing
import Trawl
import TrawlExtractors

private let pressRelease = Bundle.module.url(forResource: "press-release.en", withExtension: "txt",
                                             subdirectory: "Fixtures")!

/// Runs the built-in extractors and `emails` on `text`.
private func extract(_ text: String) throws -> Extraction {
    var registry = ExtractorRegistry.builtIn
    registry.register(EmailExtractor.descriptor)
    let engine = try Engine(extractors: registry.makeExtractors(named: ["entities", "emails"]))
    return engine.process(Document(id: "test", source: DocumentSource(), format: .text, text: text))
}

/// The `email` relations of `extraction` as "person <address> evidence".
private func owners(_ extraction: Extraction) -> [String] {
    let entities = Dictionary(uniqueKeysWithValues: extraction.annotations.entities.map { ($0.id, $0) })
    return extraction.annotations.relations.filter { $0.type == "email" }.compactMap { relation in
        guard case .entity(let person)? = relation["person"], case .span(let address)? = relation["address"],
              case .text(let evidence)? = relation["evidence"] else { return nil }
        return "\(entities[person]?.name ?? "?") <\(extraction.analysis.string(address))> \(evidence)"
    }
}

@Suite struct EmailScannerTests {
    private func scan(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        return EmailScanner.addresses(in: bytes).map { String(decoding: bytes[$0.start..<$0.end], as: UTF8.self) }
    }

    @Test func findsAddressesAndTrimsSentencePunctuation() {
        #expect(scan("Write to jane.doe+news@mail.example.org.") == ["jane.doe+news@mail.example.org"])
        #expect(scan("(a_b@x-y.co.uk), <c@d.fr>; mailto:e%f@g.io") == ["a_b@x-y.co.uk", "c@d.fr", "e%f@g.io"])
        #expect(scan("contact\u{A0}jane@x.org or «jean@y.fr»") == ["jane@x.org", "jean@y.fr"])
    }

    @Test func rejectsWhatIsNotAnAddress() {
        #expect(scan("Écrivez à hélène@exemple.fr") == [], "an accented local part is not truncated")
        #expect(scan("@handle, a@b, x@.org, y@-a.org, z@a..org, .@a.org, 3 @ 4, user@host.c, v@w.123") == [])
    }
}

@Suite struct EmailExtractorTests {
    @Test func linksThePressContactsToTheirPersons() throws {
        let extraction = try extract(String(decoding: try Data(contentsOf: pressRelease), as: UTF8.self))
        let emails = extraction.annotations.entities.filter { $0.label == "EMAIL" }.map(\.name)
        #expect(emails == ["daniel.okafor@northwind-energy.co.uk", "p.raman@northwind-energy.co.uk",
                           "tbecker@northwind-energy.co.uk", "press@northwind-energy.co.uk"])
        #expect(owners(extraction) == ["Daniel Okafor <daniel.okafor@northwind-energy.co.uk> name",
                          "Priya Raman <p.raman@northwind-energy.co.uk> name",
                          "Thomas Becker <tbecker@northwind-energy.co.uk> name"])
        for mention in extraction.annotations.mentions where mention.label == "EMAIL" {
            #expect(extraction.analysis.string(mention.span).contains("@"))
            #expect(mention.extractor == "emails")
        }
    }

    @Test func linksANearbyPersonWhenTheAddressDoesNotSpellTheName() throws {
        let text = """
            For the programme, please contact Sarah Mitchell at events2024@harbourfest.org before Friday.
            Registration questions go to info@harbourfest.org.
            """
        #expect(owners(try extract(text)) == ["Sarah Mitchell <events2024@harbourfest.org> nearby"])
    }

    @Test func aSharedMailboxIsNotLinkedToTheContactNextToIt() throws {
        // "press" and "info" are in the compiled Lexicons/shared-mailboxes.lexicon.
        let text = "For interviews, contact Laura Chen at press@harbourfest.org or Tom Reyes at info+media@harbourfest.org."
        #expect(owners(try extract(text)).isEmpty)
        #expect(EmailExtractor.isShared("press@harbourfest.org") && EmailExtractor.isShared("no-reply@x.org"))
        #expect(!EmailExtractor.isShared("laura.chen@harbourfest.org"))
        let personal = "For interviews, contact Laura Chen at lc2024@harbourfest.org."
        #expect(owners(try extract(personal)) == ["Laura Chen <lc2024@harbourfest.org> nearby"])
    }

    @Test func foldsAccentsAndReadsAPersonInParenthesesAfter() throws {
        let text = "Pour la presse, écrire à helene.dupre@mairie-lyon.fr. Le standard répond à accueil@mairie-lyon.fr (Sophie Lambert)."
        #expect(owners(try extract("Hélène Dupré, porte-parole de la mairie. " + text))
            == ["Hélène Dupré <helene.dupre@mairie-lyon.fr> name", "Sophie Lambert <accueil@mairie-lyon.fr> nearby"])
    }

    @Test func anyGivenNameOfThePersonMatches() throws {
        let text = "The festival director, Anna Maria Berg, answers at maria.berg@harbourfest.org and at mberg@harbourfest.org."
        #expect(owners(try extract(text)) == ["Anna Maria Berg <maria.berg@harbourfest.org> name",
                                              "Anna Maria Berg <mberg@harbourfest.org> name"])
    }

    @Test func aPersonInAnotherSentenceIsNotNearby() throws {
        let text = """
            "We are ready," said Margaret Holloway.

            General enquiries: info@northwind-energy.co.uk
            """
        #expect(owners(try extract(text)) == [])
    }

    @Test func theSameAddressTwiceIsOneEntityAndOneRelation() throws {
        let extraction = try extract("Write to Anna Berg at anna.berg@x.org. Anna Berg also reads anna.berg@x.org on Sundays.")
        let entities = extraction.annotations.entities.filter { $0.label == "EMAIL" }
        #expect(entities.map(\.name) == ["anna.berg@x.org"])
        #expect(entities.first?.mentions.count == 2)
        #expect(owners(extraction) == ["Anna Berg <anna.berg@x.org> name"])
    }

    @Test func runsAfterTheEntitiesItNeeds() throws {
        var registry = ExtractorRegistry.builtIn
        registry.register(EmailExtractor.descriptor)
        let engine = try Engine(extractors: registry.makeExtractors(named: ["emails", "entities"]))
        #expect(engine.extractors.map(\.name) == ["entities", "emails"])
        #expect(throws: (any Error).self) { try Engine(extractors: [EmailExtractor()]) }
    }
}

/// Runs the `trawl-emails` executable built next to the test bundle.
private func trawlEmails(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    let directory = Bundle.main.bundleURL.deletingLastPathComponent()
    let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                      Bundle.main.bundleURL, directory]
    let executable = try #require(candidates.map { $0.appendingPathComponent("trawl-emails") }
        .first { FileManager.default.isExecutableFile(atPath: $0.path) }, "trawl-emails is not next to the tests")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let errorURL = FileManager.default.temporaryDirectory.appendingPathComponent("trawl-emails-\(UUID())")
    #expect(FileManager.default.createFile(atPath: errorURL.path, contents: nil))
    defer { try? FileManager.default.removeItem(at: errorURL) }
    let errors = try FileHandle(forWritingTo: errorURL)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let stdout = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errors.close()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self),
            String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
}

@Suite struct TrawlEmailsCommandTests {
    @Test func extractWritesTheEmailEntitiesAndRelations() throws {
        let result = try trawlEmails(["extract", "--quiet", pressRelease.path])
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let entities = try #require(line["entities"] as? [[String: Any]])
        let emails = entities.filter { $0["label"] as? String == "EMAIL" }
        #expect(emails.count == 4)
        #expect(emails.allSatisfy { $0["extractor"] as? String == "emails" })
        let relations = try #require(line["relations"] as? [[String: Any]]).filter { $0["type"] as? String == "email" }
        #expect(relations.count == 3)
        let byId = Dictionary(uniqueKeysWithValues: entities.compactMap { entity in
            (entity["id"] as? String).map { ($0, entity["name"] as? String ?? "") }
        })
        let daniel = relations.first {
            ($0["address"] as? [String: Any])?["text"] as? String == "daniel.okafor@northwind-energy.co.uk"
        }
        #expect(byId[daniel?["person"] as? String ?? ""] == "Daniel Okafor")
    }

    @Test func extractorsListsTheCustomExtractorBesideTheBuiltIns() throws {
        let result = try trawlEmails(["extractors"])
        #expect(result.status == 0)
        let names = result.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first }
        #expect(names.contains("emails"))
        #expect(names.contains("entities"))
    }

    @Test func benchTimesTheCustomExtractor() throws {
        let result = try trawlEmails(["bench", "--extractors", "entities,emails", pressRelease.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("extractor: emails"))
        #expect(result.stdout.contains("1 documents × 1 repeats"))
    }

    @Test func unknownExtractorIsAUsageError() throws {
        let result = try trawlEmails(["extract", "--extractors", "phones", pressRelease.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("known: entities"))
        #expect(result.stderr.contains("emails"))
    }
}
