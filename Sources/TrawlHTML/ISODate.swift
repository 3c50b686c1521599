// Trawl — ISODate.swift
// The ISO 8601 date or date-time at the start of an attribute value.

enum ISODate {
    /// The longest ISO 8601 prefix of the NUL-terminated `value` (leading whitespace skipped):
    /// `YYYY-MM`, `YYYY-MM-DD`, optionally `THH:MM`, `:SS`, a fraction and a zone (`Z`, `±HH:MM`,
    /// `±HHMM`, `±HH`). A space between date and time is read as `T`. `nil` when the value does
    /// not start with a year and a month.
    static func prefix(of value: UnsafePointer<UInt8>) -> String? {
        var start = 0
        while value[start] == 0x20 || value[start] == 0x09 || value[start] == 0x0A || value[start] == 0x0D { start += 1 }
        var bytes: [UInt8] = []
        var index = start
        /// Reads `count` digits into `bytes`, if they are there.
        func digits(_ count: Int) -> Bool {
            for offset in 0..<count where !(value[index + offset] >= 0x30 && value[index + offset] <= 0x39) { return false }
            bytes.append(contentsOf: UnsafeBufferPointer(start: value + index, count: count))
            index += count
            return true
        }
        /// Reads `separator` then `count` digits, or nothing.
        func field(_ separator: UInt8, _ count: Int) -> Bool {
            guard value[index] == separator else { return false }
            let saved = (index, bytes.count)
            bytes.append(separator == 0x20 ? UInt8(ascii: "T") : separator)
            index += 1
            if digits(count) { return true }
            index = saved.0
            bytes.removeLast(bytes.count - saved.1)
            return false
        }
        guard digits(4), field(UInt8(ascii: "-"), 2) else { return nil }
        if field(UInt8(ascii: "-"), 2), field(UInt8(ascii: "T"), 2) || field(0x20, 2), field(UInt8(ascii: ":"), 2) {
            if field(UInt8(ascii: ":"), 2), value[index] == UInt8(ascii: ".") || value[index] == UInt8(ascii: ",") {
                var end = index + 1
                while value[end] >= 0x30 && value[end] <= 0x39 { end += 1 }
                if end > index + 1 {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: value + index, count: end - index))
                    index = end
                }
            }
            if value[index] == UInt8(ascii: "Z") {
                bytes.append(UInt8(ascii: "Z"))
            } else if field(UInt8(ascii: "+"), 2) || field(UInt8(ascii: "-"), 2) {
                if !field(UInt8(ascii: ":"), 2) { _ = digits(2) }
            }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        return isPlausible(text) ? text : nil
    }

    /// Month 01–12 and day 01–31 when present.
    private static func isPlausible(_ text: String) -> Bool {
        let utf8 = Array(text.utf8)
        func number(_ at: Int) -> Int { Int(utf8[at] - 0x30) * 10 + Int(utf8[at + 1] - 0x30) }
        guard (1...12).contains(number(5)) else { return false }
        return utf8.count < 10 || (1...31).contains(number(8))
    }
}
