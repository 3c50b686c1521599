// Trawl — QuantityDocumentScan.swift
// One scan of a document (items, lexicon entries, dates) shared by the quantity and date extractors.

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Trawl

/// The item stream and the dates of one document. The quantity extractor needs the dates (years
/// and dates are not quantities) and the date extractor needs the same items, so when both run
/// on a document it is scanned once: the last scan is kept per thread and reused when the next
/// call is for the same text (the same storage of ``Analysis/bytes``, which the scan retains, so
/// an identical address means identical bytes), language and reference date.
final class QDocumentScan {
    /// The text (retained: its storage address identifies it).
    let bytes: [UInt8]
    /// The analysis's language, as given.
    let language: Language
    /// The reference date, as given.
    let reference: String?
    /// French rules, or English ones.
    let french: Bool
    /// The items, with their lexicon entries.
    let items: [QItem]
    /// The dates, resolved against `reference`.
    let dates: [QDateMatch]

    private init(_ analysis: Analysis, reference: String?) {
        bytes = analysis.bytes
        language = analysis.language
        self.reference = reference
        let french = QLanguage.isFrench(analysis)
        self.french = french
        let lex = french ? QLexicon.french : QLexicon.english
        var items: [QItem] = []
        bytes.withUnsafeBufferPointer { QScanner.scan($0, french: french, into: &items) }
        lex.annotate(&items)
        self.items = items
        dates = bytes.withUnsafeBufferPointer { buffer in
            DateScanner(items: items, bytes: buffer, lex: lex, french: french, reference: QCivilDate(iso: reference)).scan()
        }
    }

    /// Whether this scan is of `analysis`'s text, language and `reference`.
    private func matches(_ analysis: Analysis, reference: String?) -> Bool {
        guard analysis.bytes.count == bytes.count, analysis.language == language, self.reference == reference else { return false }
        let mine = bytes.withUnsafeBufferPointer { $0.baseAddress }
        let theirs = analysis.bytes.withUnsafeBufferPointer { $0.baseAddress }
        return mine == theirs
    }

    /// The scan of `analysis`'s text: this thread's last one if it is of the same text, else a new one.
    static func of(_ analysis: Analysis, reference: String?) -> QDocumentScan {
        if let raw = pthread_getspecific(key) {
            let last = Unmanaged<QDocumentScan>.fromOpaque(raw).takeUnretainedValue()
            if last.matches(analysis, reference: reference) { return last }
            Unmanaged<QDocumentScan>.fromOpaque(raw).release()
        }
        let scan = QDocumentScan(analysis, reference: reference)
        pthread_setspecific(key, Unmanaged.passRetained(scan).toOpaque())
        return scan
    }

    /// The thread-local slot; its destructor releases a thread's last scan when the thread ends.
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        #if canImport(Darwin)
        pthread_key_create(&key) { raw in Unmanaged<QDocumentScan>.fromOpaque(raw).release() }
        #else
        pthread_key_create(&key) { raw in
            if let raw { Unmanaged<QDocumentScan>.fromOpaque(raw).release() }
        }
        #endif
        return key
    }()
}
