// Trawl — LexiconExtractor.swift
// Labelled phrase lists as an extractor: every match becomes a mention with the entry's label.

import Trawl

/// Finds the phrases of one or more lexicons and adds them as mentions.
///
/// Registered as `lexicon`; the CLI passes lexicon files with `--lexicon FILE` (repeatable).
public struct LexiconExtractor: Extractor {
    /// `lexicon`, or the name given at creation.
    public let name: String
    /// Mentions.
    public var produces: Set<Layer> { [.mentions] }
    /// The compiled phrases.
    public let lexicon: Lexicon

    /// Creates an extractor from a compiled lexicon.
    public init(name: String = "lexicon", lexicon: Lexicon) {
        self.name = name
        self.lexicon = lexicon
    }

    /// Loads and merges lexicon files.
    /// - Throws: ``LexiconError`` for an unreadable or malformed file.
    public init(name: String = "lexicon", files: [String]) throws(LexiconError) {
        var merged = Lexicon()
        for file in files {
            let loaded = try Lexicon(contentsOf: file)
            for entry in loaded.entries {
                merged.add(phrase: entry.phrase, label: entry.label, caseSensitive: entry.caseSensitive)
            }
        }
        self.init(name: name, lexicon: merged)
    }

    /// Adds one mention per non-overlapping, longest match.
    public func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) {
        for match in lexicon.matches(in: analysis) {
            annotations.mentions.append(Mention(span: match.span, label: lexicon.entries[match.entry].label,
                                                extractor: name))
        }
    }

    /// The registry entry: not run by default, since it needs `--lexicon FILE`.
    public static let descriptor = ExtractorDescriptor(
        name: "lexicon",
        summary: "phrases from user lexicon files (--lexicon FILE): longest match on token boundaries",
        produces: [.mentions],
        isDefault: false,
        make: { options in
            let files = options["lexicon"]
            guard !files.isEmpty else {
                throw RegistryError("the 'lexicon' extractor needs at least one --lexicon FILE")
            }
            return try LexiconExtractor(files: files)
        })
}
