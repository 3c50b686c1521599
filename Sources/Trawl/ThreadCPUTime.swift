// Trawl — ThreadCPUTime.swift
// CPU time of the calling thread: stage timings that a loaded machine does not distort.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CPU time the calling thread has used, from `CLOCK_THREAD_CPUTIME_ID`.
///
/// Benchmarks and stage timings use it rather than wall-clock time, so that other processes
/// competing for the cores do not inflate the figures.
public enum ThreadCPUTime {
    /// The calling thread's CPU time so far.
    public static func now() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return .seconds(Int64(time.tv_sec)) + .nanoseconds(Int64(time.tv_nsec))
    }

    /// The calling thread's CPU time so far, in seconds.
    public static var seconds: Double {
        let components = now().components
        return Double(components.seconds) + Double(components.attoseconds) * 1e-18
    }
}
