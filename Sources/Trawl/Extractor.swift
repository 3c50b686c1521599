// Trawl — Extractor.swift
// The one protocol every extractor conforms to.

/// An extractor: reads a document and its analysis, adds annotations.
///
/// Conformers are values shared read-only by all worker threads, so they are `Sendable` and keep
/// no per-document state. Models and lexicons load once, when the extractor is made.
///
/// ```swift
/// struct TickerExtractor: Extractor {
///     var name: String { "tickers" }
///     var produces: Set<Layer> { [.mentions] }
///     func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws {
///         for token in analysis.tokens where token.flags.contains(.allCaps) { … }
///     }
/// }
/// ```
public protocol Extractor: Sendable {
    /// A stable name, used by the registry, the CLI and the output's provenance.
    var name: String { get }
    /// The layers this extractor reads; the engine runs their producers first. Default: none.
    var requires: Set<Layer> { get }
    /// The layers this extractor writes.
    var produces: Set<Layer> { get }
    /// The languages the extractor handles, or `nil` for any language. The engine skips the
    /// extractor on documents in other languages and records that it did. Default: `nil`.
    var languages: Set<Language>? { get }

    /// Adds this extractor's annotations for `document` to `annotations`.
    /// - Throws: any error; the engine records it in the document's output and goes on.
    func extract(_ document: Document, analysis: Analysis, into annotations: inout Annotations) throws
}

extension Extractor {
    /// No required layers.
    public var requires: Set<Layer> { [] }
    /// Any language.
    public var languages: Set<Language>? { nil }
}
