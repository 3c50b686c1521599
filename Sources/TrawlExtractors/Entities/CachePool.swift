// Trawl — CachePool.swift
// Caches that one thread at a time uses, handed out and taken back.

import Synchronization

/// Per-thread caches of one kind (``NERScoreCache``, ``NERWordCache``): a worker takes one,
/// uses it alone, and gives it back. Their number grows to the number of threads that used them
/// at once.
final class CachePool<Cache: AnyObject & Sendable>: Sendable {
    private let free = Mutex<[Cache]>([])

    /// Creates an empty pool.
    init() {}

    /// Runs `body` with a cache that no other thread uses meanwhile, made by `make` when every
    /// cache of the pool is taken.
    @inline(__always)
    func withCache<Result>(making make: () -> Cache, _ body: (Cache) -> Result) -> Result {
        let cache = free.withLock { $0.popLast() } ?? make()
        defer { free.withLock { $0.append(cache) } }
        return body(cache)
    }
}
