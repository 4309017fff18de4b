import DICOMImport
import DICOMNetwork
import Foundation
import ResultsModel

/// `--store-to AET@HOST:PORT`: the DICOM outputs of a run (SR, SEG, REG under `DIR/dicom/`) sent
/// to a node with C-STORE once every one is written (Docs/PACS.md "Storing the outputs").
///
/// Each object's `stored_to` becomes the node and its `status` `stored` or `failed: <why>`; a
/// refused object is a `dicom_not_stored` warning and the rest are still sent. With
/// `--pseudonymize` every object is read back before it is sent and is held back
/// (`failed: not sent: …`) unless its PatientID and PatientName are the pseudonym its writer was
/// given and PatientBirthDate is empty, so only pseudonymized objects leave the machine.
extension DICOMOutputSink {
    /// Sends every object of ``records`` (those written so far) to the node of `settings`, on one
    /// association, in the order written.
    /// - Returns: how many objects were not stored (0 when every one was; each is a warning).
    @discardableResult
    public func store(to settings: AssociationSettings) -> Int {
        let node = settings.node.description
        var outgoing: [String] = []
        var failures = 0
        for record in records {
            if let heldBack = pseudonymGate(record.file) {
                refuse(record.file, node: node, reason: "not sent: \(heldBack)", warning: heldBack)
                failures += 1
            } else {
                outgoing.append(record.file)
            }
        }
        guard !outgoing.isEmpty else { return failures }
        let outcomes: [StoreOutcome]
        var noAssociation: String?
        do { outcomes = try DICOMStorage.store(files: outgoing.map(absolute), settings) } catch {
            outcomes = []
            noAssociation = Self.withoutNode(node, (error as? DICOMNetworkError)?.message ?? "\(error)")
        }
        for (i, file) in outgoing.enumerated() {
            let outcome = i < outcomes.count ? outcomes[i] : nil
            if let outcome, outcome.stored {
                setStored(file, to: node, status: "stored")
                if let status = outcome.dimseStatus, status != 0 {
                    report(ResultWarning(.dicomStoredWithWarning, "\(file): \(node) answered \(Self.describe(outcome, node: node))"))
                }
            } else {
                let why = outcome.map { Self.describe($0, node: node) } ?? noAssociation ?? "no answer"
                refuse(file, node: node, reason: why, warning: "\(node) did not store it: \(why)")
                failures += 1
            }
        }
        return failures
    }

    /// `DIMSE status 0xA700 (…)` when the node answered, else why no answer came.
    private static func describe(_ outcome: StoreOutcome, node: String) -> String {
        let message = withoutNode(node, outcome.error?.message ?? "")
        guard let status = outcome.dimseStatus else { return message.isEmpty ? "no response" : message }
        let code = String(format: "DIMSE status 0x%04X", status)
        return message.isEmpty || message.contains(code) ? code : "\(code) (\(message))"
    }

    /// `text` without a leading `node: ` (`stored_to` and the warning name the node already).
    private static func withoutNode(_ node: String, _ text: String) -> String {
        text.hasPrefix(node + ": ") ? String(text.dropFirst(node.count + 2)) : text
    }

    private func refuse(_ file: String, node: String, reason: String, warning: String) {
        setStored(file, to: node, status: "failed: \(reason)")
        report(ResultWarning(.dicomNotStored, "\(file): \(warning)"))
    }

    /// Why `file` must not leave the machine, or nil when it may: without `--pseudonymize` every
    /// object may; with it, only one whose Patient Module reads back as the pseudonym.
    private func pseudonymGate(_ file: String) -> String? {
        guard isPseudonymized else { return nil }
        guard let pseudonym = writtenPatientID(file), !pseudonym.isEmpty else {
            return "--pseudonymize is in force and no pseudonym is known for it"
        }
        let read: PatientAttributes
        do { read = try PatientAttributes.read(file: absolute(file)) } catch {
            return "--pseudonymize is in force and it cannot be read back: \(error)"
        }
        // The values found are never repeated in the message: they may be the real identity.
        if read.patientID != pseudonym { return "--pseudonymize is in force and its PatientID is not the pseudonym" }
        if read.patientName != pseudonym { return "--pseudonymize is in force and its PatientName is not the pseudonym" }
        if read.patientBirthDate != nil { return "--pseudonymize is in force and it carries a PatientBirthDate" }
        return nil
    }
}
