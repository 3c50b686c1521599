// Trawl — NERTrainingTests.swift
// Retrains the bundled entity models when TRAWL_TRAIN=1 (a driver, not a check); skipped otherwise.

import Foundation
import Testing
import Trawl
import TrawlExtractors

@Suite struct NERTrainingTests {
    /// `TRAWL_TRAIN=1 swift test -c release --filter NERTrainingTests` retrains `ner-fr.bin` and
    /// `ner-en.bin` from `../shared/data/ner` with the default settings (BIO tags, `2^19` rows,
    /// seed 20240611, at most 20 epochs, patience 4) and writes them to the resources folder.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TRAWL_TRAIN"] == "1"),
          arguments: [Language.french, .english])
    func retrainBundledModel(language: Language) throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = root.deletingLastPathComponent().appendingPathComponent("shared/data/ner").path
        let model = try NERTraining.train(trainFile: "\(data)/wikineural-\(language).train.jsonl.gz",
                                          devFile: "\(data)/wikineural-\(language).dev.jsonl.gz",
                                          language: language) { report in
            print("\(language) epoch \(report.epoch): train accuracy \(report.trainAccuracy), dev F1 "
                  + "\(report.dev?.micro.f1 ?? 0)\(report.isBest ? " (best)" : ""), \(report.seconds) s")
        }
        let out = root.appendingPathComponent("Sources/TrawlExtractors/Resources/ner-\(language).bin").path
        try model.write(to: out)
        print("wrote \(out)")
    }
}
