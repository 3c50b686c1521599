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
        .library(name: "TrawlRules", targets: ["TrawlRules"]),
        .executable(name: "trawl", targets: ["TrawlCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
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
            dependencies: ["Trawl"],
            resources: [.copy("Resources")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "TrawlRules",
            dependencies: ["Trawl", "TrawlExtractors", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "TrawlCLI",
            dependencies: [
                "Trawl", "TrawlHTML", "TrawlArchive", "TrawlExtractors", "TrawlRules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "TrawlTests", dependencies: ["Trawl"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlHTMLTests", dependencies: ["TrawlHTML"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlArchiveTests", dependencies: ["TrawlArchive"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlExtractorsTests", dependencies: ["TrawlExtractors"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
        .testTarget(name: "TrawlRulesTests", dependencies: ["TrawlRules"], swiftSettings: strictSettings),
        .testTarget(name: "TrawlCLITests", dependencies: ["TrawlCLI"], resources: [.copy("Fixtures")], swiftSettings: strictSettings),
    ]
)
