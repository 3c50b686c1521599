// Trawl — LanguageIdentifier.swift
// Identifies French, English, German, Spanish or Italian from function words and letters.

/// Identifies the language of a document among French, English, German, Spanish and Italian.
///
/// Each word token of the first ``sampleBytes`` bytes adds evidence: a function word of
/// `FunctionWords` one point, shared among the languages that have it (`la` counts for French,
/// Spanish and Italian); a typical letter (`é ç œ` French, `ß ä ö ü` German, `ñ á í ó ú ¿ ¡`
/// Spanish, `ì ò` Italian, `à è ù` French or Italian) half a point; a typical ending (`-ción`,
/// `-zione`, `-ung`, `-ness`, `-eux`) a quarter; a final `à` or `ù` in a word that is not a
/// function word (`città`, `più`) counts as Italian. URLs, e-mail addresses and numbers are ignored.
/// The answer is ``Language/undetermined`` when the best language has fewer than
/// ``minimumEvidence`` points or ``minimumDensity`` points per word, when the runner-up has more
/// than ``maximumRunnerUpRatio`` of its score, when most words are in a script other than Latin,
/// or when the text scores best as Portuguese (scored only so that it is not taken for Spanish).
public enum LanguageIdentifier {
    /// Only tokens starting in the first this many bytes are read.
    public static let sampleBytes = 32 * 1024
    /// The fewest points the best language needs.
    public static let minimumEvidence = 1.5
    /// The fewest points per word the best language needs (function words make up a third or
    /// more of the words of running text; another language matches only by chance).
    public static let minimumDensity = 0.1
    /// The largest share of the best score the runner-up may have.
    public static let maximumRunnerUpRatio = 0.7

    /// The most likely language of `text` and a confidence in 0...1.
    ///
    /// The confidence grows with the lead over the runner-up and with the amount of evidence:
    /// `(best - second) / best * best / (best + 4)`.
    /// - Parameters:
    ///   - text: The text the tokens index.
    ///   - tokens: The tokens of `text`, from ``Tokenizer``.
    /// - Complexity: O(n) in the tokens of the sample.
    public static func identify(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token]) -> (language: Language, confidence: Double) {
        let table = FunctionWords.table
        let suffixes = FunctionWords.suffixes
        var scores: (Double, Double, Double, Double, Double, Double) = (0, 0, 0, 0, 0, 0)
        func add(_ mask: UInt8, _ weight: Double) {
            let share = weight / Double(mask.nonzeroBitCount)
            if mask & 1 != 0 { scores.0 += share }
            if mask & 2 != 0 { scores.1 += share }
            if mask & 4 != 0 { scores.2 += share }
            if mask & 8 != 0 { scores.3 += share }
            if mask & 16 != 0 { scores.4 += share }
            if mask & 32 != 0 { scores.5 += share }
        }
        var latinWords = 0, otherWords = 0
        for token in tokens {
            let start = Int(token.start), end = Int(token.end)
            if start >= sampleBytes { break }
            guard token.kind == .word else { continue }
            let lead = text[start]
            if lead >= 0xC9, lead != 0xE1 {  // beyond Latin Extended-B, except Latin Extended Additional
                otherWords += 1
                continue
            }
            latinWords += 1
            // Half the words are function words: most lookups hit, so short ASCII words skip the filter.
            let functionWord = if let word = ByteStringTable.foldedASCIIWord(text, start..<end) {
                table.value(ofFoldedWord: word, count: end - start)
            } else {
                table.value(text, start..<end, .fold)
            }
            if let mask = functionWord {
                add(mask, 1)
            } else if end - start >= 4, text[end - 2] == 0xC3, text[end - 1] == 0xA0 || text[end - 1] == 0xB9 {
                add(FunctionWords.Bits.italian, 0.75)  // città, più (French has only déjà, là, où)
            } else if end - start >= 5, suffixes.mayEnd(text, at: end) {
                for length in stride(from: min(6, end - start - 3), through: 2, by: -1)
                where text[end - length] & 0xC0 != 0x80 {
                    if let mask = suffixes.value(text, (end - length)..<end, .fold) {
                        add(mask, 0.25)
                        break
                    }
                }
            }
            if token.flags.contains(.nonASCII) {
                var i = start
                while i + 1 < end {
                    let mask = FunctionWords.letterEvidence(text[i], text[i + 1])
                    if mask != 0 { add(mask, 0.5) }
                    i += 1
                }
            }
        }
        guard latinWords > otherWords else { return (.undetermined, 0) }
        let all = [scores.0, scores.1, scores.2, scores.3, scores.4, scores.5]
        var best = 0
        for k in 1..<all.count where all[k] > all[best] { best = k }
        let second = all.enumerated().filter { $0.offset != best }.map(\.element).max() ?? 0
        let top = all[best]
        guard top >= minimumEvidence, top >= minimumDensity * Double(latinWords), second <= top * maximumRunnerUpRatio,
              FunctionWords.languages[best] != .undetermined
        else {
            return (.undetermined, 0)
        }
        let confidence = (top - second) / top * top / (top + 4)
        return (FunctionWords.languages[best], confidence)
    }
}
