// INTERIM — being rewritten by the text-analysis work. Signature is fixed.
/// Splits UTF-8 text into tokens.
public enum Tokenizer {
    /// Appends the tokens of `text` to `tokens`.
    public static func tokenize(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) {
        var i = 0
        while i < text.count {
            while i < text.count, text[i] <= 0x20 { i += 1 }
            let start = i
            while i < text.count, text[i] > 0x20 { i += 1 }
            if i > start { tokens.append(Token(start: start, end: i, kind: .word)) }
        }
    }
}
