// Trawl — Abbreviations.swift
// Word tables for the tokenizer: abbreviations, elisions, inverted clitics, top-level domains.

/// The word tables the tokenizer and the sentence splitter consult.
///
/// Each is a ``ByteStringTable`` built on first use from a raw string literal.
enum TokenTables {
    /// Value bits of ``abbreviations``.
    enum AbbreviationBits {
        /// The word followed by a period is an abbreviation.
        static let known: UInt8 = 1
        /// The abbreviation may also end a sentence (`etc.`, `Inc.`).
        static let canEndSentence: UInt8 = 2
        /// It is an abbreviation only before a number (`No. 5`, `p. 12`, `art. 3`).
        static let needsNumber: UInt8 = 4
    }

    /// Words that, followed by a period, form an abbreviation token; looked up with the case as
    /// written, then with a lower-cased first letter (`Etc.`). Dotted acronyms (`U.S.`, `a.m.`,
    /// `J.-C.`) and single-capital initials (`J.`) are recognised by shape, not listed here.
    static let abbreviations = ByteStringTable([
        // Titles and ranks: never at the end of a sentence.
        ("""
        M MM Mme Mmes Mlle Mlles Me Mgr Dr Pr Prof St Ste Sts Mr Mrs Ms Messrs Mt Ft Lt Col Capt Cpt
        Sgt Cpl Maj Adm Brig Gen Gov Sen Rep Rev Hon Pres Supt Insp Gal Cdt Cne Sgt Dir
        """, AbbreviationBits.known),
        // Other abbreviations that are rarely sentence-final.
        ("""
        vs cf env ex chap fig éd coll trad dir av apr bd ca approx ibid op cit resp
        janv févr avr juil oct nov déc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
        """, AbbreviationBits.known),
        // Abbreviations that often end a sentence.
        ("etc Inc Ltd Co Corp Bros Plc Cie Jr Sr Esq al hab min max",
         AbbreviationBits.known | AbbreviationBits.canEndSentence),
        // Abbreviations only before a number.
        ("No Nos no nos p pp art n vol", AbbreviationBits.known | AbbreviationBits.needsNumber),
    ])

    /// French (and Italian) words elided before a vowel, without their apostrophe, folded:
    /// `l’Irak` → `l’` + `Irak`. `aujourd’hui` and `quelqu’un` stay whole as their heads are absent.
    static let elisions = ByteStringTable([
        ("l d j m n s t c qu jusqu lorsqu puisqu quoiqu presqu", 1),
        ("dell all dall nell sull coll quell un", 1),
    ])

    /// Subject pronouns of a French inverted verb (`dit-elle`, `a-t-il`, `peut-on`), folded.
    static let invertedClitics = ByteStringTable([
        ("je tu il elle on nous vous ils elles ce t-il t-elle t-on t-ils t-elles", 1),
    ])

    /// English clitics after an apostrophe, split as in the Penn Treebank (`Biden’s` → `Biden` +
    /// `’s`), folded.
    static let englishClitics = ByteStringTable([("s re ve ll d m", 1)])

    /// Top-level domains that make `name.tld` a URL token (`lemonde.fr`, `bbc.co.uk`).
    static let topLevelDomains = ByteStringTable([
        ("""
        com net org edu gov mil int info biz io co fr de uk eu be ch ca es it us ru cn jp in au nl at
        se no dk fi pl pt br mx ar tv me ly ma dz tn lu qc news
        """, 1),
    ])

    /// Camel-case names that must not be split at their inner capital (see ``Tokenizer``).
    static let camelCaseNames = ByteStringTable([
        ("""
        LinkedIn PlayStation JavaScript PowerPoint SoundCloud DeepMind BlackBerry BlackRock MasterCard
        WordPress AstraZeneca GlaxoSmithKline ExxonMobil HarperCollins DreamWorks PricewaterhouseCoopers
        SoftBank WikiLeaks SharePoint FaceTime HuffPost BuzzFeed CrowdStrike SolarWinds TripAdvisor
        DuckDuckGo MasterChef StarCraft WarCraft LiveJournal ArcelorMittal ThyssenKrupp GlobalFoundries
        SmithKline BlackWater BlueCross CinemaScope TotalEnergies ChatGPT OpenStreetMap StreetView
        """, 1),
    ])
}
