// trawl-lexicon-compiler — the tool behind the LexiconCompiler and check-lexicons plugins.
//
//   trawl-lexicon-compiler compile --root DIR --output FILE.swift [--import MODULE]... FILE.lexicon...
//   trawl-lexicon-compiler check [FILE.lexicon | DIR]...
//
// Diagnostics go to standard error as `file:line: error: message`, the form SwiftPM and editors
// show. `compile` fails on errors (warnings are printed and the build goes on); `check` fails on
// any problem.

import Foundation
import TrawlLexiconFormat

/// A usage or file-system error: printed, and the tool exits with 1.
struct ToolError: Error, CustomStringConvertible {
    var description: String
}

/// Reads and checks one file, printing its diagnostics; returns nil when it has errors.
func read(_ path: String, warnings: inout Int, errors: inout Int) throws(ToolError) -> LexiconSourceFile? {
    guard let data = FileManager.default.contents(atPath: path) else {
        throw ToolError(description: "\(path): error: cannot read the file")
    }
    let bytes = [UInt8](data)
    let (entries, diagnostics) = bytes.withUnsafeBufferPointer { LexiconFormat.check(bytes: $0, file: path) }
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data("\(diagnostic)\n".utf8))
        if diagnostic.severity == .error { errors += 1 } else { warnings += 1 }
    }
    guard !diagnostics.contains(where: { $0.severity == .error }) else { return nil }
    // Every line was validated as UTF-8, so decoding changes nothing.
    return LexiconSourceFile(relativePath: path, text: String(decoding: bytes, as: UTF8.self), entries: entries)
}

/// `compile`: writes the Swift source of the given files.
func compile(_ arguments: [String]) throws(ToolError) -> Int32 {
    var root: String?, output: String?, imports: [String] = [], paths: [String] = []
    var iterator = arguments.makeIterator()
    while let argument = iterator.next() {
        switch argument {
        case "--root": root = iterator.next()
        case "--output": output = iterator.next()
        case "--import": imports += iterator.next().map { [$0] } ?? []
        default: paths.append(argument)
        }
    }
    guard let root, let output else { throw ToolError(description: "compile needs --root DIR and --output FILE") }
    let prefix = root.hasSuffix("/") ? root : root + "/"
    var files: [LexiconSourceFile] = []
    var warnings = 0, errors = 0
    for path in paths {
        guard var file = try read(path, warnings: &warnings, errors: &errors) else { continue }
        file.relativePath = path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
        files.append(file)
    }
    guard errors == 0 else { return 1 }
    let source: String
    do {
        source = try LexiconSwiftSource.generate(files, imports: imports)
    } catch {
        throw ToolError(description: "\(prefix)\(error)")
    }
    do {
        try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
    } catch {
        throw ToolError(description: "\(output): error: cannot write the generated source: \(error)")
    }
    return 0
}

/// `check`: prints the problems of the given files and directories' `.lexicon` files.
func check(_ arguments: [String]) throws(ToolError) -> Int32 {
    var paths: [String] = []
    for argument in arguments {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
            throw ToolError(description: "\(argument): error: no such file or directory")
        }
        guard isDirectory.boolValue else {
            paths.append(argument)
            continue
        }
        let found = FileManager.default.enumerator(atPath: argument)?.compactMap { $0 as? String } ?? []
        let directory = argument.hasSuffix("/") ? argument : argument + "/"
        paths += found.filter { $0.hasSuffix(".lexicon") }.sorted().map { directory + $0 }
    }
    var warnings = 0, errors = 0
    for path in paths { _ = try read(path, warnings: &warnings, errors: &errors) }
    let files = "\(paths.count) lexicon file\(paths.count == 1 ? "" : "s")"
    if warnings + errors == 0 {
        print("Checked \(files): no problems.")
        return 0
    }
    print("Checked \(files): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s").")
    return 1
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    switch arguments.first {
    case "compile": exit(try compile(Array(arguments.dropFirst())))
    case "check": exit(try check(Array(arguments.dropFirst())))
    default:
        throw ToolError(description: """
            usage: trawl-lexicon-compiler compile --root DIR --output FILE.swift [--import MODULE]... FILE.lexicon...
                   trawl-lexicon-compiler check [FILE.lexicon | DIR]...
            """)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
