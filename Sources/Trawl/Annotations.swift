// Trawl — Annotations.swift
// What extractors produce: mentions, entities, quantities, dates and relations.

/// A named annotation layer. Extractors declare the layers they require and produce, and the
/// ``Engine`` orders them by those declarations.
public struct Layer: Hashable, Sendable, RawRepresentable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    /// The layer's name.
    public var rawValue: String
    /// Creates a layer from its name.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// Creates a layer from a name literal.
    public init(stringLiteral value: String) { self.rawValue = value }
    /// The layer's name.
    public var description: String { rawValue }

    /// Labelled mentions (``Mention``): persons, organizations, places, custom labels.
    public static let mentions: Layer = "mentions"
    /// Document-level entities (``Entity``) clustering mentions.
    public static let entities: Layer = "entities"
    /// Quantities (``Quantity``).
    public static let quantities: Layer = "quantities"
    /// Dates and times (``DateMention``).
    public static let dates: Layer = "dates"
    /// Relations (``Relation``): `said`, `role`, custom types.
    public static let relations: Layer = "relations"
}

/// A labelled span: a person, organization, place or custom-labelled phrase.
public struct Mention: Hashable, Sendable {
    /// Where the mention is.
    public var span: Span
    /// Its label: `PER`, `ORG`, `LOC`, `MISC` or a custom one.
    public var label: String
    /// The name of the extractor that produced it.
    public var extractor: String

    /// Creates a mention.
    public init(span: Span, label: String, extractor: String) {
        self.span = span
        self.label = label
        self.extractor = extractor
    }
}

/// A document-level entity: mentions of one referent, with a canonical name.
public struct Entity: Hashable, Sendable {
    /// The entity's id within the document (`e1`, `e2`, …), used by relations.
    public var id: String
    /// Its label.
    public var label: String
    /// Its canonical name, the fullest form among its mentions ("Fuad Hussein").
    public var name: String
    /// Indices of its mentions in ``Annotations/mentions``.
    public var mentions: [Int]
    /// The name of the extractor that formed it.
    public var extractor: String

    /// Creates an entity.
    public init(id: String, label: String, name: String, mentions: [Int], extractor: String) {
        self.id = id
        self.label = label
        self.name = name
        self.mentions = mentions
        self.extractor = extractor
    }
}

/// A quantity: a number with what it counts or measures.
public struct Quantity: Hashable, Sendable {
    /// Where the quantity is (number, unit and counted noun together).
    public var span: Span
    /// What kind of quantity: `number`, `percent`, `money`, `dimension`, `temperature`, `age`,
    /// `duration`, `count`, `ordinal`, `fraction`…
    public var kind: String
    /// The numeric value (the lower bound of a range).
    public var value: Double?
    /// The upper bound, for ranges ("entre 10 et 20").
    public var upperValue: Double?
    /// The normalised unit (`EUR`, `USD`, `km`, `%`…), if any.
    public var unit: String?
    /// The counted noun ("soldats" in "3 000 soldats"), if any.
    public var counted: String?
    /// Whether the text marks the value as approximate ("environ", "about", "plus de").
    public var approximate: Bool
    /// The name of the extractor that produced it.
    public var extractor: String

    /// Creates a quantity.
    public init(span: Span, kind: String, value: Double?, upperValue: Double? = nil, unit: String? = nil,
                counted: String? = nil, approximate: Bool = false, extractor: String) {
        self.span = span
        self.kind = kind
        self.value = value
        self.upperValue = upperValue
        self.unit = unit
        self.counted = counted
        self.approximate = approximate
        self.extractor = extractor
    }
}

/// A date or time expression with its ISO 8601 value.
public struct DateMention: Hashable, Sendable {
    /// Where the expression is.
    public var span: Span
    /// The ISO 8601 value (`2020-08`, `2021-04-07`, `2021-04-07T10:30`), when resolved.
    public var value: String?
    /// The granularity of `value`: `year`, `month`, `day`, `time`, …
    public var granularity: String?
    /// For relative expressions ("juin dernier", "yesterday"), a normalised relative form
    /// (`-1 day`, `last month=6`), kept also when resolved.
    public var relative: String?
    /// The name of the extractor that produced it.
    public var extractor: String

    /// Creates a date mention.
    public init(span: Span, value: String?, granularity: String? = nil, relative: String? = nil,
                extractor: String) {
        self.span = span
        self.value = value
        self.granularity = granularity
        self.relative = relative
        self.extractor = extractor
    }
}

/// The value of one argument of a ``Relation``.
public enum RelationArgument: Hashable, Sendable {
    /// An entity, by its id (`e1`).
    case entity(String)
    /// A span of the text (a cue, a quote, a speaker that is not a named entity).
    case span(Span)
    /// A free value (a normalised role name).
    case text(String)
    /// A yes/no attribute (`direct`).
    case flag(Bool)
}

/// A typed relation with named arguments: `said(speaker, cue, quote, direct)`, `role(person, role)`.
public struct Relation: Hashable, Sendable {
    /// The relation type: `said`, `role` or a custom one.
    public var type: String
    /// The arguments in a stable order.
    public var arguments: [Argument]
    /// The name of the extractor that produced it.
    public var extractor: String

    /// One named argument.
    public struct Argument: Hashable, Sendable {
        /// The argument's name (`speaker`, `quote`…).
        public var name: String
        /// Its value.
        public var value: RelationArgument
        /// Creates an argument.
        public init(_ name: String, _ value: RelationArgument) {
            self.name = name
            self.value = value
        }
    }

    /// Creates a relation.
    public init(type: String, arguments: [Argument], extractor: String) {
        self.type = type
        self.arguments = arguments
        self.extractor = extractor
    }

    /// The value of the argument named `name`, if present.
    public subscript(name: String) -> RelationArgument? {
        arguments.first { $0.name == name }?.value
    }
}

/// Everything the extractors found in one document, layer by layer.
public struct Annotations: Sendable {
    /// Labelled mentions, in the order extractors added them.
    public var mentions: [Mention] = []
    /// Document-level entities.
    public var entities: [Entity] = []
    /// Quantities.
    public var quantities: [Quantity] = []
    /// Dates and times.
    public var dates: [DateMention] = []
    /// Relations.
    public var relations: [Relation] = []

    /// Creates empty annotations.
    public init() {}
}
