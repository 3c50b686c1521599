// Trawl — SAXSession.swift
// One parse: libxml2 SAX callbacks → text, blocks, title and metadata, each text chunk located.

import CLibXML2
import Glibc
import Trawl

/// The state of one parse, reached from libxml2's callbacks through the user-data pointer.
///
/// A struct, not a class: the callbacks reach it through a pointer, so its fields are plain
/// memory without the run-time exclusivity checks a class's stored properties get.
struct SAXSession {
    /// The UTF-8 bytes fed to libxml2.
    let input: UnsafeBufferPointer<UInt8>
    /// The document text being assembled.
    private(set) var builder: TextBuilder
    /// The title's text, whitespace collapsed.
    private(set) var title: [UInt8] = []
    /// `<html lang>`.
    private(set) var language: String?
    /// The date of the best `<meta>` seen (lower priority numbers win).
    private(set) var metaDate: (priority: Int, value: String)?
    /// The first `<time datetime>` in the body.
    private(set) var timeDate: String?

    private var context: htmlParserCtxtPtr?
    /// Input bytes not fed to libxml2 so far (script and style bodies, unread attributes): fed
    /// offset + this is the input offset.
    private var skippedBytes = 0
    /// Depth inside skipped elements: their text is dropped.
    private var skipDepth = 0
    /// Depth inside `head`: text dropped, except the title's.
    private var headDepth = 0
    /// Depth inside preformatted elements: whitespace kept.
    private var preDepth = 0
    /// The block kind of each open element that has one (innermost last).
    private var kinds: [Block.Kind] = []
    /// Whether to record element hints and block owners for main-content selection.
    let recordsStructure: Bool
    /// Per element, in document order: the parent's index (-1 for none).
    private(set) var elementParents: [Int32] = []
    /// Per element: its ``ContentHint`` bits.
    private(set) var elementHints: [UInt8] = []
    /// Per element: the index of its last descendant (itself when it has none).
    private(set) var elementEnds: [Int32] = []
    /// Indices of the open elements, innermost last.
    private var openElements: [Int32] = []
    /// Depth inside links.
    private var linkDepth = 0
    private var capturingTitle = false
    private var titleDone = false
    private var titlePendingSpace = false

    init(input: UnsafeBufferPointer<UInt8>, recordsStructure: Bool = false) {
        self.input = input
        self.recordsStructure = recordsStructure
        builder = TextBuilder(expectedBytes: input.count)
        if recordsStructure {
            let expected = input.count / 64 + 16
            elementParents.reserveCapacity(expected)
            elementHints.reserveCapacity(expected)
            elementEnds.reserveCapacity(expected)
            openElements.reserveCapacity(64)
        }
    }

    /// Parses the whole input, trimmed (see ``LibXML2/parse(_:handler:userData:trimming:started:skipped:)``)
    /// or, when libxml2 cannot be fed that way, again from the start without trimming.
    /// - Returns: `false` if libxml2 could not create a parser.
    mutating func run() -> Bool {
        var outcome = parse(trimming: true)
        if outcome == .mustParseUntrimmed {
            self = SAXSession(input: input, recordsStructure: recordsStructure)
            outcome = parse(trimming: false)
        }
        context = nil
        builder.closeBlock()
        return outcome == .parsed
    }

    private mutating func parse(trimming: Bool) -> LibXML2.Outcome {
        withUnsafeMutablePointer(to: &self) { session in
            LibXML2.parse(session.pointee.input, handler: Self.handler, userData: UnsafeMutableRawPointer(session),
                          trimming: trimming, started: { session.pointee.context = $0 },
                          skipped: { session.pointee.skippedBytes = $0 })
        }
    }

    private static var handler: htmlSAXHandler {
        var handler = htmlSAXHandler()
        handler.startElement = { user, name, attributes in
            guard let user, let name else { return }
            user.assumingMemoryBound(to: SAXSession.self).pointee.startElement(name, attributes)
        }
        handler.endElement = { user, name in
            guard let user, let name else { return }
            user.assumingMemoryBound(to: SAXSession.self).pointee.endElement(name)
        }
        let characters: charactersSAXFunc = { user, bytes, count in
            guard let user, let bytes, count > 0 else { return }
            user.assumingMemoryBound(to: SAXSession.self).pointee.characters(bytes, Int(count))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        // Script and style content arrives here; both are skipped.
        handler.cdataBlock = { _, _, _ in }
        return handler
    }

    /// The parser's offset in the input: one past the last byte it consumed.
    private var position: Int {
        guard let context else { return 0 }
        return trawl_input_offset(context) + skippedBytes
    }

    // MARK: Callbacks

    private mutating func startElement(_ name: UnsafePointer<UInt8>, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        let role: ElementRole
        if recordsStructure {
            let entry = ElementRole.classify(name)
            role = entry.role
            openElement(entry.role, entry.hints, attributes)
        } else {
            role = ElementRole.of(name)
        }
        switch role {
        case .inline:
            return
        case .skipped:
            skipDepth += 1
        case .head:
            headDepth += 1
        case .title:
            if skipDepth == 0, !titleDone, !capturingTitle { capturingTitle = true } else { skipDepth += 1 }
        case .lineBreak:
            if skipDepth == 0, headDepth == 0 { builder.lineBreak(preformatted: preDepth > 0, fed: position) }
        case .meta:
            readMetaDate(attributes)
        case .time:
            if timeDate == nil, skipDepth == 0, let value = Self.attribute("datetime", in: attributes) {
                timeDate = ISODate.prefix(of: value)
            }
        case .html:
            if language == nil, let value = Self.attribute("lang", in: attributes) ?? Self.attribute("xml:lang", in: attributes) {
                language = Self.trimmed(value)
            }
            if skipDepth == 0 { builder.closeBlock() }
        case .block, .paragraph, .heading, .listItem, .tableCell, .caption, .quote, .preformatted:
            if skipDepth == 0 { builder.closeBlock() }
            if let kind = role.blockKind {
                kinds.append(role == .paragraph ? (kinds.last ?? .paragraph) : kind)
            }
            if role == .preformatted { preDepth += 1 }
        }
    }

    /// Records an element's parent and hints, and makes it the owner of blocks opened inside.
    @inline(__always)
    private mutating func openElement(_ role: ElementRole, _ tagHints: UInt8, _ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        var hints = tagHints
        if let attributes, role != .html, role != .head, headDepth == 0, skipDepth == 0 {
            hints |= ContentHint.scan(attributes)
        }
        if hints & ContentHint.link != 0 { linkDepth += 1 }
        let index = Int32(truncatingIfNeeded: elementParents.count)
        elementParents.append(openElements.last ?? -1)
        elementHints.append(hints)
        elementEnds.append(index)
        openElements.append(index)
        builder.owner = index
    }

    @inline(__always)
    private mutating func closeElement() {
        guard let index = openElements.popLast() else { return }
        elementEnds[Int(index)] = Int32(truncatingIfNeeded: elementParents.count - 1)
        if elementHints[Int(index)] & ContentHint.link != 0 { linkDepth = max(linkDepth - 1, 0) }
        builder.owner = openElements.last ?? -1
    }

    private mutating func endElement(_ name: UnsafePointer<UInt8>) {
        let role = ElementRole.of(name)
        if recordsStructure { closeElement() }
        switch role {
        case .inline, .lineBreak, .meta, .time:
            return
        case .skipped:
            skipDepth = max(skipDepth - 1, 0)
        case .head:
            headDepth = max(headDepth - 1, 0)
        case .title:
            if capturingTitle {
                capturingTitle = false
                titleDone = !title.isEmpty
            } else {
                skipDepth = max(skipDepth - 1, 0)
            }
        case .html, .block, .paragraph, .heading, .listItem, .tableCell, .caption, .quote, .preformatted:
            if skipDepth == 0 { builder.closeBlock() }
            if role.blockKind != nil, !kinds.isEmpty { kinds.removeLast() }
            if role == .preformatted { preDepth = max(preDepth - 1, 0) }
        }
    }

    private mutating func characters(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        if skipDepth > 0 { return }
        if capturingTitle {
            appendTitle(bytes, count)
            return
        }
        if headDepth > 0 { return }
        // Plain text is the `count` bytes just before the parser's position.
        let end = position
        if isCopy(bytes, count, end: end) {
            appendText(bytes, count, fed: end - count)
        } else {
            appendRelocated(bytes, count, end: end)
        }
    }

    /// Whether `bytes[0..<count]` are the input bytes just before `end`.
    @inline(__always)
    private func isCopy(_ bytes: UnsafePointer<UInt8>, _ count: Int, end: Int) -> Bool {
        end - count >= 0 && end <= input.count && memcmp(input.baseAddress! + end - count, bytes, count) == 0
    }

    @inline(__always)
    private mutating func appendText(_ bytes: UnsafePointer<UInt8>, _ count: Int, fed: Int) {
        if linkDepth > 0 {
            let before = builder.text.count
            builder.append(bytes, count: count, fed: fed, kind: kinds.last ?? .paragraph, preformatted: preDepth > 0)
            builder.addLinkBytes(builder.text.count - before)
        } else {
            builder.append(bytes, count: count, fed: fed, kind: kinds.last ?? .paragraph, preformatted: preDepth > 0)
        }
    }

    // MARK: Locating text that is not a copy of the input

    /// Character data that is not the `count` bytes before the parser's position `end`.
    ///
    /// When libxml2 flushes its 1,000-byte text buffer in the middle of a run of text, it has
    /// not yet stepped over the last character it copied: the data ends after `end`, by that
    /// character's length. Text from which libxml2 dropped bytes (control characters, U+FFFE,
    /// U+FFFF) or turned NUL into a space is mapped piece by piece. Anything else is a decoded
    /// character reference, mapped to its `&`.
    private mutating func appendRelocated(_ bytes: UnsafePointer<UInt8>, _ count: Int, end: Int) {
        var lastLength = 1
        while lastLength < min(count, 4), bytes[count - lastLength] & 0xC0 == 0x80 { lastLength += 1 }
        if isCopy(bytes, count, end: end + lastLength) {
            appendText(bytes, count, fed: end + lastLength - count)
            return
        }
        let fed = input.baseAddress!
        for candidate in [end, end + lastLength] where candidate >= 0 && candidate <= input.count {
            guard let start = alignedStart(bytes, count, end: candidate) else { continue }
            var textIndex = 0, fedIndex = start
            var runText = 0, runFed = start
            while textIndex < count, fedIndex < candidate {
                if Self.same(fed[fedIndex], bytes[textIndex]) {
                    textIndex += 1
                    fedIndex += 1
                    continue
                }
                appendText(bytes + runText, textIndex - runText, fed: runFed)
                fedIndex += max(droppedLength(endingAt: fedIndex, forward: true), 1)
                runText = textIndex
                runFed = fedIndex
            }
            appendText(bytes + runText, count - runText, fed: runFed)
            return
        }
        let end = min(max(end, 0), input.count)
        let limit = max(end - 40, 0)
        var ampersand = end - 1
        while ampersand >= limit, fed[ampersand] != UInt8(ascii: "&") { ampersand -= 1 }
        appendText(bytes, count, fed: ampersand >= limit ? ampersand : max(end - count, 0))
    }

    /// Where `bytes[0..<count]` starts in the input if it is the input before `end` less bytes
    /// libxml2 drops; `nil` otherwise.
    private func alignedStart(_ bytes: UnsafePointer<UInt8>, _ count: Int, end: Int) -> Int? {
        let fed = input.baseAddress!
        var textIndex = count - 1, fedIndex = end - 1
        while textIndex >= 0 {
            guard fedIndex >= 0 else { return nil }
            if Self.same(fed[fedIndex], bytes[textIndex]) {
                textIndex -= 1
                fedIndex -= 1
            } else {
                let dropped = droppedLength(endingAt: fedIndex, forward: false)
                guard dropped > 0 else { return nil }
                fedIndex -= dropped
            }
        }
        return fedIndex + 1
    }

    /// The length of a sequence libxml2 leaves out of character data, starting (`forward`) or
    /// ending at `index`: a C0 control other than whitespace, or U+FFFE/U+FFFF; 0 if none.
    private func droppedLength(endingAt index: Int, forward: Bool) -> Int {
        let byte = input[index]
        if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0D, byte != 0 { return 1 }
        let first = forward ? index : index - 2
        guard first >= 0, first + 2 < input.count else { return 0 }
        let isNonCharacter = input[first] == 0xEF && input[first + 1] == 0xBF && (input[first + 2] | 1) == 0xBF
        return isNonCharacter ? 3 : 0
    }

    /// Whether text byte `text` is input byte `fed` as libxml2 passes it on (NUL becomes space).
    @inline(__always)
    private static func same(_ fed: UInt8, _ text: UInt8) -> Bool {
        fed == text || (fed == 0 && text == 0x20)
    }

    // MARK: Title and metadata

    private mutating func appendTitle(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        for index in 0..<count {
            let byte = bytes[index]
            if TextBuilder.isSpace(byte) {
                titlePendingSpace = !title.isEmpty
            } else {
                if titlePendingSpace { title.append(0x20) }
                titlePendingSpace = false
                title.append(byte)
            }
        }
    }

    /// Meta names that give a publication date, best first.
    private static let dateMetaNames = [
        "article:published_time", "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date",
        "dcterms.issued", "dcterms.created", "pubdate", "publishdate", "publish-date", "og:published_time",
        "parsely-pub-date", "sailthru.date",
    ]

    private mutating func readMetaDate(_ attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) {
        guard let content = Self.attribute("content", in: attributes),
              let key = Self.attribute("property", in: attributes) ?? Self.attribute("name", in: attributes)
                ?? Self.attribute("itemprop", in: attributes),
              let priority = Self.dateMetaNames.firstIndex(of: String(cString: key).lowercased()),
              priority < metaDate?.priority ?? Int.max,
              let value = ISODate.prefix(of: content) else { return }
        metaDate = (priority, value)
    }

    /// The NUL-terminated `value` without leading and trailing ASCII whitespace; `nil` if empty.
    private static func trimmed(_ value: UnsafePointer<UInt8>) -> String? {
        var start = 0, end = strlen(UnsafeRawPointer(value).assumingMemoryBound(to: CChar.self))
        while start < end, TextBuilder.isSpace(value[start]) { start += 1 }
        while end > start, TextBuilder.isSpace(value[end - 1]) { end -= 1 }
        return end > start ? String(decoding: UnsafeBufferPointer(start: value + start, count: end - start), as: UTF8.self) : nil
    }

    /// The value of attribute `name` (ASCII case ignored) in libxml2's NULL-terminated
    /// name/value list.
    private static func attribute(_ name: String, in attributes: UnsafeMutablePointer<UnsafePointer<UInt8>?>?) -> UnsafePointer<UInt8>? {
        guard var cursor = attributes else { return nil }
        while let key = cursor[0] {
            if name.withCString({ strcasecmp(UnsafeRawPointer(key).assumingMemoryBound(to: CChar.self), $0) }) == 0 {
                return cursor[1]
            }
            cursor += 2
        }
        return nil
    }
}
