// Trawl — PipelineTests.swift
// Ordered, bounded parallel processing.

import Testing
@testable import Trawl

@Suite struct PipelineTests {
    private func items(_ count: Int) -> [SourceItem] {
        (0..<count).map { index in
            if index % 7 == 3 {
                return .failure(DocumentFailure(id: "\(index)", source: DocumentSource(), kind: "test", message: ""))
            }
            if index % 11 == 5 { return .skipped("request") }
            return .document(RawDocument(id: "\(index)", source: DocumentSource(), bytes: Array(repeating: 65, count: index % 5 * 1000), format: .text))
        }
    }

    @Test(arguments: [1, 2, 4])
    func deliversEveryOutcomeInInputOrder(jobs: Int) {
        let input = items(500)
        var delivered: [String] = []
        var skipped = 0
        let process: @Sendable (RawDocument) -> DocumentOutcome = { raw in
            // Uneven work so that workers finish out of order.
            var sum = 0
            for byte in raw.bytes { sum &+= Int(byte) }
            return .failed(DocumentFailure(id: raw.id, source: raw.source, kind: "ok", message: "\(sum)"))
        }
        Pipeline(jobs: jobs, window: 8).run(input, process: process, skip: { _ in skipped += 1 }) { outcome in
            if case .failed(let failure) = outcome { delivered.append(failure.id) }
        }
        let expected = input.compactMap { item -> String? in
            switch item {
            case .document(let raw): raw.id
            case .failure(let failure): failure.id
            case .skipped: nil
            }
        }
        #expect(delivered == expected)
        #expect(skipped == input.count - expected.count)
    }
}
