// swift-tools-version: 6.1
//
// Trawl's benchmarks: a nested package (as swift-nio does), so that the root build never
// compiles package-benchmark. Run from the repository root:
//
//   swift package --package-path Benchmarks benchmark
//
// See Benchmarks/README.md for the threshold check run in CI and the measured figures.

import PackageDescription

let package = Package(
    name: "TrawlBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        // `name:` pins the identity; a bare path would take the folder's name.
        .package(name: "trawl", path: "../"),
        // MallocInterposer switches off the default RuntimeInterposer trait, whose package is not
        // available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "TrawlBenchmarks",
            dependencies: [
                .product(name: "Trawl", package: "trawl"),
                .product(name: "TrawlHTML", package: "trawl"),
                .product(name: "TrawlArchive", package: "trawl"),
                .product(name: "TrawlExtractors", package: "trawl"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TrawlBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
