// Trawl — ContentHints.swift
// What an element's tag and attributes say about its content: boilerplate, main content, links.

/// Bits describing what an element suggests about the text inside it, for main-content
/// selection (see ``ContentMode``).
enum ContentHint {
    /// A boilerplate element by its tag (`nav`, `footer`, `aside`, `header`, `form`…).
    static let boilerplate: UInt8 = 1
    /// A main-content element by its tag (`article`, `main`).
    static let content: UInt8 = 2
    /// A link (`a`): its text counts towards the block's link density.
    static let link: UInt8 = 4
    /// A control label (`button`, `label`).
    static let button: UInt8 = 8
    /// A class, id or role naming boilerplate (navigation, menu, comments, sharing, cookies…).
    static let boilerplateName: UInt8 = 16
    /// A class, id, role or `itemprop` naming main content (article, content, post, story…).
    static let contentName: UInt8 = 32
    /// Hidden: the `hidden` attribute, `aria-hidden="true"` or `display:none`.
    static let hidden: UInt8 = 64

    /// A class or id naming boilerplate that is never main content (comments, sharing,
    /// cookies, related links, footers…).
    static let strongBoilerplateName: UInt8 = 128

    /// Any bit that marks boilerplate.
    static let anyBoilerplate: UInt8 = boilerplate | boilerplateName | strongBoilerplateName | hidden

    /// Whether `hints` make an element boilerplate: a weak name (menu, header…) or tag is
    /// outweighed by a content tag or name on the same element.
    @inline(__always)
    static func isBoilerplate(_ hints: UInt8) -> Bool {
        if hints & (strongBoilerplateName | hidden) != 0 { return true }
        return hints & (boilerplate | boilerplateName) != 0 && hints & (content | contentName) == 0
    }

    /// Hints from libxml2's NULL-terminated attribute name/value list: `class`, `id`, `role`,
    /// `itemprop`, `hidden`, `aria-hidden`, `style`.
    ///
    /// The reader feeds libxml2 only these attributes of most start tags: one read here must
    /// be added to ``StartTagScan/isKept(_:from:to:)``.
    static func scan(_ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>) -> UInt8 {
        var hints: UInt8 = 0
        var cursor = attributes
        while let key = cursor[0] {
            let value = cursor[1]
            cursor += 2
            let length = nameLength(key)
            switch length {
            case 2 where key[0] == 0x69 && key[1] == 0x64,  // id
                 5 where equal(key, "class"):
                if let value { hints |= scanNames(value) }
            case 4 where equal(key, "role"):
                if let value { hints |= scanRole(value) }
            case 8 where equal(key, "itemprop"):
                if let value, contains(value, needle: articleBody) { hints |= contentName }
            case 6 where equal(key, "hidden"):
                hints |= hidden
            case 11 where equal(key, "aria-hidden"):
                if let value, value[0] | 0x20 == 0x74 { hints |= hidden }  // "true"
            case 5 where equal(key, "style"):
                if let value, contains(value, needle: displayNone) { hints |= hidden }
            default:
                break
            }
        }
        return hints
    }

    // MARK: Names

    /// Names of boilerplate that an element naming itself content too may still be.
    private static let badNames: [String] = [
        "nav", "menu", "header", "sidebar", "aside", "banner", "breadcrumb", "promo", "sponsor",
        "subscri", "popup", "modal", "widget", "masthead", "toolbar", "pagination", "signup",
        "trending", "popular", "byline", "skip", "login", "hidden", "teaser",
    ]
    /// Names of boilerplate whatever else the element names itself.
    private static let strongBadNames: [String] = [
        "footer", "comment", "share", "sharing", "social", "related", "cookie", "consent", "advert",
        "newsletter", "lire-aussi", "lireaussi", "read-more", "readmore", "recommend", "outbrain",
        "taboola", "disqus",
    ]
    private static let goodNames: [String] = [
        "article", "content", "post", "entry", "story", "body", "main", "text", "blog",
    ]

    /// Needles by first byte, flattened into one allocation made once and never freed:
    /// `first[b]..<first[b + 1]` indexes the needles whose first byte is `b`; `pairs` is a set
    /// of 65,536 bits, one for each pair of bytes a needle starts with (first byte × 256 +
    /// second), so that most positions of a value are passed over on one test.
    private final class NeedleTable: @unchecked Sendable {
        let bytes: UnsafeMutablePointer<UInt8>
        let starts: UnsafeMutablePointer<Int32>
        let lengths: UnsafeMutablePointer<Int32>
        let bits: UnsafeMutablePointer<UInt8>
        let first: UnsafeMutablePointer<Int32>
        let pairs: UnsafeMutablePointer<UInt64>

        init(_ groups: [(UInt8, [String])]) {
            var all: [([UInt8], UInt8)] = []
            for (bit, names) in groups { for name in names { all.append((Array(name.utf8), bit)) } }
            all.sort { $0.0[0] < $1.0[0] }
            let total = all.reduce(0) { $0 + $1.0.count }
            bytes = .allocate(capacity: total)
            starts = .allocate(capacity: all.count)
            lengths = .allocate(capacity: all.count)
            bits = .allocate(capacity: all.count)
            first = .allocate(capacity: 257)
            pairs = .allocate(capacity: 1024)
            pairs.initialize(repeating: 0, count: 1024)
            var offset = 0
            for (index, (needle, bit)) in all.enumerated() {
                let pair = Int(needle[0]) << 8 | Int(needle[1])
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
                starts[index] = Int32(offset)
                lengths[index] = Int32(needle.count)
                bits[index] = bit
                for byte in needle {
                    bytes[offset] = byte
                    offset += 1
                }
            }
            var index = 0
            for byte in 0...256 {
                while index < all.count, Int(all[index].0[0]) < byte { index += 1 }
                first[byte] = Int32(index)
            }
        }
    }

    private static let table = NeedleTable([(boilerplateName, badNames), (strongBoilerplateName, strongBadNames),
                                            (contentName, goodNames)])

    /// Hint bits for a class or id value: every needle found anywhere in it, ASCII case ignored.
    static func scanNames(_ value: UnsafePointer<UInt8>) -> UInt8 {
        let table = Self.table
        let first = table.first, bits = table.bits, pairs = table.pairs
        var hints: UInt8 = 0
        var index = -1
        while true {
            index += 1
            let raw = value[index]
            if raw == 0 { break }
            let byte = Int(lower(raw))
            // `value[index + 1]` exists: at worst the terminating NUL, which no needle has.
            let pair = byte << 8 | Int(lower(value[index + 1]))
            if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
            var candidate = Int(first[byte])
            let end = Int(first[byte + 1])
            while candidate < end {
                if hints & bits[candidate] == 0 {
                    let needle = table.bytes + Int(table.starts[candidate])
                    let length = Int(table.lengths[candidate])
                    var matched = 1
                    while matched < length, lower(value[index + matched]) == needle[matched] { matched += 1 }
                    if matched == length { hints |= bits[candidate] }
                }
                candidate += 1
            }
        }
        return hints
    }

    private static func scanRole(_ value: UnsafePointer<UInt8>) -> UInt8 {
        for name in ["navigation", "complementary", "contentinfo", "banner", "menu", "dialog", "search"]
        where matches(value, Array(name.utf8)) {
            return boilerplateName
        }
        for name in ["main", "article"] where matches(value, Array(name.utf8)) { return contentName }
        return 0
    }

    private static let articleBody = Array("articlebody".utf8)
    private static let displayNone = Array("display:none".utf8)

    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    /// Whether the NUL-terminated `text` starts with `needle`, ASCII case ignored.
    @inline(__always)
    private static func matches(_ text: UnsafePointer<UInt8>, _ needle: [UInt8]) -> Bool {
        for index in needle.indices where lower(text[index]) != needle[index] { return false }
        return true
    }

    /// Whether the NUL-terminated `text` contains `needle` (lowercase, no spaces), ASCII case
    /// and spaces in `text` ignored.
    private static func contains(_ text: UnsafePointer<UInt8>, needle: [UInt8]) -> Bool {
        var start = 0
        while text[start] != 0 {
            var read = start, matched = 0
            while matched < needle.count, text[read] != 0 {
                let byte = lower(text[read])
                read += 1
                if byte == 0x20 { continue }
                if byte != needle[matched] { break }
                matched += 1
            }
            if matched == needle.count { return true }
            start += 1
        }
        return false
    }

    private static func nameLength(_ name: UnsafePointer<UInt8>) -> Int {
        var length = 0
        while name[length] != 0, length < 16 { length += 1 }
        return length
    }

    @inline(__always)
    private static func equal(_ name: UnsafePointer<UInt8>, _ constant: StaticString) -> Bool {
        let bytes = constant.utf8Start
        for index in 0..<constant.utf8CodeUnitCount where lower(name[index]) != bytes[index] { return false }
        return true
    }
}
