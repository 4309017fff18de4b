import Crypto
import Foundation

/// UIDs of the `2.25.` form: a UUID written as one unsigned decimal integer (PS3.5 B.2; ISO/IEC
/// 9834-8). At most 39 digits, so at most 44 characters (a UID holds 64).
public enum DICOMUID {
    /// A new UID from a random (version 4) UUID: SOP Instance and Series Instance UIDs of our objects,
    /// new on every run.
    public static func random() -> String { uid(UUID().uuid) }

    /// The RFC 4122 name space for ISO OIDs (6ba7b812-9dad-11d1-80b4-00c04fd430c8), under which the
    /// tracking UIDs are derived.
    static let oidNamespace: [UInt8] = [
        0x6b, 0xa7, 0xb8, 0x12, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
    ]

    /// A lesion's TrackingUniqueIdentifier (TID 1411 Row 3, SEG TrackingUID): the same for one
    /// patient's lesion at every time point, on every rerun and in every shard.
    ///
    /// `2.25.` + the name-based (version 5, SHA-1) UUID of RFC 4122 §4.3 in the OID name space, of the
    /// UTF-8 name `"LesionDensity tracking" NUL PatientID NUL lesionKey`, where `patientID` is the
    /// PatientID the outputs carry (the pseudonym with `--pseudonymize`) and `lesionKey` the label
    /// lower-cased with all white space removed (Docs/Outputs.md's matching key).
    public static func tracking(patientID: String, lesionKey: String) -> String {
        var name = Array("LesionDensity tracking".utf8)
        name.append(0)
        name += Array(patientID.utf8)
        name.append(0)
        name += Array(lesionKey.utf8)
        var bytes = Array(Insecure.SHA1.hash(data: oidNamespace + name).prefix(16))
        bytes[6] = (bytes[6] & 0x0f) | 0x50  // version 5
        bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
        return "2.25." + decimal(bytes)
    }

    static func uid(_ u: uuid_t) -> String {
        "2.25." + decimal([u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15])
    }

    /// The big-endian unsigned integer `bytes` in decimal, without leading zeros.
    static func decimal(_ bytes: [UInt8]) -> String {
        var number = bytes
        var digits: [UInt8] = []
        while number.contains(where: { $0 != 0 }) {
            var remainder = 0
            for index in number.indices {
                let value = remainder * 256 + Int(number[index])
                number[index] = UInt8(value / 10)
                remainder = value % 10
            }
            digits.append(UInt8(remainder))
        }
        if digits.isEmpty { return "0" }
        return String(digits.reversed().map { Character(String($0)) })
    }
}
