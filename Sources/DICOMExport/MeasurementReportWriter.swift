internal import CDICOMExportBridge

/// The Enhanced SR of one time point: a TID 1500 Imaging Measurement Report with one TID 1411
/// Volumetric ROI measurement group per lesion (codes: ``ExportCodes``).
enum MeasurementReportWriter {
    /// The device observer (TID 1004) of every report: one fixed UID for LesionDensity.
    static let deviceUID = DICOMUID.tracking(patientID: "", lesionKey: "device observer")

    static func write(_ timePoint: TimePointExport, segments: [Int: ExistingSegment], identity: ObjectIdentity,
                      path: String) throws {
        let arena = CStringArena()
        var info = arena.objectInfo(identity, sourceFile: timePoint.ct.sourceFile)
        var procedure = arena.code(ExportCodes.procedure)
        var created: OpaquePointer?
        try bridgeCall(file: path) { CDICOMExportBridge_report_create(&info, &procedure, &created, $0, $1) }
        guard let handle = created else { throw DICOMExportError(file: path, message: "out of memory") }
        defer { CDICOMExportBridge_report_destroy(handle) }
        try bridgeCall(file: path) {
            CDICOMExportBridge_report_declare_coding_scheme(handle, ExportCodes.privateScheme, ExportCodes.privateSchemeName,
                                             "LesionDensity", $0, $1)
        }
        try bridgeCall(file: path) { CDICOMExportBridge_report_set_device_observer(handle, deviceUID, "LesionDensity", $0, $1) }
        var series = arena.seriesRef(timePoint.ct)
        try bridgeCall(file: path) { CDICOMExportBridge_report_add_library_images(handle, &series, $0, $1) }
        var finding = arena.code(ExportCodes.finding), site = arena.code(ExportCodes.findingSite)
        for (index, lesion) in timePoint.lesions.enumerated() {
            guard let segment = segments[index] else { continue }
            let tracking = DICOMUID.tracking(patientID: timePoint.patientID, lesionKey: LesionKey.of(lesion.lesionID))
            try bridgeCall(file: path) {
                CDICOMExportBridge_report_begin_group(handle, lesion.lesionID, tracking, &finding, &site, segment.sopClassUID,
                                       segment.sopInstanceUID, UInt16(clamping: segment.segmentNumber),
                                       timePoint.ct.seriesInstanceUID, arena.optional(timePoint.studyDate), $0, $1)
            }
            try bridgeCall(file: path) {
                CDICOMExportBridge_report_add_evidence(handle, segment.studyInstanceUID, segment.seriesInstanceUID,
                                        segment.sopClassUID, segment.sopInstanceUID, $0, $1)
            }
            let values: [(CDICOMExportBridge_quantity, CDICOMExportBridge_derivation, Double?)] = [
                (CDICOMExportBridge_QUANTITY_ATTENUATION_HU, CDICOMExportBridge_DERIVATION_MEAN, lesion.meanHU),
                (CDICOMExportBridge_QUANTITY_ATTENUATION_HU, CDICOMExportBridge_DERIVATION_MEDIAN, lesion.medianHU),
                (CDICOMExportBridge_QUANTITY_ATTENUATION_HU, CDICOMExportBridge_DERIVATION_STANDARD_DEVIATION, lesion.sdHU),
                (CDICOMExportBridge_QUANTITY_ATTENUATION_HU, CDICOMExportBridge_DERIVATION_MINIMUM, lesion.minHU),
                (CDICOMExportBridge_QUANTITY_ATTENUATION_HU, CDICOMExportBridge_DERIVATION_MAXIMUM, lesion.maxHU),
                (CDICOMExportBridge_QUANTITY_VOLUME_CM3, CDICOMExportBridge_DERIVATION_NONE, lesion.volumeML),
            ]
            for (quantity, derivation, value) in values {
                guard let value, value.isFinite else { continue }
                try bridgeCall(file: path) { CDICOMExportBridge_report_add_measurement(handle, quantity, derivation, value, $0, $1) }
            }
            let evaluations = [
                (ExportCodes.phenotypeConcept, lesion.phenotype.flatMap(ExportCodes.phenotype)),
                (ExportCodes.responseConcept, lesion.response.flatMap(ExportCodes.response)),
            ]
            for (concept, value) in evaluations {
                guard let value else { continue }
                var conceptCode = arena.code(concept), valueCode = arena.code(value)
                try bridgeCall(file: path) { CDICOMExportBridge_report_add_evaluation(handle, &conceptCode, &valueCode, $0, $1) }
            }
        }
        try bridgeCall(file: path) { CDICOMExportBridge_report_save(handle, path, $0, $1) }
    }
}
