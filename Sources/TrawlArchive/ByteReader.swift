// Trawl — ByteReader.swift
// A buffered reader over a file descriptor that inflates gzip (one or many members) as it goes.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file or stream in bounded memory, inflating it when it starts with the gzip magic.
///
/// Positions are offsets in the decoded stream. The reader keeps every decoded byte from
/// ``mark`` on, so a parser can look ahead and ``rewind(to:)``; bytes before the mark may be
/// dropped. For gzip it remembers where each member starts (compressed and decoded), so a
/// position can be named by the compressed offset of its member, and it records every
/// discontinuity — a corrupt member, a truncated stream, garbage between members — as a
/// ``Fault`` at the decoded position where it happened, then carries on with the next member.
final class ByteReader {
    /// A break in the decoded stream: bytes before ``position`` are sound, what follows comes
    /// from the next readable gzip member (or nothing).
    struct Fault {
        /// The decoded position of the break.
        var position: Int
        /// The compressed offset of the member (or garbage) where it happened.
        var compressedOffset: Int
        /// `corrupt` or `truncated`.
        var kind: String
        /// What happened, without the file name.
        var message: String
        /// Whether a member was damaged (corrupt or cut short), rather than bytes between
        /// members being garbage: the damage may show only at the member's end.
        var damagesMember: Bool
    }

    private static let chunkSize = 1 << 16

    /// The name used in messages (the path, or `-`).
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    /// Whether the input is gzip (decided by its first two bytes).
    private(set) var isGzip = false

    // Decoded bytes: storage[0..<end] holds positions base..<base+end; head is the next unread.
    private var storage = [UInt8](repeating: 0, count: 1 << 17)
    private var end = 0
    private var head = 0
    private var base = 0
    /// Bytes at positions from the mark on are kept for look-ahead and rewinding.
    var mark = 0
    private var finished = false

    // Compressed input: input[inputStart..<inputEnd] is unread; input[0] is at compressed offset inputBase.
    private var input = [UInt8](repeating: 0, count: ByteReader.chunkSize)
    private var inputStart = 0
    private var inputEnd = 0
    private var inputBase = 0
    private var inputEnded = false
    private var inflater: Inflater?
    private var inMember = false
    private var memberProduced = 0
    /// After a corrupt member, skip silently to the next member that decodes.
    private var resyncing = false
    private var garbageStart: Int?
    private var garbageIsZero = true
    private var members: [(decoded: Int, compressed: Int)] = []
    private var faults: [Fault] = []

    /// The error from `read(2)`, if reading stopped on one.
    private(set) var readError: String?

    /// Opens `path` for reading.
    /// - Throws: the `strerror` message when the file cannot be opened.
    init(path: String) throws(ReaderOpenError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ReaderOpenError(errno: errno) }
        self.name = path
        self.descriptor = descriptor
        self.ownsDescriptor = true
        detectFormat()
    }

    /// Reads an open descriptor (standard input), which the reader does not close.
    init(descriptor: Int32, name: String) {
        self.name = name
        self.descriptor = descriptor
        self.ownsDescriptor = false
        detectFormat()
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The decoded position of the next unread byte.
    var position: Int { base + head }

    /// The number of decoded bytes buffered after ``position``.
    var available: Int { end - head }

    /// Whether everything has been read.
    var isAtEnd: Bool {
        if head < end { return false }
        return !fill()
    }

    // MARK: Reading

    /// Buffers at least `count` bytes after ``position`` unless the stream ends first.
    /// - Returns: whether `count` bytes are available.
    @discardableResult
    func ensure(_ count: Int) -> Bool {
        while end - head < count {
            if !fill() { return false }
        }
        return true
    }

    /// The byte `offset` bytes after ``position``, if buffered or bufferable.
    func peek(_ offset: Int = 0) -> UInt8? {
        ensure(offset + 1) ? storage[head + offset] : nil
    }

    /// Copies up to `count` buffered-or-bufferable bytes from ``position`` without consuming them.
    func peekBytes(_ count: Int) -> [UInt8] {
        ensure(count)
        return Array(storage[head..<(head + min(count, end - head))])
    }

    /// Consumes and returns up to `count` bytes (fewer only at the end of the stream).
    func read(_ count: Int) -> [UInt8] {
        ensure(count)
        let taken = min(count, end - head)
        defer { head += taken }
        return Array(storage[head..<(head + taken)])
    }

    /// Consumes up to `count` bytes without copying them, letting the mark follow so that
    /// skipping a large record does not hold it in memory.
    /// - Returns: the number of bytes skipped (fewer only at the end of the stream).
    func skip(_ count: Int, keepingMark: Bool) -> Int {
        var skipped = 0
        while skipped < count {
            if head == end, !fill() { break }
            let step = min(count - skipped, end - head)
            head += step
            skipped += step
            if !keepingMark { mark = position }
        }
        return skipped
    }

    /// Consumes bytes while they are in `set` (CR, LF and NUL between records, say).
    func skipBytes(in set: (UInt8) -> Bool) {
        while let byte = peek(), set(byte) { head += 1 }
    }

    /// Whether `position` is still buffered, so that ``rewind(to:)`` may go there.
    func canRewind(to position: Int) -> Bool {
        position >= base && position <= base + end
    }

    /// Moves back to `position`, which must not be before the mark.
    func rewind(to position: Int) {
        precondition(position >= base && position <= base + end, "rewind past the mark")
        head = position - base
    }

    /// One line: what a `readLine` call found.
    enum Line {
        /// The line's bytes, without the LF and any CRs before it.
        case line([UInt8])
        /// A line longer than the limit: the reader has moved past `limit` bytes of it.
        case tooLong
        /// The end of the stream.
        case end
    }

    /// Reads one line of at most `limit` bytes.
    func readLine(limit: Int) -> Line {
        var searched = 0
        while true {
            let window = min(end - head, limit + 1)
            if window > searched {
                let found = storage.withUnsafeBytes { bytes -> Int? in
                    guard let hit = memchr(bytes.baseAddress! + head + searched, 0x0A, window - searched) else { return nil }
                    return UnsafeRawPointer(hit) - UnsafeRawPointer(bytes.baseAddress! + head)
                }
                if let found {
                    var stop = head + found
                    while stop > head, storage[stop - 1] == 0x0D { stop -= 1 }
                    let line = Array(storage[head..<stop])
                    head += found + 1
                    return .line(line)
                }
                searched = window
            }
            if searched > limit {
                head += limit
                return .tooLong
            }
            if !fill() {
                guard head < end else { return .end }
                var stop = end
                while stop > head, storage[stop - 1] == 0x0D { stop -= 1 }
                let line = Array(storage[head..<stop])
                head = end
                return .line(line)
            }
        }
    }

    /// The first position in `range` (decoded positions still buffered) where `pattern` starts.
    func firstPosition(of pattern: [UInt8], in range: Range<Int>) -> Int? {
        let lower = max(range.lowerBound, base) - base
        let upper = min(range.upperBound, base + end) - base
        guard upper - lower >= pattern.count else { return nil }
        var index = lower
        while index + pattern.count <= upper {
            if storage[index] == pattern[0], storage[index..<(index + pattern.count)].elementsEqual(pattern) {
                return base + index
            }
            index += 1
        }
        return nil
    }

    // MARK: Locations and faults

    /// Names a decoded position in the file: the compressed offset of the gzip member it lies
    /// in and how far into the member's decoded bytes it is (0 at a member start). For
    /// uncompressed input, the position itself and 0.
    func location(of position: Int) -> (offset: Int, delta: Int) {
        guard isGzip else { return (position, 0) }
        var low = 0, high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].decoded <= position { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return (0, position) }
        let member = members[low - 1]
        return (member.compressed, position - member.decoded)
    }

    /// Removes and returns the faults at or before `position`.
    func takeFaults(through position: Int) -> [Fault] {
        let count = faults.prefix { $0.position <= position }.count
        defer { faults.removeFirst(count) }
        return Array(faults.prefix(count))
    }

    /// Removes and returns the first fault strictly inside `range` (and matching `filter`),
    /// with those before it.
    func takeFault(inside range: Range<Int>, where filter: (Fault) -> Bool = { _ in true }) -> Fault? {
        guard let index = faults.firstIndex(where: {
            $0.position > range.lowerBound && $0.position < range.upperBound && filter($0)
        }) else { return nil }
        let fault = faults[index]
        faults.removeFirst(index + 1)
        return fault
    }

    /// Removes and returns every fault not yet taken (at the end of the stream).
    func takeAllFaults() -> [Fault] {
        defer { faults.removeAll() }
        return faults
    }

    // MARK: Filling

    private func detectFormat() {
        while inputEnd < 2, readInput() {}
        isGzip = inputEnd >= 2 && input[0] == 0x1F && input[1] == 0x8B
        if isGzip {
            inflater = Inflater(.gzip)
        } else {
            makeRoom(inputEnd)
            storage.replaceSubrange(0..<inputEnd, with: input[0..<inputEnd])
            end = inputEnd
            inputStart = inputEnd
        }
    }

    /// Appends more decoded bytes. Returns `false` at the end of the stream.
    private func fill() -> Bool {
        if finished { return false }
        makeRoom(ByteReader.chunkSize)
        if isGzip { return fillGzip() }
        let count = storage.withUnsafeMutableBytes { readRetrying(into: $0.baseAddress! + end, count: $0.count - end) }
        guard count > 0 else {
            finished = true
            return false
        }
        end += count
        return true
    }

    private func fillGzip() -> Bool {
        guard let inflater else { return false }
        while true {
            if inputStart == inputEnd, !readInput() {
                endOfInput()
                return false
            }
            if !inMember {
                guard startMember() else { continue }
            }
            let (consumed, produced, status) = input.withUnsafeBytes { source in
                storage.withUnsafeMutableBytes { target in
                    inflater.inflate(UnsafeRawBufferPointer(rebasing: source[inputStart..<inputEnd]),
                                     into: UnsafeMutableRawBufferPointer(rebasing: target[end...]))
                }
            }
            inputStart += consumed
            end += produced
            memberProduced += produced
            switch status {
            case .ok:
                break
            case .end:
                inMember = false
                resyncing = false
            case .error(let message):
                inMember = false
                let memberOffset = members.last?.compressed ?? 0
                if !(resyncing && memberProduced == 0) {
                    faults.append(Fault(position: base + end, compressedOffset: memberOffset, kind: "corrupt",
                                        message: "corrupt gzip data in the member at byte offset \(memberOffset) (\(message))",
                                        damagesMember: true))
                }
                resyncing = true
                // Look for the next member just after the start of this one, when still buffered.
                if memberOffset >= inputBase, memberOffset - inputBase < inputEnd {
                    inputStart = memberOffset - inputBase + 1
                }
                if memberProduced == 0 { members.removeLast() }
            }
            if produced > 0 { return true }
        }
    }

    /// At the gzip magic, starts a member; otherwise skips non-gzip bytes. Returns whether a
    /// member has started.
    private func startMember() -> Bool {
        while inputStart < inputEnd {
            if input[inputStart] == 0x1F {
                if inputEnd - inputStart < 3, !inputEnded {
                    _ = readInput()
                    return false
                }
                if inputEnd - inputStart >= 3, input[inputStart + 1] == 0x8B, input[inputStart + 2] == 0x08 {
                    reportGarbage(before: inputBase + inputStart)
                    members.append((base + end, inputBase + inputStart))
                    inflater?.reset()
                    inMember = true
                    memberProduced = 0
                    return true
                }
            }
            if garbageStart == nil { garbageStart = inputBase + inputStart }
            if input[inputStart] != 0 { garbageIsZero = false }
            inputStart += 1
        }
        return false
    }

    private func reportGarbage(before offset: Int) {
        guard let start = garbageStart else { return }
        if !garbageIsZero, !resyncing {
            faults.append(Fault(position: base + end, compressedOffset: start, kind: "corrupt",
                                message: "\(offset - start) bytes that are not gzip data at byte offset \(start)",
                                damagesMember: false))
        }
        garbageStart = nil
        garbageIsZero = true
    }

    private func endOfInput() {
        finished = true
        if inMember {
            let memberOffset = members.last?.compressed ?? 0
            let detail = readError.map { "read error: \($0)" } ?? "the file ends inside it"
            faults.append(Fault(position: base + end, compressedOffset: memberOffset, kind: "truncated",
                                message: "gzip member at byte offset \(memberOffset) is truncated (\(detail))",
                                damagesMember: true))
            inMember = false
        }
        reportGarbage(before: inputBase + inputEnd)
    }

    /// Reads more compressed input, keeping the unread part. Returns `false` at its end.
    private func readInput() -> Bool {
        if inputEnded { return false }
        if inputStart > 0 {
            let unread = inputEnd - inputStart
            input.withUnsafeMutableBytes { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + inputStart, unread)
            }
            inputBase += inputStart
            inputStart = 0
            inputEnd = unread
        }
        if inputEnd == input.count { input.append(contentsOf: [UInt8](repeating: 0, count: input.count)) }
        let count = input.withUnsafeMutableBytes {
            readRetrying(into: $0.baseAddress! + inputEnd, count: $0.count - inputEnd)
        }
        guard count > 0 else {
            inputEnded = true
            return false
        }
        inputEnd += count
        return true
    }

    private func readRetrying(into pointer: UnsafeMutableRawPointer, count: Int) -> Int {
        while true {
            let result = systemRead(descriptor, pointer, count)
            if result >= 0 { return result }
            if errno == EINTR { continue }
            readError = String(cString: strerror(errno))
            return 0
        }
    }

    /// Makes room for `count` more decoded bytes, dropping what lies before the mark when that
    /// frees at least half the buffer, growing it otherwise, and shrinking an outsized buffer.
    private func makeRoom(_ count: Int) {
        if storage.count - end >= count { return }
        let droppable = min(mark, position) - base
        if droppable > 0, droppable * 2 >= end {
            let kept = end - droppable
            storage.withUnsafeMutableBytes { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + droppable, kept)
            }
            base += droppable
            head -= droppable
            end = kept
            members.removeFirst(max(0, (members.lastIndex { $0.decoded <= base } ?? 0)))
            if storage.count > 16 << 20, end + count < storage.count / 4 {
                storage = Array(storage[0..<max(end + count, 1 << 17)])
            }
        }
        if storage.count - end < count {
            storage.append(contentsOf: repeatElement(0, count: max(count, storage.count)))
        }
    }
}

/// `read(2)`, under a name the reader's own `read(_:)` does not shadow.
private func systemRead(_ descriptor: Int32, _ pointer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, pointer, count)
}

/// Why a file could not be opened for reading.
struct ReaderOpenError: Error {
    /// The `errno` value.
    var errno: Int32
    /// The system's description.
    var message: String { String(cString: strerror(errno)) }
}
