// Trawl — Charset.swift
// Character encodings: WHATWG label normalisation and the `<meta charset>` byte prescan.

/// A character encoding the reader can decode, under its WHATWG name.
struct Charset: Hashable, Sendable {
    /// How bytes of this encoding become UTF-8.
    enum Family: Hashable, Sendable {
        /// UTF-8 itself: fed to libxml2 as is (invalid sequences repaired first).
        case utf8
        /// UTF-16 with the given byte order (only reached through a byte order mark).
        case utf16(bigEndian: Bool)
        /// An ASCII-compatible single-byte encoding, decoded through a 256-entry table.
        case singleByte
        /// An ASCII-compatible multi-byte encoding (GBK, Big5, Shift_JIS, EUC), decoded by iconv.
        case multiByte
    }

    /// The WHATWG name, reported as ``Document/charset``.
    let name: String
    /// The glibc iconv name used to decode it.
    let iconvName: String
    /// How it decodes.
    let family: Family

    static let utf8 = Charset(name: "utf-8", iconvName: "UTF-8", family: .utf8)
    static let utf16LE = Charset(name: "utf-16le", iconvName: "UTF-16LE", family: .utf16(bigEndian: false))
    static let utf16BE = Charset(name: "utf-16be", iconvName: "UTF-16BE", family: .utf16(bigEndian: true))
    static let windows1252 = Charset(name: "windows-1252", iconvName: "CP1252", family: .singleByte)

    /// The encoding a label names (`"ISO-8859-1"`, `" utf8 "`, `"gb2312"`), after WHATWG's
    /// aliases: latin1 and us-ascii mean windows-1252, gb2312 means GBK (decoded as its superset
    /// GB18030), and so on. UTF-16 labels mean UTF-8, as in a document that declares them in its
    /// own ASCII-compatible bytes. `nil` for labels the reader does not support.
    init?(label: some StringProtocol) {
        let key = String(label.filter { !" \t\"'".contains($0) }).lowercased()
        guard let found = Charset.byLabel[key] else { return nil }
        self = found
    }

    private init(name: String, iconvName: String, family: Family) {
        self.name = name
        self.iconvName = iconvName
        self.family = family
    }

    /// Label → encoding, from the WHATWG Encoding Standard's label table (the encodings it keeps
    /// and glibc can decode).
    private static let byLabel: [String: Charset] = {
        let single: [(String, String, String)] = [
            ("windows-1252", "CP1252", "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"),
            ("iso-8859-2", "ISO-8859-2", "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"),
            ("iso-8859-3", "ISO-8859-3", "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"),
            ("iso-8859-4", "ISO-8859-4", "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"),
            ("iso-8859-5", "ISO-8859-5", "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988"),
            ("iso-8859-6", "ISO-8859-6", "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"),
            ("iso-8859-7", "ISO-8859-7", "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek"),
            ("iso-8859-8", "ISO-8859-8", "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual csiso88598i iso-8859-8-i logical"),
            ("iso-8859-10", "ISO-8859-10", "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"),
            ("iso-8859-13", "ISO-8859-13", "iso-8859-13 iso8859-13 iso885913"),
            ("iso-8859-14", "ISO-8859-14", "iso-8859-14 iso8859-14 iso885914"),
            ("iso-8859-15", "ISO-8859-15", "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9 latin9"),
            ("iso-8859-16", "ISO-8859-16", "iso-8859-16"),
            ("koi8-r", "KOI8-R", "cskoi8r koi koi8 koi8-r koi8_r"),
            ("koi8-u", "KOI8-U", "koi8-ru koi8-u"),
            ("windows-874", "CP874", "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"),
            ("windows-1250", "CP1250", "cp1250 windows-1250 x-cp1250"),
            ("windows-1251", "CP1251", "cp1251 windows-1251 x-cp1251"),
            ("windows-1253", "CP1253", "cp1253 windows-1253 x-cp1253"),
            ("windows-1254", "CP1254", "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254"),
            ("windows-1255", "CP1255", "cp1255 windows-1255 x-cp1255"),
            ("windows-1256", "CP1256", "cp1256 windows-1256 x-cp1256"),
            ("windows-1257", "CP1257", "cp1257 windows-1257 x-cp1257"),
            ("windows-1258", "CP1258", "cp1258 windows-1258 x-cp1258"),
            ("macintosh", "MACINTOSH", "csmacintosh mac macintosh x-mac-roman"),
            ("ibm866", "IBM866", "866 cp866 csibm866 ibm866"),
        ]
        let multi: [(String, String, String)] = [
            ("gbk", "GB18030", "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk cp936 ms936"),
            ("gb18030", "GB18030", "gb18030"),
            ("big5", "BIG5-HKSCS", "big5 big5-hkscs cn-big5 csbig5 x-x-big5"),
            ("euc-jp", "EUC-JP", "cseucpkdfmtjapanese euc-jp x-euc-jp"),
            ("shift_jis", "CP932", "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"),
            ("euc-kr", "CP949", "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 ksc_5601 windows-949 cp949"),
        ]
        var table: [String: Charset] = [:]
        for label in "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8 utf-16 utf-16le utf-16be unicode unicodefeff csunicode iso-10646-ucs-2 ucs-2".split(separator: " ") {
            table[String(label)] = .utf8
        }
        for (family, rows) in [(Family.singleByte, single), (Family.multiByte, multi)] {
            for (name, iconvName, labels) in rows {
                let charset = Charset(name: name, iconvName: iconvName, family: family)
                for label in labels.split(separator: " ") { table[String(label)] = charset }
            }
        }
        return table
    }()
}

/// Finds the charset a document declares in its first bytes, without parsing it.
enum CharsetPrescan {
    /// How many leading bytes the prescan looks at.
    static let window = 4096

    /// The label of the first `<meta charset=…>` or `<meta http-equiv content="…charset=…">`
    /// in the first ``window`` bytes, or else of an XML declaration's `encoding="…"`.
    static func declaredLabel(in bytes: UnsafeBufferPointer<UInt8>) -> Substring? {
        let end = min(bytes.count, window)
        var index = 0
        var xmlLabel: Substring? = nil
        while index + 5 < end {
            guard bytes[index] == UInt8(ascii: "<") else {
                index += 1
                continue
            }
            if matches(bytes, at: index + 1, end: end, lowercase: "meta"), isSpace(bytes[index + 5]) || bytes[index + 5] == UInt8(ascii: "/") {
                let tagEnd = firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index, end: end) ?? end
                if let label = value(after: "charset", in: bytes, from: index + 5, end: tagEnd) { return label }
                index = tagEnd
            } else if xmlLabel == nil, matches(bytes, at: index + 1, end: end, lowercase: "?xml") {
                let tagEnd = firstIndex(of: UInt8(ascii: ">"), in: bytes, from: index, end: end) ?? end
                xmlLabel = value(after: "encoding", in: bytes, from: index + 5, end: tagEnd)
                index = tagEnd
            } else {
                index += 1
            }
        }
        return xmlLabel
    }

    /// The token after the first `name` `=` (spaces and one quote allowed around `=`) in
    /// `bytes[from..<end]`: letters, digits and `-_.:`.
    private static func value(after name: String, in bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Substring? {
        var index = from
        while index < end {
            if matches(bytes, at: index, end: end, lowercase: name) {
                var cursor = index + name.utf8.count
                while cursor < end, isSpace(bytes[cursor]) { cursor += 1 }
                guard cursor < end, bytes[cursor] == UInt8(ascii: "=") else {
                    index = cursor
                    continue
                }
                cursor += 1
                while cursor < end, isSpace(bytes[cursor]) || bytes[cursor] == UInt8(ascii: "\"") || bytes[cursor] == UInt8(ascii: "'") {
                    cursor += 1
                }
                let start = cursor
                while cursor < end, isLabelByte(bytes[cursor]) { cursor += 1 }
                guard cursor > start else { return nil }
                return Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// Whether `bytes[at...]` starts with the lowercase ASCII `word`, ignoring ASCII case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, end: Int, lowercase word: String) -> Bool {
        guard at + word.utf8.count <= end else { return false }
        var index = at
        for expected in word.utf8 {
            let byte = bytes[index]
            let folded = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            if folded != expected { return false }
            index += 1
        }
        return true
    }

    private static func firstIndex(of target: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        var index = from
        while index < end {
            if bytes[index] == target { return index }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D
    }

    private static func isLabelByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }
}
