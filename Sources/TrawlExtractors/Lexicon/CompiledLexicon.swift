// Trawl — CompiledLexicon.swift
// A lexicon file compiled into the program by the LexiconCompiler plugin.

import TrawlLexiconFormat

/// A lexicon file's text, compiled into the program by the `LexiconCompiler` package plugin,
/// which checked it at build time.
///
/// The plugin generates one per `*.lexicon` file of a target, as `LexiconSources.NAME`, and the
/// matcher built from it on first use as `Lexicons.NAME` (see ``Lexicon/init(compiled:)``).
public struct CompiledLexicon: Sendable {
    /// The file's path relative to its target, e.g. `Lexicons/quotes/cues.fr.lexicon`.
    public let file: String
    /// The label of the phrases before any `@label` line: the file's name without extension.
    public let defaultLabel: String
    /// The file's text.
    public let text: String

    /// Creates a compiled lexicon; the generated code calls this.
    public init(file: String, defaultLabel: String, text: String) {
        self.file = file
        self.defaultLabel = defaultLabel
        self.text = text
    }

    /// The entries, parsed from ``text`` on each call.
    var entries: [LexiconEntry] {
        LexiconFormat.parse(text, file: file, defaultLabel: defaultLabel) { diagnostic in
            preconditionFailure("\(diagnostic) (the LexiconCompiler plugin checks this file at build time)")
        }
    }
}
