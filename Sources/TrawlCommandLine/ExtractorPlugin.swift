// Trawl — ExtractorPlugin.swift
// `--plugin libX.so`: extractors compiled into a shared library, loaded at run time.

#if canImport(Glibc)
import Glibc
#endif
import Trawl

/// Loads extractors from shared libraries (`dlopen`).
///
/// A plugin is a shared library built with the same compiler against the same build of Trawl
/// as the `trawl` executable, with Trawl's symbols left undefined: they bind, when the library
/// is loaded, to the executable's own copy of Trawl (the executable exports its symbols), so
/// that there is one copy of every type and protocol. The library exports one C function,
///
/// ```swift
/// @_cdecl("trawl_register_extractors")
/// public func registerExtractors(_ registry: UnsafeMutableRawPointer) {
///     registry.assumingMemoryBound(to: ExtractorRegistry.self).pointee.register(EmailExtractor.descriptor)
/// }
/// ```
///
/// Trawl has no stable binary interface between builds: a plugin built against another version
/// of Trawl fails to load when a symbol it uses is gone (the error names it), and misbehaves
/// when a type's layout changed. Rebuild plugins whenever `trawl` is rebuilt.
enum ExtractorPlugin {
    /// The C function every plugin exports.
    static let entryPoint = "trawl_register_extractors"

    /// Loads the plugin at `path` and lets it register its extractors into `registry`.
    /// - Throws: ``RegistryError`` naming the file and what `dlopen`/`dlsym` reported.
    static func load(_ path: String, into registry: inout ExtractorRegistry) throws {
        // A plugin needs the shared Swift runtime; beside a static one it would load a second.
        guard dlopen("libswiftCore.so", RTLD_NOW | RTLD_NOLOAD) != nil else {
            throw RegistryError("cannot load plugin '\(path)': this trawl is linked with a static Swift runtime (--static-swift-stdlib); plugins need the shared one")
        }
        // A path without a slash would make dlopen search the library path instead of the file.
        let file = path.contains("/") ? path : "./" + path
        guard let handle = dlopen(file, RTLD_NOW | RTLD_LOCAL) else {
            throw RegistryError("cannot load plugin '\(path)': \(lastError())")
        }
        guard let symbol = dlsym(handle, entryPoint) else {
            dlclose(handle)
            throw RegistryError("'\(path)' is not a Trawl plugin: it exports no '\(entryPoint)' function")
        }
        typealias Register = @convention(c) (UnsafeMutableRawPointer) -> Void
        let register = unsafeBitCast(symbol, to: Register.self)
        withUnsafeMutablePointer(to: &registry) { register(UnsafeMutableRawPointer($0)) }
        // The handle stays open: the registered factories and extractors live in the library.
    }

    private static func lastError() -> String {
        dlerror().map { String(cString: $0) } ?? "unknown error"
    }
}
