// Trawl — Elements.swift
// What each HTML element means for the text: a block, a kind of block, skipped content, metadata.

import Trawl

/// The part an element plays in text extraction.
enum ElementRole: UInt8, Sendable {
    /// Text flows through it (`a`, `span`, `b`, unknown elements): no break, no space.
    case inline
    /// A block-level element without a kind of its own (`div`, `section`, `ul`, `tr`…): it ends
    /// the current block when it starts and when it ends.
    case block
    /// `p`: a paragraph, unless inside a list item, cell, quote or caption, whose kind it takes.
    case paragraph
    /// `h1`…`h6`.
    case heading
    /// `li`, `dt`, `dd`.
    case listItem
    /// `td`, `th`.
    case tableCell
    /// `caption`, `figcaption`.
    case caption
    /// `blockquote`.
    case quote
    /// `pre`, `listing`, `xmp`: whitespace kept.
    case preformatted
    /// `br`: a line break inside the block.
    case lineBreak
    /// Content never shown as text (`script`, `style`, `svg`, `select`…), and ruby annotations
    /// (`rt`, `rp`), which would interleave readings with the text they annotate.
    case skipped
    /// `head`: skipped, except for its `title`.
    case head
    /// `title`.
    case title
    /// `html`: carries `lang`; starts and ends a block like ``block``.
    case html
    /// `meta`: may carry the publication date.
    case meta
    /// `time`: inline, may carry a `datetime`.
    case time

    /// The kind of block text inside this element gets, for elements that have one.
    var blockKind: Block.Kind? {
        switch self {
        case .paragraph: .paragraph
        case .heading: .heading
        case .listItem: .listItem
        case .tableCell: .tableCell
        case .caption: .caption
        case .quote: .quote
        case .preformatted: .preformatted
        default: nil
        }
    }

    /// The role of the element named by the NUL-terminated lowercase `name` (libxml2 lowercases
    /// HTML element names).
    /// - Complexity: O(1): the name's bytes packed into two words and looked up.
    @inline(__always)
    static func of(_ name: UnsafePointer<UInt8>) -> ElementRole {
        guard let key = ElementKey(name) else { return .inline }
        return table.role(of: key)
    }

    /// The role of the element named `name` and its content hints (``ContentHint`` bits), in
    /// one lookup.
    @inline(__always)
    static func classify(_ name: UnsafePointer<UInt8>) -> (role: ElementRole, hints: UInt8) {
        guard let key = ElementKey(name) else { return (.inline, 0) }
        return table.entry(of: key)
    }

    private static let table: ElementTable = {
        let groups: [(ElementRole, String)] = [
            (.block, """
                address article aside body center details dialog dir div dl fieldset figure footer form \
                frameset header hgroup hr legend main menu nav ol optgroup option section summary table \
                tbody tfoot thead tr ul
                """),
            (.paragraph, "p"),
            (.heading, "h1 h2 h3 h4 h5 h6"),
            (.listItem, "li dt dd"),
            (.tableCell, "td th"),
            (.caption, "caption figcaption"),
            (.quote, "blockquote"),
            (.preformatted, "pre listing xmp plaintext"),
            (.lineBreak, "br"),
            (.skipped, """
                script style noscript template svg math iframe object embed applet canvas audio video \
                select datalist textarea noframes noembed rp rt
                """),
            (.head, "head"),
            (.title, "title"),
            (.html, "html"),
            (.meta, "meta"),
            (.time, "time"),
        ]
        let hinted: [(UInt8, String)] = [
            (ContentHint.boilerplate, "nav footer aside menu form header dialog"),
            (ContentHint.content, "article main"),
            (ContentHint.link, "a"),
            (ContentHint.button, "button label"),
        ]
        var table = ElementTable()
        for (role, names) in groups {
            for name in names.split(separator: " ") {
                var bytes = Array(name.utf8)
                bytes.append(0)
                table.insert(ElementKey(bytes)!, role)
            }
        }
        for (hint, names) in hinted {
            for name in names.split(separator: " ") {
                var bytes = Array(name.utf8)
                bytes.append(0)
                table.addHint(ElementKey(bytes)!, hint)
            }
        }
        return table
    }()
}

/// An open-addressing hash table from element names to roles, with a multiplicative hash: the
/// lookup runs twice per element, and a `Dictionary`'s seeded SipHash showed in profiles.
private struct ElementTable {
    private static let size = 256
    private var keys = [ElementKey](repeating: ElementKey(), count: size)
    private var roles = [ElementRole](repeating: .inline, count: size)
    private var hints = [UInt8](repeating: 0, count: size)

    /// Adds `hint` to the entry of `key`, inserting it as `.inline` when absent.
    mutating func addHint(_ key: ElementKey, _ hint: UInt8) {
        var slot = key.slot(Self.size)
        while keys[slot] != ElementKey(), keys[slot] != key { slot = (slot + 1) & (Self.size - 1) }
        keys[slot] = key
        hints[slot] |= hint
    }

    /// The role and hints of `key`; `(.inline, 0)` for names not in the table.
    @inline(__always)
    func entry(of key: ElementKey) -> (role: ElementRole, hints: UInt8) {
        var slot = key.slot(Self.size)
        while true {
            let found = keys[slot]
            if found == key { return (roles[slot], hints[slot]) }
            if found == ElementKey() { return (.inline, 0) }
            slot = (slot + 1) & (Self.size - 1)
        }
    }

    mutating func insert(_ key: ElementKey, _ role: ElementRole) {
        var slot = key.slot(Self.size)
        while keys[slot] != ElementKey() { slot = (slot + 1) & (Self.size - 1) }
        keys[slot] = key
        roles[slot] = role
    }

    /// The role of `key`, `.inline` for names not in the table.
    @inline(__always)
    func role(of key: ElementKey) -> ElementRole {
        var slot = key.slot(Self.size)
        while true {
            let found = keys[slot]
            if found == key { return roles[slot] }
            if found == ElementKey() { return .inline }
            slot = (slot + 1) & (Self.size - 1)
        }
    }
}

/// Up to 16 bytes of an element name, packed for hashing; all zero for no name.
private struct ElementKey: Equatable {
    var low: UInt64 = 0
    var high: UInt64 = 0

    init() {}

    /// The first table slot to probe, in a table of `size` (a power of two) slots.
    @inline(__always)
    func slot(_ size: Int) -> Int {
        Int(truncatingIfNeeded: ((low ^ (high &* 31)) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (size - 1)
    }

    /// Packs a NUL-terminated name; `nil` for names longer than 16 bytes (none is known).
    @inline(__always)
    init?(_ name: UnsafePointer<UInt8>) {
        var index = 0
        while index < 16 {
            let byte = name[index]
            if byte == 0 { return }
            if index < 8 { low |= UInt64(byte) << (8 * index) } else { high |= UInt64(byte) << (8 * (index - 8)) }
            index += 1
        }
        if name[16] != 0 { return nil }
    }

    init?(_ bytes: [UInt8]) {
        guard let key = bytes.withUnsafeBufferPointer({ ElementKey($0.baseAddress!) }) else { return nil }
        self = key
    }
}
