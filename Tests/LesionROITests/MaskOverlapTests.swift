import LesionROI
import Testing
import VolumeModel

/// Dice and one-to-one matching on hand-made masks: voxels of plane 0, row 0, the columns given.
@Suite("Mask overlap: Dice and one-to-one component matching")
struct MaskOverlapTests {
    static func row(_ columns: ClosedRange<Int>) -> LesionMask {
        LesionMask.build(label: "m", source: ROISource(kind: .labelmap, file: "x.nii"),
                         candidates: VoxelBox(planes: 0..<1, rows: 0..<1, columns: 0..<20)) { _, _, c in columns.contains(c) }
    }

    @Test("Dice = 2 |A ∩ B| / (|A| + |B|): columns 0…4 and 2…6 share 3 voxels, 6/10")
    func dice() {
        #expect(MaskOverlap.commonVoxels(Self.row(0...4), Self.row(2...6)) == 3)
        #expect(MaskOverlap.dice(Self.row(0...4), Self.row(2...6)) == 0.6)
        #expect(MaskOverlap.dice(Self.row(0...4), Self.row(0...4)) == 1)
        #expect(MaskOverlap.dice(Self.row(0...4), Self.row(5...9)) == 0)
    }

    @Test("Largest Dice first, one to one: E1 takes L0 (8/9) before E0 (6/10), E0 gets L1 (2/7), E2 none")
    func match() {
        // L0 = 0…4, L1 = 6…7; E0 = 2…6, E1 = 0…3, E2 = 12…14 (overlaps nothing).
        let earlier = [Self.row(2...6), Self.row(0...3), Self.row(12...14)], later = [Self.row(0...4), Self.row(6...7)]
        #expect(MaskOverlap.match(earlier, later) == [1, 0, nil])
    }
}
