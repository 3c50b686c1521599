// Trawl — QuoteLexicons.swift
// The reporting cues, function words, titles and demonyms read by the `quotes` and `roles` extractors.

import Foundation
import Trawl

/// What a reporting cue introduces; the labels of `Resources/lexicons/quotes/cues.*.txt`.
enum CueKind: UInt8, Sendable {
    /// A finite verb or participle with its subject: "a déclaré", "said".
    case verb
    /// A present participle that takes the subject of its clause: "expliquant", "adding".
    case participle
    /// A preposition naming the source: "selon", "d’après", "according to".
    case source
}

/// The function-word classes; the labels of `Resources/lexicons/quotes/words.*.txt`.
enum QuoteWordClass: UInt8, Sendable {
    /// No class.
    case none
    /// "a", "ont", "has", "had": joins the participle of a cue.
    case auxiliary
    /// "été", "est", "was": a cue after it is passive.
    case passive
    /// "il", "elle", "he", "she": resolved to the most recent person.
    case pronoun
    /// "ils", "on", "they", "we": a span speaker.
    case otherPronoun
    /// "que", "qu’", "that": opens reported speech.
    case complementizer
    /// "et", "qui", "and", "which": ends a subject read leftwards.
    case boundary
    /// "de", "des", "of": continues a role phrase.
    case connector
    /// "le", "les", "the": starts a noun phrase.
    case determiner
    /// "également", "also": may stand between an auxiliary and a participle.
    case adverb
    /// "dans", "lors", "in": ends a subject read leftwards.
    case preposition
    /// "jeudi", "hier", "Tuesday": may stand between a cue and its inverted subject or clause.
    case time
    /// "opposants", "toxicologue": a noun for people, which may name a source ("Pour ses opposants, …").
    case agent
}

/// What an entry of the combined lexicon is.
enum QuoteEntryKind: Sendable, Hashable {
    /// A reporting cue; `needsComplement` for the `verb-that` label, `needsPerson` for the
    /// `source-person` label.
    case cue(CueKind, needsComplement: Bool, needsPerson: Bool = false)
    /// A function word.
    case word(QuoteWordClass)
    /// A title or role (the entity extractor's `titles` lists).
    case title
    /// A nationality adjective and the country it names.
    case demonym(country: String)
}

/// The lists of one language compiled into one lexicon, so that a document is matched in one
/// pass; loaded once from the bundle and shared by all workers.
///
/// On the same tokens the first list wins, in this order: cues, function words, titles, demonyms.
struct QuoteLexicons: Sendable {
    /// Cues, function words, titles and demonyms together.
    let lexicon: Lexicon
    /// The kind of each entry of ``lexicon``.
    let kinds: [QuoteEntryKind]

    /// The lists for `language` (English for `en`, French otherwise).
    /// - Throws: ``LexiconError`` when a bundled list is missing or malformed.
    static func bundled(for language: Language) throws(LexiconError) -> QuoteLexicons {
        try (language == .english ? english : french).get()
    }

    private static let french = Result { () throws(LexiconError) in try QuoteLexicons(language: "fr") }
    private static let english = Result { () throws(LexiconError) in try QuoteLexicons(language: "en") }

    private init(language: String) throws(LexiconError) {
        var lexicon = Lexicon()
        var kinds: [QuoteEntryKind] = []
        try Self.add("quotes", "cues.\(language)", to: &lexicon)
        kinds += lexicon.entries.map { entry in
            switch entry.label {
            case "participle": .cue(.participle, needsComplement: false)
            case "source": .cue(.source, needsComplement: false)
            case "source-person": .cue(.source, needsComplement: false, needsPerson: true)
            default: .cue(.verb, needsComplement: entry.label == "verb-that")
            }
        }
        try Self.add("quotes", "words.\(language)", to: &lexicon)
        kinds += lexicon.entries[kinds.count...].map { entry in
            switch entry.label {
            case "auxiliary": .word(.auxiliary)
            case "passive": .word(.passive)
            case "pronoun": .word(.pronoun)
            case "otherPronoun": .word(.otherPronoun)
            case "complementizer": .word(.complementizer)
            case "boundary": .word(.boundary)
            case "connector": .word(.connector)
            case "determiner": .word(.determiner)
            case "adverb": .word(.adverb)
            case "preposition": .word(.preposition)
            case "time": .word(.time)
            case "agent": .word(.agent)
            default: .word(.none)
            }
        }
        try Self.add("entities", "titles.\(language)", header: "@case insensitive\n", to: &lexicon)
        kinds += Array(repeating: .title, count: lexicon.count - kinds.count)
        try Self.add("quotes", "demonyms.\(language)", to: &lexicon)
        kinds += lexicon.entries[kinds.count...].map { .demonym(country: $0.label) }
        self.lexicon = lexicon
        self.kinds = kinds
    }

    /// Adds `lexicons/FOLDER/NAME.txt` from the bundle, with `header` lines prepended.
    private static func add(_ folder: String, _ name: String, header: String = "",
                            to lexicon: inout Lexicon) throws(LexiconError)
    {
        let url = Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "Resources/lexicons/\(folder)")
            ?? Bundle.module.url(forResource: name, withExtension: "txt", subdirectory: "lexicons/\(folder)")
        guard let url, let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LexiconError(file: "lexicons/\(folder)/\(name).txt", line: 0, message: "missing from the bundle")
        }
        try lexicon.add(contentsOf: header + text, file: url.path, defaultLabel: name)
    }
}
