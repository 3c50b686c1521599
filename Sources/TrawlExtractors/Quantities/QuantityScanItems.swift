// Trawl — QuantityScanItems.swift
// The byte-level item stream shared by the quantity and date scanners: numbers, words, symbols.

import Trawl

/// The class of one scan item.
enum QItemKind: UInt8 {
    /// Digits with separators, decimal part and exponent, already valued.
    case number
    /// A run of letters (an elided article keeps its apostrophe: `d'`).
    case word
    /// One punctuation or symbol character.
    case symbol
    /// Digits that are part of an identifier, version, IP address or phone number.
    case identifier
}

/// One item of the scan stream. Plain values, no strings: text is read back from the bytes.
/// (The one-byte fields come first, so that the entries fit in the 56 bytes the item took before.)
struct QItem {
    /// First byte.
    var start: Int32
    /// One past the last byte.
    var end: Int32
    /// The item's class.
    var kind: QItemKind
    /// Whitespace (or the start of a line) precedes the item.
    var spaceBefore: Bool
    /// A line break or a skipped URL/e-mail lies between the previous item and this one.
    var breakBefore: Bool
    /// The first letter is upper case.
    var capitalized: Bool
    /// For numbers: an integer written with digits only (no separator, sign or decimal part).
    var plainInteger: Bool
    /// For numbers: the count of digits before any decimal mark.
    var digitCount: Int8
    /// ``exact`` starts a longer case-sensitive phrase of the lexicon (set by ``QLexicon/annotate(_:)``).
    var exactPrefix = false
    /// ``folded`` starts a longer phrase of the lexicon (set by ``QLexicon/annotate(_:)``).
    var foldedPrefix = false
    /// For numbers: the value. For others: 0.
    var value: Double
    /// Hash of the case-folded, accent-stripped text (see ``QHash``).
    var folded: UInt64
    /// Hash of the exact text.
    var exact: UInt64
    /// The index of the item's single-item lexicon entry, or −1 (set by ``QLexicon/annotate(_:)``;
    /// words and symbols only).
    var entry: Int32 = -1
    /// The index of the lexicon's case-sensitive entry for ``exact``, or −1 (set by
    /// ``QLexicon/annotate(_:)``, for every item: phrase matching starts from it).
    var exactEntry: Int32 = -1
    /// The index of the lexicon's entry for ``folded``, or −1 (likewise).
    var foldedEntry: Int32 = -1
    /// The ``QLexicon/traits`` of ``entry`` (set by ``QLexicon/annotate(_:)``; none without an
    /// entry). This byte and the next fit in the padding of the 56-byte item.
    var traits: QTraits = []
    /// The union of the ``QLexicon/traits`` of the longer phrases that start with the item (set by
    /// ``QLexicon/annotate(_:)``; none when no phrase does).
    var phraseTraits: QTraits = []
}

/// FNV-1a hashing of byte sequences and of item sequences (phrases).
enum QHash {
    static let seed: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x100_0000_01b3

    @inline(__always)
    static func add(_ hash: UInt64, _ byte: UInt8) -> UInt64 { (hash ^ UInt64(byte)) &* prime }

    /// Combines the hash of a phrase so far with the hash of its next item.
    @inline(__always)
    static func combine(_ phrase: UInt64, _ item: UInt64) -> UInt64 {
        (phrase ^ (item &+ 0x9e37_79b9_7f4a_7c15 &+ (phrase << 6) &+ (phrase >> 2))) &* prime
    }
}

/// Byte classification and the tokenizer that turns text into ``QItem``s.
enum QScanner {
    /// Whether `byte` is an ASCII letter.
    @inline(__always)
    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Whether `byte` is an ASCII digit.
    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// The length of the whitespace at `i` (0 if none): ASCII blanks, NBSP, narrow NBSP, thin spaces.
    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let byte = b[i]
        if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A { return 1 }
        if byte == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { return 2 }
        if byte == 0xE2, i + 2 < b.count, b[i + 1] == 0x80,
           b[i + 2] == 0xAF || b[i + 2] == 0x89 || b[i + 2] == 0x8A || b[i + 2] == 0x87 { return 3 }
        return 0
    }

    /// The length of the letter starting at `i`, or 0 if the character there is not a letter.
    @inline(__always)
    static func letterLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let byte = b[i]
        if byte < 0x80 { return isASCIILetter(byte) ? 1 : 0 }
        if byte == 0xC2 { return i + 1 < b.count && b[i + 1] == 0xB5 ? 2 : 0 }  // µ
        if byte == 0xC3 {
            guard i + 1 < b.count else { return 0 }
            return b[i + 1] == 0x97 || b[i + 1] == 0xB7 ? 0 : 2  // × ÷
        }
        if byte >= 0xC4 && byte < 0xE0 { return i + 1 < b.count ? 2 : 0 }
        if byte == 0xE2 { return 0 }  // punctuation, symbols, arrows, maths
        if byte >= 0xE0 && byte < 0xF0 { return i + 2 < b.count ? 3 : 0 }
        if byte >= 0xF0 { return i + 3 < b.count ? 4 : 0 }
        return 0
    }

    /// The byte length of the (non-space, non-letter, non-digit) character at `i`.
    @inline(__always)
    static func charLength(_ byte: UInt8) -> Int {
        byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// Appends the case-folded, accent-stripped form of the letter at `b[i..<i+len]` to `hash`.
    @inline(__always)
    static func foldLetter(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int, into hash: inout UInt64) {
        let byte = b[i]
        if len == 1 { hash = QHash.add(hash, byte | 0x20); return }
        if byte == 0xC3 {
            let c = b[i + 1] | 0x20  // upper-case Latin-1 letters C3 80–9E map to C3 A0–BE
            let folded: UInt8
            switch c {
            case 0xA0...0xA5: folded = 0x61  // a
            case 0xA7: folded = 0x63  // ç
            case 0xA8...0xAB: folded = 0x65  // e
            case 0xAC...0xAF: folded = 0x69  // i
            case 0xB1: folded = 0x6E  // ñ
            case 0xB2...0xB6, 0xB8: folded = 0x6F  // o
            case 0xB9...0xBC: folded = 0x75  // u
            case 0xBD, 0xBF: folded = 0x79  // y
            default: folded = 0
            }
            if folded != 0 { hash = QHash.add(hash, folded); return }
        } else if byte == 0xC5, b[i + 1] == 0x93 || b[i + 1] == 0x92 {  // œ Œ
            hash = QHash.add(QHash.add(hash, 0x6F), 0x65); return
        } else if byte == 0xC2, b[i + 1] == 0xB5 {  // micro sign → Greek mu
            hash = QHash.add(QHash.add(hash, 0xCE), 0xBC); return
        }
        for k in i..<(i + len) { hash = QHash.add(hash, b[k]) }
    }

    /// The folded hash of a symbol: dashes fold to `-`, typographic apostrophes to `'`.
    @inline(__always)
    static func foldSymbol(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ len: Int) -> UInt64 {
        if len == 3, b[i] == 0xE2 {
            if b[i + 1] == 0x80, (0x90...0x94).contains(b[i + 2]) { return QHash.add(QHash.seed, 0x2D) }
            if b[i + 1] == 0x88, b[i + 2] == 0x92 { return QHash.add(QHash.seed, 0x2D) }
            if b[i + 1] == 0x80, b[i + 2] == 0x99 { return QHash.add(QHash.seed, 0x27) }
        }
        var hash = QHash.seed
        for k in i..<(i + len) { hash = QHash.add(hash, b[k]) }
        return hash
    }

    /// The length of the apostrophe at `k` (`'` or `’`), or 0.
    @inline(__always)
    static func apostropheLength(_ b: UnsafeBufferPointer<UInt8>, _ k: Int) -> Int {
        b[k] == 0x27 ? 1 : (b[k] == 0xE2 && k + 2 < b.count && b[k + 1] == 0x80 && b[k + 2] == 0x99) ? 3 : 0
    }

    /// The exact hash of the word at `b[i..<end]`: its bytes, with each apostrophe written `'`.
    static func exactHash(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> UInt64 {
        var hash = QHash.seed
        var k = i
        while k < end {
            let apos = apostropheLength(b, k)
            if apos > 0 {
                hash = QHash.add(hash, 0x27)
                k += apos
            } else {
                hash = QHash.add(hash, b[k])
                k += 1
            }
        }
        return hash
    }

    /// The folded hashes of the French elided words ("d'", "qu'", "jusqu'"), without the apostrophe.
    static let elisions: QHashTable = {
        var table = QHashTable()
        for word in ["d", "l", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu", "presqu"] {
            var hash = QHash.seed
            for byte in word.utf8 { hash = QHash.add(hash, byte) }
            table[hash] = 1
        }
        return table
    }()

    /// Whether the run of non-space bytes at `i..<end` is a URL or an e-mail address.
    static func isLinkRun(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        if end - i >= 4, b[i] | 0x20 == 0x77, b[i + 1] | 0x20 == 0x77, b[i + 2] | 0x20 == 0x77, b[i + 3] == 0x2E {
            return true
        }
        var k = i
        var at = false
        while k < end {
            let byte = b[k]
            if byte == 0x3A, k + 2 < end, b[k + 1] == 0x2F, b[k + 2] == 0x2F { return true }
            if byte == 0x40, k > i { at = true }
            if at, byte == 0x2E, k + 1 < end, isASCIILetter(b[k + 1]) { return true }
            k += 1
        }
        return false
    }

    /// The end of the run of non-space bytes at `i`, and whether it holds `:` or `@` (only such
    /// runs, and those that start with "www.", can be links). Eight bytes at a time: a word of
    /// bytes above `@` (no space, digit or most punctuation) and below 0xC2 (the lead byte of the
    /// no-break space, 0xE2 that of the other Unicode spaces) is skipped whole; otherwise its first
    /// such byte is tested alone.
    @inline(__always)
    static func runExtent(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> (end: Int, suspect: Bool) {
        let n = b.count
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var k = i
        var suspect = false
        while k < n {
            if k + 8 <= n {
                let word = UnsafeRawPointer(b.baseAddress! + k).loadUnaligned(as: UInt64.self).littleEndian
                // bytes below 0x41 (the first flag is exact: a borrow only reaches the bytes after it)
                let low = (word &- 0x4141_4141_4141_4141) & ~word & highBits
                // bytes from 0xC2 (exact: the low seven bits plus 0x3E carry into no other byte)
                let high = word & ((word & ~highBits) &+ 0x3E3E_3E3E_3E3E_3E3E) & highBits
                let marks = low | high
                if marks == 0 {
                    k += 8
                    continue
                }
                k += marks.trailingZeroBitCount >> 3
            }
            let byte = b[k]
            if byte <= 0x40 {  // letters and most marks are above: one test for them
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D { break }
                if byte == 0x3A || byte == 0x40 { suspect = true }
            } else if byte >= 0xC2, spaceLength(b, k) > 0 {
                break
            }
            k += 1
        }
        return (k, suspect)
    }

    /// Splits `b` into items. `french` selects the decimal conventions (`2,5` and `3.000`).
    /// The items are written straight into the storage of the array (`Array.append` would check
    /// uniqueness and capacity for each): storage for one item per four bytes first, which text
    /// rarely outgrows; the scan goes on in a larger chunk when it does.
    static func scan(_ b: UnsafeBufferPointer<UInt8>, french: Bool, into items: inout [QItem]) {
        var state = QScanState()
        var capacity = b.count / 4 + 16
        while state.i < b.count {
            let chunk = [QItem](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                initialized = scan(b, french: french, from: &state, into: buffer)
            }
            if items.isEmpty { items = chunk } else { items.append(contentsOf: chunk) }
            capacity *= 2
        }
    }

    /// Scans from `state` into `out` until the text ends or `out` is full; returns the count of
    /// items written and leaves in `state` where to go on.
    private static func scan(_ b: UnsafeBufferPointer<UInt8>, french: Bool, from state: inout QScanState,
                             into out: UnsafeMutableBufferPointer<QItem>) -> Int {
        let n = b.count
        var count = 0
        var i = state.i
        var space = state.space
        var lineBreak = state.lineBreak
        var runEnd = state.runEnd  // end of the current non-space run, checked once for links
        defer { state = QScanState(i: i, space: space, lineBreak: lineBreak, runEnd: runEnd) }
        /// Stores `item` (the caller checked that there is room).
        func append(_ item: QItem) {
            (out.baseAddress! + count).initialize(to: item)
            count += 1
        }
        while i < n {
            if b[i] == 0x20 {  // the common separator, without the general whitespace test
                space = true
                i += 1
                continue
            }
            let sl = spaceLength(b, i)
            if sl > 0 {
                if b[i] == 0x0A { lineBreak = true }
                space = true
                i += sl
                continue
            }
            if i >= runEnd {
                // one pass to the end of the run; only runs with ":" or "@" or "www." can be links
                let (k, suspect) = runExtent(b, from: i)
                runEnd = k
                if suspect || (k - i >= 4 && b[i + 3] == 0x2E), isLinkRun(b, i, k) {
                    i = k
                    lineBreak = true
                    continue
                }
            }
            if count == out.count { break }  // full: the next chunk starts with this item
            let byte = b[i]
            let start = i
            var item = QItem(start: Int32(i), end: 0, kind: .symbol, spaceBefore: space, breakBefore: lineBreak,
                             capitalized: false, plainInteger: false, digitCount: 0, value: 0,
                             folded: QHash.seed, exact: QHash.seed)
            space = false
            lineBreak = false
            let startsNumber = isDigit(byte)
                || (byte == 0x2E && i + 1 < n && isDigit(b[i + 1]) && item.spaceBefore)
            if startsNumber {
                QNumberScanner.scan(b, at: i, french: french, into: &item)
                i = Int(item.end)
                if i < n, letterLength(b, i) > 0, item.kind == .number,
                   start > 0, letterLength(b, start - 1) > 0 {
                    item.kind = .identifier  // letters on both sides: B52s, scp173m
                }
                append(item)
                continue
            }
            let ll = letterLength(b, i)
            if ll > 0 {
                item.kind = .word
                item.capitalized = byte < 0x80 ? byte < 0x61 : (byte == 0xC3 && b[i + 1] < 0x9F)
                var folded = QHash.seed
                var caseBits: UInt8 = 0  // non-zero once an upper-case ASCII letter was seen
                var ascii = true  // no non-ASCII letter so far
                var k = i
                while k < n {
                    // ASCII letters, the common case, without the general letter decoding
                    let byte = b[k]
                    let lower = byte | 0x20
                    if lower &- 0x61 < 26 {
                        folded = QHash.add(folded, lower)
                        caseBits |= byte ^ lower
                        k += 1
                        continue
                    }
                    let len = letterLength(b, k)
                    if len == 0 {
                        // apostrophe inside a word: elision ends the item, otherwise the word goes on
                        let apos = apostropheLength(b, k)
                        if apos > 0, k + apos < n, letterLength(b, k + apos) > 0 {
                            let elision = elisions[folded] != nil
                            folded = QHash.add(folded, 0x27)
                            k += apos
                            if elision { break }
                            continue
                        }
                        break
                    }
                    foldLetter(b, k, len, into: &folded)
                    ascii = false
                    k += len
                }
                item.end = Int32(k)
                item.folded = folded
                // Case-sensitive entries are all short. A word of lower-case ASCII letters (and
                // apostrophes, which both hashes write as `'`) has the same exact and folded hash.
                item.exact = k - i > 8 ? 0 : ascii && caseBits == 0 ? folded : exactHash(b, i, k)
                append(item)
                i = k
                continue
            }
            let len = min(charLength(byte), n - i)
            item.end = Int32(i + len)
            item.folded = foldSymbol(b, i, len)
            var exact = QHash.seed
            for m in i..<(i + len) { exact = QHash.add(exact, b[m]) }
            item.exact = exact
            append(item)
            i += len
        }
        return count
    }
}

/// Where ``QScanner`` stopped: the next byte, whether a space or a line break precedes it, and
/// the end of the non-space run it is in (already checked for links).
struct QScanState {
    var i = 0
    var space = true
    var lineBreak = false
    var runEnd = 0
}
