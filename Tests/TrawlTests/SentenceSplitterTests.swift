// Trawl — SentenceSplitterTests.swift
// Sentence boundaries: stops, abbreviations, quotations, line and block breaks.

import Testing
@testable import Trawl

/// The sentences of `text`, as strings.
private func sentences(_ text: String) -> [String] {
    let analysis = TextAnalyzer().analyze(text: text)
    return analysis.sentences.map { analysis.string($0.span) }
}

@Suite struct SentenceSplitterTests {
    @Test func stops() {
        #expect(sentences("Il pleut. Nous restons ici! Et demain? On verra… Peut-être.") ==
            ["Il pleut.", "Nous restons ici!", "Et demain?", "On verra…", "Peut-être."])
        #expect(sentences("Vraiment ? Oui. Il a 20 ans. 100 personnes sont venues.") ==
            ["Vraiment ?", "Oui.", "Il a 20 ans.", "100 personnes sont venues."])
    }

    @Test func noSplitBeforeLowerCaseOrContinuingPunctuation() {
        #expect(sentences("Il hésite... puis part. Et toi ?, dit-il.") == ["Il hésite... puis part.", "Et toi ?, dit-il."])
        #expect(sentences("la sécurité bilatérale. coordination et coopération.").count == 1)
    }

    @Test func abbreviationsDoNotEndSentences() {
        #expect(sentences("M. Hussein a dit.") == ["M. Hussein a dit."])
        #expect(sentences("Dr. Smith met Mr. Jones. U.S. forces left. J. K. Rowling wrote.") ==
            ["Dr. Smith met Mr. Jones.", "U.S. forces left.", "J. K. Rowling wrote."])
        #expect(sentences("See No. 5 now.").count == 1)
        #expect(sentences("Marsha P. Johnson de son nom complet était là.").count == 1)
    }

    @Test func sentenceFinalAbbreviations() {
        #expect(sentences("He lived in the U.S. The next year he left.") == ["He lived in the U.S.", "The next year he left."])
        #expect(sentences("Des pommes, des poires, etc. Le reste est parti.") ==
            ["Des pommes, des poires, etc.", "Le reste est parti."])
        #expect(sentences("Apple Inc. Paris office") == ["Apple Inc. Paris office"])
        #expect(sentences("It was the plan B. The others failed.") == ["It was the plan B.", "The others failed."])
    }

    @Test func quotationsStayWhole() {
        #expect(sentences("Il a dit « Nous partons. Demain. » Puis il est parti.") ==
            ["Il a dit « Nous partons. Demain. »", "Puis il est parti."])
        #expect(sentences("« Nous partons. Demain », a-t-il déclaré. Ensuite rien.") ==
            ["« Nous partons. Demain », a-t-il déclaré.", "Ensuite rien."])
        #expect(sentences("He said “We won. We are happy.” Then he left.") ==
            ["He said “We won. We are happy.”", "Then he left."])
        #expect(sentences("Ils ont affirmé que << la mission. Elle est finie >> hier. Fin.") ==
            ["Ils ont affirmé que << la mission. Elle est finie >> hier.", "Fin."])
    }

    @Test func unbalancedQuotationsAreCappedAtTheParagraph() {
        let text = "Il a dit « Non. Jamais. Rien.\nAutre ligne. Encore une."
        #expect(sentences(text) == ["Il a dit « Non.", "Jamais.", "Rien.", "Autre ligne.", "Encore une."])
    }

    @Test func lineAndBlockBreaks() {
        #expect(sentences("Titre\nLe texte commence ici.\n\nUn autre bloc") ==
            ["Titre", "Le texte commence ici.", "Un autre bloc"])
        #expect(sentences("pour combattre l’EI\net qui ont joué un rôle.") == ["pour combattre l’EI\net qui ont joué un rôle."])
        #expect(sentences("Ils ont dit,\nEnsuite rien.").count == 1)
        #expect(sentences("Block one\n\nblock two") == ["Block one", "block two"])
    }

    @Test func gluedSentences() {
        #expect(sentences("Fin en Irak.Le lendemain, rien.") == ["Fin en Irak.", "Le lendemain, rien."])
        #expect(sentences("Version 2.0 est sortie.") == ["Version 2.0 est sortie."])
    }

    @Test func sentencesCoverEveryTokenInOrder() throws {
        let text = try TextAnalysisTesting.exampleArticle()
        let analysis = TextAnalyzer().analyze(text: text)
        var next = 0
        for sentence in analysis.sentences {
            #expect(sentence.tokens.lowerBound == next)
            #expect(!sentence.tokens.isEmpty)
            #expect(sentence.span.start == Int(analysis.tokens[sentence.tokens.lowerBound].start))
            #expect(sentence.span.end == Int(analysis.tokens[sentence.tokens.upperBound - 1].end))
            next = sentence.tokens.upperBound
        }
        #expect(next == analysis.tokens.count)
    }

    @Test func exampleArticle() throws {
        let text = try TextAnalysisTesting.exampleArticle()
        let analysis = TextAnalyzer().analyze(text: text)
        let strings = analysis.sentences.map { analysis.string($0.span) }
        #expect((15...40).contains(strings.count))
        #expect(strings[0].hasPrefix("L’Irak a convenu") && strings[0].hasSuffix("contrer l’EI."))
        #expect(strings.contains("Déclarations d’Al-Kazemi"))
        #expect(strings.contains { $0.hasPrefix("Et il y a environ 3 000 soldats") })
        // The quotation “Notre rencontre … États-Unis” stays in its sentence.
        #expect(strings.contains { $0.hasPrefix("Il a ajouté lors de son discours") && $0.contains("gouvernementale.”") })
        // A line broken inside a sentence is joined.
        #expect(strings.contains { $0.contains("combattre l’EI\net qui ont joué") })
        // The tweet URL is a token of one sentence.
        #expect(strings.contains { $0.hasPrefix("Publicité https://platform.twitter.com") })
    }

    @Test func empty() {
        #expect(sentences("").isEmpty)
        #expect(sentences("   ").isEmpty)
    }
}
