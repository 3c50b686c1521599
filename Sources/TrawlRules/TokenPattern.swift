// Trawl — TokenPattern.swift
// Token patterns: attribute tests on tokens, compiled (Thompson) into a small program run by a
// Pike VM, so matching never backtracks and capture groups come for free.

import Trawl
import TrawlExtractors

/// A boolean property of a token, tested by `is_title`, `is_digit`, `is_upper`, `is_punct`.
enum TokenProperty: String, Sendable {
    /// A word whose first letter is upper case and which is not all capitals (`Paris`).
    case isTitle = "is_title"
    /// Only ASCII digits (`2020`; not `3 000` nor `2,5`).
    case isDigit = "is_digit"
    /// All capitals, at least two letters (`ONU`).
    case isUpper = "is_upper"
    /// Punctuation, quotation marks included.
    case isPunct = "is_punct"
}

/// One condition of a token test; a test holds when all its conditions hold.
enum TokenCondition: Sendable {
    /// The token's exact bytes are one of these.
    case text(Set<[UInt8]>)
    /// The token's folded bytes (``Lexicon/fold(_:into:)``) are one of these.
    case lower(Set<[UInt8]>)
    /// The token's shape (`Xxxxx`, `dddd`, `XX`) is one of these.
    case shape(Set<[UInt8]>)
    /// The token has, or has not, this property.
    case property(TokenProperty, Bool)
    /// The token is inside a match of one of these phrase lists (`nil`: of any list), or not.
    case inLexicon(Set<Int32>?, Bool)
    /// The token is inside a mention with one of these labels (interned ids).
    case label(Set<Int16>)
}

/// The per-document facts token tests read: bytes, tokens, and what covers each token.
struct TokenView {
    /// The document text.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The tokens.
    let tokens: [Token]
    /// Per token, the interned label of the mention covering it, or -1.
    var labels: [Int16]
    /// Per token, the phrase list of the phrase match covering it, or -1.
    var lists: [Int32]
    /// Reused buffer for folded text and shapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
        self.bytes = bytes
        self.tokens = tokens
        labels = Array(repeating: -1, count: tokens.count)
        lists = Array(repeating: -1, count: tokens.count)
    }

    /// The bytes of token `index`.
    func slice(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[Int(tokens[index].start)..<Int(tokens[index].end)])
    }

    /// Whether token `index` passes every condition of `test`.
    mutating func passes(_ test: [TokenCondition], at index: Int) -> Bool {
        for condition in test {
            switch condition {
            case .text(let values):
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: slice(index))
                guard values.contains(scratch) else { return false }
            case .lower(let values):
                Lexicon.fold(slice(index), into: &scratch)
                guard values.contains(scratch) else { return false }
            case .shape(let values):
                TokenView.shape(slice(index), into: &scratch)
                guard values.contains(scratch) else { return false }
            case .property(let property, let expected):
                guard has(property, at: index) == expected else { return false }
            case .inLexicon(let wanted, let expected):
                let list = lists[index]
                let inside = list >= 0 && (wanted?.contains(list) ?? true)
                guard inside == expected else { return false }
            case .label(let wanted):
                guard wanted.contains(labels[index]) else { return false }
            }
        }
        return true
    }

    private func has(_ property: TokenProperty, at index: Int) -> Bool {
        let token = tokens[index]
        switch property {
        case .isTitle:
            return token.kind == .word && token.flags.contains(.capitalized) && !token.flags.contains(.allCaps)
        case .isDigit:
            return slice(index).allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        case .isUpper:
            return token.flags.contains(.allCaps)
        case .isPunct:
            return token.kind == .punctuation
        }
    }

    /// The shape of a token, as spaCy writes it: upper-case letters become `X`, other letters
    /// `x`, digits `d`, anything else stays; a run of one shape character stops at four
    /// (`Washington` → `Xxxxx`, `2020` → `dddd`, `U.S.` → `X.X.`).
    static func shape(_ bytes: UnsafeBufferPointer<UInt8>, into shape: inout [UInt8]) {
        shape.removeAll(keepingCapacity: true)
        var run: UInt8 = 0, runLength = 0
        func put(_ character: UInt8) {
            if character == run { runLength += 1 } else { run = character; runLength = 1 }
            if runLength <= 4 { shape.append(character) }
        }
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                switch byte {
                case 0x41...0x5A: put(UInt8(ascii: "X"))
                case 0x61...0x7A: put(UInt8(ascii: "x"))
                case 0x30...0x39: put(UInt8(ascii: "d"))
                default: run = 0; shape.append(byte)
                }
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            let end = min(index + length, bytes.count)
            var decoder = UTF8()
            var iterator = bytes[index..<end].makeIterator()
            if case .scalarValue(let scalar) = decoder.decode(&iterator) {
                let properties = scalar.properties
                if properties.isUppercase {
                    put(UInt8(ascii: "X"))
                } else if properties.isAlphabetic {
                    put(UInt8(ascii: "x"))
                } else if properties.numericType == .decimal {
                    put(UInt8(ascii: "d"))
                } else {
                    run = 0
                    shape.append(contentsOf: bytes[index..<end])
                }
            }
            index = end
        }
    }
}

/// A pattern as parsed, before compilation.
indirect enum PatternNode: Sendable {
    /// One token passing test number `Int` of the pattern.
    case token(Int)
    /// Elements one after the other.
    case sequence([PatternNode])
    /// The first alternative that leads to a match.
    case alternatives([PatternNode])
    /// A named group (number `Int`) capturing what its element matches.
    case group(Int, PatternNode)
    /// `?`, `*` or `+` applied to an element; greedy.
    case repeated(PatternNode, Quantifier)

    /// Whether the element can match no token at all.
    var canBeEmpty: Bool {
        switch self {
        case .token: false
        case .sequence(let items): items.allSatisfy(\.canBeEmpty)
        case .alternatives(let items): items.contains(where: \.canBeEmpty)
        case .group(_, let item): item.canBeEmpty
        case .repeated(let item, let quantifier): quantifier != .oneOrMore || item.canBeEmpty
        }
    }
}

/// How many times an element may repeat.
enum Quantifier: String, Sendable {
    /// Zero or one.
    case optional = "?"
    /// Zero or more.
    case zeroOrMore = "*"
    /// One or more.
    case oneOrMore = "+"
}

/// One instruction of a compiled token pattern.
enum Instruction: Sendable {
    /// Consume one token that passes test `Int`.
    case test(Int)
    /// Try both targets, the first with priority.
    case split(Int, Int)
    /// Continue at the target.
    case jump(Int)
    /// Record the current token position in capture slot `Int`.
    case save(Int)
    /// The pattern matched.
    case match
}

/// A token pattern compiled into a Pike-VM program: tests on single tokens, greedy quantifiers,
/// ordered alternatives, named capture groups. Matching is linear in tokens × instructions.
struct CompiledPattern: Sendable {
    /// The token tests the program refers to.
    let tests: [[TokenCondition]]
    /// The program.
    let program: [Instruction]
    /// Number of capture groups (each uses two slots).
    let groupCount: Int
    /// The tests a match can start with; a start token passing none of them is skipped.
    let firstTests: [Int]

    init(_ root: PatternNode, tests: [[TokenCondition]], groupCount: Int) {
        var program: [Instruction] = []
        CompiledPattern.emit(root, into: &program)
        program.append(.match)
        self.tests = tests
        self.program = program
        self.groupCount = groupCount
        var first: [Int] = []
        var seen = Set<Int>()
        var pending = [0]
        while let pc = pending.popLast() {
            guard seen.insert(pc).inserted else { continue }
            switch program[pc] {
            case .test(let test): first.append(test)
            case .split(let a, let b): pending.append(b); pending.append(a)
            case .jump(let target): pending.append(target)
            case .save: pending.append(pc + 1)
            case .match: break
            }
        }
        firstTests = first
    }

    /// Thompson construction: appends the code of `node`.
    private static func emit(_ node: PatternNode, into program: inout [Instruction]) {
        switch node {
        case .token(let test):
            program.append(.test(test))
        case .sequence(let items):
            for item in items { emit(item, into: &program) }
        case .alternatives(let items):
            var jumps: [Int] = []
            for (index, item) in items.enumerated() {
                if index < items.count - 1 {
                    let split = program.count
                    program.append(.split(split + 1, 0))
                    emit(item, into: &program)
                    jumps.append(program.count)
                    program.append(.jump(0))
                    program[split] = .split(split + 1, program.count)
                } else {
                    emit(item, into: &program)
                }
            }
            for jump in jumps { program[jump] = .jump(program.count) }
        case .group(let number, let item):
            program.append(.save(2 * number))
            emit(item, into: &program)
            program.append(.save(2 * number + 1))
        case .repeated(let item, .optional):
            let split = program.count
            program.append(.split(split + 1, 0))
            emit(item, into: &program)
            program[split] = .split(split + 1, program.count)
        case .repeated(let item, .zeroOrMore):
            let split = program.count
            program.append(.split(split + 1, 0))
            emit(item, into: &program)
            program.append(.jump(split))
            program[split] = .split(split + 1, program.count)
        case .repeated(let item, .oneOrMore):
            let start = program.count
            emit(item, into: &program)
            program.append(.split(start, program.count + 1))
        }
    }

    /// A match: the tokens it covers and, per group, the token range it captured (nil when the
    /// group took no part in the match or captured no token).
    struct Match {
        var tokens: Range<Int>
        var groups: [Range<Int>?]
    }

    /// The match starting at token `start`, ending at or before `end`, with the priority of a
    /// backtracking matcher (greedy quantifiers, alternatives in order) but without backtracking.
    func match(at start: Int, end: Int, view: inout TokenView, vm: inout PikeVM) -> Match? {
        guard firstTests.contains(where: { view.passes(tests[$0], at: start) }) else { return nil }
        vm.prepare(programSize: program.count, slots: 2 * groupCount)
        var current: [PikeVM.Thread] = []
        var next: [PikeVM.Thread] = []
        vm.add(0, vm.initialCaptures, at: start, program: program, to: &current)
        var found: (end: Int, captures: [Int32])? = nil
        var position = start
        while !current.isEmpty {
            vm.newStep()
            next.removeAll(keepingCapacity: true)
            for thread in current {
                if case .test(let test) = program[thread.pc] {
                    if position < end, view.passes(tests[test], at: position) {
                        vm.add(thread.pc + 1, thread.captures, at: position + 1, program: program, to: &next)
                    }
                } else {
                    // `.match`: lower-priority threads are cut.
                    found = (position, thread.captures)
                    break
                }
            }
            swap(&current, &next)
            position += 1
        }
        guard let found, found.end > start else { return nil }
        let groups = (0..<groupCount).map { number -> Range<Int>? in
            let low = Int(found.captures[2 * number]), high = Int(found.captures[2 * number + 1])
            return low >= 0 && high > low ? low..<high : nil
        }
        return Match(tokens: start..<found.end, groups: groups)
    }
}

/// Reusable state of the Pike VM: the per-step marks of instructions already queued.
struct PikeVM {
    /// A thread: an instruction and its captures so far.
    struct Thread {
        var pc: Int
        var captures: [Int32]
    }

    private var marks: [UInt32] = []
    private var step: UInt32 = 0
    /// Captures with every slot unset.
    private(set) var initialCaptures: [Int32] = []

    /// Sizes the marks and captures for a program.
    mutating func prepare(programSize: Int, slots: Int) {
        if marks.count < programSize { marks = Array(repeating: 0, count: programSize); step = 0 }
        if initialCaptures.count != slots { initialCaptures = Array(repeating: -1, count: slots) }
        newStep()
    }

    /// Starts a new step: every instruction may be queued again.
    mutating func newStep() {
        step &+= 1
        if step == 0 {
            for index in marks.indices { marks[index] = 0 }
            step = 1
        }
    }

    /// Queues the thread at `pc`, following jumps, splits (in priority order) and saves.
    mutating func add(_ pc: Int, _ captures: [Int32], at position: Int, program: [Instruction],
                      to list: inout [Thread]) {
        guard marks[pc] != step else { return }
        marks[pc] = step
        switch program[pc] {
        case .jump(let target):
            add(target, captures, at: position, program: program, to: &list)
        case .split(let first, let second):
            add(first, captures, at: position, program: program, to: &list)
            add(second, captures, at: position, program: program, to: &list)
        case .save(let slot):
            var saved = captures
            saved[slot] = Int32(position)
            add(pc + 1, saved, at: position, program: program, to: &list)
        case .test, .match:
            list.append(Thread(pc: pc, captures: captures))
        }
    }
}
