// Trawl — TextBuilder.swift
// Document text from SAX character data: whitespace collapsed over raw bytes, blocks, checkpoints.

import Trawl

/// Assembles ``Document/text`` from character data as the parser delivers it.
///
/// Inside a block, runs of ASCII whitespace become one space (U+00A0 is kept as is); leading and
/// trailing whitespace is dropped; a `br` becomes one `"\n"`; blocks are separated by a blank
/// line. In preformatted blocks whitespace is kept, CR LF and lone CR become LF, and leading
/// line breaks and trailing whitespace are dropped.
///
/// Alongside, it records checkpoints mapping text offsets to offsets in the bytes fed to the
/// parser, wherever the two stop advancing together.
struct TextBuilder {
    /// The UTF-8 text so far.
    private(set) var text: [UInt8] = []
    /// The finished blocks.
    private(set) var blocks: [Block] = []
    /// Text offsets → offsets in the bytes fed to the parser.
    private(set) var checkpoints = Checkpoints()
    /// For each finished block, the innermost element open when it started (an index into the
    /// session's element records; -1 for none).
    private(set) var blockOwners: [Int32] = []
    /// For each finished block, the bytes of its text that were inside links.
    private(set) var blockLinkBytes: [Int32] = []
    /// The innermost open element, as the session tracks it: the owner a block opened now gets.
    var owner: Int32 = -1
    private var openOwner: Int32 = -1
    private var openLinkBytes: Int32 = 0

    /// Start of the open block in `text`, or -1 when no block is open.
    private var blockStart = -1
    private var blockKind = Block.Kind.paragraph
    /// Whether the open block keeps its whitespace.
    private var blockPreformatted = false
    /// Bytes of separator written before the open block.
    private var separatorLength = 0
    /// Whitespace seen but not yet written: none, a space, or a line break.
    private var pending = Pending.none
    /// The fed offset the pending whitespace maps to.
    private var pendingFed = 0
    /// `fed - text` of the last checkpoint.
    private var shift = 0

    private enum Pending: UInt8 { case none, space, lineBreak }

    init(expectedBytes: Int) {
        text.reserveCapacity(expectedBytes / 4 + 64)
    }

    /// Appends character data `bytes[0..<count]` found at `fed` in the parser's input.
    ///
    /// - Parameters:
    ///   - kind: the kind a block opened by this text gets.
    ///   - preformatted: whether whitespace is kept.
    mutating func append(_ bytes: UnsafePointer<UInt8>, count: Int, fed: Int, kind: Block.Kind, preformatted: Bool) {
        if preformatted {
            appendPreformatted(bytes, count: count, fed: fed, kind: kind)
            return
        }
        var first = 0
        if blockStart < 0 {
            while first < count, Self.isSpace(bytes[first]) { first += 1 }
            if first == count { return }
            open(kind, preformatted: false)
        }
        if pending != .none, !Self.isSpace(bytes[first]) {
            writePending()
        }
        let start = text.count
        text.append(contentsOf: UnsafeBufferPointer(start: bytes + first, count: count - first))
        let fedStart = fed + first
        var write = start
        var pending = self.pending
        var pendingFed = self.pendingFed
        var shift = self.shift
        var checkpoints = Checkpoints()
        swap(&checkpoints, &self.checkpoints)
        text.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            var read = start
            let end = buffer.count
            while read < end {
                let byte = out[read]
                if Self.isSpace(byte) {
                    if pending == .none {
                        pending = .space
                        pendingFed = fedStart + (read - start)
                    }
                    read += 1
                    continue
                }
                if pending != .none {
                    if pendingFed - write != shift {
                        shift = pendingFed - write
                        checkpoints.add(text: write, fed: pendingFed)
                    }
                    out[write] = pending == .lineBreak ? 0x0A : 0x20
                    write += 1
                    pending = .none
                }
                let source = fedStart + (read - start)
                if source - write != shift {
                    shift = source - write
                    checkpoints.add(text: write, fed: source)
                }
                out[write] = byte
                write += 1
                read += 1
            }
        }
        text.removeLast(text.count - write)
        swap(&checkpoints, &self.checkpoints)
        self.pending = pending
        self.pendingFed = pendingFed
        self.shift = shift
    }

    /// A `br`: a line break, unless at the start or end of a block.
    mutating func lineBreak(preformatted: Bool, fed: Int) {
        guard blockStart >= 0 else { return }
        if preformatted {
            text.append(0x0A)
        } else {
            if pending == .none { pendingFed = fed }
            pending = .lineBreak
        }
    }

    /// Ends the open block, if any: records it, or removes it when it turned out empty.
    mutating func closeBlock() {
        guard blockStart >= 0 else { return }
        if blockPreformatted {
            while text.count > blockStart, Self.isSpace(text[text.count - 1]) { text.removeLast() }
        }
        if text.count > blockStart {
            blocks.append(Block(kind: blockKind, span: Span(blockStart, text.count)))
            blockOwners.append(openOwner)
            blockLinkBytes.append(openLinkBytes)
        } else {
            text.removeLast(separatorLength)
        }
        checkpoints.truncate(to: text.count)
        shift = checkpoints.lastShift
        blockStart = -1
        pending = .none
    }

    private mutating func open(_ kind: Block.Kind, preformatted: Bool) {
        separatorLength = text.isEmpty ? 0 : 2
        if separatorLength > 0 { text.append(contentsOf: [0x0A, 0x0A]) }
        blockStart = text.count
        blockKind = kind
        blockPreformatted = preformatted
        pending = .none
        openOwner = owner
        openLinkBytes = 0
    }

    /// Counts `count` bytes of the open block as link text.
    @inline(__always)
    mutating func addLinkBytes(_ count: Int) {
        if blockStart >= 0 { openLinkBytes &+= Int32(truncatingIfNeeded: count) }
    }

    private mutating func writePending() {
        if pendingFed - text.count != shift {
            shift = pendingFed - text.count
            checkpoints.add(text: text.count, fed: pendingFed)
        }
        text.append(pending == .lineBreak ? 0x0A : 0x20)
        pending = .none
    }

    /// Whitespace kept; CR LF → LF and CR → LF; leading line breaks of the block dropped.
    private mutating func appendPreformatted(_ bytes: UnsafePointer<UInt8>, count: Int, fed: Int, kind: Block.Kind) {
        var read = 0
        if blockStart < 0 {
            while read < count, bytes[read] == 0x0A || bytes[read] == 0x0D { read += 1 }
            if read == count { return }
            open(kind, preformatted: true)
        }
        while read < count {
            var byte = bytes[read]
            if byte == 0x0D {
                if read + 1 < count, bytes[read + 1] == 0x0A {
                    read += 1
                    continue
                }
                byte = 0x0A
            }
            if fed + read - text.count != shift {
                shift = fed + read - text.count
                checkpoints.add(text: text.count, fed: fed + read)
            }
            text.append(byte)
            read += 1
        }
    }

    /// ASCII whitespace as HTML defines it (space, tab, LF, FF, CR).
    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D && byte != 0x0B)
    }
}

/// Checkpoints from text offsets (strictly increasing) to fed offsets.
struct Checkpoints {
    private(set) var text: [Int] = []
    private(set) var fed: [Int] = []

    /// `fed - text` of the last checkpoint (0 when there is none).
    var lastShift: Int { text.isEmpty ? 0 : fed[fed.count - 1] - text[text.count - 1] }

    /// Adds a checkpoint; one at the same text offset as the last replaces it.
    mutating func add(text offset: Int, fed position: Int) {
        if let last = text.last, last == offset {
            fed[fed.count - 1] = position
        } else {
            text.append(offset)
            fed.append(position)
        }
    }

    /// The fed offset of text offset `offset`.
    func fedOffset(_ offset: Int) -> Int {
        var low = 0, high = text.count
        while low < high {
            let mid = (low + high) / 2
            if text[mid] <= offset { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return offset }
        return fed[low - 1] + offset - text[low - 1]
    }

    /// The checkpoints of the stretches `ranges` of the text (sorted, disjoint), laid end to
    /// end with `separator` bytes between them, as the text made of those stretches maps.
    func selecting(_ ranges: [Range<Int>], separator: Int) -> Checkpoints {
        var result = Checkpoints()
        var next = 0
        var out = 0
        for range in ranges {
            if out > 0 { out += separator }
            result.add(text: out, fed: fedOffset(range.lowerBound))
            while next < text.count, text[next] <= range.lowerBound { next += 1 }
            while next < text.count, text[next] < range.upperBound {
                result.add(text: out + text[next] - range.lowerBound, fed: fed[next])
                next += 1
            }
            out += range.count
        }
        return result
    }

    /// Drops the checkpoints at or past `count`, after text was removed from the end.
    mutating func truncate(to count: Int) {
        while let last = text.last, last >= count {
            text.removeLast()
            fed.removeLast()
        }
    }
}
