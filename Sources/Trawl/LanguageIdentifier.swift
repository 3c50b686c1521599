// INTERIM — being rewritten by the text-analysis work. Signature is fixed.
/// Identifies the language of a text.
public enum LanguageIdentifier {
    /// The most likely language of `text` and a confidence in 0...1.
    public static func identify(_ text: UnsafeBufferPointer<UInt8>, tokens: [Token]) -> (language: Language, confidence: Double) {
        (.undetermined, 0)
    }
}
