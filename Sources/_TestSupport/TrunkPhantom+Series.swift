@_exported import SyntheticPhantoms
import VolumeModel

extension TrunkPhantom {
    /// Time point `t` as a CT series design (write it with ``SyntheticCT/write(to:)``): its own
    /// StudyInstanceUID, SeriesInstanceUID and FrameOfReferenceUID under `uidRoot.(t+1)`.
    public func series(timePoint t: Int, patientID: String = "TRUNK01", uidRoot: String = "2.25.7042") -> SyntheticCT {
        let tp = timePoints[t]
        var ct = SyntheticCT()
        ct.rows = tp.rows
        ct.columns = tp.columns
        ct.planes = tp.planes
        ct.pixelSpacing = tp.pixelSpacing
        ct.origin = tp.origin
        ct.planeSpacing = tp.planeSpacing
        ct.sliceThickness = tp.planeSpacing
        ct.patientID = patientID
        ct.patientName = "SYNTHETIC^TRUNK"
        ct.studyDate = tp.date
        ct.studyDescription = "SYNTHETIC TRUNK"
        ct.seriesDescription = "SYNTHETIC TRUNK \(tp.planeSpacing) MM"
        ct.studyInstanceUID = "\(uidRoot).\(t + 1)"
        ct.seriesInstanceUID = "\(uidRoot).\(t + 1).2"
        ct.frameOfReferenceUID = "\(uidRoot).\(t + 1).9"
        let phantom = self
        ct.hu = { k, r, c in phantom.voxelHU(timePoint: t, plane: k, row: r, column: c) }
        return ct
    }

}
