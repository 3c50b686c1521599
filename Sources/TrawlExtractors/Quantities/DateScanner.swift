// Trawl — DateScanner.swift
// Dates and times over the item stream: absolute, numeric, relative, times of day and ranges.

/// A calendar day, with the arithmetic the relative expressions need.
struct QCivilDate: Equatable {
    var year: Int
    var month: Int
    var day: Int

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    init(dayNumber z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    /// ISO weekday, 1 Monday … 7 Sunday.
    var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 + 1 }

    /// Parses the date part of an ISO 8601 string (`2021-04-07`, `2021-04-07T10:00:00Z`).
    init?(iso: String?) {
        guard let iso else { return nil }
        let u = Array(iso.utf8)
        guard u.count >= 10, u[4] == 0x2D, u[7] == 0x2D else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard QScanner.isDigit(u[i]) else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10), (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// ISO 8601 week designation (`2019-W32`).
    var isoWeek: String {
        let thursday = QCivilDate(dayNumber: dayNumber - weekday + 4)
        let week = (thursday.dayNumber - QCivilDate(year: thursday.year, month: 1, day: 1).dayNumber) / 7 + 1
        return "\(thursday.year)-W\(week < 10 ? "0" : "")\(week)"
    }
}

/// One date or time found by the scanner.
struct QDateMatch {
    /// The items covered.
    var items: Range<Int>
    /// ISO 8601 value, when resolved.
    var value: String?
    /// `year`, `month`, `day`, `week`, `time`, `decade`.
    var granularity: String?
    /// The relative form, for relative or incomplete expressions.
    var relative: String?
}

/// Scans dates and times. `reference` resolves relative expressions.
struct DateScanner {
    let items: [QItem]
    let bytes: UnsafeBufferPointer<UInt8>
    let lex: QLexicon
    let french: Bool
    let reference: QCivilDate?
    /// The numeral parser over the same items, made once (making one retains the item and lexicon
    /// arrays, which the per-item rules would otherwise pay for at every number).
    let parser: QNumeralParser

    init(items: [QItem], bytes: UnsafeBufferPointer<UInt8>, lex: QLexicon, french: Bool, reference: QCivilDate?) {
        self.items = items
        self.bytes = bytes
        self.lex = lex
        self.french = french
        self.reference = reference
        parser = QNumeralParser(items: items, bytes: bytes, lex: lex, french: french)
    }

    private func pad(_ v: Int, _ width: Int = 2) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    private func day(_ y: Int, _ m: Int, _ d: Int) -> String { "\(pad(y, 4))-\(pad(m))-\(pad(d))" }

    @inline(__always)
    private func word(_ k: Int) -> QWord? {
        guard k >= 0, k < items.count, items[k].kind == .word || items[k].kind == .symbol else { return nil }
        return lex.word(items, k)
    }

    @inline(__always)
    private func isSymbol(_ k: Int, _ byte: UInt8) -> Bool {
        k < items.count && items[k].kind == .symbol && items[k].end - items[k].start == 1 && bytes[Int(items[k].start)] == byte
    }

    @inline(__always)
    private func glued(_ k: Int) -> Bool { k < items.count && !items[k].spaceBefore && !items[k].breakBefore }

    private func integer(_ k: Int) -> Int? {
        guard k < items.count, items[k].kind == .number, items[k].plainInteger, items[k].value < 10000 else { return nil }
        return Int(items[k].value)
    }

    private func isDash(_ k: Int) -> Bool {
        k < items.count && items[k].kind == .symbol && items[k].folded == QNumeralParser.dashHash
    }

    /// A day of month at `k` ("7", "7th", "1er", "21st"): (day, end).
    private func dayOfMonth(_ k: Int) -> (Int, Int)? {
        guard let d = integer(k), (1...31).contains(d), items[k].digitCount <= 2 else { return nil }
        if k + 1 < items.count, glued(k + 1), items[k + 1].kind == .word,
           QNumeralParser.ordinalSuffixes.contains(items[k + 1].folded) {
            return (d, k + 2)
        }
        if k + 1 < items.count, glued(k + 1), items[k + 1].kind == .word { return nil }
        return (d, k + 1)
    }

    /// A month name at `k`: (month, end).
    private func monthName(_ k: Int) -> (Int, Int)? {
        guard k < items.count, items[k].kind == .word, let (w, length) = lex.match(items, k, limit: items.count),
              w.month != 0 else { return nil }
        var end = k + length
        if isSymbol(end, 0x2E), glued(end) { end += 1 }  // "Aug."
        return (Int(w.month), end)
    }

    /// A year at `k`: four digits 1000–2199, or two digits when `short` ("juillet 98").
    private func year(_ k: Int, short: Bool) -> (Int, Int)? {
        guard k < items.count, !items[k].breakBefore, let y = integer(k) else { return nil }
        if k + 1 < items.count, glued(k + 1), items[k + 1].kind == .word { return nil }
        if items[k].digitCount == 4, (1000...2199).contains(y) { return (y, k + 1) }
        if short, items[k].digitCount == 2 { return (y < 50 ? 2000 + y : 1900 + y, k + 1) }
        return nil
    }

    /// Whether no date starts at the word at `k`, which starts a longer phrase of the lexicon:
    /// ``date(at:)`` would return nil. (``scan()`` skips most words from the ``QTraits`` of their
    /// entry and of the phrases they start alone: words in no table, or function words such as
    /// "the", "de" that are no date cue, number, unit quantifier or date word.)
    private func startsNoDate(phraseAt k: Int) -> Bool {
        if let (phrase, _) = lex.matchEntry(items, k, limit: items.count), lex.traits[Int(phrase)].contains(.datePhrase) {
            return false  // "ago", "weekly", "every"
        }
        return !items[k].traits.contains(.dateWord)  // then duration(at:) finds no amount either
    }

    /// Scans all dates, left to right, longest first.
    func scan() -> [QDateMatch] {
        var results: [QDateMatch] = []
        var k = 0
        while k < items.count {
            let item = items[k]
            if item.kind == .symbol { k += 1; continue }
            if item.kind == .word, item.traits.union(item.phraseTraits).isDisjoint(with: .date)
                || (item.exactPrefix || item.foldedPrefix) && startsNoDate(phraseAt: k) {
                k += 1
                continue
            }
            if var match = date(at: k) {
                // ranges: "de 2014 à 2018", "du 7 au 9 avril" is handled in date(at:)
                var m = match.items.upperBound
                var range = false
                if m < items.count, isDash(m) || isSymbol(m, 0x7E) || word(m)?.connector == 2
                    || (word(m)?.connector == 1 && k > 0 && word(k - 1)?.connector == 3) {
                    m += 1
                    if let second = date(at: m), second.granularity == match.granularity, let a = match.value, let b = second.value {
                        match = QDateMatch(items: match.items.lowerBound..<second.items.upperBound, value: "\(a)/\(b)",
                                           granularity: match.granularity, relative: nil)
                        range = true
                        // "between 2014 and 2018", "from 2014 to 2018"
                        if k > 0, let w = word(k - 1), w.connector == 3 || w.connector == 4 {
                            match.items = (k - 1)..<match.items.upperBound
                        }
                    }
                }
                // English "after 2016", "since this August": the bound is part of the expression (French
                // "depuis 2014" keeps the year alone, as the example article's output shows)
                if !range, k > 0, match.items.lowerBound == k, items[k - 1].kind == .word, let w = word(k - 1), w.dateModifier,
                   match.granularity != "time", match.granularity != "duration", match.granularity != "set" {
                    match.items = (k - 1)..<match.items.upperBound
                }
                results.append(match)
                k = match.items.upperBound
            } else {
                k += 1
            }
        }
        return results
    }

    /// A time of day at `k`: "10h30", "10:30", "4 pm", "16 heures", "midi": (minutes, end).
    private func time(at k: Int, cue: Bool) -> (Int, Int)? {
        if let w = word(k), w.timeOfDay >= 0, items[k].kind == .word { return (Int(w.timeOfDay), k + 1) }
        // "2.13 am", "2.17pm": hours and minutes with a dot, only with a.m./p.m.
        if k < items.count, items[k].kind == .number, !items[k].plainInteger, items[k].digitCount <= 2,
           Int(items[k].end - items[k].start) == Int(items[k].digitCount) + 3, bytes[Int(items[k].end) - 3] == 0x2E,
           k + 1 < items.count, !items[k + 1].breakBefore, let (w, length) = lex.match(items, k + 1, limit: items.count),
           w.timeMarker == 1 || w.timeMarker == 2 {
            let h = Int(items[k].value)
            let m = Int((items[k].value - Double(h)) * 100 + 0.5)
            guard h >= 1, h <= 12, m < 60 else { return nil }
            var minutes = h * 60 + m
            if w.timeMarker == 2, h < 12 { minutes += 720 }
            if w.timeMarker == 1, h == 12 { minutes -= 720 }
            var end = k + 1 + length
            if isSymbol(end, 0x2E), glued(end) { end += 1 }
            return (minutes, end)
        }
        guard let h = integer(k), h <= 24, items[k].digitCount <= 2 else { return nil }
        var minutes = h * 60
        var end = k + 1
        var strong = false
        // "10:30", "10:30:15"
        if isSymbol(end, 0x3A), glued(end), let m = integer(end + 1), glued(end + 1), m < 60, items[end + 1].digitCount == 2 {
            minutes += m
            end += 2
            strong = true
            if isSymbol(end, 0x3A), glued(end), let s = integer(end + 1), glued(end + 1), s < 60 {
                end += 2
            }
        } else if end < items.count, !items[end].breakBefore, let (w, length) = lex.match(items, end, limit: items.count),
                  w.timeMarker == 3 {
            // "10h30", "10 h", "16 heures", "10h"
            end += length
            if let m = integer(end), m < 60, items[end].digitCount == 2 || glued(end) {
                minutes += m
                end += 1
            }
            strong = cue || glued(k + 1) && end > k + 2
            if !strong, cue || (k > 0 && word(k - 1)?.connector == 2) { strong = true }
            if !strong { strong = glued(k + 1) && cue }
        }
        // a.m. / p.m.
        if end < items.count, !items[end].breakBefore, let (w, length) = lex.match(items, end, limit: items.count),
           w.timeMarker == 1 || w.timeMarker == 2 || w.timeMarker == 4 {
            if w.timeMarker == 2, h < 12 { minutes += 12 * 60 }
            if w.timeMarker == 1, h == 12 { minutes -= 12 * 60 }
            end += length
            if isSymbol(end, 0x2E), glued(end), w.timeMarker != 4 { end += 1 }
            strong = true
        }
        return strong ? (minutes, end) : nil
    }

    private func timeString(_ minutes: Int) -> String { "T\(pad(minutes / 60)):\(pad(minutes % 60))" }

    /// The date expression starting at item `k`.
    private func date(at k: Int) -> QDateMatch? {
        let n = items.count
        guard k < n else { return nil }
        let cueBefore = k > 0 && (word(k - 1).map { $0.dateCue || $0.connector == 2 || $0.connector == 9 || $0.connector == 4 } ?? false)
        // Numeric dates: 7/4/2021, 2021-04-07, 23.04.2022, 11/20.
        if items[k].kind == .number || items[k].kind == .identifier, let numeric = numericDate(at: k, cue: cueBefore) {
            return withTime(numeric)
        }
        if let ago = relativeAgo(at: k) { return ago }  // "il y a 3 jours", "in 2 weeks", "3 days ago"
        if items[k].kind == .word, let set = recurrence(at: k) { return set }  // "weekly", "once a year", "tous les jours"
        if let w = word(k), items[k].kind == .word {
            // weekday (+ day month year)
            if w.weekday != 0 {
                var m = k + 1
                if isSymbol(m, 0x2C) { m += 1 }
                if m < n, let absolute = dayMonthYear(at: m) {
                    return withTime(QDateMatch(items: k..<absolute.items.upperBound, value: absolute.value,
                                               granularity: absolute.granularity, relative: absolute.relative))
                }
                if let next = word(k + 1), next.direction == 1 || next.direction == -1 {
                    return resolveWeekday(Int(w.weekday), direction: Int(next.direction), items: k..<(k + 2))
                }
                return withTime(QDateMatch(items: k..<(k + 1), value: nil, granularity: "day",
                                           relative: "XXXX-WXX-\(w.weekday)"))
            }
            if w.relativeDay != .min, let (_, length) = lex.match(items, k, limit: n) {
                return withTime(resolveDays(Int(w.relativeDay), items: k..<(k + length)))
            }
            if w.present, items[k].kind == .word {
                return QDateMatch(items: k..<(k + 1), value: nil, granularity: nil, relative: "now")
            }
            // last/next/this + weekday/month/period
            if w.direction != 0, let next = word(k + 1) {
                if next.weekday != 0, w.direction != 2 {
                    return resolveWeekday(Int(next.weekday), direction: Int(w.direction), items: k..<(k + 2))
                }
                if next.month != 0, let (month, end) = monthName(k + 1) {
                    return resolveMonth(month, direction: Int(w.direction), items: k..<end)
                }
                if next.period != 0, !french || w.direction == 2 {
                    var end = k + 2
                    if isDash(end), let ci = word(end + 1), ci.direction == 2 { end += 2 }  // "ce mois-ci"
                    return resolvePeriod(Int(next.period), offset: w.direction == 2 ? 0 : Int(w.direction), items: k..<end)
                }
            }
            // French "la semaine prochaine", "l'année dernière", "le mois dernier"
            if w.period != 0, let next = word(k + 1), next.direction == 1 || next.direction == -1, items[k + 1].kind == .word {
                var start = k
                if k > 0, let article = word(k - 1), article.stop, article.direction == 0, article.connector == 0 { start = k - 1 }
                return resolvePeriod(Int(w.period), offset: Int(next.direction), items: start..<(k + 2))
            }
            if w.month != 0, let month = monthExpression(at: k, cue: cueBefore) { return month }
            if w.timeOfDay >= 0, let (minutes, end) = time(at: k, cue: true) {
                return QDateMatch(items: k..<end, value: timeString(minutes), granularity: "time", relative: nil)
            }
            // "les années 1990", "the 1990s"
            return duration(at: k)
        }
        guard items[k].kind == .number else { return nil }
        // "the 1960s", "1990s": a decade (four digits ending in 0 with a glued "s")
        if let y = integer(k), items[k].digitCount == 4, y % 10 == 0, (1000...2190).contains(y), k + 1 < n, glued(k + 1),
           items[k + 1].kind == .word, items[k + 1].end - items[k + 1].start == 1, bytes[Int(items[k + 1].start)] == 0x73 {
            return QDateMatch(items: k..<(k + 2), value: "\(y)/\(y + 9)", granularity: "decade", relative: nil)
        }
        if let absolute = dayMonthYear(at: k) { return withTime(absolute) }
        if let (minutes, end) = time(at: k, cue: cueBefore) {
            var match = QDateMatch(items: k..<end, value: timeString(minutes), granularity: "time", relative: nil)
            // "de 10h à 12h", "10-11am"
            if end < n, isDash(end) || word(end)?.connector == 2 || word(end)?.connector == 1,
               let (_, secondEnd) = time(at: end + 1, cue: true) {
                match.items = k..<secondEnd
                if let (m2, _) = time(at: end + 1, cue: true) { match.value = "\(timeString(minutes))/\(timeString(m2))" }
            }
            return match
        }
        if let (y, end) = year(k, short: false) {
            let cue = cueBefore || (k > 1 && word(k - 1)?.connector == 3)
            let decade = end < n && glued(end) && items[end].kind == .word && bytes[Int(items[end].start)] == 0x73
                && items[end].end - items[end].start == 1
            if decade { return QDateMatch(items: k..<(end + 1), value: "\(y)/\(y + 9)", granularity: "decade", relative: nil) }
            // "2013-14", "2014-2018"
            if isDash(end), glued(end), let second = integer(end + 1), glued(end + 1),
               items[end + 1].digitCount == 2 || items[end + 1].digitCount == 4 {
                let y2 = items[end + 1].digitCount == 2 ? (y / 100) * 100 + second : second
                if y2 > y { return QDateMatch(items: k..<(end + 2), value: "\(y)/\(y2)", granularity: "year", relative: nil) }
            }
            if cue || (k > 0 && isYearNoun(k - 1)) {
                return QDateMatch(items: k..<end, value: String(y), granularity: "year", relative: nil)
            }
        }
        return duration(at: k)
    }

    /// The TIMEX3 designator of a duration unit: ("T", "H") for hours, ("", "W") for weeks.
    private func designator(_ unit: String) -> (time: Bool, letter: String, factor: Double)? {
        switch unit {
        case "s": return (true, "S", 1)
        case "min": return (true, "M", 1)
        case "h": return (true, "H", 1)
        case "day", "night": return (false, "D", 1)
        case "week": return (false, "W", 1)
        case "month": return (false, "M", 1)
        case "year": return (false, "Y", 1)
        case "decade": return (false, "Y", 10)
        case "century": return (false, "Y", 100)
        default: return nil
        }
    }

    private func amountString(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) }
        return String(v)
    }

    /// A duration: "3 years", "three hours", "3.5years", "1 hour and 30 minutes", "a day",
    /// "a few minutes" (3, as TIMEX3 counts a vague few), "deux semaines". Value `P3Y`, `PT1H30M`.
    private func duration(at k: Int) -> QDateMatch? {
        var start = k
        var amount = 0.0
        var m = k
        if let w = word(k), w.vague || w.approximate && items[k].kind == .word && w.unitKind == .none && !w.stop {
            // "several weeks", "few hours", "some days", "quelques jours"
            guard k + 1 < items.count, let (u, _) = lex.match(items, k + 1, limit: items.count), u.unitKind == .duration
            else { return nil }
            amount = 3
            m = k + 1
        } else if let w = word(k), w.cardinalClass == 6, let next = word(k + 1), next.vague {  // "a few minutes"
            amount = 3
            m = k + 2
            start = k + 1
        } else if let w = word(k), w.cardinalClass == 6, items[k].kind == .word {  // "a day", "an hour"
            amount = 1
            m = k + 1
        } else if let numeral = parser.parse(at: k), numeral.kind != .ordinal, numeral.end < items.count {
            amount = numeral.value
            m = numeral.end
        } else {
            return nil
        }
        guard m < items.count, !items[m].breakBefore, let (u, length) = lex.match(items, m, limit: items.count),
              u.unitKind == .duration, let unit = u.unit, let (isTime, letter, factor) = designator(unit) else { return nil }
        var end = m + length
        var dateParts = ""
        var timeParts = ""
        func add(_ value: Double, _ time: Bool, _ letter: String) {
            if time { timeParts += amountString(value) + letter } else { dateParts += amountString(value) + letter }
        }
        add(amount * factor, isTime, letter)
        // "1 hour and 30 minutes", "3 years, 2 months"
        var n = end
        if n < items.count, lex.word(items, n)?.connector == 1 || isSymbol(n, 0x2C) {
            n += 1
            if n < items.count, let numeral = parser.parse(at: n), numeral.kind == .cardinal, numeral.end < items.count,
               let (u2, l2) = lex.match(items, numeral.end, limit: items.count), u2.unitKind == .duration, let unit2 = u2.unit,
               unit2 != unit, let (t2, letter2, f2) = designator(unit2) {
                add(numeral.value * f2, t2, letter2)
                end = numeral.end + l2
            }
        }
        let value = "P" + dateParts + (timeParts.isEmpty ? "" : "T" + timeParts)
        return QDateMatch(items: start..<end, value: value, granularity: "duration", relative: nil)
    }

    /// A recurrence: "weekly", "every week", "every three weeks", "every Monday", "once a year",
    /// "chaque semaine", "tous les lundis". Value `P1W`, `P3W`, `XXXX-WXX-1`.
    private func recurrence(at k: Int) -> QDateMatch? {
        guard let (w, length) = lex.match(items, k, limit: items.count) else { return nil }
        if let set = w.recurrence { return QDateMatch(items: k..<(k + length), value: set, granularity: "set", relative: nil) }
        guard w.every else { return nil }
        var m = k + length
        if let weekday = word(m), weekday.weekday != 0, items[m].kind == .word {
            return withTime(QDateMatch(items: k..<(m + 1), value: "XXXX-WXX-\(weekday.weekday)", granularity: "set", relative: nil))
        }
        var amount = 1.0
        if let numeral = parser.parse(at: m), numeral.kind == .cardinal, numeral.end < items.count {
            amount = numeral.value
            m = numeral.end
        }
        guard m < items.count, let (u, l) = lex.match(items, m, limit: items.count), u.unitKind == .duration, let unit = u.unit,
              let (isTime, letter, factor) = designator(unit) else { return nil }
        let value = "P" + (isTime ? "T" : "") + amountString(amount * factor) + letter
        return QDateMatch(items: k..<(m + l), value: value, granularity: "set", relative: nil)
    }

    private func isYearNoun(_ k: Int) -> Bool {
        guard let w = word(k) else { return false }
        return w.period == 4 || (w.stop && k > 0 && word(k - 1)?.period == 4)
    }

    /// Appends "à 10h30" / "at 10:30" / "10:30" to a day.
    private func withTime(_ match: QDateMatch) -> QDateMatch {
        var m = match.items.upperBound
        guard m < items.count, !items[m].breakBefore else { return match }
        if isSymbol(m, 0x2C) { m += 1 }
        if let w = word(m), w.connector == 2 || w.connector == 9 { m += 1 }
        guard let (minutes, end) = time(at: m, cue: true) else { return match }
        var result = match
        result.items = match.items.lowerBound..<end
        result.granularity = "time"
        if let value = match.value, match.granularity == "day" {
            result.value = value + timeString(minutes)
        } else {
            result.value = nil
            result.relative = (match.relative ?? "") + timeString(minutes)
        }
        return result
    }

    /// Day Month [Year] and Month Day [, Year].
    private func dayMonthYear(at k: Int) -> QDateMatch? {
        if let (d, afterDay) = dayOfMonth(k) {
            var m = afterDay
            if let w = word(m), w.stop, items[m].kind == .word, monthName(m + 1) != nil { m += 1 }  // "7th of April"
            if isDash(m) || isSymbol(m, 0x2F) { return nil }
            // "du 7 au 9 avril"
            if let w = word(m), w.connector == 2 || isDash(m), let (d2, after2) = dayOfMonth(m + 1), let (month, end) = monthName(after2) {
                var stop = end
                var y: Int? = nil
                if let (yy, e) = year(end, short: false) { y = yy; stop = e }
                return range(d, d2, month, y, items: k..<stop)
            }
            guard let (month, end) = monthName(m) else { return nil }
            var stop = end
            var y: Int? = nil
            if let (yy, e) = year(end, short: false) {
                y = yy
                stop = e
            }
            return dayValue(y, month, d, items: k..<stop)
        }
        return nil
    }

    private func range(_ d1: Int, _ d2: Int, _ month: Int, _ year: Int?, items r: Range<Int>) -> QDateMatch {
        if let y = year ?? reference?.year {
            return QDateMatch(items: r, value: "\(day(y, month, d1))/\(day(y, month, d2))", granularity: "day", relative: nil)
        }
        return QDateMatch(items: r, value: nil, granularity: "day", relative: "XXXX-\(pad(month))-\(pad(d1))/XXXX-\(pad(month))-\(pad(d2))")
    }

    private func dayValue(_ year: Int?, _ month: Int, _ d: Int, items r: Range<Int>) -> QDateMatch? {
        guard d <= 31 else { return nil }
        if let y = year { return QDateMatch(items: r, value: day(y, month, d), granularity: "day", relative: nil) }
        if let ref = reference {
            return QDateMatch(items: r, value: day(ref.year, month, d), granularity: "day", relative: "XXXX-\(pad(month))-\(pad(d))")
        }
        return QDateMatch(items: r, value: nil, granularity: "day", relative: "XXXX-\(pad(month))-\(pad(d))")
    }

    /// Month-led expressions: "April 7, 2021", "août 2020", "juin dernier", "en juin".
    private func monthExpression(at k: Int, cue: Bool) -> QDateMatch? {
        guard let (month, afterMonth) = monthName(k) else { return nil }
        // English: "May" as a month needs a day or year after it, or a cue before it
        if let (d, afterDay) = dayOfMonth(afterMonth), !glued(afterMonth) || isDash(afterMonth) == false {
            var m = afterDay
            if isSymbol(m, 0x2C) { m += 1 }
            if let (y, end) = year(m, short: false) { return withTime(dayValue(y, month, d, items: k..<end)!) }
            return withTime(dayValue(nil, month, d, items: k..<afterDay)!)
        }
        if let (y, end) = year(afterMonth, short: true) {
            return QDateMatch(items: k..<end, value: "\(y)-\(pad(month))", granularity: "month", relative: nil)
        }
        if afterMonth < items.count, let w = word(afterMonth), w.direction == 1 || w.direction == -1, items[afterMonth].kind == .word {
            return resolveMonth(month, direction: Int(w.direction), items: k..<(afterMonth + 1))
        }
        let start = k > 0 && word(k - 1)?.direction == 2 ? k - 1 : k
        if cue || start < k || items[k].capitalized && !french && k > 0 && !items[k].breakBefore {
            if start < k { return resolveMonth(month, direction: 0, items: start..<afterMonth) }
            if french || cue {
                if let ref = reference {
                    return QDateMatch(items: k..<afterMonth, value: "\(ref.year)-\(pad(month))", granularity: "month",
                                      relative: "XXXX-\(pad(month))")
                }
                return QDateMatch(items: k..<afterMonth, value: nil, granularity: "month", relative: "XXXX-\(pad(month))")
            }
        }
        return nil
    }

    /// 7/4/2021 (day first in French, month first in English), 2021-04-07, 23.04.2022, 11/20.
    private func numericDate(at k: Int, cue: Bool) -> QDateMatch? {
        var i = Int(items[k].start)
        var parts: [(Int, Int)] = []  // value, digits
        var separator: UInt8 = 0
        while parts.count < 3 {
            var v = 0
            var digits = 0
            while i < bytes.count, QScanner.isDigit(bytes[i]), digits < 5 {
                v = v * 10 + Int(bytes[i] - 0x30)
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            parts.append((v, digits))
            guard i + 1 < bytes.count, parts.count < 3 else { break }
            let s = bytes[i]
            guard s == 0x2F || s == 0x2D || s == 0x2E, separator == 0 || separator == s, QScanner.isDigit(bytes[i + 1]) else { break }
            separator = s
            i += 1
        }
        guard parts.count >= 2, i >= bytes.count || !(QScanner.isDigit(bytes[i]) || QScanner.letterLength(UnsafeBufferPointer(rebasing: bytes[0..<bytes.count]), i) > 0 && QScanner.isASCIILetter(bytes[i]))
        else { return nil }
        var y: Int? = nil, m = 0, d = 0
        if parts.count == 3 {
            if parts[0].1 == 4 {
                y = parts[0].0; m = parts[1].0; d = parts[2].0
            } else {
                guard parts[2].1 == 4 || parts[2].1 == 2 else { return nil }
                let yy = parts[2].1 == 2 ? (parts[2].0 < 50 ? 2000 + parts[2].0 : 1900 + parts[2].0) : parts[2].0
                y = yy
                if french || parts[0].0 > 12 || separator == 0x2E { d = parts[0].0; m = parts[1].0 } else { m = parts[0].0; d = parts[1].0 }
            }
        } else {
            guard cue, separator == 0x2F, parts[0].1 <= 2, parts[1].1 <= 2 else { return nil }
            if french || parts[0].0 > 12 { d = parts[0].0; m = parts[1].0 } else { m = parts[0].0; d = parts[1].0 }
        }
        guard (1...12).contains(m), (1...31).contains(d), separator != 0 else { return nil }
        if separator == 0x2D, parts.count == 3, parts[0].1 != 4 { return nil }  // phone-like 123-12-1234
        var end = k
        while end < items.count, Int(items[end].start) < i { end += 1 }
        return dayValue(y, m, d, items: k..<end)
    }

    private func resolveDays(_ offset: Int, items r: Range<Int>) -> QDateMatch {
        let relative = offset == 0 ? "+0 day" : offset > 0 ? "+\(offset) day" : "\(offset) day"
        guard let ref = reference else { return QDateMatch(items: r, value: nil, granularity: "day", relative: relative) }
        let date = QCivilDate(dayNumber: ref.dayNumber + offset)
        return QDateMatch(items: r, value: day(date.year, date.month, date.day), granularity: "day", relative: relative)
    }

    private func resolvePeriod(_ period: Int, offset: Int, items r: Range<Int>) -> QDateMatch {
        let names = ["", "day", "week", "month", "year"]
        let relative = "\(offset >= 0 ? "+" : "")\(offset) \(names[period])"
        guard let ref = reference else { return QDateMatch(items: r, value: nil, granularity: names[period], relative: relative) }
        switch period {
        case 1: return resolveDays(offset, items: r)
        case 2:
            let date = QCivilDate(dayNumber: ref.dayNumber + 7 * offset)
            return QDateMatch(items: r, value: date.isoWeek, granularity: "week", relative: relative)
        case 3:
            let total = ref.year * 12 + ref.month - 1 + offset
            return QDateMatch(items: r, value: "\(total / 12)-\(pad(total % 12 + 1))", granularity: "month", relative: relative)
        default:
            return QDateMatch(items: r, value: String(ref.year + offset), granularity: "year", relative: relative)
        }
    }

    private func resolveMonth(_ month: Int, direction: Int, items r: Range<Int>) -> QDateMatch {
        let relative = direction < 0 ? "last month=\(month)" : direction > 0 ? "next month=\(month)" : "this month=\(month)"
        guard let ref = reference else { return QDateMatch(items: r, value: nil, granularity: "month", relative: relative) }
        var y = ref.year
        if direction < 0, month >= ref.month { y -= 1 }
        if direction > 0, month <= ref.month { y += 1 }
        return QDateMatch(items: r, value: "\(y)-\(pad(month))", granularity: "month", relative: relative)
    }

    private func resolveWeekday(_ weekday: Int, direction: Int, items r: Range<Int>) -> QDateMatch {
        let relative = direction < 0 ? "last weekday=\(weekday)" : "next weekday=\(weekday)"
        guard let ref = reference else { return QDateMatch(items: r, value: nil, granularity: "day", relative: relative) }
        let monday = ref.dayNumber - ref.weekday + 1
        let target = monday + (weekday - 1) + (direction < 0 ? -7 : 7)
        let date = QCivilDate(dayNumber: target)
        return QDateMatch(items: r, value: day(date.year, date.month, date.day), granularity: "day", relative: relative)
    }

    /// "il y a 3 jours", "3 days ago", "dans 2 semaines", "in 2 weeks".
    private func relativeAgo(at k: Int) -> QDateMatch? {
        var start = k
        var sign = 1
        var m = k
        if let (w, length) = lex.match(items, k, limit: items.count), w.connector == 7 {
            sign = -1
            m = k + length
        } else if let w = word(k), w.connector == 8, items[k].kind == .word {
            m = k + 1
        } else if items[k].kind != .number {
            return nil
        }
        guard let numeral = parser.parse(at: m), numeral.kind == .cardinal, numeral.end < items.count,
              let unitWord = word(numeral.end), unitWord.unitKind == .duration, let unit = unitWord.unit,
              ["day", "week", "month", "year"].contains(unit) else { return nil }
        var end = numeral.end + 1
        if m == k, items[k].kind == .number {
            guard let w = word(end), w.connector == 7 else { return nil }
            sign = -1
            end += 1
        }
        if m == k + 1, items[k].kind == .word, sign == 1 {
            start = k
        }
        let amount = Int(numeral.value) * sign
        let period = ["day": 1, "week": 2, "month": 3, "year": 4][unit]!
        var match = period == 1 || period == 2
            ? resolveDays(amount * (period == 2 ? 7 : 1), items: start..<end)
            : resolvePeriod(period, offset: amount, items: start..<end)
        match.relative = "\(amount >= 0 ? "+" : "")\(amount) \(unit)"
        if period == 4, let ref = reference {
            match.value = day(ref.year + amount, ref.month, ref.day)
            match.granularity = "day"
        }
        return match
    }
}
