// Trawl — Engine.swift
// Validates a set of extractors, orders them by their layers, and runs them on documents.

/// Why an ``Engine`` could not be built from a list of extractors.
public struct EngineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the extractors involved.
    public let message: String
    /// The names of the extractors involved.
    public let extractors: [String]

    /// A readable explanation.
    public var description: String { message }

    static func duplicate(_ name: String) -> EngineError {
        EngineError(message: "two extractors are named '\(name)'", extractors: [name])
    }

    static func missingProducer(_ layer: Layer, requiredBy name: String) -> EngineError {
        EngineError(
            message: "extractor '\(name)' requires layer '\(layer)', which no selected extractor produces",
            extractors: [name])
    }

    static func cycle(_ names: [String]) -> EngineError {
        EngineError(
            message: "extractors depend on each other in a cycle: \(names.joined(separator: " → "))",
            extractors: names)
    }
}

/// A problem met while extracting from one document; the document still yields a result.
public struct ExtractionIssue: Hashable, Sendable {
    /// The extractor concerned.
    public var extractor: String
    /// What happened.
    public var message: String

    /// Creates an issue.
    public init(extractor: String, message: String) {
        self.extractor = extractor
        self.message = message
    }
}

/// The result of running the engine on one document.
public struct Extraction: Sendable {
    /// The document.
    public var document: Document
    /// Its analysis.
    public var analysis: Analysis
    /// What the extractors found.
    public var annotations: Annotations
    /// Errors thrown by extractors (the other extractors' results are kept).
    public var issues: [ExtractionIssue]
    /// Extractors not run because the document's language is not one they handle.
    public var skippedExtractors: [String]

    /// Creates an extraction.
    public init(document: Document, analysis: Analysis, annotations: Annotations,
                issues: [ExtractionIssue] = [], skippedExtractors: [String] = []) {
        self.document = document
        self.analysis = analysis
        self.annotations = annotations
        self.issues = issues
        self.skippedExtractors = skippedExtractors
    }
}

/// An immutable, thread-safe pipeline of extractors.
///
/// Built once from a list of extractors: it checks that every required layer has a producer and
/// that no dependency cycle exists, then runs the extractors in dependency order on each document.
/// Share one engine across all workers.
public struct Engine: Sendable {
    /// The extractors, in the order they run.
    public let extractors: [any Extractor]
    /// The analyzer that computes tokens, sentences and language before extraction.
    public let analyzer: TextAnalyzer

    /// Creates an engine.
    ///
    /// An extractor that requires a layer runs after every *other* extractor that produces it,
    /// so an extractor may refine a layer it also produces (it runs last among that layer's
    /// producers). Otherwise the given order is kept.
    ///
    /// - Throws: ``EngineError`` for duplicate names, a required layer that nothing produces, or
    ///   a dependency cycle.
    public init(extractors: [any Extractor], analyzer: TextAnalyzer = TextAnalyzer()) throws(EngineError) {
        var seen: Set<String> = []
        for extractor in extractors where !seen.insert(extractor.name).inserted {
            throw .duplicate(extractor.name)
        }
        // Edges: producer → consumer, for every required layer.
        var after: [[Int]] = Array(repeating: [], count: extractors.count)
        var inDegree = Array(repeating: 0, count: extractors.count)
        for (consumer, extractor) in extractors.enumerated() {
            for layer in extractor.requires.sorted(by: { $0.rawValue < $1.rawValue }) {
                let producers = extractors.indices.filter {
                    $0 != consumer && extractors[$0].produces.contains(layer)
                }
                if producers.isEmpty, !extractor.produces.contains(layer) {
                    throw .missingProducer(layer, requiredBy: extractor.name)
                }
                for producer in producers {
                    after[producer].append(consumer)
                    inDegree[consumer] += 1
                }
            }
        }
        // Kahn's algorithm, always taking the earliest ready extractor to keep the given order.
        var order: [Int] = []
        var ready = inDegree.indices.filter { inDegree[$0] == 0 }
        while let next = ready.min() {
            ready.removeAll { $0 == next }
            order.append(next)
            for consumer in after[next] {
                inDegree[consumer] -= 1
                if inDegree[consumer] == 0 { ready.append(consumer) }
            }
        }
        if order.count < extractors.count {
            throw .cycle(Engine.findCycle(after: after, among: inDegree.indices.filter { inDegree[$0] > 0 })
                .map { extractors[$0].name })
        }
        self.extractors = order.map { extractors[$0] }
        self.analyzer = analyzer
    }

    /// One cycle through the nodes left after a topological sort, for the error message.
    private static func findCycle(after: [[Int]], among nodes: [Int]) -> [Int] {
        let remaining = Set(nodes)
        var path: [Int] = []
        var position: [Int: Int] = [:]
        var node = nodes[0]
        while position[node] == nil {
            position[node] = path.count
            path.append(node)
            guard let next = after[node].first(where: remaining.contains) else { break }
            node = next
        }
        guard let start = position[node] else { return path }
        return Array(path[start...]) + [node]
    }

    /// Analyzes `document` and runs every extractor on it.
    ///
    /// An extractor that throws is recorded in ``Extraction/issues``; the others still run.
    /// Mentions that no extractor clustered become entities of their own, one per distinct
    /// label and text, so every mention appears in the output.
    public func process(_ document: Document) -> Extraction {
        var timings: EngineTimings? = nil
        return process(document, timings: &timings)
    }

    /// Like ``process(_:)``, adding the CPU time (``ThreadCPUTime``) spent in the analysis and in
    /// each extractor to `timings` when it is not `nil` (for `trawl bench`).
    public func process(_ document: Document, timings: inout EngineTimings?) -> Extraction {
        var mark = timings == nil ? .zero : ThreadCPUTime.now()
        func lap(_ record: (inout EngineTimings, Duration) -> Void) {
            guard timings != nil else { return }
            let now = ThreadCPUTime.now()
            record(&timings!, now - mark)
            mark = now
        }
        let analysis = analyzer.analyze(document)
        lap { $0.analysis += $1 }
        var annotations = Annotations()
        var issues: [ExtractionIssue] = []
        var skipped: [String] = []
        for (index, extractor) in extractors.enumerated() {
            if let languages = extractor.languages, !languages.contains(analysis.language) {
                skipped.append(extractor.name)
                continue
            }
            do {
                try extractor.extract(document, analysis: analysis, into: &annotations)
            } catch {
                issues.append(ExtractionIssue(extractor: extractor.name, message: String(describing: error)))
            }
            lap { $0.extractors[index] += $1 }
        }
        Engine.clusterUnassignedMentions(&annotations, analysis: analysis)
        lap { $0.finishing += $1 }
        return Extraction(document: document, analysis: analysis, annotations: annotations,
                          issues: issues, skippedExtractors: skipped)
    }

    /// Fresh, zeroed timings for this engine's extractors.
    public func makeTimings() -> EngineTimings {
        EngineTimings(extractors: Array(repeating: .zero, count: extractors.count))
    }

    /// Groups mentions that belong to no entity by (label, exact text) into new entities,
    /// numbered on from the entities already there (`e1`… are assumed taken).
    public static func clusterUnassignedMentions(_ annotations: inout Annotations, analysis: Analysis) {
        var assigned = Array(repeating: false, count: annotations.mentions.count)
        for entity in annotations.entities {
            for index in entity.mentions where index < assigned.count { assigned[index] = true }
        }
        var nextNumber = annotations.entities.count + 1
        var byKey: [String: Int] = [:]
        for (index, mention) in annotations.mentions.enumerated() where !assigned[index] {
            let text = analysis.string(mention.span)
            let key = mention.label + "\u{0}" + text
            if let entityIndex = byKey[key] {
                annotations.entities[entityIndex].mentions.append(index)
            } else {
                byKey[key] = annotations.entities.count
                annotations.entities.append(Entity(id: "e\(nextNumber)", label: mention.label, name: text,
                                                   mentions: [index], extractor: mention.extractor))
                nextNumber += 1
            }
        }
    }
}

/// CPU time spent per stage by ``Engine/process(_:timings:)``, summed over documents.
public struct EngineTimings: Sendable {
    /// Tokenizer, sentence splitter and language identification.
    public var analysis: Duration = .zero
    /// Each extractor, in ``Engine/extractors`` order.
    public var extractors: [Duration]
    /// Clustering of unassigned mentions.
    public var finishing: Duration = .zero

    /// Adds another run's timings.
    public mutating func add(_ other: EngineTimings) {
        analysis += other.analysis
        finishing += other.finishing
        for index in extractors.indices where index < other.extractors.count {
            extractors[index] += other.extractors[index]
        }
    }
}
