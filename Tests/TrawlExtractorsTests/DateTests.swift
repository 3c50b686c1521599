// Trawl — DateTests.swift
// Unit cases for the date extractor: absolute, numeric, relative, times and ranges.

import Testing
import Trawl
@testable import TrawlExtractors

/// The dates of `text` in `language`, resolved against `reference`.
func dates(_ text: String, _ language: Language, reference: String? = nil) throws -> [(text: String, date: DateMention)] {
    let document = Document(id: "t", source: DocumentSource(), format: .text, text: text, date: reference)
    let analysis = Analysis(bytes: Array(text.utf8), tokens: [], sentences: [], language: language)
    var annotations = Annotations()
    try DateExtractor().extract(document, analysis: analysis, into: &annotations)
    return annotations.dates.map { (analysis.string($0.span), $0) }
}

@Test(arguments: [
    ("le 7 avril 2021", "fr", "7 avril 2021", "2021-04-07", "day"),
    ("le 7/4/2021", "fr", "7/4/2021", "2021-04-07", "day"),
    ("on 7/4/2021", "en", "7/4/2021", "2021-07-04", "day"),
    ("on April 7, 2021", "en", "April 7, 2021", "2021-04-07", "day"),
    ("en août 2020", "fr", "août 2020", "2020-08", "month"),
    ("depuis 2014", "fr", "2014", "2014", "year"),
    ("in 2014", "en", "2014", "2014", "year"),
    ("à 10h30", "fr", "10h30", "T10:30", "time"),
    ("at 10:30 a.m.", "en", "10:30 a.m.", "T10:30", "time"),
    ("le 7 avril 2021 à 10h30", "fr", "7 avril 2021 à 10h30", "2021-04-07T10:30", "time"),
])
func absoluteDates(text: String, lang: String, span: String, value: String, granularity: String) throws {
    let found = try dates(text, Language(rawValue: lang))
    try #require(found.count == 1, "\(text): \(found.map(\.text))")
    #expect(found[0].text == span)
    #expect(found[0].date.value == value)
    #expect(found[0].date.granularity == granularity)
}

@Test func relativeDates() throws {
    let reference = "2021-04-07T12:00:00Z"
    #expect(try dates("hier", .french, reference: reference).first?.date.value == "2021-04-06")
    #expect(try dates("yesterday", .english, reference: reference).first?.date.value == "2021-04-06")
    #expect(try dates("en juin dernier", .french, reference: reference).first?.date.value == "2020-06")
    #expect(try dates("last June", .english, reference: reference).first?.date.value == "2020-06")
    #expect(try dates("la semaine prochaine", .french, reference: reference).first?.date.value == "2021-W15")
    #expect(try dates("il y a 3 jours", .french, reference: reference).first?.date.value == "2021-04-04")
    let unresolved = try #require(try dates("juin dernier", .french).first?.date)
    #expect(unresolved.value == nil && unresolved.relative == "last month=6")
    #expect(try dates("hier", .french).first?.date.relative == "-1 day")
}

@Test func ranges() throws {
    #expect(try dates("de 10h à 12h", .french).first?.date.value == "T10:00/T12:00")
    #expect(try dates("in 2013-14", .english).first?.date.value == "2013/2014")
    #expect(try dates("du 7 au 9 avril 2021", .french).first?.date.value == "2021-04-07/2021-04-09")
}

@Test func durationsAndRecurrences() throws {
    let cases: [(String, String, String, String)] = [
        ("I'll leave for 3h", "en", "3h", "PT3H"),
        ("I'll leave for 3.5years", "en", "3.5years", "P3.5Y"),
        ("for 1 hour and 30 minutes", "en", "1 hour and 30 minutes", "PT1H30M"),
        ("for a few minutes", "en", "few minutes", "PT3M"),
        ("pendant six mois", "fr", "six mois", "P6M"),
        ("I'll leave weekly", "en", "weekly", "P1W"),
        ("every three weeks", "en", "every three weeks", "P3W"),
        ("every Monday", "en", "every Monday", "XXXX-WXX-1"),
        ("once a year", "en", "once a year", "P1Y"),
        ("tous les jours", "fr", "tous les jours", "P1D"),
        ("by the end of the 1960s", "en", "1960s", "1960/1969"),
        ("over by 2.17pm", "en", "2.17pm", "T14:17"),
    ]
    for (text, lang, span, value) in cases {
        let found = try dates(text, Language(rawValue: lang))
        #expect(found.map(\.text) == [span], "\(text)")
        #expect(found.first?.date.value == value, "\(text)")
    }
    // a duration is still a quantity
    #expect(try quantities("pendant six mois", .french).map(\.text) == ["six mois"])
}
