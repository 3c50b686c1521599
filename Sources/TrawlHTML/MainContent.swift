// Trawl — MainContent.swift
// Boilerplate removal: which blocks of a page are its main content.

import Trawl

/// Which text of an HTML page the reader keeps.
public enum ContentMode: String, Sendable, CaseIterable {
    /// The main content only (the article): navigation, menus, footers, sidebars, cookie
    /// banners, comment sections, share buttons and link lists are dropped.
    case main
    /// All visible text.
    case all
}

/// Chooses the main-content blocks of a page from what the SAX pass recorded.
///
/// 1. Each block is classified from its own features (jusText's classes): *boilerplate* when an
///    enclosing element is (`nav`, `footer`, `aside`, `header`, `form`, `menu`, `dialog`; a
///    class, id or role naming navigation, menus, comments, sharing, cookies, related links,
///    "lire aussi"…; hidden) — unless that element holds most of the page's good text, which
///    makes the hint wrong (a page-wide `<form>`, a wrapper called `has-sidebar`) — *links*
///    when more than half its text is link text, *good* when it has at least 10 words or 120
///    bytes and at most 30 % link text, else *short*.
/// 2. Every element scores the text inside it: good bytes count (half for a good block between
///    two blocks that are not, such as teasers in a list of links), boilerplate, link and short
///    bytes count against. The element with the best score is the main-content container;
///    elements naming themselves content (`article`, `main`, `itemprop="articleBody"`, class or
///    id with `content`, `article`, `post`, `entry`, `story`, `body`…) get 15 % more.
/// 3. The blocks inside the container are kept, except link lists and blocks under
///    boilerplate elements inside it; leading blocks that are not good (bar headings) and
///    trailing blocks that are not good are trimmed; the nearest heading before the kept text
///    (within eight blocks: the article's title) is kept.
struct ContentSelector {
    /// Tuning of the selection; the defaults are what measured best on the gold pages.
    struct Parameters: Sendable {
        var minWords = 10
        var minBytes = 120
        var maxLinkDensity = 0.5
        var goodLinkDensity = 0.3
        var badWeight = 1.0
        var linkWeight = 0.5
        var shortWeight = 0.1
        var keepTitle = true
        var trimEdges = true
        var hintOverride = 0.6
        var isolatedWeight = 0.5
        var contentShare = 0.15
    }

    /// The parameters the reader uses.
    static let parameters = Parameters()

    /// The indices of the blocks to keep, in order.
    static func select(text: UnsafeBufferPointer<UInt8>, blocks: [Block], owners: [Int32], linkBytes: [Int32],
                       parents: [Int32], hints: [UInt8], ends: [Int32]) -> [Int] {
        let p = parameters
        let elementCount = parents.count
        guard !blocks.isEmpty, elementCount > 0 else { return Array(blocks.indices) }
        // Per block: link density and words; per element (subtree sums): text, link text,
        // and text that reads as content whatever encloses it. A hint of boilerplate on an
        // element holding most of the page's content is wrong (a page-wide `<form>`, a wrapper
        // whose class mentions the header) and is ignored.
        var density = [Double](repeating: 0, count: blocks.count)
        var intrinsicGood = [Bool](repeating: false, count: blocks.count)
        var goodText = [Int](repeating: 0, count: elementCount)
        var allText = [Int](repeating: 0, count: elementCount)
        var linkText = [Int](repeating: 0, count: elementCount)
        var totalGood = 0
        for (index, block) in blocks.enumerated() {
            let length = block.span.length
            density[index] = Double(linkBytes[index]) / Double(max(length, 1))
            let wordCount = words(text, block.span)
            let owner = Int(owners[index])
            guard owner >= 0 else { continue }
            allText[owner] += length
            linkText[owner] += Int(linkBytes[index])
            if density[index] <= p.goodLinkDensity, wordCount >= p.minWords || length >= p.minBytes {
                intrinsicGood[index] = true
                goodText[owner] += length
                totalGood += length
            }
        }
        for element in stride(from: elementCount - 1, through: 1, by: -1) {
            let parent = Int(parents[element])
            guard parent >= 0 else { continue }
            goodText[parent] += goodText[element]
            allText[parent] += allText[element]
            linkText[parent] += linkText[element]
        }
        let wrongHint = Double(totalGood) * p.hintOverride
        var bad = [Bool](repeating: false, count: elementCount)
        for element in 0..<elementCount {
            let parent = Int(parents[element])
            bad[element] = (ContentHint.isBoilerplate(hints[element]) && Double(goodText[element]) < wrongHint)
                || (parent >= 0 && bad[parent])
        }
        enum Class { case good, short, links, boilerplate }
        var classes = [Class](repeating: .short, count: blocks.count)
        for index in blocks.indices {
            let owner = Int(owners[index])
            if owner >= 0, bad[owner] {
                classes[index] = .boilerplate
            } else if density[index] > p.maxLinkDensity {
                classes[index] = .links
            } else if intrinsicGood[index] {
                classes[index] = .good
            }
        }
        var best = -1
        var bestScore = 0.0
        var subtree = [Double](repeating: 0, count: elementCount)
        for index in blocks.indices {
            let owner = Int(owners[index])
            guard owner >= 0 else { continue }
            let length = Double(blocks[index].span.length)
            switch classes[index] {
            case .good:
                let isolated = (index == 0 || classes[index - 1] != .good) && (index + 1 == blocks.count || classes[index + 1] != .good)
                subtree[owner] += isolated ? p.isolatedWeight * length : length
            case .boilerplate: subtree[owner] -= p.badWeight * length
            case .links: subtree[owner] -= p.linkWeight * length
            case .short: subtree[owner] -= p.shortWeight * length
            }
        }
        for element in stride(from: elementCount - 1, through: 0, by: -1) {
            if subtree[element] > 0, hints[element] & (ContentHint.content | ContentHint.contentName) != 0 {
                subtree[element] *= 1 + p.contentShare
            }
            // The last maximum found going backwards: on ties, the outermost element.
            if subtree[element] > bestScore {
                bestScore = subtree[element]
                best = element
            }
            let parent = Int(parents[element])
            if parent >= 0 { subtree[parent] += subtree[element] }
        }
        guard best >= 0 else {
            return blocks.indices.filter { classes[$0] == .good || classes[$0] == .short }
        }
        let regions: [ClosedRange<Int>] = [best...Int(ends[best])]
        var kept: [Int] = []
        var regionIndex = 0
        for index in blocks.indices {
            let owner = Int(owners[index])
            while regionIndex < regions.count, regions[regionIndex].upperBound < owner { regionIndex += 1 }
            guard regionIndex < regions.count, regions[regionIndex].contains(owner), classes[index] != .links else { continue }
            // Boilerplate below the region's top, not above it.
            let top = regions[regionIndex].lowerBound
            var element = owner, boilerplate = false
            while element > top {
                if ContentHint.isBoilerplate(hints[element]), Double(goodText[element]) < wrongHint {
                    boilerplate = true
                    break
                }
                element = Int(parents[element])
            }
            if !boilerplate { kept.append(index) }
        }
        if p.trimEdges {
            while let first = kept.first, classes[first] != .good, blocks[first].kind != .heading { kept.removeFirst() }
            while let final = kept.last, classes[final] != .good { kept.removeLast() }
        }
        if p.keepTitle, let first = kept.first ?? blocks.indices.first {
            var index = first - 1
            while index >= 0, first - index <= 8 {
                if blocks[index].kind == .heading {
                    if classes[index] != .boilerplate, classes[index] != .links { kept.insert(index, at: 0) }
                    break
                }
                index -= 1
            }
        }
        return kept
    }

    /// The number of whitespace-separated words in `span` of `text`.
    private static func words(_ text: UnsafeBufferPointer<UInt8>, _ span: Span) -> Int {
        var words = 0
        var inWord = false
        for index in span.start..<span.end {
            let space = TextBuilder.isSpace(text[index])
            if !space, !inWord { words += 1 }
            inWord = !space
        }
        return words
    }
}
