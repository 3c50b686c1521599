// Trawl — QuoteTests.swift
// The `quotes` extractor: the example article, each construction, unbalanced marks, English.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

/// One `said` relation, with its arguments as text.
struct SaidRelation: Equatable, CustomStringConvertible {
    var speaker: String
    var cue: String
    var quote: String
    var direct: Bool
    var description: String { "\(speaker) | \(cue) | \(quote) | \(direct)" }
}

/// Runs `entities` and `quotes` (and `roles`) on `text`; speakers read as entity names or span texts.
func quoteRelations(_ text: String, type: String = "said") throws -> (relations: [Relation], annotations: Annotations, analysis: Analysis) {
    let (document, analysis, entities) = try withEntities(text)
    var annotations = entities
    try QuoteExtractor().extract(document, analysis: analysis, into: &annotations)
    try RoleExtractor().extract(document, analysis: analysis, into: &annotations)
    return (annotations.relations.filter { $0.type == type }, annotations, analysis)
}

/// The text of a relation argument: an entity's canonical name, a span's text, a flag.
func argumentText(_ value: RelationArgument?, _ annotations: Annotations, _ analysis: Analysis) -> String {
    switch value {
    case .entity(let id)?: annotations.entities.first { $0.id == id }?.name ?? id
    case .span(let span)?: analysis.string(span)
    case .text(let text)?: text
    case .flag(let flag)?: String(flag)
    case nil: "-"
    }
}

/// The `said` relations of `text` as ``SaidRelation`` values.
func said(_ text: String) throws -> [SaidRelation] {
    let (relations, annotations, analysis) = try quoteRelations(text)
    return relations.map { relation in
        SaidRelation(speaker: argumentText(relation["speaker"], annotations, analysis),
                     cue: argumentText(relation["cue"], annotations, analysis),
                     quote: argumentText(relation["quote"], annotations, analysis),
                     direct: relation["direct"] == .flag(true))
    }
}

@Suite struct QuoteExampleTests {
    static let examplePath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Examples/iraq-us-dialogue.fr.txt").standardized.path

    @Test func exampleArticleHasAllAttributionsWithTheirSpeakers() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let found = try said(text)
        let expected: [(speaker: String, cue: String, quoteStart: String, quoteEnd: String, direct: Bool)] = [
            ("Les deux pays", "ont affirmé", "la mission des États-Unis", "leur réputation populaire", true),
            ("Fuad Hussein", "a déclaré", "l’Irak cherche à renforcer", "«Et l’éducation».", true),
            ("Fuad Hussein", "a souligné", "renforcer le partenariat irako-américain", "entre les deux pays", true),
            ("Fuad Hussein", "expliquant", "les forces irakiennes ont besoin", "de ses installations.", true),
            ("Anthony Blinken", "a affirmé", "l’Irak a connu une ouverture", "arabe, islamique et internationale", false),
            ("Anthony Blinken", "a ajouté", "Notre rencontre est une affirmation", "l’Irak et les Etats-Unis", true),
            ("Anthony Blinken", "indiquant", "le gouvernement irakien va jeter", "les bases de la démocratie", true),
            ("Anthony Blinken", "a précisé", "le gouvernement irakien s’est consacré", "son approche gouvernementale.", true),
            ("Mustafa Al-Kazemi", "a déclaré", "le dialogue stratégique entre l’Irak", "la coopération en matière de sécurité", false),
            ("Mustafa Al-Kazemi", "a ajouté", "lors de la session de dialogue", "sera discutée", false),
            ("Mustafa Al-Kazemi", "a souligné", "le grand développement des capacités", "de la vie de ce gouvernement", false),
            ("Mustafa Al-Kazemi", "a déclaré", "cette affaire permettait à l’Irak", "leur coopération et leur solidarité", false),
        ]
        #expect(found.count == expected.count, "\(found)")
        for (relation, expectation) in zip(found, expected) {
            #expect(relation.speaker == expectation.speaker, "\(relation)")
            #expect(relation.cue == expectation.cue, "\(relation)")
            #expect(relation.quote.hasPrefix(expectation.quoteStart), "\(relation)")
            #expect(relation.quote.hasSuffix(expectation.quoteEnd), "\(relation)")
            #expect(relation.direct == expectation.direct, "\(relation)")
        }
    }

    @Test func speakersAreEntityIdsAndSpans() throws {
        let text = try String(contentsOfFile: Self.examplePath, encoding: .utf8)
        let (relations, annotations, _) = try quoteRelations(text)
        #expect(relations.first?.arguments.map(\.name) == ["speaker", "cue", "quote", "direct"])
        guard case .span = relations.first?["speaker"] else {
            Issue.record("'Les deux pays' should be a span speaker"); return
        }
        let hussein = annotations.entities.first { $0.name == "Fuad Hussein" }?.id
        #expect(relations[1]["speaker"] == hussein.map(RelationArgument.entity))
        #expect(relations.allSatisfy { $0.extractor == "quotes" })
    }
}

@Suite struct QuoteConstructionTests {
    @Test func frenchCueAfterWithInvertedPronoun() throws {
        let found = try said("Emmanuel Macron est arrivé à Berlin. « Nous devons avancer ensemble sur ce dossier », a-t-il déclaré.")
        #expect(found == [SaidRelation(speaker: "Emmanuel Macron", cue: "a-t-il déclaré",
                                       quote: "Nous devons avancer ensemble sur ce dossier", direct: true)])
    }

    @Test func frenchColonAfterANonSpeechPredicate() throws {
        let found = try said("Concernant le lait, Francisca Joly-Gomez est plus nuancée : « à la naissance, nous avons un maximum d’enzymes pour le digérer. »")
        #expect(found == [SaidRelation(speaker: "Francisca Joly-Gomez", cue: ":",
                                       quote: "à la naissance, nous avons un maximum d’enzymes pour le digérer.", direct: true)])
        // No person in the colon's sentence: a title or a slogan, not a quotation.
        #expect(try said("Le livre porte un titre simple : « Les jours heureux ».").isEmpty)
    }

    @Test func frenchInvertedNamedSubject() throws {
        let found = try said("« Les discussions avancent bien », a affirmé Antony Blinken.")
        #expect(found.map(\.speaker) == ["Antony Blinken"])
        #expect(found.map(\.cue) == ["a affirmé"])
    }

    @Test func frenchSelonAndDApres() throws {
        let found = try said("Selon le porte-parole du gouvernement, la réforme sera votée en juin. Le chômage a baissé de 2 %, d’après l’Insee.")
        #expect(found.map(\.speaker) == ["le porte-parole du gouvernement", "Insee"] || found.map(\.speaker) == ["le porte-parole du gouvernement", "l’Insee"],
                "\(found)")
        #expect(found.first?.quote == "la réforme sera votée en juin")
        #expect(found.last?.quote == "Le chômage a baissé de 2 %")
        #expect(found.allSatisfy { !$0.direct })
    }

    @Test func frenchSpeakerPhraseNamingSomeoneElseOrEndingAtAPreposition() throws {
        let found = try said("« Il est très bon en manœuvres », selon un proche d’Édouard Philippe. « Cela relativise tout », a ajouté un ténor de la droite sur France Inter.")
        #expect(found.map(\.speaker) == ["un proche d’Édouard Philippe", "un ténor de la droite"], "\(found)")
    }

    @Test func frenchParticipleTakesTheClauseSubject() throws {
        let found = try said("Angela Merkel a salué l’accord, estimant que l’Europe sortait renforcée de la crise.")
        #expect(found == [SaidRelation(speaker: "Angela Merkel", cue: "estimant",
                                       quote: "l’Europe sortait renforcée de la crise", direct: false)])
    }

    @Test func frenchPronounTakesTheLastSpeaker() throws {
        let found = try said("Olaf Scholz a déclaré que le budget serait tenu. Il a ajouté que les impôts ne monteraient pas.")
        #expect(found.map(\.speaker) == ["Olaf Scholz", "Olaf Scholz"])
        #expect(found.last?.cue == "a ajouté")
    }

    @Test func pronounSkipsARecentPersonOfTheOtherGender() throws {
        // "Il" after a woman who spoke last goes back to the man; "Elle" to the woman.
        let text = "Olaf Scholz a déclaré que le budget serait tenu. Angela Merkel a estimé que la rigueur restait nécessaire. "
            + "Il a ajouté que les impôts ne monteraient pas. Elle a précisé que la dette baisserait."
        let found = try said(text)
        #expect(found.map(\.speaker) == ["Olaf Scholz", "Angela Merkel", "Olaf Scholz", "Angela Merkel"])
        #expect(PersonGender.ofPronoun("-t-elle") == .female && PersonGender.ofPronoun("He") == .male)
    }

    @Test func titleWithoutNameStaysASpan() throws {
        let found = try said("Le porte-parole de la présidence a indiqué que la visite était reportée.")
        #expect(found.map(\.speaker) == ["Le porte-parole de la présidence"])
    }

    @Test func asciiGuillemetsAndContinuationParagraph() throws {
        let text = "Joe Biden a déclaré : << Nous serons là pour nos alliés. >>\n\n<< Et nous tiendrons parole sur tous les engagements. >>\n"
        let found = try said(text)
        #expect(found.count == 2, "\(found)")
        #expect(found.map(\.speaker) == ["Joe Biden", "Joe Biden"])
        #expect(found.map(\.quote) == ["Nous serons là pour nos alliés.", "Et nous tiendrons parole sur tous les engagements."])
    }

    @Test func quoteSpanningParagraphsWithoutClosingMark() throws {
        let text = "Joe Biden a déclaré : « Nous serons là pour nos alliés.\n\n« Et nous tiendrons parole sur tous les engagements », a-t-il ajouté.\n"
        let found = try said(text)
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.speaker == "Joe Biden")
        #expect(found.first?.quote.hasPrefix("Nous serons là") == true, "\(found)")
        #expect(found.first?.quote.hasSuffix("tous les engagements") == true, "\(found)")
    }

    @Test func unbalancedMarksNeverSwallowTheDocument() throws {
        var text = "Joe Biden a déclaré : « Nous serons là pour nos alliés, et ce paragraphe ne se ferme jamais.\n\n"
        for _ in 0..<50 { text += "Un autre paragraphe sans citation ni guillemet, qui parle de tout autre chose.\n\n" }
        text += "Olaf Scholz a affirmé que tout allait bien.\n"
        let found = try said(text)
        #expect(found.first?.quote == "Nous serons là pour nos alliés, et ce paragraphe ne se ferme jamais.")
        #expect(found.last?.speaker == "Olaf Scholz")
        #expect(found.count == 2, "\(found)")
        // Stray marks of every family, nested or unpaired: no crash, no relation without a cue.
        for stray in ["« »", "»«", "“", "”", "\"", "<<", ">>", "„ “ ”", "‹ « › »", "‘’ ’‘", "« “ » ”"] {
            let found = try said("Texte \(stray) puis un autre \(stray)\n\n« \(stray)")
            #expect(found.isEmpty, "\(stray): \(found)")
        }
    }

    @Test func nestedMarksAreContent() throws {
        let found = try said("« Il m’a dit “jamais” et il est parti », a raconté Joe Biden.")
        #expect(found.map(\.quote) == ["Il m’a dit “jamais” et il est parti"])
        #expect(found.map(\.speaker) == ["Joe Biden"])
    }

    @Test func scareQuotesWithoutCueAreNotQuotations() throws {
        #expect(try said("Le film « Les Misérables » a été projeté à Cannes devant un public « conquis ».").isEmpty)
    }
}

@Suite struct QuoteEnglishTests {
    @Test func quoteThenSpeakerThenCue() throws {
        let found = try said("Joe Biden spoke in Delaware. “We will rebuild the middle class,” he said.")
        #expect(found == [SaidRelation(speaker: "Joe Biden", cue: "said", quote: "We will rebuild the middle class,", direct: true)])
    }

    @Test func invertedSubjectAfterCue() throws {
        let found = try said("“The talks were productive,” said Mr. Smith, a spokesman for the company.")
        #expect(found.count == 1)
        #expect(found.first?.speaker.hasSuffix("Smith") == true, "\(found)")
    }

    @Test func saidThatAndBareClause() throws {
        let found = try said("Angela Merkel said that the deal was fair. Boris Johnson said the talks would continue.")
        #expect(found.map(\.speaker) == ["Angela Merkel", "Boris Johnson"])
        #expect(found.map(\.quote) == ["the deal was fair", "the talks would continue"])
    }

    @Test func accordingToToldReportersAndAdding() throws {
        let found = try said("The economy grew by 3 percent, according to the Commerce Department. Joe Biden told reporters that he was pleased, adding that more work remained.")
        #expect(found.map(\.cue) == ["according to", "told", "adding"], "\(found)")
        #expect(found.map(\.speaker) == ["Commerce Department", "Joe Biden", "Joe Biden"])
    }

    @Test func invertedSubjectWithQuantifier() throws {
        let found = try said("“This is crucial for both of them,” said one former leadership aide.")
        #expect(found == [SaidRelation(speaker: "one former leadership aide", cue: "said", quote: "This is crucial for both of them,", direct: true)])
    }

    @Test func mixedStraightAndCurlyMarksPair() throws {
        let found = try said("It was late. \"I don’t think it’s getting the attention,” Grassley said.")
        #expect(found == [SaidRelation(speaker: "Grassley", cue: "said", quote: "I don’t think it’s getting the attention,", direct: true)])
    }

    @Test func pluralPossessiveInAnAppositionIsNotAMark() throws {
        let found = try said("“We are on pace,” Jeff Weaver, Sanders’ campaign manager, said in a statement.")
        #expect(found.map(\.speaker) == ["Jeff Weaver"])
    }

    @Test func quotationContinuedByTheWriterBeforeAPostposedCue() throws {
        let found = try said("The union met. “We’re extremely happy” about the decision, said RoseAnn DeMoro, its director.")
        #expect(found == [SaidRelation(speaker: "RoseAnn DeMoro", cue: "said", quote: "“We’re extremely happy” about the decision", direct: true)])
    }

    @Test func postposedCue() throws {
        let found = try said("The plan will cost billions over a decade, a spokesman said.")
        #expect(found == [SaidRelation(speaker: "a spokesman", cue: "said", quote: "The plan will cost billions over a decade", direct: false)])
    }

    @Test func passiveAndNounFormsAreNotCues() throws {
        #expect(try said("He was told to leave. The said document was lost in the United States.").isEmpty)
        // A cue form right after a preposition is a noun; "to" + verb is an infinitive.
        #expect(try said("Officials were silent for fear the talks would fail.").isEmpty)
    }

    @Test func reportedSpeechWithAQuotedFragmentIsNotDirect() throws {
        let found = try said("Joe Biden spoke on Monday. He said the plan was “a disaster for the country.”")
        #expect(found == [SaidRelation(speaker: "Joe Biden", cue: "said", quote: "the plan was “a disaster for the country.”", direct: false)])
        let attributions = try quoteAttributions("Joe Biden spoke on Monday. He said the plan was “a disaster for the country.”")
        #expect(attributions.map(\.quoted) == [true], "PolNeAR's has_quote_marks is kept apart from `direct`")
        let (relations, _, _) = try quoteRelations("He said the plan was “a disaster.” “We will win,” she said.")
        #expect(relations.map { $0["quoted"] } == [.flag(true), nil], "only reported speech read from marks says `quoted`")
    }

    @Test func toldWithAnObjectThenABareClause() throws {
        let found = try said("Hawk Sawyer told lawmakers no evidence supports anything other than suicide.")
        #expect(found == [SaidRelation(speaker: "Hawk Sawyer", cue: "told", quote: "no evidence supports anything other than suicide", direct: false)])
        #expect(try said("The Nasdaq Composite added 20.72 points to 8,570.66.").isEmpty)
    }

    @Test func aParticipleAfterAQuotedFragmentOpensItsOwnQuotation() throws {
        let found = try said("Noem later tweeted that the epidemic “needs to be a dinner table conversation,” adding “we need everyone on it.”")
        #expect(found.map(\.cue) == ["tweeted", "adding"], "\(found)")
        #expect(found.last == SaidRelation(speaker: "Noem", cue: "adding", quote: "we need everyone on it.", direct: true))
    }

    @Test func subjectsBeforeRelativeClausesAgesAndToldObjects() throws {
        let found = try said("The senator, who chairs the committee, said she would hold hearings. Smith, 45, said he had lived there for decades. Karine Jean-Pierre told reporters the president was \"deeply concerned.\" The minister insisted that the talks would continue, adding that \"progress has been made.\"")
        #expect(found.map(\.speaker) == ["The senator", "Smith", "Karine Jean-Pierre", "The minister", "The minister"], "\(found)")
        #expect(found.map(\.quote) == ["she would hold hearings", "he had lived there for decades",
                                        "the president was \"deeply concerned.\"", "the talks would continue",
                                        "progress has been made."], "\(found)")
        #expect(found.map(\.direct) == [false, false, false, false, true])
    }

    @Test func nounPhraseObjectsAreNotReportedSpeech() throws {
        #expect(try said("The company flatly denied the allegations in a statement.").isEmpty)
        let found = try said("The company denied it was involved. Joe Biden said they want peace.")
        #expect(found.map(\.quote) == ["it was involved", "they want peace"], "\(found)")
    }

    @Test func subjectBeforeARelativeOrPartyApposition() throws {
        let found = try said("Montell Figgins, who represents Michael Thomas, said his client would fight. Sen. Ted Cruz, R-Texas, said the system had failed. Sen. Ben Sasse, R-Neb., said the plan failed.")
        #expect(found.map(\.speaker) == ["Montell Figgins", "Ted Cruz", "Ben Sasse"], "\(found)")
    }
}

/// The internal attributions of `text` (after `entities`), with the fields the relations omit.
func quoteAttributions(_ text: String) throws -> [Attribution] {
    let (_, analysis, annotations) = try withEntities(text)
    return QuoteExtractor().attributions(analysis, annotations)
}

/// `text` analysed, as a document, with the `entities` extractor's annotations.
func withEntities(_ text: String) throws -> (Document, Analysis, Annotations) {
    let analysis = TextAnalyzer().analyze(text: text)
    let document = Document(id: "test", source: DocumentSource(), format: .text, text: text)
    var annotations = Annotations()
    try EntityExtractor().extract(document, analysis: analysis, into: &annotations)
    return (document, analysis, annotations)
}

@Suite struct QuoteFrenchConstructionTests {
    @Test func requestVerbsReportAnInfinitiveClause() throws {
        let found = try said("Le canton de Berne a demandé à la Confédération d'interdire ce produit. La CGT appelle à la grève.")
        #expect(found == [SaidRelation(speaker: "canton de Berne", cue: "a demandé", quote: "à la Confédération d'interdire ce produit", direct: false)], "\(found)")
    }

    @Test func commeIncise() throws {
        let found = try said("Or, comme le montre Florence Audier, les chercheurs publient peu en français.")
        #expect(found == [SaidRelation(speaker: "Florence Audier", cue: "montre", quote: "les chercheurs publient peu en français", direct: false)], "\(found)")
    }

    @Test func invertedSubjectAfterAnAdjunct() throws {
        let found = try said("« C'est inacceptable », a réagi sur Twitter la maire de Paris.")
        #expect(found == [SaidRelation(speaker: "la maire de Paris", cue: "a réagi", quote: "C'est inacceptable", direct: true)], "\(found)")
    }

    @Test func cueThenColonReportsTwice() throws {
        let found = try said("Le gluten serait néfaste pour le ventre, selon le naturopathe Olivier Panisset : « ces protéines abîment l'intestin. »")
        #expect(found.map(\.direct) == [false, true], "\(found)")
        #expect(found.first?.quote == "Le gluten serait néfaste pour le ventre")
        #expect(found.allSatisfy { $0.speaker == "Olivier Panisset" })
    }

    @Test func fragmentsBeforeAPostposedSourceAreReportedSpeech() throws {
        let found = try said("Un avion devait ramener des Français, « les plus éprouvés » par la catastrophe, selon le ministère des Affaires étrangères.")
        #expect(found.count == 1)
        #expect(found.first?.direct == false)
        #expect(found.first?.quote.hasPrefix("Un avion devait ramener") == true, "\(found)")
    }

    @Test func aNounPhraseInMarksAfterDenouncingIsNoStatement() throws {
        let found = try said("De son côté, l'opposition dénonce « un passage en force ». « C'est un scandale », dénonce la CGT.")
        #expect(found == [SaidRelation(speaker: "CGT", cue: "dénonce", quote: "C'est un scandale", direct: true)], "\(found)")
    }

    @Test func narrativeInfinitiveTakesThePreviousSpeaker() throws {
        let found = try said("« Nous partons », a déclaré Jean Dupont. Et de conclure : « Rien ne nous arrêtera. »")
        #expect(found.map(\.speaker) == ["Jean Dupont", "Jean Dupont"], "\(found)")
        #expect(found.last?.cue == "Et de conclure")
    }

    @Test func reflexiveAndThatVerbsAfterAQuotation() throws {
        let found = try said("« C'est une victoire », s'est réjoui le chef de l'opposition. « On nous ment », accuse une habitante. « C'est historique », s'enthousiasme un diplomate.")
        #expect(found.map(\.speaker) == ["le chef de l'opposition", "une habitante", "un diplomate"], "\(found)")
        #expect(found.allSatisfy { $0.direct })
    }

    @Test func sourceWithANameInApposition() throws {
        let found = try said("Pour le ministre de l'Économie, Bruno Le Maire, « la croissance sera au rendez-vous ».")
        #expect(found == [SaidRelation(speaker: "Bruno Le Maire", cue: "Pour", quote: "la croissance sera au rendez-vous", direct: true)], "\(found)")
    }

    @Test func aQuotedQualifierIsNoQuotation() throws {
        let found = try said("Le président américain a jugé « inacceptable » la décision de Moscou. À en croire le ministre, la réforme passera.")
        #expect(found == [SaidRelation(speaker: "le ministre", cue: "À en croire", quote: "la réforme passera", direct: false)], "\(found)")
    }

    @Test func subjectBeforeAnAcronymInParentheses() throws {
        let found = try said("L'Office fédéral de l'environnement (OFEV) avait révélé à la mi-août que la substance avait été détectée.")
        #expect(found.map(\.speaker) == ["Office fédéral de l'environnement"], "\(found)")
    }

    @Test func pronounTakesAPersonJustIntroducedInAnotherRole() throws {
        let text = "Marie Dupont, professeure, a déclaré que la réforme était mauvaise.\n\nOn finit en discutant avec Pauline Martin. Elle étudie les lettres. « C’est la fin de l’université », soupire-t-elle."
        let found = try said(text)
        #expect(found.last?.speaker == "Pauline Martin", "\(found)")
    }
}
