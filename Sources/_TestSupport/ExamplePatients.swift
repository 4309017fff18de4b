import Foundation

// The three patients of ``ExampleExport``: the design (grid, texture, layout) is in its docstring.
// Box lesions span planes 6…9 (z = 12…18 mm): a 10 × 10-voxel box has 400 voxels (0.8 mL) and a core
// (eroded one voxel in-plane) of 8 × 8 × 4 = 256 voxels (64 % ≥ 50 %, so the core is kept and the
// classifier uses it: `classified_on` core). With uniform plateaus the core's and the full ROI's Δ agree.

extension ExampleExport {
    /// Patient A (PAT-A): a DICOM SEG at each time point, each its own segmentation (so size flags are
    /// evaluated; the boxes keep their size, so none is set). Baseline 2024-01-10, follow-up
    /// 2024-04-10 (91 days); protocols equal (120 kV, B70f, 2 mm, no contrast).
    ///
    /// | label | box (rows, columns) | baseline → follow-up | Δ mean | threshold | response |
    /// |---|---|---|---|---|---|
    /// | L1 lytic | 11…20, 11…20 | 40 → 160 HU | +120 | max(30, 0.15 × 40) = 30 | remineralizing |
    /// | L2 sclerotic | 11…20, 27…36 | 900 → 650 HU | −250 | max(30, 0.15 × 900) = 135 | demineralizing |
    /// | L3 sclerotic | 27…36, 11…20 | 600 → 610 HU | +10 | max(30, 0.15 × 600) = 90 | stable |
    /// | L4 new | 27…36, 27…36 | (body, not outlined) → 50 HU | – | – | new (lytic) |
    public enum PatientA {
        public static let l1 = VoxelBox(planes: 6...9, rows: 11...20, columns: 11...20)
        public static let l2 = VoxelBox(planes: 6...9, rows: 11...20, columns: 27...36)
        public static let l3 = VoxelBox(planes: 6...9, rows: 27...36, columns: 11...20)
        public static let l4 = VoxelBox(planes: 6...9, rows: 27...36, columns: 27...36)
        static let baseline = Visit(patient: 1, number: 1, date: "20240110")
        static let followup = Visit(patient: 1, number: 2, date: "20240410")

        static func write(to root: String) throws {
            try writeCT(baseline, hu: scene([plateau(l1, 40), plateau(l2, 900), plateau(l3, 600)]), root: root)
            try writeSEG(baseline, lesions: [("L1 lytic", l1), ("L2 sclerotic", l2), ("L3 sclerotic", l3)], root: root)
            try writeCT(followup, hu: scene([plateau(l1, 160), plateau(l2, 650), plateau(l3, 610), plateau(l4, 50)]), root: root)
            try writeSEG(followup, lesions: [("L1 lytic", l1), ("L2 sclerotic", l2), ("L3 sclerotic", l3), ("L4 new", l4)],
                         root: root)
        }
    }

    /// Patient B (PAT-B): an RTSTRUCT at each time point and a protocol mismatch: ConvolutionKernel
    /// B70f at baseline, B30f at follow-up (same 120 kV, 2 mm, no contrast), so `protocol_mismatch` and
    /// the raised minimum change max(50 HU, 20 % × |baseline mean|). Baseline 2024-02-05, follow-up
    /// 2024-05-06 (91 days).
    ///
    /// M1 mixed, box rows 10…21, columns 10…21 (12 × 12 × 4 = 576 voxels, 1.152 mL; core rows and
    /// columns 11…20, 10 × 10 × 4 = 400 voxels): a lytic part (40 HU) above a sclerotic part (600 HU),
    /// split by rows so each row is one plateau. Its lytic part fills in:
    /// - baseline rows 10…15 at 40, 16…21 at 600: full 6 : 6 rows, mean (6 × 40 + 6 × 600) / 12 = 320;
    ///   core rows 11…15 : 16…20 = 5 : 5, mean 320, f_lytic = f_sclerotic = 0.5 → mixed (both ≥ 0.15),
    ///   phenotype by mean intermediate (100 ≤ 320 ≤ 350).
    /// - follow-up rows 10…12 at 40, 13…21 at 600: full 3 : 9, mean (3 × 40 + 9 × 600) / 12 = 460,
    ///   Δ = +140 HU, f_lytic 0.25; core rows 11…12 : 13…20 = 2 : 8, mean (2 × 40 + 8 × 600) / 10 = 488,
    ///   Δ core = +168 HU, f_lytic 0.2 (Δf_lytic = −0.3).
    /// - threshold max(50, 0.20 × 320) = 64 HU; mixed rule 1 (Δf_lytic ≤ −0.15 and Δ ≥ +threshold):
    ///   remineralizing.
    ///
    /// L2 lytic, box rows 27…36, columns 27…36: 30 → 70 HU, Δ = +40 HU: below the raised threshold
    /// max(50, 0.20 × 30) = 50, so stable; with matching protocols (30 HU) it would be remineralizing.
    public enum PatientB {
        public static let m1 = VoxelBox(planes: 6...9, rows: 10...21, columns: 10...21)
        public static let l2 = VoxelBox(planes: 6...9, rows: 27...36, columns: 27...36)
        static let baseline = Visit(patient: 2, number: 1, date: "20240205", convolutionKernel: "B70f", seriesNumber: 3,
                                    roiSeriesNumber: 301)
        static let followup = Visit(patient: 2, number: 2, date: "20240506", convolutionKernel: "B30f", seriesNumber: 3,
                                    roiSeriesNumber: 301)

        /// M1: lytic (40 HU) in rows 10…(firstScleroticRow − 1), sclerotic (600 HU) from firstScleroticRow.
        static func mixed(firstScleroticRow: Int) -> Plateau {
            { k, r, c in m1.contains(k, r, c) ? (r < firstScleroticRow ? 40 : 600) : nil }
        }

        static func write(to root: String) throws {
            let lesions = [("M1 mixed", m1), ("L2 lytic", l2)]
            try writeCT(baseline, hu: scene([mixed(firstScleroticRow: 16), plateau(l2, 30)]), root: root)
            try writeRTSTRUCT(baseline, lesions: lesions, root: root)
            try writeCT(followup, hu: scene([mixed(firstScleroticRow: 13), plateau(l2, 70)]), root: root)
            try writeRTSTRUCT(followup, lesions: lesions, root: root)
        }
    }

    /// Patient C (PAT-C): one sphere file, `rois.json` beside the baseline series, serving both time
    /// points (the follow-up was registered to the baseline: both series share FrameOfReferenceUID
    /// 2.25.7041.3.1.9). Baseline 2024-03-01, follow-up 2024-06-03 (94 days); protocols equal.
    ///
    /// - L1 lytic: a lesion sphere of radius 7 mm around (24.5, 16, 14) mm, 50 → 60 HU; its ROI is the
    ///   sphere of radius 6 mm around the same centre: 436 voxels (0.872 mL) on planes z = 8…20 mm,
    ///   core 302 voxels (69 %). Δ = +10 HU < max(30, 0.15 × 50) = 30: stable.
    /// - REF: normal-bone reference sphere, radius 5 mm around (24.5, 32, 14) mm, 254 voxels, in the
    ///   body; the body is 250 HU at baseline and 262 HU at follow-up (Δ reference +12 HU ≤ 30: not
    ///   `reference_unstable`). reference_adjusted_delta_mean_hu = +10 − (+12) = −2 HU. Its baseline
    ///   median, 250 HU, shifts the bands (Docs/Classification.md): lytic edge clamp(250 − 60, 30, 100) = 100,
    ///   sclerotic edge max(350, 250 + 200) = 450 (warning `bands_shifted`); the lesion stays lytic.
    /// - The follow-up folder holds two bad files: IM0007 (plane 15, z = 30 mm, the top plane, far
    ///   from both spheres) cut to its first 300 bytes, inside the header (`unreadable_file`; the
    ///   series has 15 planes, z = 0…28 mm), and NOTES.dcm, a text file (`skipped_file`). Neither is a
    ///   plane the spheres need, so the pair is measured in full.
    public enum PatientC {
        public static let lesionCentre = (x: 24.5, y: 16.0, z: 14.0)
        public static let referenceCentre = (x: 24.5, y: 32.0, z: 14.0)
        static let baseline = Visit(patient: 3, number: 1, date: "20240301")
        static let followup = Visit(patient: 3, number: 2, date: "20240603", frameOfReferenceVisit: 1)
        /// The follow-up plane cut short, and the text file named .dcm.
        public static let truncatedFile = "PAT-C/20240603/SE2/IM0007"
        public static let textFile = "PAT-C/20240603/SE2/NOTES.dcm"

        static let roisJSON = """
            {"lesions": [
              {"id": "L1 lytic", "center_mm": [24.5, 16, 14], "radius_mm": 6},
              {"id": "REF", "center_mm": [24.5, 32, 14], "radius_mm": 5, "reference": true}
            ]}

            """

        /// The lesion sphere (radius 7 mm around ``lesionCentre``) at `hu`.
        static func lesion(_ hu: Int) -> Plateau {
            { k, r, c in
                let dx = Double(c) - lesionCentre.x, dy = Double(r) - lesionCentre.y, dz = Double(k) * planeSpacingMM - lesionCentre.z
                return dx * dx + dy * dy + dz * dz <= 49 ? hu : nil
            }
        }

        static func write(to root: String) throws {
            try writeCT(baseline, hu: scene([lesion(50)]), root: root)
            try roisJSON.write(toFile: (root as NSString).appendingPathComponent("\(baseline.ctFolder)/rois.json"),
                               atomically: true, encoding: .utf8)
            let files = try writeCT(followup, hu: scene(bodyHU: 262, [lesion(60)]), root: root)
            let truncated = (root as NSString).appendingPathComponent(truncatedFile)
            guard files.last == truncated else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: truncated, NSLocalizedDescriptionKey: "plane 15 is not \(truncated)"])
            }
            let data = try Data(contentsOf: URL(fileURLWithPath: truncated))
            try data.prefix(300).write(to: URL(fileURLWithPath: truncated))
            try "PACS export note: 2 series, exported by the research assistant.\n"
                .write(toFile: (root as NSString).appendingPathComponent(textFile), atomically: true, encoding: .utf8)
        }
    }
}
