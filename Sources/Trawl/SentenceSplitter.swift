// INTERIM — being rewritten by the text-analysis work. Signature is fixed.
/// Groups tokens into sentences.
public enum SentenceSplitter {
    /// Appends the sentences of `text` to `sentences`.
    public static func split(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token], into sentences: inout [Sentence]) {
        guard let first = tokens.first, let last = tokens.last else { return }
        sentences.append(Sentence(span: Span(Int(first.start), Int(last.end)), tokens: 0..<tokens.count))
    }
}
