// Trawl — Pipeline.swift
// Parallel processing over documents: bounded window, results in input order.

import Foundation

/// An input that could not become a document: it still appears in the output as an error record.
public struct DocumentFailure: Error, Hashable, Sendable, CustomStringConvertible {
    /// The identifier of the input (path, or path and record offset).
    public var id: String
    /// Where it came from.
    public var source: DocumentSource
    /// A short machine-readable kind: `unreadable`, `binary`, `empty`, `decoding`, `parse`,
    /// `truncated`, `corrupt`, `too_large`…
    public var kind: String
    /// A human-readable reason.
    public var message: String

    /// Creates a failure.
    public init(id: String, source: DocumentSource, kind: String, message: String) {
        self.id = id
        self.source = source
        self.kind = kind
        self.message = message
    }

    /// `id: kind: message`.
    public var description: String { "\(id): \(kind): \(message)" }
}

/// What a source yields: a raw document, an input that failed before it became one, or a
/// record deliberately skipped (a WARC request record, an image) that is counted, not output.
public enum SourceItem: Sendable {
    /// A raw document to read and extract from.
    case document(RawDocument)
    /// An input that could not be read; it becomes an error record.
    case failure(DocumentFailure)
    /// A record skipped on purpose, with the reason it is counted under (`request`, `image/png`…).
    case skipped(String)
}

/// The outcome for one input: a result, or an error record.
public enum DocumentOutcome: Sendable {
    /// Extraction succeeded (possibly with per-extractor issues).
    case extracted(Extraction)
    /// The input could not be read or decoded.
    case failed(DocumentFailure)
}

/// Runs a per-document function over a stream of inputs on several threads, delivering the
/// outcomes in input order while holding at most `window` documents in memory.
public struct Pipeline: Sendable {
    /// Number of worker threads.
    public let jobs: Int
    /// Maximum number of documents read but not yet delivered.
    public let window: Int

    /// Creates a pipeline.
    /// - Parameters:
    ///   - jobs: worker threads; defaults to the number of active processors.
    ///   - window: documents in flight at most; defaults to 8 per worker.
    public init(jobs: Int? = nil, window: Int? = nil) {
        let jobs = max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount)
        self.jobs = jobs
        self.window = max(1, window ?? jobs * 8)
    }

    /// Processes every item of `items`.
    ///
    /// `items` is consumed on the calling thread; `process` runs on the workers; `deliver` runs
    /// on the calling thread in input order, once per document or failure, and `skip` once per
    /// skipped record.
    public func run<Items: Sequence>(
        _ items: Items,
        process: @escaping @Sendable (RawDocument) -> DocumentOutcome,
        skip: (String) -> Void = { _ in },
        deliver: (DocumentOutcome) -> Void
    ) where Items.Element == SourceItem {
        if jobs == 1 {
            for item in items {
                switch item {
                case .document(let raw): deliver(process(raw))
                case .failure(let failure): deliver(.failed(failure))
                case .skipped(let reason): skip(reason)
                }
            }
            return
        }
        let state = WorkQueue()
        for index in 0..<jobs {
            let thread = Thread {
                while let (slot, raw) = state.take() {
                    state.finish(slot, process(raw))
                }
            }
            thread.name = "trawl-worker-\(index)"
            thread.stackSize = 8 << 20
            thread.start()
        }
        var next = 0
        var submitted = 0
        for item in items {
            if case .skipped(let reason) = item {
                skip(reason)
                continue
            }
            // Keep at most `window` documents in flight: deliver (waiting if need be) first.
            while submitted - next >= window, let outcome = state.takeDelivered(next, wait: true) {
                deliver(outcome)
                next += 1
            }
            switch item {
            case .document(let raw): state.submit(raw)
            case .failure(let failure): state.submitDone(.failed(failure))
            case .skipped: break
            }
            submitted += 1
            while let outcome = state.takeDelivered(next, wait: false) {
                deliver(outcome)
                next += 1
            }
        }
        state.close()
        while let outcome = state.takeDelivered(next, wait: true) {
            deliver(outcome)
            next += 1
        }
    }
}

/// The shared state of a ``Pipeline`` run: a ring of slots, guarded by one condition.
private final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [(Int, RawDocument)] = []
    private var results: [Int: DocumentOutcome] = [:]
    private var submitted = 0
    private var closed = false

    /// Queues `raw` for a worker (the caller keeps the window bounded).
    func submit(_ raw: RawDocument) {
        condition.lock()
        pending.append((submitted, raw))
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// Queues an outcome that needs no work (a source failure), keeping its place in the order.
    func submitDone(_ outcome: DocumentOutcome) {
        condition.lock()
        results[submitted] = outcome
        submitted += 1
        condition.broadcast()
        condition.unlock()
    }

    /// A worker's next job, or `nil` once the queue is closed and drained.
    func take() -> (Int, RawDocument)? {
        condition.lock()
        defer { condition.unlock() }
        while pending.isEmpty {
            if closed { return nil }
            condition.wait()
        }
        // At most a window of jobs is pending, so removing the first is cheap; keeping taken
        // jobs in the array would hold their bytes alive long after they were processed.
        return pending.removeFirst()
    }

    func finish(_ slot: Int, _ outcome: DocumentOutcome) {
        condition.lock()
        results[slot] = outcome
        condition.broadcast()
        condition.unlock()
    }

    /// The outcome of slot `index` if ready; with `wait`, blocks until it is, or returns `nil`
    /// when everything submitted has been delivered.
    func takeDelivered(_ index: Int, wait: Bool) -> DocumentOutcome? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let outcome = results.removeValue(forKey: index) {
                return outcome
            }
            if !wait || (closed && index >= submitted) { return nil }
            condition.wait()
        }
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
