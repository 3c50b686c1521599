// swift-tools-version: 6.1
//
// Trawl: persons, organizations, places, quantities, dates and "who said what",
// extracted from web pages, plain text and web archives.

import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "trawl",
    products: [
        .library(name: "Trawl", targets: ["Trawl"]),
        .library(name: "TrawlHTML", targets: ["TrawlHTML"]),
        .library(name: "TrawlArchive", targets: ["TrawlArchive"]),
        .library(name: "TrawlExtractors", targets: ["TrawlExtractors"]),
        .library(name: "TrawlCommandLine", targets: ["TrawlCommandLine"]),
        .library(name: "TrawlRules", targets: ["TrawlRules"]),
        .executable(name: "trawl", targets: ["TrawlCLI"]),
        // Compiles a target's *.lexicon files at build time (docs: README, "Lexicon files").
        .plugin(name: "LexiconCompiler", targets: ["LexiconCompilerPlugin"]),
        // `swift package check-lexicons [PATH...]`.
        .plugin(name: "CheckLexicons", targets: ["CheckLexiconsPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `swift package generate-documentation --target Trawl` (DocC catalog in Sources/Trawl/Trawl.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "Trawl", swiftSettings: strictSettings),
        .target(name: "TrawlHTML", dependencies: ["Trawl", "CLibXML2"], swiftSettings: strictSettings),
        .target(name: "TrawlArchive", dependencies: ["Trawl", "CZlib"], swiftSettings: strictSettings),
        .target(
            name: "TrawlExtractors",
            dependencies: ["Trawl", "TrawlLexiconFormat"],
            exclude: ["Lexicons/entities/README.md", "Lexicons/quotes/README.md"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings,
            plugins: ["LexiconCompilerPlugin"]
        ),
        // The lexicon file format, shared by `Lexicon` and the build-time compiler; no dependencies,
        // so that the plugin's tool builds quickly and never needs TrawlExtractors.
        .target(name: "TrawlLexiconFormat", swiftSettings: strictSettings),
        .executableTarget(
            name: "trawl-lexicon-compiler",
            dependencies: ["TrawlLexiconFormat"],
            path: "Plugins/LexiconCompilerTool",
            swiftSettings: strictSettings
        ),
        .target(
            name: "TrawlRules",
            dependencies: ["Trawl", "TrawlExtractors", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .plugin(name: "LexiconCompilerPlugin", capability: .buildTool(), dependencies: ["trawl-lexicon-compiler"]),
        .plugin(
            name: "CheckLexiconsPlugin",
            capability: .command(intent: .custom(
                verb: "check-lexicons",
                description: "Check lexicon files: malformed lines, unknown directives, empty, repeated or hidden phrases")),
            dependencies: ["trawl-lexicon-compiler"]
        ),
        .target(
            name: "TrawlCommandLine",
            dependencies: [
                "Trawl", "TrawlHTML", "TrawlArchive", "TrawlExtractors", "TrawlRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TrawlCLI",
            dependencies: ["TrawlCommandLine", "TrawlRules"],
            swiftSettings: strictSettings,
            // Exports the executable's symbols, so that extractor plugins (`--plugin`) bind to
            // its single copy of Trawl.
            linkerSettings: [.unsafeFlags(["-Xlinker", "--export-dynamic"])]
        ),
        .testTarget(name: "TrawlTests", dependencies: ["Trawl"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlHTMLTests", dependencies: ["TrawlHTML"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlArchiveTests", dependencies: ["TrawlArchive"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlExtractorsTests", dependencies: ["TrawlExtractors"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlLexiconFormatTests", dependencies: ["TrawlLexiconFormat"], swiftSettings: strictSettings),
        // A target that uses the plugin as a user's target would: its own lexicons, compiled at build time.
        .testTarget(
            name: "LexiconPluginTests",
            dependencies: ["TrawlExtractors", "Trawl", "TrawlLexiconFormat"],
            swiftSettings: strictSettings,
            plugins: ["LexiconCompilerPlugin"]
        ),
        .testTarget(name: "TrawlRulesTests", dependencies: ["TrawlRules"], swiftSettings: strictSettings),
        .testTarget(name: "TrawlCLITests", dependencies: ["TrawlCLI"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
    ]
)
