// Trawl — QuantityNumerals.swift
// Numerals over the item stream: digits, number words, fractions, ordinals and their combinations.

/// What a numeral denotes.
enum QNumeralKind: UInt8 {
    case cardinal, ordinal, fraction
}

/// A numeral: a run of items with one value ("trois mille", "2,5 milliards", "un tiers", "21st").
struct QNumeral {
    /// First item.
    var first: Int
    /// One past the last item.
    var end: Int
    /// The value (the rank for ordinals).
    var value: Double
    /// Cardinal, ordinal or fraction.
    var kind: QNumeralKind
    /// Written with digits (at least partly).
    var hasDigits: Bool
    /// Contains a scale word ("million", "k").
    var scaled: Bool
    /// Just an article or "un"/"une"/"one" on its own.
    var bareOne: Bool
    /// A four-digit integer without separators (a possible year).
    var yearLike: Bool
}

/// Parses numerals starting at an item.
struct QNumeralParser {
    let items: [QItem]
    let bytes: UnsafeBufferPointer<UInt8>
    let lex: QLexicon
    let french: Bool

    static let ordinalSuffixes: Set<UInt64> = {
        var set: Set<UInt64> = []
        for suffix in ["e", "eme", "ieme", "em", "er", "re", "ere", "st", "nd", "rd", "th", "d", "o", "nde", "nd"] {
            var hash = QHash.seed
            for byte in suffix.utf8 { hash = QHash.add(hash, byte) }
            set.insert(hash)
        }
        return set
    }()

    @inline(__always)
    func isSymbol(_ k: Int, _ byte: UInt8) -> Bool {
        k < items.count && items[k].kind == .symbol && items[k].end - items[k].start == 1 && bytes[Int(items[k].start)] == byte
    }

    /// A hyphen-like symbol (`-`, `–`, `—`, `−`).
    @inline(__always)
    func isDash(_ k: Int) -> Bool {
        k < items.count && items[k].kind == .symbol && items[k].folded == QNumeralParser.dashHash
    }

    static let dashHash: UInt64 = QHash.add(QHash.seed, 0x2D)
    static let ofHash: UInt64 = QHash.add(QHash.add(QHash.seed, 0x6F), 0x66)

    /// Whether item `k` is glued to the previous item (no space between).
    @inline(__always)
    func glued(_ k: Int) -> Bool { k < items.count && !items[k].spaceBefore && !items[k].breakBefore }

    /// The number-word entry at `k`, if any.
    @inline(__always)
    func numberWord(_ k: Int) -> QWord? {
        guard k < items.count, items[k].kind == .word, let w = lex.word(items, k) else { return nil }
        return w
    }

    /// Whether a number element (word or digits) starts at `k`.
    func startsNumber(_ k: Int) -> Bool {
        guard k < items.count else { return false }
        if items[k].kind == .number { return true }
        guard let w = numberWord(k) else { return false }
        return !w.cardinal.isNaN || w.denominator > 0
    }

    /// The fraction "N/d", "a half", "deux tiers", "one fourth" at `k` (after "and"/"et"):
    /// (value, end) or nil.
    func fractionPart(_ k: Int) -> (Double, Int)? {
        guard k < items.count, !items[k].breakBefore else { return nil }
        if let w = numberWord(k), w.denominator > 0, w.cardinal.isNaN, w.denominator == 2 {
            return (0.5, k + 1)  // "et demi"
        }
        var numerator = 0.0
        var j = k
        if items[k].kind == .number, items[k].plainInteger {
            numerator = items[k].value
            j = k + 1
        } else if let w = numberWord(k), !w.cardinal.isNaN, w.cardinalClass != 4, w.cardinalClass != 5 {
            numerator = w.cardinal
            j = k + 1
            if let next = numberWord(j), next.cardinalClass == 1, w.cardinalClass == 3 {
                numerator += next.cardinal
                j += 1
            } else if isDash(j), let next = numberWord(j + 1), next.cardinalClass == 1, w.cardinalClass == 3 {
                numerator += next.cardinal
                j += 2
            }
        } else {
            return nil
        }
        guard j < items.count, !items[j].breakBefore, let d = numberWord(j), d.denominator > 0 else { return nil }
        if numerator == 1, d.plural { return nil }
        return (numerator / d.denominator, j + 1)
    }

    /// Whether no numeral starts at `j`, from the item and its lexicon entry alone: a word that is
    /// no number word, ordinal, "minus", "baker's" or "square", or a symbol other than a dash or
    /// a vulgar fraction. ``parse(at:)`` would take no element there and return nil; most of the
    /// items it is asked about are such words and punctuation.
    @inline(__always)
    func startsNoNumeral(_ j: Int) -> Bool {
        guard j < items.count else { return false }
        switch items[j].kind {
        case .word:
            guard let w = lex.word(items, j) else { return true }
            return w.startsNoNumeral
        case .symbol:
            return !isDash(j) && vulgarFraction(j) == nil
        case .number, .identifier:
            return false
        }
    }

    /// Whether the dash at `k` is a minus sign: glued to the digits after it, after a space ("-5").
    /// The only numerals that start with a symbol are these and vulgar fractions ("½").
    @inline(__always)
    func isMinusSign(_ k: Int) -> Bool {
        isDash(k) && k + 1 < items.count && items[k + 1].kind == .number && glued(k + 1) && (items[k].spaceBefore || k == 0)
    }

    /// Parses the numeral starting at item `j`, or returns nil.
    func parse(at j: Int) -> QNumeral? {
        if startsNoNumeral(j) { return nil }
        let n = items.count
        var k = j
        var negative = false
        // Signs: "-5" (dash glued to the digits, after a space) and "minus five".
        if isMinusSign(k) {
            negative = true
            k += 1
        } else if let w = numberWord(k), w.connector == 5, k + 1 < n, startsNumber(k + 1) {
            negative = true
            k += 1
        }
        var total = 0.0
        var current = 0.0
        var lastClass: UInt8 = 0  // 0 none, 1–7 word classes, 10 digits
        var lastTerm = 0.0
        var lastScale = 0.0
        var elements = 0
        var end = k
        var hasDigits = false
        var scaled = false
        var articleOnly = false
        var yearLike = false
        var wordCount = 0
        var afterAnd = false
        var compoundDenominator = 0.0  // "one hundred thirty-fifths": 35
        loop: while k < n {
            let item = items[k]
            if elements > 0, item.breakBefore { break }
            if item.kind == .number {
                if elements == 0 {
                    current = item.value
                    hasDigits = true
                    yearLike = item.plainInteger && item.digitCount == 4
                } else if (lastClass == 4 || lastClass == 5), item.plainInteger,
                          item.value < (lastClass == 4 ? 100 : lastScale), current.truncatingRemainder(dividingBy: 100) == 0 {
                    current += item.value  // "4 thousand 3 hundred and 21"
                } else {
                    break
                }
                lastClass = 10
                lastTerm = item.value
                elements += 1
                k += 1
                end = k
                continue
            }
            if item.kind == .symbol {
                // "&" is "and" between English number words ("two hundred & forty")
                if !french, elements > 0, lastClass == 4 || lastClass == 5, lex.word(items, k)?.connector == 1, let next = numberWord(k + 1),
                   !next.cardinal.isNaN, next.cardinalClass != 6 {
                    k += 1
                    afterAnd = true
                    continue
                }
                // hyphens join number words ("vingt-et-un", "forty-two"); "," joins English scales
                let isComma = isSymbol(k, 0x2C)
                if elements > 0, lastClass != 10, (isDash(k) && glued(k) && glued(k + 1)) || (isComma && !french && lastClass == 5),
                   let w = numberWord(k + 1), !w.cardinal.isNaN || w.connector == 1 {
                    k += 1
                    continue
                }
                break
            }
            guard item.kind == .word, let w = lex.word(items, k) else { break }
            if w.bakers || w.square {  // "a baker's dozen": 13; "a square dozen": 144
                guard let dozen = numberWord(k + 1), dozen.cardinalClass == 7, dozen.cardinal == 12, elements > 0 || w.bakers else { break }
                let unit = w.bakers ? 13.0 : 144.0
                current = elements == 0 || articleOnly ? unit : current * unit
                articleOnly = false
                lastClass = 7
                lastTerm = 13
                elements += 1
                wordCount += 1
                k += 2
                end = k
                continue
            }
            if w.connector == 1, elements > 0 {
                // "and"/"et"/"&": inside a number ("hundred and six", "vingt et un") or before a fraction
                if !french, lastClass == 4 || lastClass == 5, k + 1 < n, items[k + 1].kind == .number, items[k + 1].plainInteger,
                   items[k + 1].value < 100, !isFractionAhead(k + 1) {
                    k += 1
                    continue
                }
                let after = isDash(k + 1) && glued(k + 1) ? k + 2 : k + 1  // "vingt-et-un"
                // "hundred and thirty fifths" goes on (130/5); "hundred and three quarters" is 100¾
                if let next = numberWord(after), !next.cardinal.isNaN, next.cardinalClass != 6,
                   !isFractionAhead(after) || (!french && next.cardinalClass == 3) {
                    let allowed = french
                        ? (lastClass == 3 && (next.cardinal == 1 || next.cardinal == 11) && current.truncatingRemainder(dividingBy: 10) == 0)
                        : (lastClass == 4 || lastClass == 5)
                    if allowed { k = after; afterAnd = true; continue }
                }
                break
            }
            if w.cardinal.isNaN {
                if w.connector == 10, elements > 0, !french, let digit = numberWord(k + 1), digit.cardinalClass == 1 || digit.cardinalClass == 2 {
                    // "two hundred point zero three"
                    var m = k + 1
                    var scale = 0.1
                    var decimals = 0.0
                    while let d = numberWord(m), d.cardinalClass == 1 || (d.cardinalClass == 2 && m == k + 1) {
                        if d.cardinalClass == 2 { decimals = d.cardinal / 100; m += 1; break }
                        decimals += d.cardinal * scale
                        scale /= 10
                        m += 1
                    }
                    current += decimals
                    k = m
                    end = m
                    elements += 1
                    lastClass = 10
                }
                break
            }
            let v = w.cardinal
            if w.afterDigitsOnly {
                guard lastClass == 10 else { break }
                current *= v
                total += current
                current = 0
                lastScale = v
                lastClass = 5
                scaled = true
                yearLike = false
                elements += 1
                k += 1
                end = k
                continue
            }
            switch w.cardinalClass {
            case 6:  // "a", "an": only before hundred, scale, dozen or a fraction word
                guard elements == 0, let next = numberWord(k + 1),
                      next.cardinalClass == 4 || next.cardinalClass == 5 || next.cardinalClass == 7 || next.denominator > 0
                        || ((next.bakers || next.square) && numberWord(k + 2)?.cardinalClass == 7)
                else { break loop }
                current = 1
                articleOnly = true
            case 1, 2, 3:
                // "one hundred thirty-fifths", "three twenty-firsts": tens and a plural ordinal
                // after a number form one denominator.
                if elements > 0, !afterAnd, !french, w.cardinalClass == 3, lastClass != 10 {
                    let d = isDash(k + 1) && glued(k + 1) ? k + 2 : k + 1
                    if d < n, !items[d].breakBefore, let den = numberWord(d), den.plural, den.denominator > 0, den.denominator < 10,
                       den.cardinal.isNaN {
                        compoundDenominator = v + den.denominator
                        end = d + 1
                        break loop
                    }
                }
                if elements == 0 {
                    current = v
                } else if lastClass == 10 {
                    break loop
                } else if lastClass == 3, w.cardinalClass == 1, current.truncatingRemainder(dividingBy: 10) == 0, v > 0 {
                    current += v
                } else if french, (lastTerm == 60 || lastTerm == 80), w.cardinalClass == 2 || v == 10 {
                    current += v
                } else if french, lastClass == 1, lastTerm == 4, v == 20 {
                    current += 76  // quatre-vingt
                    lastTerm = 80
                    lastClass = 3
                    elements += 1
                    wordCount += 1
                    k += 1
                    end = k
                    continue
                } else if french, lastClass == 2, lastTerm == 10, w.cardinalClass == 1, v >= 7 {
                    current += v  // dix sept
                } else if lastClass == 4 || lastClass == 5, current.truncatingRemainder(dividingBy: 100) == 0 {
                    current += v
                } else {
                    break loop
                }
            case 4:
                if elements == 0 {
                    current = 100
                } else if current > 0, current < 100, lastClass != 5 {
                    current *= 100
                } else {
                    break loop
                }
            case 5:
                if elements > 0, lastClass == 5, current == 0, v > lastScale {
                    total *= v  // "three lakh crore", "a thousand million"
                    lastScale = v
                    elements += 1
                    wordCount += 1
                    k += 1
                    end = k
                    continue
                }
                if elements > 0, lastScale != 0, v >= lastScale { break loop }
                if elements == 0 { current = 1 }
                total += (current == 0 ? 1 : current) * v
                current = 0
                lastScale = v
                scaled = true
                yearLike = false
            case 7:  // dozen: "two dozen", "three hundred and two dozens" (300 + 24); "a gross" (144)
                if elements == 0 {
                    guard v == 12 else { break loop }  // "gross" only after a number or an article
                    current = 12
                } else if lastClass == 1 || lastClass == 2 || lastClass == 3, current > lastTerm {
                    current += lastTerm * (v - 1)
                } else {
                    current *= v
                }
            default:
                break loop
            }
            articleOnly = articleOnly && w.cardinalClass == 6
            afterAnd = false
            lastClass = w.cardinalClass
            lastTerm = v
            elements += 1
            wordCount += 1
            k += 1
            end = k
        }
        // Digit fractions: "3/4", "2 1/2", "10 1/2"; vulgar fractions: "½", "2½".
        if lastClass == 10, elements == 1 {
            var m = end
            if m + 2 < n, items[m].kind == .number, items[m].plainInteger, isSymbol(m + 1, 0x2F), glued(m + 1), glued(m + 2),
               items[m + 2].kind == .number, items[m + 2].plainInteger, items[m].value < items[m + 2].value, items[m + 2].value > 0 {
                current += items[m].value / items[m + 2].value  // "2 1/2"
                end = m + 3
                m = end
            } else if m + 1 < n, isSymbol(m, 0x2F), glued(m), glued(m + 1), items[m + 1].kind == .number,
                      items[m + 1].plainInteger, items[m + 1].value > 0, items[j].plainInteger || negative {
                current /= items[m + 1].value
                end = m + 2
                yearLike = false
                lastClass = 11
            } else if m < n, glued(m), let fraction = vulgarFraction(m) {
                current += fraction
                end = m + 1
            }
        } else if elements == 0, k < n, let fraction = vulgarFraction(k) {
            current = fraction
            elements = 1
            end = k + 1
            lastClass = 11
        }
        if compoundDenominator > 0 {
            return QNumeral(first: j, end: end, value: (total + current) / compoundDenominator * (negative ? -1 : 1), kind: .fraction,
                            hasDigits: hasDigits, scaled: scaled, bareOne: false, yearLike: false)
        }
        var value = total + current
        var kind = lastClass == 11 ? QNumeralKind.fraction : QNumeralKind.cardinal
        let onlyOneWord = elements == 1 && wordCount == 1 && value == 1
        // Fractions and compound ordinals right after: "deux tiers", "twenty-first", "two hundredth".
        var d = end
        if elements > 0, isDash(d), lastClass != 10, let w = numberWord(d + 1), w.denominator > 0 || glued(d) { d += 1 }
        if elements > 0, d < n, !items[d].breakBefore, let w = numberWord(d), w.denominator > 0 || w.ordinal > 0,
           w.cardinal.isNaN {
            if w.plural, w.denominator > 0, !(value == 1 && !onlyOneWord) {
                value /= w.denominator
                kind = .fraction
                end = d + 1
            } else if !w.plural, w.ordinal >= 100, lastClass != 10, value < 1000 {
                value *= w.ordinal
                kind = .ordinal
                end = d + 1
            } else if !w.plural, w.ordinal > 0, w.ordinal < 10, !hasDigits, (lastClass == 3 || lastClass == 4),
                      current.truncatingRemainder(dividingBy: 10) == 0, !articleOnly, !(value == 1) {
                value += w.ordinal
                kind = .ordinal
                end = d + 1
            } else if !w.plural, w.denominator > 0, lastClass != 10 || value == 1 {
                value /= w.denominator
                kind = .fraction
                end = d + 1
            }
        } else if elements == 1, lastClass == 10, end < n, glued(end), items[end].kind == .word,
                  QNumeralParser.ordinalSuffixes.contains(items[end].folded), items[end - 1].plainInteger {
            // 3e, 21st, 1er, 11eme
            kind = .ordinal
            end += 1
        }
        if elements == 0 {
            // A lone ordinal word: "troisième", "first".
            guard let w = numberWord(k), w.ordinal > 0, w.cardinal.isNaN, !negative else { return nil }
            return QNumeral(first: j, end: k + 1, value: w.ordinal, kind: .ordinal, hasDigits: false, scaled: false,
                            bareOne: false, yearLike: false)
        }
        if articleOnly, kind == .cardinal, !scaled, lastClass == 6 { return nil }
        // "deux et demi", "two and a half", "un million et demi", "cent trois et deux tiers"
        if kind == .cardinal, end < n, let w = numberWord(end), w.connector == 1, let (fraction, fractionEnd) = fractionPart(end + 1) {
            value += current == 0 && lastScale > 0 ? fraction * lastScale : fraction
            end = fractionEnd
            if let s = numberWord(end), s.cardinalClass == 5, current != 0 || lastScale == 0 {
                value *= s.cardinal  // "five and a half million"
                scaled = true
                end += 1
            }
        }
        // "one over three", "un sur trois", "one out of three"
        if kind == .cardinal, (value == 1 || !hasDigits), end < n, let (w, length) = lex.match(items, end, limit: n), w.connector == 6,
           let denominator = parse(at: end + length),
           denominator.kind == .cardinal, denominator.value != 0, !denominator.hasDigits || value == 1, !scaled {
            value /= denominator.value
            kind = .fraction
            end = denominator.end
        }
        // "two thirds of a million"
        if kind == .fraction, end + 2 < n, !french, items[end].kind == .word, lex.word(items, end)?.stop == true,
           items[end].folded == QNumeralParser.ofHash, let article = numberWord(end + 1), article.cardinalClass == 6,
           let scale = numberWord(end + 2), scale.cardinalClass == 5, !scale.afterDigitsOnly {
            value *= scale.cardinal
            scaled = true
            end += 3
        }
        if negative { value = -value }
        return QNumeral(first: j, end: end, value: value, kind: kind, hasDigits: hasDigits, scaled: scaled,
                        bareOne: onlyOneWord && kind == .cardinal && !hasDigits && end == j + 1 && value == 1, yearLike: yearLike && !negative)
    }

    /// The value of a vulgar fraction character (`½`, `⅓`…) at `k`.
    func vulgarFraction(_ k: Int) -> Double? {
        guard items[k].kind == .symbol else { return nil }
        let s = Int(items[k].start)
        let length = Int(items[k].end) - s
        if length == 2, bytes[s] == 0xC2 {
            switch bytes[s + 1] {
            case 0xBC: return 0.25
            case 0xBD: return 0.5
            case 0xBE: return 0.75
            default: return nil
            }
        }
        if length == 3, bytes[s] == 0xE2, bytes[s + 1] == 0x85, (0x90...0x9E).contains(bytes[s + 2]) {
            let table: [Double] = [1.0 / 7, 1.0 / 9, 0.1, 1.0 / 3, 2.0 / 3, 0.2, 0.4, 0.6, 0.8, 1.0 / 6, 5.0 / 6,
                                   0.125, 0.375, 0.625, 0.875]
            return table[Int(bytes[s + 2] - 0x90)]
        }
        return nil
    }

    /// Whether a fraction ("a half", "three quarters") starts at `k`.
    func isFractionAhead(_ k: Int) -> Bool {
        fractionPart(k) != nil
    }
}
