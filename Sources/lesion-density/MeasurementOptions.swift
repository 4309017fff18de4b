import ArgumentParser

/// Options shared by measure, analyze and batch: how ROI voxels are selected and measured.
struct MeasurementOptions: ParsableArguments {
    @Option(name: .customLong("hu-range"), help: "IBSI re-segmentation range LO,HI in HU: voxels outside are excluded and counted.")
    var huRange: String?

    @Option(name: .customLong("seg-threshold"), help: "FRACTIONAL SEG: keep pixels at or above this fraction (0–1] of MaximumFractionalValue.")
    var segThreshold: Double = 0.5

    /// The re-segmentation range, when given.
    var resegmentationRange: ClosedRange<Double>? { huRange.flatMap(HURange.parse) }

    func validate() throws {
        if let huRange, HURange.parse(huRange) == nil { throw ValidationError("--hu-range must be LO,HI in HU with LO < HI, e.g. -500,400") }
        if !(segThreshold > 0 && segThreshold <= 1) { throw ValidationError("--seg-threshold must lie in (0, 1]") }
    }
}

/// Options shared by analyze and batch: PatientID pseudonymization.
struct PseudonymOptions: ParsableArguments {
    @Flag(help: "Replace PatientID by a salted hash (salt from --salt or LESION_DENSITY_SALT).")
    var pseudonymize = false

    @Option(help: "Salt for --pseudonymize (keep it secret and the same across runs to join results).")
    var salt: String?
}

/// `--hu-range LO,HI`.
enum HURange {
    static func parse(_ text: String) -> ClosedRange<Double>? {
        let parts = text.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let lo = parts[0], let hi = parts[1], lo < hi else { return nil }
        return lo...hi
    }
}
