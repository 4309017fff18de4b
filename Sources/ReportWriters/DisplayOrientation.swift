import Foundation
import VolumeModel

/// How an image plane is laid out on screen, in the radiological convention.
///
/// - Axial (normal nearest the patient's z axis): patient left on image right, anterior up — the
///   patient is seen from the feet (PS3.3 C.7.6.1.1.1 patient directions; the way every PACS shows CT).
/// - Coronal (normal nearest y): patient left on image right, head up — seen from the front.
/// - Sagittal (normal nearest x): anterior on image left, posterior on image right, head up — seen
///   from the patient's left.
///
/// The plane's own axes — the row direction (increasing column index) and the column direction
/// (increasing row index) from ImageOrientationPatient — are assigned to display x and y by which
/// of them lies closer to the wanted screen direction, then flipped as needed: any of the eight
/// flips/90° turns of a DICOM plane comes out right. An oblique plane is shown in the nearest of
/// these layouts without rotation (pixels are never rotated by a non-right angle).
public struct DisplayOrientation: Sendable, Equatable {
    /// The plane's nearest standard orientation.
    public enum PlaneKind: String, Sendable, Equatable {
        case axial, coronal, sagittal
    }

    public let kind: PlaneKind
    /// Patient direction (LPS unit axis) wanted towards display right.
    public let right: PatientPoint
    /// Patient direction (LPS unit axis) wanted towards display down.
    public let down: PatientPoint
    /// `true` when display x follows the column index (the plane's row direction), `false` when it
    /// follows the row index (the plane's column direction): a transposed plane.
    public let xFollowsColumns: Bool
    /// +1 when display x grows with the index it follows, −1 when it falls (a left–right flip).
    public let xSign: Double
    /// +1 when display y grows with the index it follows, −1 when it falls (an up–down flip).
    public let ySign: Double
    /// Angle in degrees between the plane's normal and the nearest patient axis (0 for a true
    /// axial, coronal or sagittal plane; 18.5 for a stack acquired with 18.5° gantry tilt).
    public let obliquityDegrees: Double

    /// Planes whose normal is more than 1° off the nearest patient axis are labelled "oblique"
    /// (rounding in ImageOrientationPatient stays far below that).
    public var isOblique: Bool { obliquityDegrees > 1 }

    /// The radiological layout of the planes of `geometry` (all planes of a stack share it).
    public init(geometry: StackGeometry) {
        let n = geometry.normal
        let kind: PlaneKind
        if abs(n.z) >= abs(n.x) && abs(n.z) >= abs(n.y) {
            kind = .axial
        } else if abs(n.y) >= abs(n.x) {
            kind = .coronal
        } else {
            kind = .sagittal
        }
        let right: PatientPoint, down: PatientPoint
        switch kind {
        case .axial: (right, down) = (PatientPoint(1, 0, 0), PatientPoint(0, 1, 0))
        case .coronal: (right, down) = (PatientPoint(1, 0, 0), PatientPoint(0, 0, -1))
        case .sagittal: (right, down) = (PatientPoint(0, 1, 0), PatientPoint(0, 0, -1))
        }
        let rowDirection = geometry.rowDirection, columnDirection = geometry.columnDirection
        let followsColumns = abs(rowDirection.dot(right)) >= abs(columnDirection.dot(right))
        let xAxis = followsColumns ? rowDirection : columnDirection
        let yAxis = followsColumns ? columnDirection : rowDirection
        self.kind = kind
        self.right = right
        self.down = down
        self.xFollowsColumns = followsColumns
        self.xSign = xAxis.dot(right) < 0 ? -1 : 1
        self.ySign = yAxis.dot(down) < 0 ? -1 : 1
        let nearest = min(1, max(abs(n.x), abs(n.y), abs(n.z)))
        self.obliquityDegrees = acos(nearest) * 180 / Double.pi
    }

    /// The patient-direction letters shown at the left, right, top and bottom edges of the image
    /// (R/L, A/P, H/F; PS3.3 C.7.6.1.1.1), e.g. axial: ("R", "L", "A", "P").
    public var edgeLetters: (left: String, right: String, top: String, bottom: String) {
        (Self.letter(-right), Self.letter(right), Self.letter(-down), Self.letter(down))
    }

    /// The patient-direction letter of a unit axis (L/R, P/A, H/F).
    static func letter(_ axis: PatientPoint) -> String {
        if axis.x != 0 { return axis.x > 0 ? "L" : "R" }
        if axis.y != 0 { return axis.y > 0 ? "P" : "A" }
        return axis.z > 0 ? "H" : "F"
    }

    /// Display coordinates (mm; x right, y down; voxel (0, 0)'s centre at the origin) of the point
    /// `u` mm along the plane's row direction and `v` mm along its column direction from that centre.
    func display(alongRow u: Double, alongColumn v: Double) -> (x: Double, y: Double) {
        xFollowsColumns ? (xSign * u, ySign * v) : (xSign * v, ySign * u)
    }
}
