// Trawl — BuiltInExtractors.swift
// The registry of the extractors that ship with Trawl.

import Trawl

extension ExtractorRegistry {
    /// A registry holding every built-in extractor: `entities` (persons, organizations, places),
    /// `quantities`, `dates`, `quotes` (who said what), `roles` (person–title), and `lexicon` (user phrase lists, off by default). Add your own
    /// with ``ExtractorRegistry/register(_:)`` on a copy.
    public static var builtIn: ExtractorRegistry {
        var registry = ExtractorRegistry()
        registry.register(EntityExtractor.descriptor)
        registry.register(QuantityExtractor.descriptor)
        registry.register(DateExtractor.descriptor)
        registry.register(QuoteExtractor.descriptor)
        registry.register(RoleExtractor.descriptor)
        registry.register(LexiconExtractor.descriptor)
        return registry
    }
}
