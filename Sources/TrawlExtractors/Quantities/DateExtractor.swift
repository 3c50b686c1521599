// Trawl — DateExtractor.swift
// Dates and times in French and English, normalised to ISO 8601 against the document date.

import Trawl

/// Finds dates and times: absolute ("7 avril 2021", "April 7, 2021", "7/4/2021", "août 2020",
/// "en 2014"), relative ("hier", "juin dernier", "la semaine prochaine", "last June",
/// "3 days ago"), times ("10h30", "10:30 a.m.") and ranges ("2013-14", "de 10h à 12h").
///
/// Relative expressions are resolved against ``Document/date`` when it is set; otherwise they
/// come out with `value: nil` and their ``DateMention/relative`` form (`-1 day`, `last month=6`,
/// `XXXX-04-07` for a day without a year). Values: `2021-04-07` (granularity `day`), `2020-08`
/// (`month`), `2014` (`year`), `2019-W32` (`week`), `T10:30` or `2021-04-07T10:30` (`time`),
/// and ISO intervals `start/end` for ranges (`1960/1969` for "the 1960s", granularity `decade`).
/// Durations ("three years", "1 hour and 30 minutes") have TIMEX3 values `P3Y`, `PT1H30M`
/// (granularity `duration`; they remain quantities too) and recurrences ("weekly", "every
/// Monday", "tous les jours") `P1W`, `XXXX-WXX-1`, `P1D` (granularity `set`). A bare four-digit year
/// is a date only after a preposition ("en", "in", "depuis", "since"…); otherwise it is left to the
/// quantities. English bounds ("after 2016", "since this August") are part of the span.
///
/// When the quantity extractor runs on the same document, the two share one scan of the text
/// (``QDocumentScan``).
public struct DateExtractor: Extractor {
    /// `dates`.
    public var name: String { "dates" }
    /// The dates layer.
    public var produces: Set<Layer> { [.dates] }

    /// The registry entry.
    public static let descriptor = ExtractorDescriptor(
        name: "dates",
        summary: "dates and times normalised to ISO 8601 (French, English)",
        produces: [.dates],
        make: { _ in DateExtractor() })

    /// Creates the extractor (the word tables load once per process).
    public init() {
        _ = QLexicon.french
        _ = QLexicon.english
    }

    /// Adds the dates of `document`, resolved against `document.date` when known.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        let scan = QDocumentScan.of(analysis, reference: document.date)
        let items = scan.items
        annotations.dates.append(contentsOf: scan.dates.map { match in
            DateMention(span: Span(Int(items[match.items.lowerBound].start), Int(items[match.items.upperBound - 1].end)),
                        value: match.value, granularity: match.granularity, relative: match.relative, extractor: "dates")
        })
    }

    /// The dates of `bytes`; `reference` is an ISO 8601 date or date-time.
    func dates(in bytes: [UInt8], french: Bool, reference: String?) -> [DateMention] {
        bytes.withUnsafeBufferPointer { buffer in
            var items: [QItem] = []
            items.reserveCapacity(buffer.count / 4)
            QScanner.scan(buffer, french: french, into: &items)
            let lex = french ? QLexicon.french : QLexicon.english
            lex.annotate(&items)
            let scanner = DateScanner(items: items, bytes: buffer, lex: lex, french: french,
                                      reference: QCivilDate(iso: reference))
            return scanner.scan().map { match in
                DateMention(span: Span(Int(items[match.items.lowerBound].start), Int(items[match.items.upperBound - 1].end)),
                            value: match.value, granularity: match.granularity, relative: match.relative,
                            extractor: "dates")
            }
        }
    }
}
