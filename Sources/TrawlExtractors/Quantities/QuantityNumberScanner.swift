// Trawl — QuantityNumberScanner.swift
// Reads numbers written with digits, in French and English conventions, straight from UTF-8 bytes.

/// Scans `3 000`, `3,000`, `2,5`, `1.234.567,89`, `12,34,567.89`, `.08`, `1e10`, `1.1^23`,
/// `6.23x10^-4`; marks versions, IP addresses and phone-like digit groups as identifiers.
enum QNumberScanner {
    @inline(__always)
    private static func digitRun(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var k = i
        while k < b.count, QScanner.isDigit(b[k]) { k += 1 }
        return k - i
    }

    /// The value of the digits `b[i..<j]`.
    @inline(__always)
    private static func digitsValue(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) -> Double {
        var value = 0.0
        for k in i..<j { value = value * 10 + Double(b[k] &- 0x30) }
        return value
    }

    /// Scans the number at `i` into `item` (kind, end, value, flags, hashes).
    static func scan(_ b: UnsafeBufferPointer<UInt8>, at i: Int, french: Bool, into item: inout QItem) {
        let n = b.count
        item.kind = .number
        var k = i
        var integer = 0.0
        var fraction = 0.0
        var hasDecimal = false
        var separated = false
        var intDigits = 0
        var decimalComma = false
        if b[k] == 0x2E {  // .08
            let run = digitRun(b, k + 1)
            fraction = digitsValue(b, k + 1, k + 1 + run) / pow10(run)
            hasDecimal = true
            k += 1 + run
        } else {
            let first = digitRun(b, k)
            integer = digitsValue(b, k, k + first)
            intDigits = first
            k += first
            // Thousands separated by spaces: first group of 1–3 digits, then groups of exactly 3.
            if first <= 3 {
                while k < n {
                    let sl = QScanner.spaceLength(b, k)
                    guard sl > 0, b[k] != 0x0A, k + sl + 3 <= n, digitRun(b, k + sl) == 3 else { break }
                    let groupEnd = k + sl + 3
                    if groupEnd < n, b[groupEnd] == 0x2F { break }  // "1 1/2"
                    integer = integer * 1000 + digitsValue(b, k + sl, groupEnd)
                    intDigits += 3
                    k = groupEnd
                    separated = true
                }
            }
            if !separated {
                // Group separators "," (English) or "." (French, or English before a "," decimal).
                let groupMark: UInt8 = french ? 0x2E : 0x2C
                var groups = 0
                var probe = k
                var ok = first <= 3
                var lastWasTwo = false
                var europeanInEnglish = false
                // Indian grouping (12,34,567) in English: groups of two before a final group of three.
                while ok, probe < n, b[probe] == groupMark || (!french && b[probe] == 0x2E && groups == 0 && probe + 4 < n
                    && b[probe + 4] == 0x2C) {
                    let mark = b[probe]
                    let run = digitRun(b, probe + 1)
                    if run == 3 {
                        groups += 1
                        probe += 4
                        if mark != groupMark { europeanInEnglish = true; break }
                    } else if run == 2, !french, probe + 3 < n, b[probe + 3] == mark {
                        groups += 1
                        probe += 3
                        lastWasTwo = true
                        continue
                    } else {
                        ok = groups > 0 && !lastWasTwo && (run == 0 || !(probe + 1 + run < n && b[probe + 1 + run] == mark))
                        break
                    }
                    lastWasTwo = false
                }
                if ok, groups > 0, !(probe < n && QScanner.isDigit(b[probe])) {
                    // A list of short numbers "22,24,26" never gets here: its groups are not 3 long.
                    // "1.234.5": a group run followed by the same mark and digits is a version.
                    if !europeanInEnglish, probe + 1 < n, b[probe] == groupMark, QScanner.isDigit(b[probe + 1]) {
                        item.kind = .identifier
                    }
                    var m = k
                    while m < probe {
                        if b[m] == 0x2C || b[m] == 0x2E {
                            let run = digitRun(b, m + 1)
                            integer = integer * pow10(run) + digitsValue(b, m + 1, m + 1 + run)
                            intDigits += run
                            m += 1 + run
                        } else {
                            m += 1
                        }
                    }
                    k = probe
                    separated = true
                    decimalComma = europeanInEnglish  // "1.111,11" in an English text
                }
            }
            // Decimal part.
            let decimalMark: UInt8 = french ? 0x2C : 0x2E
            // In English a comma is a decimal mark only after "1.111" and never inside a list ("22,24,26,31").
            let inList = i >= 2 && b[i - 1] == 0x2C && QScanner.isDigit(b[i - 2])
            if k + 1 < n, (b[k] == decimalMark && !(decimalComma && b[k] == 0x2E)) || (b[k] == 0x2E && french)
                || (b[k] == 0x2C && !french && (!separated || decimalComma) && !inList),
               QScanner.isDigit(b[k + 1]) {
                let run = digitRun(b, k + 1)
                let after = k + 1 + run
                // "1, 234" has a space; "22,24,26" is a list; "2.3.1" and "192.168.1.2" are identifiers.
                let listLike = after + 1 < n && b[after] == b[k] && QScanner.isDigit(b[after + 1])
                if listLike {
                    if b[k] == 0x2E {
                        var m = after
                        while m + 1 < n, (b[m] == 0x2E), QScanner.isDigit(b[m + 1]) { m += 1 + digitRun(b, m + 1) }
                        item.kind = .identifier
                        k = m
                    }
                } else {
                    fraction = digitsValue(b, k + 1, after) / pow10(run)
                    hasDecimal = true
                    k = after
                }
            }
        }
        var value = integer + fraction
        // Exponents: 1e10, 12.32e+14, 1.1^23, 2.5^-1, 1.3x10^6, 2.48×10−5.
        if k < n, item.kind == .number {
            var m = k
            var base = 10.0
            var powerOfBase = false
            if b[m] == 0x5E {
                powerOfBase = true
                base = value
                m += 1
            } else if b[m] == 0x65 || b[m] == 0x45 {
                m += 1
            } else if (b[m] == 0x78 || (b[m] == 0xC3 && m + 1 < n && b[m + 1] == 0x97)), m + 2 < n {
                m += b[m] == 0x78 ? 1 : 2
                if m + 2 < n, b[m] == 0x31, b[m + 1] == 0x30, b[m + 2] == 0x5E || b[m + 2] == 0x2D
                    || (b[m + 2] == 0xE2 && m + 4 < n && b[m + 3] == 0x88 && b[m + 4] == 0x92) {
                    m += 2
                    if b[m] == 0x5E { m += 1 }
                } else {
                    m = n
                }
            } else {
                m = n
            }
            if m < n {
                var negative = false
                while m < n {
                    if b[m] == 0x2D { negative.toggle(); m += 1 }
                    else if b[m] == 0x2B { m += 1 }
                    else if b[m] == 0xE2, m + 2 < n, b[m + 1] == 0x88, b[m + 2] == 0x92 { negative.toggle(); m += 3 }
                    else { break }
                }
                let run = m < n ? digitRun(b, m) : 0
                if run > 0, run <= 3, !(m + run < n && QScanner.letterLength(b, m + run) > 0) {
                    let exponent = digitsValue(b, m, m + run) * (negative ? -1 : 1)
                    value = powerOfBase ? pow(base, exponent) : value * pow(10, exponent)
                    k = m + run
                    hasDecimal = true
                }
            }
        }
        item.end = Int32(k)
        item.value = value
        item.plainInteger = !hasDecimal && !separated && b[i] != 0x2E
        item.digitCount = Int8(min(intDigits, 100))
        var hash = QHash.seed
        for m in i..<k { hash = QHash.add(hash, b[m]) }
        item.exact = hash
        item.folded = hash
    }

    @inline(__always)
    static func pow10(_ n: Int) -> Double {
        var value = 1.0
        for _ in 0..<n { value *= 10 }
        return value
    }

    /// `base` to the power `exponent`, for integral exponents (no Foundation in the hot path).
    static func pow(_ base: Double, _ exponent: Double) -> Double {
        var e = Int(exponent.magnitude)
        var result = 1.0
        var factor = base
        while e > 0 {
            if e & 1 == 1 { result *= factor }
            factor *= factor
            e >>= 1
        }
        return exponent < 0 ? 1 / result : result
    }
}
