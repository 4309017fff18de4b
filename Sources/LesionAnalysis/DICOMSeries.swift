import DICOMImport

/// Assembling a chosen series into its stack.
public enum DICOMSeries {
    /// The largest stack of the candidate series.
    /// - Throws: ``DICOMError`` naming the file when the series cannot form a volume.
    public static func assemble(_ c: SeriesSelection.Candidate) throws -> ImageStack {
        try SeriesAssembly.assemble(c.planes, seriesInstanceUID: c.uid)[0]
    }
}
