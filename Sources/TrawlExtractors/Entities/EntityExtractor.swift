// Trawl — EntityExtractor.swift
// The `entities` extractor: tagger, news rules, document consistency and entity clustering.

import Trawl

/// Finds persons, organizations and places (`PER`, `ORG`, `LOC`; `MISC` on request) in French
/// and English text, and groups their mentions into document-level entities.
///
/// Per sentence, an averaged-perceptron tagger (``NERModel``) proposes BIO spans; news
/// conventions then correct them with the bundled lexicons (titles and honorifics out of names,
/// organisation acronyms and cue words, portfolios after "ministre de"), the labels of one string
/// are made consistent across the document, and mentions are clustered ("Hussein" joins
/// "Fuad Hussein").
public struct EntityExtractor: Extractor {
    /// The registry entry: `entities`, on by default, for `fr`, `en` and undetermined text.
    ///
    /// Options: `include-misc` (`true`/`false`), `language` (the model used when the language is
    /// undetermined, `fr` by default; `none` to skip such documents).
    public static let descriptor = ExtractorDescriptor(
        name: "entities",
        summary: "persons, organizations and places (PER, ORG, LOC) and document-level entities, French and English",
        produces: [.mentions, .entities],
        languages: [.french, .english, .undetermined],
        make: { options in try EntityExtractor(options: options) })

    /// `entities`.
    public var name: String { "entities" }
    /// Mentions and the entities that group them.
    public var produces: Set<Layer> { [.mentions, .entities] }
    /// French, English, and undetermined text (tagged with ``undeterminedLanguage``'s model).
    public var languages: Set<Language>? { [.french, .english, .undetermined] }

    /// Whether `MISC` mentions are output.
    public let includeMisc: Bool
    /// The model used when the analysis says `und`; `nil` to produce nothing then.
    public let undeterminedLanguage: Language?

    private let pipelines: [Language: EntityPipeline]

    /// Creates the extractor with the bundled French and English models and lexicons.
    /// - Throws: ``NERModelError`` when a bundled model is corrupt or missing.
    public init(includeMisc: Bool = false, undeterminedLanguage: Language? = .french) throws {
        var models: [NERModel] = []
        for language in [Language.french, .english] {
            guard let model = try NERModel.bundled(for: language) else {
                throw NERModelError("no bundled entity model for '\(language)'")
            }
            models.append(model)
        }
        self.init(models: models, includeMisc: includeMisc, undeterminedLanguage: undeterminedLanguage)
    }

    /// Creates the extractor with the given models (one per language) and the bundled lexicons.
    public init(models: [NERModel], includeMisc: Bool = false, undeterminedLanguage: Language? = .french) {
        var pipelines: [Language: EntityPipeline] = [:]
        for model in models {
            pipelines[model.language] = EntityPipeline(model: model, lexicon: .bundled(for: model.language))
        }
        self.pipelines = pipelines
        self.includeMisc = includeMisc
        self.undeterminedLanguage = undeterminedLanguage
    }

    /// Creates the extractor from registry options (`include-misc`, `language`).
    init(options: ExtractorOptions) throws {
        let misc = options["include-misc"].last.map { ["true", "yes", "1"].contains($0.lowercased()) } ?? false
        let fallback = options["language"].last
        try self.init(includeMisc: misc,
                      undeterminedLanguage: fallback == "none" ? nil : Language(rawValue: fallback ?? "fr"))
    }

    /// Tags the document, applies the news rules, and adds its mentions (in text order) and
    /// entities (ids continuing the numbering already in `annotations`).
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
        let language = analysis.language == .undetermined ? undeterminedLanguage : analysis.language
        guard let language, let pipeline = pipelines[language] else { return }
        var entityDocument = pipeline.tag(analysis)
        entityDocument.applyRules()
        entityDocument.harmonize()
        if !includeMisc, let misc = entityDocument.labels.misc {
            entityDocument.spans.removeAll { $0.label == misc }
        }
        entityDocument.cluster(into: &annotations, analysis: analysis, extractor: name)
    }
}

/// One language's model and lexicon.
struct EntityPipeline: Sendable {
    let model: NERModel
    let lexicon: EntityLexicon
    /// The per-thread caches of scanned words, marked with the model's vocabulary.
    let words: CachePool<NERWordCache>

    /// Creates the pipeline of `model` and `lexicon`.
    init(model: NERModel, lexicon: EntityLexicon) {
        self.model = model
        self.lexicon = lexicon
        words = CachePool()
    }

    /// Splits the analysis into tagger tokens, tags each sentence and decodes the spans.
    func tag(_ analysis: Analysis) -> EntityDocument {
        let labels = EntityLabels(model.labels)
        var document = words.withCache(making: { NERWordCache(vocabulary: model.vocabulary, lexicon: lexicon) }) {
            EntityDocument(analysis: analysis, words: $0, labels: labels, language: model.language)
        }
        var tags = [Int32](repeating: 0, count: document.units.count)
        var spans: [NERSpan] = []
        document.infos.withUnsafeMutableBufferPointer { infos in
            tags.withUnsafeMutableBufferPointer { tags in
                model.tag(UnsafeBufferPointer(infos), sentences: document.sentences, into: tags)
                for sentence in document.sentences {
                    let sentenceTags = UnsafeBufferPointer(rebasing: tags[sentence])
                    model.tagSet.spans(sentenceTags, offset: sentence.lowerBound, into: &spans)
                }
            }
        }
        document.spans = spans
        return document
    }
}

/// A tagger token: a token of the analysis, or part of one (a glued elision split off).
struct NERUnit: Hashable, Sendable {
    /// First byte.
    var start: Int
    /// One past the last byte.
    var end: Int
    /// The tokenizer says it is a URL or an e-mail address.
    var isLink: Bool
    /// A word that follows another word with no space between them (`IrakLe`, split by the
    /// tokenizer): text glued when a page lost its line breaks.
    var isGlued: Bool
}

/// The indices of the standard labels in a model's label list.
struct EntityLabels: Sendable {
    /// The labels.
    let names: [String]
    /// `PER`, `ORG`, `MISC`, when the model has them.
    let person: Int?, organization: Int?, misc: Int?

    init(_ names: [String]) {
        self.names = names
        person = names.firstIndex(of: "PER")
        organization = names.firstIndex(of: "ORG")
        misc = names.firstIndex(of: "MISC")
    }
}
