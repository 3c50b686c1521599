// Trawl — EntityLexicon.swift
// News word lists (titles, honorifics, organisations, places…) matched over token hashes.

import Trawl
import TrawlLexiconFormat

/// The kinds of entry in the entity lexicons; each is a file family in
/// `Lexicons/entities/` (see the README there), compiled in by the LexiconCompiler plugin.
enum EntityLexiconClass: Int, CaseIterable, Sendable {
    /// Titles and roles (`président`, `Premier ministre`, `spokesman`); case-insensitive.
    case title
    /// Honorifics (`M.`, `Mme`, `Mr.`, `Dr.`).
    case honorific
    /// Organisation names and acronyms (`ONU`, `Le Monde`, `NATO`).
    case organization
    /// Capitalised words that start or end an organisation name (`Conseil`, `Ministère`, `Party`).
    case organizationCue
    /// Lower-case institution words that make an organisation with a place (`parquet`, `tribunal`).
    case institution
    /// First names.
    case firstName
    /// Countries, capitals and major cities.
    case place
    /// Government portfolios after "ministre de la…" (`Santé`, `Justice`, `Intérieur`).
    case portfolio
    /// Phrases that are never entities though capitalised (`coup d’État`); case-insensitive.
    case nonEntity
    /// Function words that end an organisation name; case-insensitive.
    case stopword
    /// Words that join the parts of an organisation name (`de`, `du`, `of`); case-insensitive.
    case connector
    /// Persons often in the news, by full name and surname (`Joe Biden`, `Biden`).
    case person
    /// Lower-case particles inside person names (`de`, `von`, `bin`); case-insensitive.
    case nameParticle
    /// Lower-case nouns that introduce an organisation in apposition (`agence`, `société`).
    case organizationNoun
    /// Organisation names that start with `Le`/`Les`, without it, for the contracted articles:
    /// `Monde` in "a déclaré au Monde" (derived from the `organizations` lists, not a file).
    case organizationAfterContraction

    /// The class's compiled lists for `language`: the shared file and the language's own
    /// (`Lexicons/entities/NAME.lexicon`, `NAME.fr.lexicon`, `NAME.en.lexicon`).
    func lexicons(for language: Language) -> [CompiledLexicon] {
        let english = language == .english
        switch self {
        case .title: return [english ? LexiconSources.entitiesTitlesEn : LexiconSources.entitiesTitlesFr]
        case .honorific: return [LexiconSources.entitiesHonorifics]
        case .organization: return [LexiconSources.entitiesOrganizations]
        case .organizationCue:
            return [english ? LexiconSources.entitiesOrganizationCuesEn : LexiconSources.entitiesOrganizationCuesFr]
        case .institution: return [english ? LexiconSources.entitiesInstitutionsEn : LexiconSources.entitiesInstitutionsFr]
        case .firstName: return [LexiconSources.entitiesFirstNames]
        case .place: return [english ? LexiconSources.entitiesPlacesEn : LexiconSources.entitiesPlacesFr]
        case .portfolio: return [english ? LexiconSources.entitiesPortfoliosEn : LexiconSources.entitiesPortfoliosFr]
        case .nonEntity: return [english ? LexiconSources.entitiesNonEntitiesEn : LexiconSources.entitiesNonEntitiesFr]
        case .stopword: return [english ? LexiconSources.entitiesStopwordsEn : LexiconSources.entitiesStopwordsFr]
        case .connector: return [english ? LexiconSources.entitiesConnectorsEn : LexiconSources.entitiesConnectorsFr]
        case .person: return [LexiconSources.entitiesPersons]
        case .nameParticle: return [LexiconSources.entitiesNameParticles]
        case .organizationNoun:
            return [english ? LexiconSources.entitiesOrganizationNounsEn : LexiconSources.entitiesOrganizationNounsFr]
        case .organizationAfterContraction: return []
        }
    }

    /// The class's bit in a class mask.
    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// All four token-lexicon bits of this class.
    var tokenBits: UInt64 { 0xF << UInt64(4 * rawValue) }
}

/// An open-addressing hash table from 64-bit keys to 32-bit values, for lexicon lookups (and a
/// document's strings in `harmonize`).
struct NERHashTable: Sendable {
    private var keys: [UInt64]
    private var values: [UInt32]
    private var mask: Int
    private(set) var count = 0

    /// Creates an empty table.
    init() {
        keys = Array(repeating: 0, count: 16)
        values = Array(repeating: 0, count: 16)
        mask = 15
    }

    /// The value stored for `key`, or 0.
    @inline(__always)
    func value(_ key: UInt64) -> UInt32 {
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key >> 7) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return values[slot] }
            if stored == 0 { return 0 }
            slot = (slot + 1) & mask
        }
    }

    /// ORs `bits` into the value of `key`.
    mutating func insert(_ key: UInt64, bits: UInt32) {
        if (count + 1) * 4 > keys.count { grow() }
        let key = key == 0 ? 1 : key
        var slot = Int(truncatingIfNeeded: key >> 7) & mask
        while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
        if keys[slot] == 0 { keys[slot] = key; count += 1 }
        values[slot] |= bits
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        values = Array(repeating: 0, count: oldKeys.count * 2)
        mask = keys.count - 1
        count = 0
        for (key, value) in zip(oldKeys, oldValues) where key != 0 { insert(key, bits: value) }
    }
}

/// The entity lexicons of one language, compiled to hash tables over token sequences.
///
/// Entries are split into tokens the way the tokenizer splits text (at spaces, and after a French
/// elision: `secrétaire d’État` → `secrétaire`, `d’`, `État`) and hashed per token; matching walks
/// the document's token hashes, so it works on any tokenizer's output and creates no strings.
struct EntityLexicon: Sendable {
    /// Sequence hash → class bits, plus ``prefixBit`` for proper prefixes of longer entries.
    private var exact = NERHashTable()
    private var folded = NERHashTable()
    /// The longest entry, in tokens.
    private(set) var longest = 1
    /// A bit per ``rootBits``-bit slice of the token hashes that start an entry of either table
    /// (its first token's exact hash, or folded hash when it ignores case): a token whose two
    /// hashes hit no bit starts no entry, and about half the tokens are answered here without
    /// probing the tables. (Its first-step keys then differ from every one-token key of the
    /// tables, as ``NERHash/mix(_:_:)`` with a fixed first argument is one-to-one; matching one
    /// of the longer keys instead would take a 64-bit collision.)
    private var roots = [UInt64](repeating: 0, count: 1 << (EntityLexicon.rootBits - 6))

    /// log2 of the number of bits of ``roots``.
    private static let rootBits = 17

    /// Marks a hash that is a proper prefix of some entry.
    private static let prefixBit: UInt32 = 1 << 31

    /// Creates an empty lexicon.
    init() {}

    /// Adds the entries of a compiled list to `lexiconClass`, each with its case mode.
    mutating func add(_ compiled: CompiledLexicon, as lexiconClass: EntityLexiconClass) {
        for entry in compiled.entries {
            add(entry: entry.phrase, ignoringCase: !entry.caseSensitive, as: lexiconClass)
            if lexiconClass == .organization {
                for article in ["Le ", "Les "] where entry.phrase.hasPrefix(article) && entry.phrase.count > article.count {
                    add(entry: String(entry.phrase.dropFirst(article.count)), ignoringCase: !entry.caseSensitive,
                        as: .organizationAfterContraction)
                }
            }
        }
    }

    /// Adds one entry.
    mutating func add(entry: String, ignoringCase: Bool, as lexiconClass: EntityLexiconClass) {
        let bytes = Array(entry.utf8)
        var hashes: [UInt64] = []
        bytes.withUnsafeBufferPointer { buffer in
            EntityLexicon.forEachToken(buffer) { start, end in
                let info = NERTextScanner.scan(buffer, start, end)
                hashes.append(ignoringCase ? info.lower : info.exact)
            }
        }
        guard !hashes.isEmpty else { return }
        longest = max(longest, hashes.count)
        var key = NERHash.basis
        for (index, hash) in hashes.enumerated() {
            key = NERHash.mix(key, hash)
            let bits = index == hashes.count - 1 ? lexiconClass.bit : EntityLexicon.prefixBit
            if index == 0 { roots[EntityLexicon.rootBit(hash) >> 6] |= 1 << UInt64(EntityLexicon.rootBit(hash) & 63) }
            if ignoringCase { folded.insert(key, bits: bits) } else { exact.insert(key, bits: bits) }
        }
    }

    /// Calls `body` with the byte range of each token of a lexicon entry: split at spaces and
    /// after a glued French elision.
    static func forEachToken(_ bytes: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        var i = 0
        while i < bytes.count {
            while i < bytes.count, bytes[i] == 0x20 { i += 1 }
            var start = i
            while i < bytes.count, bytes[i] != 0x20 { i += 1 }
            guard i > start else { continue }
            let elision = NERTextScanner.elisionPrefixLength(bytes, start, i)
            if elision > 0 {
                body(start, start + elision)
                start += elision
            }
            body(start, i)
        }
    }

    /// The bit of ``roots`` for a token hash.
    @inline(__always)
    private static func rootBit(_ hash: UInt64) -> Int { Int(truncatingIfNeeded: hash >> UInt64(64 - rootBits)) }

    /// Whether some entry of either table may start with the token (no false negatives: the
    /// first token of every entry has its bit).
    @inline(__always)
    private func mayStart(_ info: NERTokenInfo) -> Bool {
        roots.withUnsafeBufferPointer { roots in
            let exactBit = EntityLexicon.rootBit(info.exact), foldedBit = EntityLexicon.rootBit(info.lower)
            return (roots[exactBit >> 6] >> UInt64(exactBit & 63) | roots[foldedBit >> 6] >> UInt64(foldedBit & 63)) & 1 != 0
        }
    }

    /// The first step of matching from the token: the values of its one-token keys in the exact
    /// table (low 32 bits) and the folded one (high 32 bits), class bits and ``prefixBit``; 0
    /// when it starts no entry. It depends on the word alone, so ``NERWordCache`` keeps it.
    @inline(__always)
    func firstStep(_ info: NERTokenInfo) -> UInt64 {
        guard mayStart(info) else { return 0 }
        let exactValue = exact.value(NERHash.mix(NERHash.basis, info.exact))
        let foldedValue = folded.value(NERHash.mix(NERHash.basis, info.lower))
        return UInt64(exactValue) | UInt64(foldedValue) << 32
    }

    /// Sets the lexicon bits of `infos` (leftmost-longest matches, per class). `firstSteps`, when
    /// given, holds each token's ``firstStep(_:)``; otherwise it is computed here.
    func annotate(_ infos: UnsafeMutableBufferPointer<NERTokenInfo>, firstSteps: UnsafePointer<UInt64>? = nil) {
        let classCount = EntityLexiconClass.allCases.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: classCount) { coveredUntil in
            for c in 0..<classCount { coveredUntil[c] = 0 }
            for i in 0..<infos.count { infos[i].lexicon = 0 }
            for start in 0..<infos.count {
                // Marks the matches of `found` (class bits) over `start..<end`.
                @inline(__always) func markMatches(_ found: UInt32, end: Int) {
                    var classes = found & ~EntityLexicon.prefixBit
                    while classes != 0 {
                        let c = classes.trailingZeroBitCount
                        classes &= classes - 1
                        if coveredUntil[c] <= start {
                            // A longer match of the same class from this start replaces a shorter one.
                            mark(infos, class: c, start: start, end: end)
                        }
                    }
                }
                // The longest match of each class starting here, from both tables: the first step
                // as given, then the longer keys while some entry has them as a prefix.
                let first = firstSteps?[start] ?? firstStep(infos[start])
                let exactFirst = UInt32(truncatingIfNeeded: first)
                let foldedFirst = UInt32(truncatingIfNeeded: first >> 32)
                var exactAlive = exactFirst & EntityLexicon.prefixBit != 0
                var foldedAlive = foldedFirst & EntityLexicon.prefixBit != 0
                var exactKey = exactAlive ? NERHash.mix(NERHash.basis, infos[start].exact) : 0
                var foldedKey = foldedAlive ? NERHash.mix(NERHash.basis, infos[start].lower) : 0
                var end = start + 1
                markMatches(exactFirst | foldedFirst, end: end)
                while end < infos.count, end - start < longest, exactAlive || foldedAlive {
                    var found: UInt32 = 0
                    if exactAlive {
                        exactKey = NERHash.mix(exactKey, infos[end].exact)
                        let value = exact.value(exactKey)
                        found |= value
                        exactAlive = value & EntityLexicon.prefixBit != 0
                    }
                    if foldedAlive {
                        foldedKey = NERHash.mix(foldedKey, infos[end].lower)
                        let value = folded.value(foldedKey)
                        found |= value
                        foldedAlive = value & EntityLexicon.prefixBit != 0
                    }
                    end += 1
                    markMatches(found, end: end)
                }
                // Only the classes of the matches covering the token can extend their coverage.
                var present = infos[start].lexicon
                while present != 0 {
                    let c = present.trailingZeroBitCount / 4
                    present &= ~(0xF << UInt64(4 * c))
                    guard coveredUntil[c] <= start else { continue }
                    var j = start
                    while j < infos.count, infos[j].lexicon & (0xF << UInt64(4 * c)) != 0 {
                        let bits = infos[j].lexicon >> UInt64(4 * c) & 0xF
                        j += 1
                        if bits & 0b1100 != 0 { break }  // L or U ends the match
                    }
                    if j > start { coveredUntil[c] = j }
                }
            }
        }
    }

    /// Marks `start..<end` as a match of class `c`, clearing a shorter match of the same class
    /// that began at `start`.
    private func mark(_ infos: UnsafeMutableBufferPointer<NERTokenInfo>, class c: Int, start: Int, end: Int) {
        let bits: UInt64 = 0xF << UInt64(4 * c)
        for j in start..<end { infos[j].lexicon &= ~bits }
        if end - start == 1 {
            infos[start].lexicon |= 8 << UInt64(4 * c)
        } else {
            infos[start].lexicon |= 1 << UInt64(4 * c)
            for j in (start + 1)..<(end - 1) { infos[j].lexicon |= 2 << UInt64(4 * c) }
            infos[end - 1].lexicon |= 4 << UInt64(4 * c)
        }
    }

    // MARK: Bundled lexicons

    /// The compiled-in lexicons for `language` (shared files plus the language's own), built once.
    static func bundled(for language: Language) -> EntityLexicon {
        switch language {
        case .english: bundledEnglish
        default: bundledFrench
        }
    }

    private static let bundledFrench = load(language: .french)
    private static let bundledEnglish = load(language: .english)

    private static func load(language: Language) -> EntityLexicon {
        var lexicon = EntityLexicon()
        for lexiconClass in EntityLexiconClass.allCases {
            for compiled in lexiconClass.lexicons(for: language) { lexicon.add(compiled, as: lexiconClass) }
        }
        return lexicon
    }
}
