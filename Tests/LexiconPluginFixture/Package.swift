// swift-tools-version: 6.1
//
// A package that uses Trawl's LexiconCompiler plugin the way a user's package does, through the
// `trawl` package's plugin product. Run from the repository root:
//
//   swift run --package-path Tests/LexiconPluginFixture
//
// It prints the matches of its compiled lexicon and exits with 1 when they are not the expected ones.

import PackageDescription

let package = Package(
    name: "LexiconPluginFixture",
    dependencies: [
        // `name:` pins the identity; a bare path would take the folder's name.
        .package(name: "trawl", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "LexiconPluginFixture",
            dependencies: [
                .product(name: "Trawl", package: "trawl"),
                .product(name: "TrawlExtractors", package: "trawl"),
            ],
            plugins: [.plugin(name: "LexiconCompiler", package: "trawl")]
        ),
    ]
)
