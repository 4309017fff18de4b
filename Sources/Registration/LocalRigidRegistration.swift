internal import CITKBridge
import VolumeModel

/// Rigid registration of a follow-up CT onto a baseline CT, locally in a box around one lesion
/// (DESIGN.md "Longitudinal correspondence"; the method and its defaults: Docs/Longitudinal.md,
/// "Registration").
///
/// ITK 5.2 (ImageRegistrationMethodv4) optimises a VersorRigid3DTransform (6 degrees of freedom,
/// rotating about the box centre) with the baseline box as the fixed image and the follow-up
/// region as the moving image, over three resolution levels, starting from the identity in
/// patient coordinates (or the bone centroids' shift). ITK's result maps baseline points to
/// follow-up points; ``RigidRegistrationResult/baselineFromFollowup`` is its inverse.
///
/// Memory is bounded whatever the lesion's size: a baseline box or follow-up region of more than
/// ``RegistrationOptions/maximumRegisteredVoxels`` (32 M) voxels is registered on block means of a
/// few voxels per axis (RegistrationGrid), so a whole-series ROI costs about as much as a 15 cm lesion.
public enum LocalRigidRegistration {
    /// The baseline and follow-up regions a registration of `lesionBox` reads: the plane ranges to
    /// decode before calling ``register(baseline:followup:lesionBox:options:)``.
    /// - Parameter lesionBox: the lesion's box in baseline patient coordinates (LPS, mm).
    public static func planesNeeded(
        baseline: StackGeometry, followup: StackGeometry, lesionBox: PatientBox, options: RegistrationOptions = .init()
    ) -> (baseline: Range<Int>, followup: Range<Int>) {
        let (fixedBox, movingBox) = boxes(lesionBox, options)
        return (RegistrationGrid.indexRanges(of: fixedBox, in: baseline).planes,
                RegistrationGrid.indexRanges(of: movingBox, in: followup).planes)
    }

    /// Registers `followup` onto `baseline` in the box around one lesion.
    /// - Parameters:
    ///   - baseline: the baseline volume; the planes of ``planesNeeded(baseline:followup:lesionBox:options:)`` decoded.
    ///   - followup: the follow-up volume, likewise.
    ///   - lesionBox: the lesion's box in baseline patient coordinates (LPS, mm); the registered box
    ///     is this plus ``RegistrationOptions/marginMM`` on every side, clipped to the baseline image.
    /// - Returns: the transform, its similarity and the quality check against `options.quality`.
    /// - Throws: ``RegistrationError``: `.noBone`, `.tooLittleOverlap`, `.boxOutsideImage`,
    ///   `.planesNotDecoded`, `.invalidInput`, `.failed` (ITK's message), each naming the reason.
    public static func register(
        baseline: HUVolume, followup: HUVolume, lesionBox: PatientBox, options: RegistrationOptions = .init()
    ) throws -> RigidRegistrationResult {
        try validate(options, lesionBox)
        let (fixedBox, movingBox) = boxes(lesionBox, options)
        let (fixed, extent) = try ITKImage.cropping(baseline, to: fixedBox, role: "baseline", options)
        let (moving, _) = try ITKImage.cropping(followup, to: movingBox, role: "follow-up", options)
        let first = try run(fixed, moving, options)
        var best = first
        if first.correlation < options.retryBelowSimilarity {
            var slower = options
            slower.relaxationFactor = max(options.relaxationFactor, 0.85)
            slower.initializeFromBoneCentroid = options.initialBaselineFromFollowup == nil
            let second = try run(fixed, moving, slower)
            if second.correlation > first.correlation { best = second }
            best.iterations = first.iterations + second.iterations
        }
        let m = withUnsafeBytes(of: best.rotation) { Array($0.bindMemory(to: Double.self)) }
        let t = withUnsafeBytes(of: best.translation) { Array($0.bindMemory(to: Double.self)) }
        let followupFromBaseline = RigidTransform(
            rotationRows: (PatientPoint(m[0], m[1], m[2]), PatientPoint(m[3], m[4], m[5]), PatientPoint(m[6], m[7], m[8])),
            translation: PatientPoint(t[0], t[1], t[2]))
        let unchecked = RigidRegistrationResult(
            baselineFromFollowup: followupFromBaseline.inverse, box: extent, similarity: best.correlation,
            overlap: best.overlap, metricValue: best.metric_value, iterations: Int(best.iterations),
            boneVoxels: Int(best.bone_voxels), qualityProblems: [])
        return unchecked.checked(against: options.quality)
    }

    /// One run of the bridge's registration.
    static func run(_ fixed: ITKImage, _ moving: ITKImage, _ options: RegistrationOptions) throws -> litk_rigid_result {
        var o = litk_rigid_options()
        litk_rigid_options_default(&o)
        o.metric = options.metric == .normalizedCorrelation ? LITK_METRIC_CORRELATION : LITK_METRIC_MATTES_MI
        o.levels = Int32(options.levelSpacingMM.count)
        withUnsafeMutableBytes(of: &o.level_spacing_mm) { raw in
            for (i, v) in options.levelSpacingMM.enumerated() { raw.storeBytes(of: v, toByteOffset: i * 8, as: Double.self) }
        }
        withUnsafeMutableBytes(of: &o.smoothing_sigma_mm) { raw in
            for (i, v) in options.smoothingSigmaMM.enumerated() { raw.storeBytes(of: v, toByteOffset: i * 8, as: Double.self) }
        }
        o.iterations_per_level = Int32(clamping: options.iterationsPerLevel)
        o.maximum_step_mm = options.maximumStepMM
        o.minimum_step_mm = options.minimumStepMM
        o.relaxation_factor = options.relaxationFactor
        o.sampling_fraction = options.samplingFraction
        o.histogram_bins = Int32(clamping: options.histogramBins)
        o.bone_threshold_hu = options.boneThresholdHU
        o.minimum_bone_voxels = Int32(clamping: options.minimumBoneVoxels)
        o.minimum_overlap = options.minimumOverlap
        o.initialize_from_bone_centroid = options.initializeFromBoneCentroid ? 1 : 0
        o.threads = Int32(clamping: options.threads)
        if let initial = options.initialBaselineFromFollowup?.inverse {
            o.has_initial = 1
            Self.store(initial, &o.initial_rotation, &o.initial_translation)
        }
        var r = litk_rigid_result()
        var message = [CChar](repeating: 0, count: 512)
        let status = litk_register_rigid(fixed.handle, moving.handle, &o, &r, &message, message.count)
        guard status == LITK_OK else { throw ITKImage.error(status, message) }
        return r
    }

    /// ITK's version, e.g. "5.2.1".
    public static var itkVersion: String { String(cString: litk_itk_version()) }

    /// The normalized cross-correlation (−1…1) of the baseline box and the follow-up carried by a
    /// given transform (e.g. a DICOM REG's): the similarity a computed result reports, for a
    /// transform from elsewhere.
    /// - Returns: the correlation and the fraction of the baseline box inside the follow-up region.
    /// - Throws: ``RegistrationError`` as ``register(baseline:followup:lesionBox:options:)``.
    public static func similarity(
        baseline: HUVolume, followup: HUVolume, lesionBox: PatientBox, baselineFromFollowup: RigidTransform,
        options: RegistrationOptions = .init()
    ) throws -> (similarity: Double, overlap: Double) {
        var o = options
        o.initialBaselineFromFollowup = baselineFromFollowup
        try validate(o, lesionBox)
        let (fixedBox, movingBox) = boxes(lesionBox, o)
        let (fixed, _) = try ITKImage.cropping(baseline, to: fixedBox, role: "baseline", o)
        let (moving, _) = try ITKImage.cropping(followup, to: movingBox, role: "follow-up", o)
        var rotation = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0), translation = (0.0, 0.0, 0.0)
        store(baselineFromFollowup.inverse, &rotation, &translation)
        var ncc = 0.0, overlap = 0.0
        var message = [CChar](repeating: 0, count: 512)
        let status = withUnsafePointer(to: &rotation) { r in
            withUnsafePointer(to: &translation) { t in
                litk_rigid_correlation(fixed.handle, moving.handle, UnsafeRawPointer(r).assumingMemoryBound(to: Double.self),
                                       UnsafeRawPointer(t).assumingMemoryBound(to: Double.self), &ncc, &overlap,
                                       &message, message.count)
            }
        }
        guard status == LITK_OK else { throw ITKImage.error(status, message) }
        return (ncc, overlap)
    }

    /// Writes a transform's rotation rows and translation into the bridge's C arrays.
    static func store<R, T>(_ transform: RigidTransform, _ rotation: inout R, _ translation: inout T) {
        let (a, b, c) = transform.rotationRows, t = transform.translation
        let m = [a.x, a.y, a.z, b.x, b.y, b.z, c.x, c.y, c.z]
        withUnsafeMutableBytes(of: &rotation) { raw in
            for (i, v) in m.enumerated() { raw.storeBytes(of: v, toByteOffset: i * 8, as: Double.self) }
        }
        withUnsafeMutableBytes(of: &translation) { raw in
            for (i, v) in [t.x, t.y, t.z].enumerated() { raw.storeBytes(of: v, toByteOffset: i * 8, as: Double.self) }
        }
    }

    /// The registered baseline box and the follow-up region (follow-up coordinates: the baseline
    /// box carried by the initial transform, or the same coordinates, plus the search margin).
    static func boxes(_ lesionBox: PatientBox, _ options: RegistrationOptions) -> (fixed: PatientBox, moving: PatientBox) {
        let fixed = lesionBox.expanded(by: options.marginMM)
        let start = options.initialBaselineFromFollowup.map { fixed.mapped(by: $0.inverse) } ?? fixed
        return (fixed, start.expanded(by: options.searchMarginMM))
    }

    static func validate(_ o: RegistrationOptions, _ box: PatientBox) throws {
        func fail(_ why: String) -> RegistrationError { RegistrationError(.invalidInput, why) }
        guard [box.lower, box.upper].allSatisfy({ $0.x.isFinite && $0.y.isFinite && $0.z.isFinite }) else {
            throw fail("the lesion box has a non-finite corner")
        }
        guard o.marginMM.isFinite, o.marginMM >= 0, o.searchMarginMM.isFinite, o.searchMarginMM >= 0 else {
            throw fail("margins must be finite and ≥ 0 mm")
        }
        guard o.maximumRegisteredVoxels >= 4096 else { throw fail("the registered voxel budget must be ≥ 4096 voxels") }
        guard (1...4).contains(o.levelSpacingMM.count), o.smoothingSigmaMM.count == o.levelSpacingMM.count else {
            throw fail("1…4 levels, with one smoothing sigma per level")
        }
    }
}

/// Owns one ITK image handle of the bridge.
final class ITKImage {
    let handle: OpaquePointer

    init(_ grid: RegistrationGrid) throws {
        var out: OpaquePointer?
        var message = [CChar](repeating: 0, count: 512)
        let origin = [grid.origin.x, grid.origin.y, grid.origin.z]
        let spacing = [grid.spacing.x, grid.spacing.y, grid.spacing.z]
        let status = litk_image_create(
            grid.voxels, grid.size.columns, grid.size.rows, grid.size.planes, origin, spacing, grid.directionRowMajor,
            &out, &message, message.count)
        guard status == LITK_OK, let out else { throw Self.error(status, message) }
        handle = out
    }

    deinit { litk_image_destroy(handle) }

    /// ITK's copy of `volume` inside `box` (within the options' voxel budget) and the box of its
    /// voxel centres; the Swift grid is released on return, so only ITK's copy stays.
    static func cropping(_ volume: HUVolume, to box: PatientBox, role: String, _ options: RegistrationOptions) throws
        -> (ITKImage, PatientBox) {
        let grid = try RegistrationGrid(cropping: volume, to: box, role: role, maximumVoxels: options.maximumRegisteredVoxels)
        return (try ITKImage(grid), grid.extent)
    }

    /// The bridge's status and message as a ``RegistrationError``.
    static func error(_ status: litk_status, _ message: [CChar]) -> RegistrationError {
        let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        switch status {
        case LITK_NO_BONE: return RegistrationError(.noBone, text)
        case LITK_TOO_LITTLE_OVERLAP: return RegistrationError(.tooLittleOverlap, text)
        case LITK_INVALID: return RegistrationError(.invalidInput, text)
        default: return RegistrationError(.failed, text.isEmpty ? "ITK stopped (status \(status.rawValue))" : text)
        }
    }
}
