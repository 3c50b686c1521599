// Trawl — QuantityTests.swift
// Unit cases for the quantity extractor, and the example article.

import Foundation
import Testing
import Trawl
@testable import TrawlExtractors

/// Runs the quantity extractor on `text` in `language`.
func quantities(_ text: String, _ language: Language) throws -> [(text: String, quantity: Quantity)] {
    let document = Document(id: "t", source: DocumentSource(), format: .text, text: text)
    let analysis = Analysis(bytes: Array(text.utf8), tokens: [], sentences: [], language: language)
    var annotations = Annotations()
    try QuantityExtractor().extract(document, analysis: analysis, into: &annotations)
    return annotations.quantities.map { (analysis.string($0.span), $0) }
}

/// The only quantity of `text`.
func single(_ text: String, _ language: Language) throws -> (text: String, quantity: Quantity) {
    let found = try quantities(text, language)
    try #require(found.count == 1, "\(text): \(found.map(\.text))")
    return found[0]
}

@Test(arguments: [
    ("Il y a 3 000 soldats.", "3 000 soldats", 3000.0),
    ("Il y a 3\u{00A0}000 soldats.", "3\u{00A0}000 soldats", 3000.0),
    ("Il y a 3\u{202F}000 soldats.", "3\u{202F}000 soldats", 3000.0),
    ("une hausse de 2,5 points", "2,5 points", 2.5),
    ("trois mille soldats", "trois mille soldats", 3000.0),
    ("vingt-et-un pays", "vingt-et-un pays", 21.0),
    ("soixante-dix navires", "soixante-dix navires", 70.0),
    ("quatre-vingt-dix navires", "quatre-vingt-dix navires", 90.0),
])
func frenchNumbers(text: String, span: String, value: Double) throws {
    let (found, q) = try single(text, .french)
    #expect(found == span)
    #expect(q.value == value)
}

@Test(arguments: [
    ("It costs 3,000.", "3,000", 3000.0, "number"),
    ("It weighs 2.5.", "2.5", 2.5, "number"),
    ("three thousand", "three thousand", 3000.0, "number"),
    ("two and a half", "two and a half", 2.5, "number"),
    ("one hundred and sixty-one", "one hundred and sixty-one", 161.0, "number"),
    ("a third", "a third", 1.0 / 3, "fraction"),
    ("the 21st", "21st", 21.0, "ordinal"),
    ("1.2 million", "1.2 million", 1_200_000.0, "number"),
])
func englishNumbers(text: String, span: String, value: Double, kind: String) throws {
    let (found, q) = try single(text, .english)
    #expect(found == span)
    #expect(abs((q.value ?? 0) - value) < 1e-9)
    #expect(q.kind == kind)
}

@Test func frenchWordsFractionsOrdinals() throws {
    #expect(try single("un tiers du pays", .french).quantity.kind == "fraction")
    #expect(try single("deux et demi", .french).quantity.value == 2.5)
    let third = try single("le troisième cycle", .french)
    #expect(third.text == "troisième cycle" && third.quantity.kind == "ordinal" && third.quantity.value == 3)
    #expect(try single("le 3e cycle", .french).quantity.value == 3)
    #expect(try quantities("le Premier ministre", .french).isEmpty)
}

@Test func percentMoneyUnits() throws {
    let percent = try single("une baisse de 12,5 %", .french).quantity
    #expect(percent.kind == "percent" && percent.value == 12.5 && percent.unit == "%")
    let billions = try single("2,5 milliards d'euros", .french).quantity
    #expect(billions.kind == "money" && billions.value == 2_500_000_000 && billions.unit == "EUR")
    let dollars = try single("3 millions de dollars", .french).quantity
    #expect(dollars.kind == "money" && dollars.value == 3_000_000 && dollars.unit == "USD")
    let bn = try single("a $2.5bn deal", .english).quantity
    #expect(bn.kind == "money" && bn.value == 2_500_000_000 && bn.unit == "USD")
    let pounds = try single("£ 8.10 million", .english).quantity
    #expect(pounds.unit == "GBP" && pounds.value == 8_100_000)
    let km = try single("à 17 km d'Ambur", .french).quantity
    #expect(km.kind == "dimension" && km.unit == "km")
    let speed = try single("at 188 miles an hour", .english).quantity
    #expect(speed.unit == "mph")
    let temperature = try single("30 degrees Celsius", .english).quantity
    #expect(temperature.kind == "temperature" && temperature.unit == "°C")
    let age = try single("she was five years old", .english).quantity
    #expect(age.kind == "age" && age.value == 5)
    let duration = try single("pendant six mois", .french).quantity
    #expect(duration.kind == "duration" && duration.value == 6 && duration.unit == "month")
    #expect(try single("for three years", .english).quantity.kind == "duration")
}

@Test func rangesAndApproximations() throws {
    let between = try single("entre 10 et 20 soldats", .french)
    #expect(between.quantity.value == 10 && between.quantity.upperValue == 20)
    #expect(try single("10 to 20 miles", .english).quantity.upperValue == 20)
    #expect(try single("10-20 km", .english).quantity.upperValue == 20)
    #expect(try single("environ 60% des forces", .french).quantity.approximate)
    #expect(try single("more than 50 people", .english).quantity.approximate)
    #expect(try single("près de 300 morts", .french).quantity.approximate)
}

@Test func notQuantities() throws {
    #expect(try quantities("see https://example.com/a/2021/4/7?id=123456 now", .english).isEmpty)
    #expect(try quantities("write to bob2021@example.com", .english).isEmpty)
    #expect(try quantities("update to v2.3.1 today", .english).isEmpty)
    #expect(try quantities("address 192.168.1.2", .english).isEmpty)
    #expect(try quantities("Depuis 2014, la coalition", .french).isEmpty)
    #expect(try quantities("in 2014 the war", .english).isEmpty)
}

@Test func exampleArticle() throws {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    let text = try String(contentsOf: url.appendingPathComponent("Examples/iraq-us-dialogue.fr.txt"), encoding: .utf8)
    let document = Document(id: "iraq", source: DocumentSource(), format: .text, text: text)
    let analysis = Analysis(bytes: Array(text.utf8), tokens: [], sentences: [], language: .undetermined)
    var annotations = Annotations()
    try QuantityExtractor().extract(document, analysis: analysis, into: &annotations)
    try DateExtractor().extract(document, analysis: analysis, into: &annotations)
    let found = annotations.quantities.map { (analysis.string($0.span), $0) }
    let percent = try #require(found.first { $0.0 == "60%" }?.1)
    #expect(percent.kind == "percent" && percent.value == 60 && percent.approximate)
    let soldiers = try #require(found.first { $0.0 == "3 000 soldats" }?.1)
    #expect(soldiers.kind == "count" && soldiers.value == 3000 && soldiers.counted == "soldats" && soldiers.approximate)
    let americans = try #require(found.first { $0.0 == "2 500 soldats" }?.1)
    #expect(americans.value == 2500 && americans.counted == "soldats")
    let third = try #require(found.first { $0.0 == "un tiers" }?.1)
    #expect(third.kind == "fraction" && abs((third.value ?? 0) - 1.0 / 3) < 1e-9)
    let cycle = try #require(found.first { $0.0 == "troisième cycle" }?.1)
    #expect(cycle.kind == "ordinal" && cycle.value == 3)
    let dates = annotations.dates.map { (analysis.string($0.span), $0) }
    #expect(dates.contains { $0.0 == "août 2020" && $0.1.value == "2020-08" && $0.1.granularity == "month" })
    #expect(dates.contains { $0.0 == "2014" && $0.1.value == "2014" })
    #expect(!found.contains { $0.0 == "2014" })
    // nothing from the tweet URL
    let urlStart = try #require(text.utf8.firstRange(of: "https://platform".utf8)).lowerBound
    let urlOffset = text.utf8.distance(from: text.utf8.startIndex, to: urlStart)
    let urlEnd = text.utf8[urlStart...].firstIndex(of: 0x0A).map { text.utf8.distance(from: text.utf8.startIndex, to: $0) } ?? text.utf8.count
    #expect(!annotations.quantities.contains { $0.span.start >= urlOffset && $0.span.start < urlEnd })
    #expect(!annotations.dates.contains { $0.span.start >= urlOffset && $0.span.start < urlEnd })
}

/// Quantities and dates together, on the main texts of the shared corpus pages
/// (`shared/corpus/html/*.gold.txt`, 1.69 MB in 222 files), on one core (thread CPU time, best
/// round). Opt-in, in release:
/// `TRAWL_QTY_BENCH=5 swift test -c release -Xswiftc -enable-testing --scratch-path .build-qty-release --filter quantityDateThroughput`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["TRAWL_QTY_BENCH"] != nil, "set TRAWL_QTY_BENCH=<repeats> (release build)"))
func quantityDateThroughput() throws {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }
    let folder = url.appendingPathComponent("shared/corpus/html")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
        print("skipped: no shared/corpus/html folder")
        return
    }
    let texts = try names.filter { $0.hasSuffix(".gold.txt") }.sorted().map {
        try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
    }
    let inputs = texts.map { text in
        (Document(id: "b", source: DocumentSource(), format: .text, text: text),
         Analysis(bytes: Array(text.utf8), tokens: [], sentences: [], language: .undetermined))
    }
    let bytes = inputs.reduce(0) { $0 + $1.1.bytes.count }
    let repeats = max(1, Int(ProcessInfo.processInfo.environment["TRAWL_QTY_BENCH"] ?? "") ?? 1)
    let quantities = QuantityExtractor()
    let dates = DateExtractor()
    var found = 0
    var best = Double.infinity
    // This thread's CPU time (the machine may be shared: wall time would count other processes).
    func cpuSeconds() -> Double { ThreadCPUTime.seconds }
    for _ in 0..<(repeats + 1) {  // the first round warms up
        let start = cpuSeconds()
        for (document, analysis) in inputs {
            var annotations = Annotations()
            try quantities.extract(document, analysis: analysis, into: &annotations)
            try dates.extract(document, analysis: analysis, into: &annotations)
            found += annotations.quantities.count + annotations.dates.count
        }
        best = min(best, cpuSeconds() - start)
    }
    let throughput = Double(bytes) / 1e6 / best
    print("quantities+dates throughput: \(texts.count) texts, \((Double(bytes) / 1e4).rounded() / 100) MB, best of \(repeats): \((throughput * 10).rounded() / 10) MB/s of CPU time (\(found / (repeats + 1)) annotations per round)")
    #expect(throughput >= 20)
}

@Test func unitTableAndCompoundUnits() throws {
    let energy = try single("The solar production of this year is 7.3 MWh", .english).quantity
    #expect(energy.kind == "dimension" && energy.unit == "MWh" && energy.value == 7.3)
    #expect(try single("a bandgap of 1.7 eV", .english).quantity.unit == "eV")
    #expect(try single("reached 5 fb−1 of data", .english).quantity.unit == "fb⁻¹")
    #expect(try single("a 2 GiB file", .english).quantity.unit == "GiB")
    #expect(try single("exposed to 20 J/m^2 per year", .english).quantity.unit == "J/m^2/year")
    let rate = try single("only for $15.4/hour", .english).quantity
    #expect(rate.kind == "money" && rate.unit == "USD/h" && rate.value == 15.4)
    let speed = try single("50 km/ms", .english).quantity
    #expect(speed.unit == "km/ms")
    let frequency = try single("it's used four times per week", .english).quantity
    #expect(frequency.kind == "frequency" && frequency.value == 4 && frequency.unit == "/week")
    #expect(try single("Its 30 C outside!", .english).quantity.kind == "temperature")
    #expect(try single("absolute zero is cold", .english).quantity.value == 0)
}

@Test func unitContexts() throws {
    #expect(try single("The door is 2 1/2 in thick", .english).text == "2 1/2 in")
    #expect(try single("This diffuser uses 9\" plates", .english).quantity.unit == "in")
    let quoted = try single("The class is \"English 101\".", .english)
    #expect(quoted.text == "101" && quoted.quantity.kind == "number")
    #expect(try single("This grid has a size of 2.1 pm.", .english).quantity.unit == "pm")
    #expect(try quantities("I arrived at 2.13 am.", .english).isEmpty)
    #expect(try quantities("the Lagrangian point (L2) of", .english).isEmpty)
    #expect(try quantities("see SCP-173 and 24703 m212", .english).map(\.text) == ["24703"])
    let given = try quantities("They were given 45 and 50 mg ethanol.", .english)
    #expect(given.map(\.text) == ["45", "50 mg"] && given[0].quantity.unit == "mg")
    let range = try single("They were given between 44 mg and 50 mg ethanol.", .english)
    #expect(range.text == "between 44 mg and 50 mg" && range.quantity.value == 44 && range.quantity.upperValue == 50)
    #expect(try single("44 mg to 50 mg", .english).quantity.upperValue == 50)
    let negative = try single("The annual revenue is ($99.99).", .english)
    #expect(negative.text == "($99.99)" && negative.quantity.value == -99.99)
    let plusMinus = try single("It weighs 2,000.45±0.01 pounds", .english)
    #expect(plusMinus.text == "2,000.45±0.01 pounds" && plusMinus.quantity.approximate)
    #expect(try single("for six weeks' time", .english).text == "six weeks'")
    #expect(try quantities("That one costs 3 dimes", .english).map(\.text) == ["3 dimes"])
    #expect(try quantities("it will be for several hundred years", .english).isEmpty)
}

@Test func percentWithoutNumberBefore() throws {
    let reversed = try single("percent of 10", .english).quantity
    #expect(reversed.kind == "percent" && reversed.value == 10)
    #expect(try single("pourcent des trois cent cinq", .french).quantity.value == 305)
    let bare = try single("How do I calculate a percentage?", .english)
    #expect(bare.text == "percentage" && bare.quantity.kind == "percent" && bare.quantity.value == nil)
    #expect(try single("The table shows the % of increase", .english).text == "%")
    #expect(try quantities("percentages", .english).isEmpty)
}

@Test func numberWords() throws {
    #expect(try single("three million, two hundred & forty", .english).quantity.value == 3_000_240)
    #expect(try single("three lakh crore", .english).quantity.value == 3e12)
    #expect(abs((try single("two thirds of a million", .english).quantity.value ?? 0) - 2_000_000.0 / 3) < 1e-6)
    #expect(try single("one hundred and thirty fifths", .english).quantity.value == 26)
    #expect(try single("one hundred and three quarters", .english).quantity.value == 100.75)
    #expect(abs((try single("one hundred thirty-fifths", .english).quantity.value ?? 0) - 100.0 / 35) < 1e-9)
    #expect(abs((try single("three twenty-firsts", .english).quantity.value ?? 0) - 3.0 / 21) < 1e-9)
    #expect(try single("three hundred and two dozens", .english).quantity.value == 324)
    #expect(try single("A baker's dozen", .english).quantity.value == 13)
    #expect(try single("a gross", .english).quantity.value == 144)
    #expect(try quantities("gross domestic product", .english).isEmpty)
    let european = try quantities("1.111,11, 1,111.11", .english)
    #expect(european.map(\.quantity.value) == [1111.11, 1111.11])
    #expect(try quantities("Exercises nrs. 22,24,26,31.", .english).map(\.quantity.value) == [22, 24, 26, 31])
}

/// Prints what both extractors find in a text, in English and French rules:
/// `TRAWL_QTY_DEBUG="45 and 50 mg" swift test --filter quantityDebug`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["TRAWL_QTY_DEBUG"] != nil, "set TRAWL_QTY_DEBUG to a text"))
func quantityDebug() throws {
    let text = ProcessInfo.processInfo.environment["TRAWL_QTY_DEBUG"] ?? ""
    for lang in ["en", "fr"] {
        for (t, q) in try quantities(text, Language(rawValue: lang)) { print("DBG \(lang) [\(t)] \(q.kind) \(q.value.map { String($0) } ?? "nil") \(q.upperValue.map { String($0) } ?? "") \(q.unit ?? "")") }
        for (t, d) in try dates(text, Language(rawValue: lang), reference: "2016-11-07") { print("DBG \(lang) date [\(t)] \(d.value ?? "nil") \(d.granularity ?? "") \(d.relative ?? "")") }
    }
}
