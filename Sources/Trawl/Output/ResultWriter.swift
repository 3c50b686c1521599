// Trawl — ResultWriter.swift
// Serialises document outcomes as JSON Lines or TSV (the schema is docs/trawl-output.schema.json).

/// The output formats.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// One JSON object per document (the schema in `docs/trawl-output.schema.json`).
    case jsonl
    /// One tab-separated row per annotation, with a header row.
    case tsv
}

/// Serialises ``DocumentOutcome`` values. A value type: make one per output stream.
public struct ResultWriter: Sendable {
    /// The format written.
    public var format: OutputFormat
    /// The unit of `start`/`end` offsets.
    public var offsets: OffsetUnit
    /// Whether each result carries the document text (`"text"`).
    public var includeText: Bool
    /// Whether spans also carry `source_start`/`source_end`: byte offsets into the source
    /// (HTML) bytes, from the reader's offset map.
    public var includeSourceOffsets: Bool

    /// Creates a writer.
    public init(format: OutputFormat = .jsonl, offsets: OffsetUnit = .scalar, includeText: Bool = false,
                includeSourceOffsets: Bool = false) {
        self.format = format
        self.offsets = offsets
        self.includeText = includeText
        self.includeSourceOffsets = includeSourceOffsets
    }

    /// The header line of the format, if it has one (TSV).
    public var header: [UInt8] {
        guard format == .tsv else { return [] }
        return Array("id\tlayer\tlabel\tstart\tend\ttext\tvalue\tdetail\n".utf8)
    }

    /// Appends the serialisation of `outcome` to `output`.
    public func write(_ outcome: DocumentOutcome, to output: inout [UInt8]) {
        switch (format, outcome) {
        case (.jsonl, .extracted(let extraction)): output += jsonLine(extraction)
        case (.jsonl, .failed(let failure)): output += jsonLine(failure)
        case (.tsv, .extracted(let extraction)): tsvRows(extraction, into: &output)
        case (.tsv, .failed(let failure)):
            output += Array("\(tsvField(failure.id))\terror\t\(tsvField(failure.kind))\t\t\t\t\t\(tsvField(failure.message))\n".utf8)
        }
    }

    // MARK: JSON Lines

    private func jsonSource(_ source: DocumentSource, into json: inout JSONBuffer) {
        json.key("source")
        json.beginObject()
        if let uri = source.uri { json.key("uri"); json.string(uri) }
        if let path = source.path { json.key("path"); json.string(path) }
        if let record = source.record { json.key("record"); json.string(record) }
        if let offset = source.offset { json.key("offset"); json.int(offset) }
        if let mediaType = source.mediaType { json.key("media_type"); json.string(mediaType) }
        json.endObject()
    }

    func jsonLine(_ failure: DocumentFailure) -> [UInt8] {
        var json = JSONBuffer()
        json.beginObject()
        json.key("id"); json.string(failure.id)
        jsonSource(failure.source, into: &json)
        json.key("error")
        json.beginObject()
        json.key("kind"); json.string(failure.kind)
        json.key("message"); json.string(failure.message)
        json.endObject()
        json.endObject()
        json.newline()
        return json.bytes
    }

    func jsonLine(_ extraction: Extraction) -> [UInt8] {
        let document = extraction.document
        let analysis = extraction.analysis
        let annotations = extraction.annotations
        let converter = OffsetConverter(bytes: analysis.bytes, unit: offsets)
        var json = JSONBuffer()

        func spanFields(_ span: Span) {
            json.key("start"); json.int(converter.convert(span.start))
            json.key("end"); json.int(converter.convert(span.end))
            json.key("text")
            analysis.bytes.withUnsafeBufferPointer { buffer in
                json.string(bytes: UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]))
            }
            if includeSourceOffsets, let map = document.offsetMap {
                let range = map.sourceRange(of: span)
                json.key("source_start"); json.int(range.lowerBound)
                json.key("source_end"); json.int(range.upperBound)
            }
        }
        func optionalString(_ name: StaticString, _ value: String?) {
            json.key(name)
            if let value { json.string(value) } else { json.null() }
        }

        json.beginObject()
        json.key("id"); json.string(document.id)
        jsonSource(document.source, into: &json)
        json.key("format"); json.string(document.format.rawValue)
        json.key("lang"); json.string(analysis.language.rawValue)
        if let title = document.title { json.key("title"); json.string(title) }
        if let charset = document.charset { json.key("charset"); json.string(charset) }
        if let date = document.date { json.key("date"); json.string(date) }
        json.key("length"); json.int(converter.convert(analysis.bytes.count))
        if includeText { json.key("text"); json.string(document.text) }

        json.key("entities")
        json.beginArray()
        for entity in annotations.entities {
            json.beginObject()
            json.key("id"); json.string(entity.id)
            json.key("label"); json.string(entity.label)
            json.key("name"); json.string(entity.name)
            json.key("extractor"); json.string(entity.extractor)
            json.key("mentions")
            json.beginArray()
            for index in entity.mentions.sorted() where index < annotations.mentions.count {
                json.beginObject()
                spanFields(annotations.mentions[index].span)
                json.endObject()
            }
            json.endArray()
            json.endObject()
        }
        json.endArray()

        json.key("quantities")
        json.beginArray()
        for quantity in annotations.quantities.sorted(by: { $0.span < $1.span }) {
            json.beginObject()
            spanFields(quantity.span)
            json.key("kind"); json.string(quantity.kind)
            json.key("value")
            if let value = quantity.value { json.number(value) } else { json.null() }
            if let upper = quantity.upperValue { json.key("upper_value"); json.number(upper) }
            optionalString("unit", quantity.unit)
            optionalString("of", quantity.counted)
            json.key("approximate"); json.bool(quantity.approximate)
            json.key("extractor"); json.string(quantity.extractor)
            json.endObject()
        }
        json.endArray()

        json.key("dates")
        json.beginArray()
        for date in annotations.dates.sorted(by: { $0.span < $1.span }) {
            json.beginObject()
            spanFields(date.span)
            optionalString("value", date.value)
            if let granularity = date.granularity { json.key("granularity"); json.string(granularity) }
            if let relative = date.relative { json.key("relative"); json.string(relative) }
            json.key("extractor"); json.string(date.extractor)
            json.endObject()
        }
        json.endArray()

        json.key("relations")
        json.beginArray()
        for relation in annotations.relations {
            json.beginObject()
            json.key("type"); json.string(relation.type)
            for argument in relation.arguments {
                json.key(argument.name)
                switch argument.value {
                case .entity(let id): json.string(id)
                case .span(let span):
                    json.beginObject()
                    spanFields(span)
                    json.endObject()
                case .text(let text): json.string(text)
                case .flag(let flag): json.bool(flag)
                }
            }
            json.key("extractor"); json.string(relation.extractor)
            json.endObject()
        }
        json.endArray()

        json.key("errors")
        json.beginArray()
        for issue in extraction.issues {
            json.beginObject()
            json.key("extractor"); json.string(issue.extractor)
            json.key("message"); json.string(issue.message)
            json.endObject()
        }
        json.endArray()
        if !extraction.skippedExtractors.isEmpty {
            json.key("skipped")
            json.beginArray()
            for name in extraction.skippedExtractors {
                json.beginObject()
                json.key("extractor"); json.string(name)
                json.key("reason"); json.string("language '\(analysis.language)' not supported")
                json.endObject()
            }
            json.endArray()
        }
        json.endObject()
        json.newline()
        return json.bytes
    }

    // MARK: TSV

    private func tsvField(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x5C }) else {
            return value
        }
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\t": escaped += "\\t"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\\": escaped += "\\\\"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    private func tsvRows(_ extraction: Extraction, into output: inout [UInt8]) {
        let analysis = extraction.analysis
        let annotations = extraction.annotations
        let converter = OffsetConverter(bytes: analysis.bytes, unit: offsets)
        let id = tsvField(extraction.document.id)
        func row(_ layer: String, _ label: String, _ span: Span?, _ value: String, _ detail: String) {
            var line = id + "\t" + layer + "\t" + tsvField(label) + "\t"
            if let span {
                line += "\(converter.convert(span.start))\t\(converter.convert(span.end))\t"
                line += tsvField(analysis.string(span)) + "\t"
            } else {
                line += "\t\t\t"
            }
            line += tsvField(value) + "\t" + tsvField(detail) + "\n"
            output += Array(line.utf8)
        }
        row("document", analysis.language.rawValue, nil, extraction.document.title ?? "",
            extraction.document.source.uri ?? extraction.document.source.path ?? "")
        for entity in annotations.entities {
            for index in entity.mentions.sorted() where index < annotations.mentions.count {
                row("entity", entity.label, annotations.mentions[index].span, entity.name, entity.id)
            }
        }
        for quantity in annotations.quantities.sorted(by: { $0.span < $1.span }) {
            var value = quantity.value.map { JSONBuffer.numberText($0) } ?? ""
            if let upper = quantity.upperValue { value += "-" + JSONBuffer.numberText(upper) }
            let detail = [quantity.unit, quantity.counted.map { "of=\($0)" }, quantity.approximate ? "approximate" : nil]
                .compactMap { $0 }.joined(separator: " ")
            row("quantity", quantity.kind, quantity.span, value, detail)
        }
        for date in annotations.dates.sorted(by: { $0.span < $1.span }) {
            row("date", date.granularity ?? "", date.span, date.value ?? "", date.relative ?? "")
        }
        for relation in annotations.relations {
            var anchor: Span? = nil
            var details: [String] = []
            for argument in relation.arguments {
                switch argument.value {
                case .entity(let entityID): details.append("\(argument.name)=\(entityID)")
                case .span(let span):
                    if anchor == nil { anchor = span }
                    details.append("\(argument.name)=\(analysis.string(span))")
                case .text(let text): details.append("\(argument.name)=\(text)")
                case .flag(let flag): details.append("\(argument.name)=\(flag)")
                }
            }
            row("relation", relation.type, anchor, "", details.joined(separator: " | "))
        }
        for issue in extraction.issues {
            row("error", issue.extractor, nil, "", issue.message)
        }
    }
}

extension JSONBuffer {
    /// The JSON text of a number, as ``number(_:)`` writes it.
    static func numberText(_ value: Double) -> String {
        var buffer = JSONBuffer()
        buffer.number(value)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
