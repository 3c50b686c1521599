// Trawl — ExtractorRegistry.swift
// Names → factories, so the CLI and library users can pick extractors by name.

/// Settings passed to an extractor factory: named lists of values, typically from the command
/// line (`--lexicon FILE` arrives as `["lexicon": ["FILE"]]`).
public struct ExtractorOptions: Sendable, Hashable {
    /// The values, by option name.
    public var values: [String: [String]]

    /// Creates options.
    public init(_ values: [String: [String]] = [:]) { self.values = values }

    /// The values given for `name` (empty when none).
    public subscript(name: String) -> [String] { values[name] ?? [] }
}

/// A registered extractor: its name, what it does, and how to make it.
public struct ExtractorDescriptor: Sendable {
    /// The extractor's name.
    public var name: String
    /// One line saying what it finds.
    public var summary: String
    /// The layers it requires.
    public var requires: Set<Layer>
    /// The layers it produces.
    public var produces: Set<Layer>
    /// The languages it handles, or `nil` for any.
    public var languages: Set<Language>?
    /// Whether it runs when the user selects no extractors explicitly. Extractors that need
    /// configuration (a lexicon file) are not on by default.
    public var isDefault: Bool
    /// Makes the extractor; loads its models once.
    public var make: @Sendable (ExtractorOptions) throws -> any Extractor

    /// Creates a descriptor.
    public init(name: String, summary: String, requires: Set<Layer> = [], produces: Set<Layer>,
                languages: Set<Language>? = nil, isDefault: Bool = true,
                make: @escaping @Sendable (ExtractorOptions) throws -> any Extractor) {
        self.name = name
        self.summary = summary
        self.requires = requires
        self.produces = produces
        self.languages = languages
        self.isDefault = isDefault
        self.make = make
    }
}

/// Why a registry could not resolve a selection of extractors.
public struct RegistryError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// A readable explanation.
    public var description: String { message }
    /// Creates an error.
    public init(_ message: String) { self.message = message }
}

/// Maps extractor names to descriptors. A value: build one, register into it, pass it on.
///
/// The built-in extractors live in `TrawlExtractors` (`ExtractorRegistry.builtIn`); a user's
/// package adds its own with ``register(_:)`` and hands the registry to the CLI's runner.
public struct ExtractorRegistry: Sendable {
    /// The descriptors in registration order.
    public private(set) var descriptors: [ExtractorDescriptor] = []

    /// Creates an empty registry.
    public init() {}

    /// Adds an extractor, or replaces the one registered under the same name.
    public mutating func register(_ descriptor: ExtractorDescriptor) {
        if let index = descriptors.firstIndex(where: { $0.name == descriptor.name }) {
            descriptors[index] = descriptor
        } else {
            descriptors.append(descriptor)
        }
    }

    /// The descriptor registered under `name`.
    public subscript(name: String) -> ExtractorDescriptor? {
        descriptors.first { $0.name == name }
    }

    /// Makes the extractors named in `names` (all default ones when `names` is empty), in
    /// registration order.
    /// - Throws: ``RegistryError`` naming an unknown extractor and listing the known ones, or the
    ///   error of a factory that failed (a missing lexicon file, a corrupt model).
    public func makeExtractors(named names: [String] = [], options: ExtractorOptions = ExtractorOptions())
        throws -> [any Extractor]
    {
        let selected: [ExtractorDescriptor]
        if names.isEmpty {
            selected = descriptors.filter(\.isDefault)
        } else {
            for name in names where self[name] == nil {
                let known = descriptors.map(\.name).joined(separator: ", ")
                throw RegistryError("unknown extractor '\(name)' (known: \(known))")
            }
            let wanted = Set(names)
            selected = descriptors.filter { wanted.contains($0.name) }
        }
        return try selected.map { try $0.make(options) }
    }
}
