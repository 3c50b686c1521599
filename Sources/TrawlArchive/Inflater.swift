// Trawl — Inflater.swift
// zlib's inflate as a small Swift object: gzip members, zlib streams and raw deflate.

import CZlib

/// One zlib inflate stream. Not thread-safe; one per reader.
final class Inflater {
    /// The framing of the compressed data.
    enum Framing {
        /// A gzip member (RFC 1952).
        case gzip
        /// A zlib stream (RFC 1950), as HTTP `Content-Encoding: deflate` should be.
        case zlib
        /// Raw deflate (RFC 1951), as some servers send for `deflate`.
        case raw

        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlib: 15
            case .raw: -15
            }
        }
    }

    /// What one call to ``inflate(_:into:)`` achieved.
    enum Status: Equatable {
        /// Made progress (or needs more input, or more output room).
        case ok
        /// The end of the member or stream was reached.
        case end
        /// The data is not valid for the framing; the message is zlib's.
        case error(String)
    }

    private let stream: UnsafeMutablePointer<z_stream>

    /// Creates an inflater.
    init(_ framing: Framing) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Fails only when memory is exhausted, which Swift treats as fatal elsewhere too.
        let status = trawl_inflate_init(stream, framing.windowBits)
        precondition(status == Z_OK, "zlib inflateInit2 failed (\(status))")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Starts a new member or stream with the same framing.
    func reset() {
        inflateReset(stream)
    }

    /// Inflates as much of `input` as fits in `output`.
    /// - Returns: the bytes of `input` consumed, the bytes of `output` written, and the status.
    func inflate(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer)
        -> (consumed: Int, produced: Int, status: Status) {
        guard !output.isEmpty else { return (0, 0, .ok) }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let result = CZlib.inflate(stream, Z_NO_FLUSH)
        let consumed = input.count - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch result {
        case Z_STREAM_END:
            return (consumed, produced, .end)
        case Z_OK, Z_BUF_ERROR:
            return (consumed, produced, .ok)
        default:
            let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(result)"
            return (consumed, produced, .error(message))
        }
    }

    /// Inflates a whole in-memory payload (an HTTP body).
    /// - Parameters:
    ///   - bytes: the compressed bytes.
    ///   - framing: their framing.
    ///   - limit: the most bytes to produce.
    /// - Returns: the inflated bytes, or why they could not be.
    static func inflateAll(_ bytes: ArraySlice<UInt8>, framing: Framing, limit: Int) -> Result<[UInt8], PayloadError> {
        let inflater = Inflater(framing)
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var offset = bytes.startIndex
        while true {
            let (consumed, produced, status) = bytes.withUnsafeBytes { input in
                chunk.withUnsafeMutableBytes { buffer in
                    inflater.inflate(UnsafeRawBufferPointer(rebasing: input[(offset - bytes.startIndex)...]), into: buffer)
                }
            }
            offset += consumed
            output.append(contentsOf: chunk[0..<produced])
            if output.count > limit {
                return .failure(PayloadError(kind: "too_large", message: "decoded payload exceeds \(limit) bytes"))
            }
            switch status {
            case .end:
                return .success(output)
            case .error(let message):
                return .failure(PayloadError(kind: "corrupt", message: "invalid compressed payload (\(message))"))
            case .ok:
                if consumed == 0, produced == 0 {
                    return .failure(PayloadError(kind: "truncated",
                                                 message: "compressed payload ends early (\(output.count) bytes decoded)"))
                }
            }
        }
    }
}
