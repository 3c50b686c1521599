// CustomExtractor — EmailPlugin.swift
// The `emails` extractor as a plugin for `trawl extract --plugin libEmailPlugin.so`.
//
// Not a SwiftPM target: SwiftPM would link a second copy of Trawl into the library.
// `build-plugin.sh` compiles this file with `Sources/EmailExtractor` into one module whose
// Trawl symbols bind, at load time, to the `trawl` executable's own.

import Trawl

/// Registers the `emails` extractor into the registry `trawl` passes (an `ExtractorRegistry`).
@_cdecl("trawl_register_extractors")
public func registerExtractors(_ registry: UnsafeMutableRawPointer) {
    registry.assumingMemoryBound(to: ExtractorRegistry.self).pointee.register(EmailExtractor.descriptor)
}
