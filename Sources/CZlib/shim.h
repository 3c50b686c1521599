/* Trawl — shim.h
 * The zlib header, plus an inline wrapper for inflateInit2, a macro Swift cannot call. */
#ifndef TRAWL_CZLIB_SHIM_H
#define TRAWL_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 with the library's version and stream size, as the macro passes them.
 * windowBits: 15 + 16 gzip only, 15 + 32 gzip or zlib (detected), 15 zlib, -15 raw deflate. */
static inline int trawl_inflate_init(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
#endif
