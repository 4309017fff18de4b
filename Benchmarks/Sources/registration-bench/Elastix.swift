import Foundation
import Registration
import VolumeModel

/// Debian's elastix and transformix, run as processes.
struct Elastix {
    let elastix: String
    let transformix: String

    /// Both executables from PATH, or nil.
    static func find() -> Elastix? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
        func which(_ name: String) -> String? {
            path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }
        guard let e = which("elastix"), let t = which("transformix") else { return nil }
        return Elastix(elastix: e, transformix: t)
    }

    /// The rigid parameter file: EulerTransform about the fixed image's centre, the same metric as
    /// ours (normalized correlation), 3 resolutions, linear interpolation, identity start.
    static func parameters(_ options: RegistrationOptions) -> String {
        """
        (FixedInternalImagePixelType "float")
        (MovingInternalImagePixelType "float")
        (FixedImageDimension 3)
        (MovingImageDimension 3)
        (UseDirectionCosines "true")
        (Registration "MultiResolutionRegistration")
        (Interpolator "LinearInterpolator")
        (ResampleInterpolator "FinalBSplineInterpolator")
        (FinalBSplineInterpolationOrder 1)
        (Resampler "DefaultResampler")
        (FixedImagePyramid "FixedSmoothingImagePyramid")
        (MovingImagePyramid "MovingSmoothingImagePyramid")
        (NumberOfResolutions \(options.levelSpacingMM.count))
        (Optimizer "AdaptiveStochasticGradientDescent")
        (MaximumNumberOfIterations 250)
        (Transform "EulerTransform")
        (AutomaticScalesEstimation "true")
        (AutomaticTransformInitialization "false")
        (HowToCombineTransforms "Compose")
        (Metric "AdvancedNormalizedCorrelation")
        (ImageSampler "RandomCoordinate")
        (NumberOfSpatialSamples 4096)
        (NewSamplesEveryIteration "true")
        (DefaultPixelValue -1000)
        (WriteResultImage "false")
        (WriteTransformParametersEachIteration "false")
        (WriteTransformParametersEachResolution "false")
        (ShowExactMetricValue "false")

        """
    }

    /// Runs elastix; throws when it fails.
    func register(fixed: String, moving: String, parameters: String, out: String) throws {
        try run(elastix, ["-f", fixed, "-m", moving, "-p", parameters, "-out", out], log: "\(out)/stdout.txt")
    }

    /// followupFromBaseline from elastix's result: transformix maps fixed (baseline) points into the
    /// moving (follow-up) frame; the rotation is read off the images of the centre and of points
    /// 10 mm along x, y and z.
    func transform(parameters: String, around c: PatientPoint, scratch: String) throws -> RigidTransform {
        let points = [c, c + PatientPoint(10, 0, 0), c + PatientPoint(0, 10, 0), c + PatientPoint(0, 0, 10)]
        let input = "point\n\(points.count)\n" + points.map { "\($0.x) \($0.y) \($0.z)" }.joined(separator: "\n") + "\n"
        try input.write(toFile: "\(scratch)/points.txt", atomically: true, encoding: .utf8)
        try run(transformix, ["-def", "\(scratch)/points.txt", "-tp", parameters, "-out", scratch], log: "\(scratch)/transformix.txt")
        let text = try String(contentsOfFile: "\(scratch)/outputpoints.txt", encoding: .utf8)
        let mapped: [PatientPoint] = text.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "OutputPoint = [") else { return nil }
            let v = line[range.upperBound...].prefix { $0 != "]" }.split(separator: " ").compactMap { Double($0) }
            return v.count == 3 ? PatientPoint(v[0], v[1], v[2]) : nil
        }
        guard mapped.count == 4 else { throw BenchError("transformix gave \(mapped.count) points") }
        let columns = (1...3).map { (mapped[$0] - mapped[0]) / 10 }
        let rows = (PatientPoint(columns[0].x, columns[1].x, columns[2].x), PatientPoint(columns[0].y, columns[1].y, columns[2].y),
                    PatientPoint(columns[0].z, columns[1].z, columns[2].z))
        let rotationOnly = RigidTransform(rotationRows: rows, translation: .zero)
        return RigidTransform(rotationRows: rows, translation: mapped[0] - rotationOnly.apply(c))
    }

    private func run(_ tool: String, _ arguments: [String], log: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        guard process.terminationStatus == 0 else {
            throw BenchError("\((tool as NSString).lastPathComponent) exited with \(process.terminationStatus); see \(log)")
        }
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// MetaImage (.mhd + .raw, float) of the voxels of an axial stack inside a box.
enum MetaImage {
    static func write(_ volume: HUVolume, box: PatientBox, to path: String) throws {
        let g = volume.geometry
        guard g.rowDirection == PatientPoint(1, 0, 0), g.columnDirection == PatientPoint(0, 1, 0) else {
            throw BenchError("the bench writes axial stacks only")
        }
        let planes = g.normalPositions.indices.filter { box.lower.z <= g.normalPositions[$0] && g.normalPositions[$0] <= box.upper.z }
        let origin = g.planePositions[0]
        let rows = (0..<g.rows).filter { let y = origin.y + Double($0) * g.rowSpacing; return y >= box.lower.y && y <= box.upper.y }
        let columns = (0..<g.columns).filter { let x = origin.x + Double($0) * g.columnSpacing; return x >= box.lower.x && x <= box.upper.x }
        guard let k0 = planes.first, let r0 = rows.first, let c0 = columns.first, planes.count > 1 else {
            throw BenchError("the box misses the image")
        }
        var voxels: [Float] = []
        voxels.reserveCapacity(planes.count * rows.count * columns.count)
        for k in planes {
            guard let plane = volume.planes[k] else { throw BenchError("plane \(k) not sampled") }
            for r in rows { for c in columns { voxels.append(Float(plane.hu(row: r, column: c))) } }
        }
        let raw = (path as NSString).deletingPathExtension + ".raw"
        try voxels.withUnsafeBytes { Data($0) }.write(to: URL(fileURLWithPath: raw))
        let o = g.voxelCentre(plane: k0, row: r0, column: c0)
        let dz = (g.normalPositions[planes.last!] - g.normalPositions[k0]) / Double(planes.count - 1)
        let header = """
            ObjectType = Image
            NDims = 3
            BinaryData = True
            BinaryDataByteOrderMSB = False
            CompressedData = False
            TransformMatrix = 1 0 0 0 1 0 0 0 1
            Offset = \(o.x) \(o.y) \(o.z)
            ElementSpacing = \(g.columnSpacing) \(g.rowSpacing) \(dz)
            DimSize = \(columns.count) \(rows.count) \(planes.count)
            ElementType = MET_FLOAT
            ElementDataFile = \((raw as NSString).lastPathComponent)

            """
        try header.write(toFile: path, atomically: true, encoding: .utf8)
    }
}
