// Trawl — ArchiveDate.swift
// Validates WARC-Date values and converts ARC's 14-digit dates, byte by byte.

/// Date values found in archive headers, checked before they become document dates.
enum ArchiveDate {
    /// The value when it is a valid ISO 8601 date or date-time of the shapes W3C-DTF allows
    /// (`2019-08-15`, `2019-08-15T01:02`, `2019-08-15T14:06:11.5Z`, `…-07:00`, `…-0700`),
    /// trimmed; `nil` for anything else, such as ClueWeb09's `2008-10-294T05:21:46-0700`.
    static func normalized(_ value: String) -> String? {
        let bytes = Array(Bytes.trimmed(Array(value.utf8)))
        var index = 0
        func number(_ width: Int, _ range: ClosedRange<Int>) -> Bool {
            guard index + width <= bytes.count, let value = Bytes.decimal(bytes[index..<(index + width)]),
                  range.contains(value) else { return false }
            index += width
            return true
        }
        func literal(_ byte: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: byte) else { return false }
            index += 1
            return true
        }
        guard number(4, 1...9999) else { return nil }
        let year = Bytes.decimal(bytes[0..<4]) ?? 0
        if index == bytes.count { return String(decoding: bytes, as: UTF8.self) }
        guard literal("-"), number(2, 1...12) else { return nil }
        let month = Bytes.decimal(bytes[5..<7]) ?? 0
        if index == bytes.count { return String(decoding: bytes, as: UTF8.self) }
        guard literal("-"), number(2, 1...daysIn(month: month, year: year)) else { return nil }
        if index == bytes.count { return String(decoding: bytes, as: UTF8.self) }
        guard literal("T"), number(2, 0...23), literal(":"), number(2, 0...59) else { return nil }
        if literal(":") {
            guard number(2, 0...60) else { return nil }
            if literal(".") {
                let digits = bytes[index...].prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
                guard digits > 0 else { return nil }
                index += digits
            }
        }
        if literal("Z") {
            // UTC.
        } else if literal("+") || literal("-") {
            guard number(2, 0...23) else { return nil }
            _ = literal(":")
            guard number(2, 0...59) else { return nil }
        }
        return index == bytes.count ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// An ARC date (`20080430204825`, possibly with extra digits) as `2008-04-30T20:48:25Z`.
    static func fromARC(_ digits: String) -> String? {
        let bytes = Array(digits.utf8)
        guard bytes.count >= 14, bytes.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            return nil
        }
        let part = { (range: Range<Int>) in String(decoding: bytes[range], as: UTF8.self) }
        return normalized("\(part(0..<4))-\(part(4..<6))-\(part(6..<8))T\(part(8..<10)):\(part(10..<12)):\(part(12..<14))Z")
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
