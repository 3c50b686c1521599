// Trawl — RuleError.swift
// Errors in rules files, located by file, line and column.

import Yams

/// An error in a rules file: a YAML syntax error or a rule that makes no sense (an unknown
/// attribute, a bad quantifier, an undefined label or group), with where it is.
public struct RuleError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The rules file (or phrase file) concerned.
    public var file: String
    /// The 1-based line, or 0 when the error concerns the whole file.
    public var line: Int
    /// The 1-based column (in Unicode scalars), or 0 when unknown.
    public var column: Int
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the form editors and compilers use.
    public var description: String {
        guard line > 0 else { return "\(file): \(message)" }
        return column > 0 ? "\(file):\(line):\(column): \(message)" : "\(file):\(line): \(message)"
    }

    /// An error at a YAML node's position.
    init(file: String, at node: Node?, _ message: String) {
        let mark = node?.mark
        self.init(file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, message: message)
    }

    /// The error for a YAML syntax error thrown by Yams.
    init(file: String, yaml error: any Error) {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\($0.text) (line \($0.mark.line), column \($0.mark.column)): " } ?? ""
            self.init(file: file, line: mark.line, column: mark.column, message: "invalid YAML: \(detail)\(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            self.init(file: file, line: context.mark.line, column: context.mark.column,
                      message: "duplicate key \(duplicates.sorted().joined(separator: ", "))")
        default:
            self.init(file: file, line: 0, column: 0, message: "invalid YAML: \(error)")
        }
    }
}
