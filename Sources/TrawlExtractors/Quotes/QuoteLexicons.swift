// Trawl — QuoteLexicons.swift
// The reporting cues, function words, titles and demonyms read by the `quotes` and `roles` extractors.

import Trawl
import TrawlLexiconFormat

/// What a reporting cue introduces; the labels of `Lexicons/quotes/cues.*.lexicon`.
enum CueKind: UInt8, Sendable {
    /// A finite verb or participle with its subject: "a déclaré", "said".
    case verb
    /// A present participle that takes the subject of its clause: "expliquant", "adding".
    case participle
    /// A preposition naming the source: "selon", "d’après", "according to".
    case source
}

/// The function-word classes; the labels of `Lexicons/quotes/words.*.lexicon`.
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

/// What a cue's lexicon label asks of it (see ``Cue``).
struct CueOptions: Sendable, Hashable {
    /// `verb-that` and `request`: reports only with "que"/"that", a colon or a quotation after it.
    var needsComplement = false
    /// `source-person`: a source only before a person, a title or a pronoun, opening its sentence.
    var needsPerson = false
    /// `request`: also reports an infinitive clause after "à"/"de".
    var request = false
}

/// What an entry of the combined lexicon is.
enum QuoteEntryKind: Sendable, Hashable {
    /// A reporting cue and what its label asks of it.
    case cue(CueKind, CueOptions = CueOptions())
    /// A function word.
    case word(QuoteWordClass)
    /// A title or role (the entity extractor's `titles` lists).
    case title
    /// A nationality adjective and the country it names.
    case demonym(country: String)
}

/// The lists of one language compiled into one lexicon, so that a document is matched in one
/// pass; built once from the compiled-in lists (`Lexicons/quotes`, `Lexicons/entities/titles.*`)
/// and shared by all workers.
///
/// On the same tokens the first list wins, in this order: cues, function words, titles, demonyms.
struct QuoteLexicons: Sendable {
    /// Cues, function words, titles and demonyms together.
    let lexicon: Lexicon
    /// The kind of each entry of ``lexicon``.
    let kinds: [QuoteEntryKind]

    /// The lists for `language` (English for `en`, French otherwise).
    static func bundled(for language: Language) -> QuoteLexicons {
        language == .english ? english : french
    }

    private static let french = QuoteLexicons(english: false)
    private static let english = QuoteLexicons(english: true)

    private init(english: Bool) {
        var lexicon = Lexicon()
        var kinds: [QuoteEntryKind] = []
        Self.add(english ? LexiconSources.quotesCuesEn : LexiconSources.quotesCuesFr, to: &lexicon)
        kinds += lexicon.entries.map { entry in
            switch entry.label {
            case "participle": .cue(.participle)
            case "source": .cue(.source)
            case "source-person": .cue(.source, CueOptions(needsPerson: true))
            case "request": .cue(.verb, CueOptions(needsComplement: true, request: true))
            default: .cue(.verb, CueOptions(needsComplement: entry.label == "verb-that"))
            }
        }
        Self.add(english ? LexiconSources.quotesWordsEn : LexiconSources.quotesWordsFr, to: &lexicon)
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
        Self.add(english ? LexiconSources.entitiesTitlesEn : LexiconSources.entitiesTitlesFr, to: &lexicon)
        kinds += Array(repeating: .title, count: lexicon.count - kinds.count)
        Self.add(english ? LexiconSources.quotesDemonymsEn : LexiconSources.quotesDemonymsFr, to: &lexicon)
        kinds += lexicon.entries[kinds.count...].map { .demonym(country: $0.label) }
        self.lexicon = lexicon
        self.kinds = kinds
    }

    /// Adds the entries of a compiled list (a phrase already in the lexicon is not added again).
    private static func add(_ compiled: CompiledLexicon, to lexicon: inout Lexicon) {
        for entry in compiled.entries {
            lexicon.add(phrase: entry.phrase, label: entry.label, caseSensitive: entry.caseSensitive)
        }
    }
}
