// swift-tools-version:6.0
import PackageDescription

// Foundation only: the design card rules out package dependencies.
let package = Package(
    name: "contractctl",
    products: [
        .library(name: "ContractKit", targets: ["ContractKit"]),
        .executable(name: "contractctl", targets: ["contractctl"]),
    ],
    targets: [
        .target(name: "ContractKit"),
        .executableTarget(name: "contractctl", dependencies: ["ContractKit"]),
        // Feeds mutated input to the loaders: see README, "Fuzzing".
        .executableTarget(name: "contractctl-fuzz", dependencies: ["ContractKit"]),
        // Generates synthetic data and times contractctl: see README, "Performance".
        .executableTarget(name: "contractctl-bench", dependencies: ["ContractKit"], path: "Benchmarks/Bench"),
        // The tests depend on the executable so that `swift test` builds the
        // binary the end-to-end tests run.
        .testTarget(
            name: "ContractKitTests",
            dependencies: ["ContractKit", "contractctl"],
            exclude: ["Golden", "Hostile"]
        ),
    ]
)
