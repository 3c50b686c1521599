// CustomExtractor — EmailScanner.swift
// Finds e-mail addresses in UTF-8 bytes: no regular expression, one pass over the text.

import Trawl

/// Finds e-mail addresses (`local@domain.tld`) in a document's UTF-8 bytes.
///
/// The scan stops at each `@` and grows the address outwards: to the left over the characters of
/// a local part (letters, digits and `. _ % + -`), to the right over domain labels (letters,
/// digits and `-`, separated by dots). An address needs a non-empty local part that neither
/// starts nor ends with a dot, at least two domain labels, no empty label, no label starting or
/// ending with `-`, and a top-level domain of two letters or more. A dot ending the sentence
/// ("… at jane@example.org.") is not part of the address. Local parts are ASCII: an `@` preceded
/// by a word with accented letters ("hélène@…") yields no address rather than a truncated one.
public enum EmailScanner {
    /// The spans of the e-mail addresses in `bytes`, in text order.
    public static func addresses(in bytes: [UInt8]) -> [Span] {
        var spans: [Span] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@") else {
                index += 1
                continue
            }
            if let span = address(at: index, in: bytes) {
                spans.append(span)
                index = span.end
            } else {
                index += 1
            }
        }
        return spans
    }

    /// The address whose `@` is at `at`, if the bytes around it form one.
    private static func address(at: Int, in bytes: [UInt8]) -> Span? {
        var start = at
        while start > 0, isLocalByte(bytes[start - 1]) { start -= 1 }
        while start < at, bytes[start] == UInt8(ascii: ".") { start += 1 }
        guard start < at, bytes[at - 1] != UInt8(ascii: "."), !followsLatinLetter(start, in: bytes) else { return nil }

        var end = at + 1
        while end < bytes.count, isDomainByte(bytes[end]) { end += 1 }
        while end > at + 1, bytes[end - 1] == UInt8(ascii: ".") || bytes[end - 1] == UInt8(ascii: "-") { end -= 1 }
        guard validDomain(bytes[(at + 1)..<end]) else { return nil }
        return Span(start, end)
    }

    /// Whether `domain` is two or more well-formed labels ending with an alphabetic TLD.
    private static func validDomain(_ domain: ArraySlice<UInt8>) -> Bool {
        var labels = 0
        var labelStart = domain.startIndex
        var tldIsAlphabetic = true
        for index in domain.startIndex...domain.endIndex {
            guard index == domain.endIndex || domain[index] == UInt8(ascii: ".") else { continue }
            let label = domain[labelStart..<index]
            guard let first = label.first, let last = label.last,
                  first != UInt8(ascii: "-"), last != UInt8(ascii: "-") else { return false }
            labels += 1
            tldIsAlphabetic = label.allSatisfy(isLetter)
            if index == domain.endIndex, label.count < 2 { return false }
            labelStart = index + 1
        }
        return labels >= 2 && tldIsAlphabetic
    }

    /// Whether the character before `offset` is a Latin letter outside ASCII (U+00C0…U+024F,
    /// lead bytes 0xC3…0xC9): the local part would then be the truncated end of a word such as
    /// "hélène", which is no address. Spaces and punctuation (no-break space, «) do not count.
    private static func followsLatinLetter(_ offset: Int, in bytes: [UInt8]) -> Bool {
        offset >= 2 && (0x80...0xBF).contains(bytes[offset - 1]) && (0xC3...0xC9).contains(bytes[offset - 2])
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }

    private static func isLocalByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "%")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
    }
}
