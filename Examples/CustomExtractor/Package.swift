// swift-tools-version: 6.1
//
// An extractor of one's own, in a package of its own: e-mail addresses and the person each
// belongs to, registered next to Trawl's built-in extractors.

import PackageDescription

let package = Package(
    name: "CustomExtractor",
    products: [
        .library(name: "EmailExtractor", targets: ["EmailExtractor"]),
        .executable(name: "trawl-emails", targets: ["TrawlEmails"]),
    ],
    dependencies: [
        // Trawl itself, two levels up. Outside this repository: .package(url: …, from: …).
        .package(name: "trawl", path: "../.."),
    ],
    targets: [
        .target(
            name: "EmailExtractor",
            dependencies: [
                .product(name: "Trawl", package: "trawl"),
                .product(name: "TrawlExtractors", package: "trawl"),
            ],
            // Compiles Sources/EmailExtractor/Lexicons/*.lexicon into `Lexicons.*` at build time.
            plugins: [.plugin(name: "LexiconCompiler", package: "trawl")]
        ),
        .executableTarget(
            name: "TrawlEmails",
            dependencies: [
                "EmailExtractor",
                .product(name: "Trawl", package: "trawl"),
                .product(name: "TrawlCommandLine", package: "trawl"),
                .product(name: "TrawlExtractors", package: "trawl"),
            ]
        ),
        .testTarget(
            name: "EmailExtractorTests",
            dependencies: [
                "EmailExtractor", "TrawlEmails",
                .product(name: "TrawlExtractors", package: "trawl"),
            ],
            resources: [.copy("Fixtures")]
        ),
    ]
)
