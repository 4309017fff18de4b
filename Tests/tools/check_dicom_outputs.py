#!/usr/bin/env python3
"""Independent read-back of LesionDensity's DICOM outputs (SR TID 1500, SEG, REG).

Usage: check_dicom_outputs.py EXPECTED.json
EXPECTED.json (written by the Swift test from its synthetic design, not from the writer):
  {"reports": [{"file", "patient_id", "lesions": [{"lesion_id", "mean_hu", "median_hu", "sd_hu",
                 "min_hu", "max_hu", "volume_ml", "phenotype", "response", "segment_number",
                 "segment_sop_instance_uid" (an input SEG) or "segment_file" (ours)}], "ct_series"}],
   "segmentations": [{"file", "series_instance_uid", "frame_of_reference_uid",
                      "segments": [{"label", "voxels": [[x, y, z, row, column], ...]}]}],
   "registrations": [{"file", "frame_of_reference_uid", "followup_frame_of_reference_uid", "matrix": [16]}],
   "patient": {"id", "name", "birth_date"}}
Each SR is read by highdicom (hd.sr.srread) and by dcmqi's tid1500reader; the tracking UID is
recomputed here (uuid5 in the OID name space of "LesionDensity tracking" NUL PatientID NUL key).
Prints every mismatch and exits 1 when there is one.
"""
import json, os, subprocess, sys, tempfile, uuid

import highdicom as hd
import numpy as np
import pydicom

problems = []


def expect(what, got, want, tol=1e-9):
    if isinstance(want, float) or isinstance(got, float):
        ok = got is not None and want is not None and abs(float(got) - float(want)) <= tol * max(1, abs(want))
    else:
        ok = got == want
    if not ok:
        problems.append(f"{what}: got {got!r}, expected {want!r}")


def tracking_uid(patient_id, label):
    key = "".join(label.lower().split())
    name = "LesionDensity tracking\0" + patient_id + "\0" + key
    return "2.25." + str(uuid.uuid5(uuid.NAMESPACE_OID, name).int)


DERIVATIONS = {"Mean": "mean_hu", "Median": "median_hu", "Standard Deviation": "sd_hu",
               "Minimum": "min_hu", "Maximum": "max_hu"}


def check_report(report, patient):
    path = report["file"]
    ds = pydicom.dcmread(path)
    expect(f"{path} SOPClassUID", ds.SOPClassUID, "1.2.840.10008.5.1.4.1.1.88.22")
    expect(f"{path} Manufacturer", ds.Manufacturer, "LesionDensity")
    expect(f"{path} SeriesDate present", bool(ds.get("SeriesDate")) and bool(ds.get("SeriesTime")), True)
    if patient is not None:
        check_patient(path, ds, patient)
    sr = hd.sr.srread(path)
    groups = {g.tracking_identifier: g for g in sr.content.get_volumetric_roi_measurement_groups()}
    expect(f"{path} lesions (highdicom)", sorted(groups), sorted(l["lesion_id"] for l in report["lesions"]))
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "tid1500.json")
        run = subprocess.run(["tid1500reader", "--inputDICOM", path, "--outputMetadata", out],
                             capture_output=True, text=True)
        if run.returncode != 0:
            problems.append(f"{path}: tid1500reader failed: {run.stderr.strip()[:300]}")
            dcmqi = {}
        else:
            dcmqi = {m["TrackingIdentifier"]: m for m in json.load(open(out))["Measurements"]}
    for lesion in report["lesions"]:
        lid = lesion["lesion_id"]
        uid = tracking_uid(report["patient_id"], lid)
        g = groups.get(lid)
        if g is not None:
            expect(f"{path} {lid} tracking UID (highdicom)", g.tracking_uid, uid)
            expect(f"{path} {lid} finding", (g.finding_type.value, g.finding_type.scheme_designator),
                   ("14799000", "SCT"))
            expect(f"{path} {lid} finding site", [(s.value.value, s.value.scheme_designator) for s in g.finding_sites],
                   [("272673000", "SCT")])
            segment = g.referenced_segment
            if "segment_number" in lesion:
                expect(f"{path} {lid} segment number", list(segment.referenced_segment_numbers),
                       [lesion["segment_number"]])
                expect(f"{path} {lid} SEG instance", segment.referenced_sop_instance_uid, segment_uid(lesion))
            values = {}
            for m in g.get_measurements():
                if m.name.meaning == "Volume":
                    expect(f"{path} {lid} volume unit", m.unit.value, "cm3")
                    values["volume_ml"] = m.value
                else:
                    expect(f"{path} {lid} HU unit", m.unit.value, "[hnsf'U]")
                    values[DERIVATIONS[m.derivation.meaning]] = m.value
            for key in ["mean_hu", "median_hu", "sd_hu", "min_hu", "max_hu", "volume_ml"]:
                if key not in lesion:
                    continue
                if lesion.get(key) is None:
                    expect(f"{path} {lid} {key} absent", key in values, False)
                else:
                    expect(f"{path} {lid} {key} (highdicom)", values.get(key), float(lesion[key]))
            evaluations = {}
            for e in g.get_qualitative_evaluations():
                evaluations[e.name.meaning] = e.value.meaning
            for key, concept in [("phenotype", "Lesion density phenotype"), ("response", "Lesion density response")]:
                if key in lesion:
                    expect(f"{path} {lid} {key}", evaluations.get(concept), lesion[key])
        m = dcmqi.get(lid)
        if m is None:
            problems.append(f"{path} {lid}: not read by tid1500reader")
            continue
        expect(f"{path} {lid} tracking UID (dcmqi)", m["TrackingUniqueIdentifier"], uid)
        if "segment_number" in lesion:
            expect(f"{path} {lid} segment (dcmqi)", m["ReferencedSegment"], lesion["segment_number"])
            expect(f"{path} {lid} SEG instance (dcmqi)", m["segmentationSOPInstanceUID"], segment_uid(lesion))
        expect(f"{path} {lid} source series (dcmqi)", m["SourceSeriesForImageSegmentation"], report["ct_series"])
        for item in m["measurementItems"]:
            if item["quantity"]["CodeMeaning"] == "Volume":
                key = "volume_ml"
            else:
                key = DERIVATIONS[item["derivationModifier"]["CodeMeaning"]]
            if key in lesion:
                expect(f"{path} {lid} {key} (dcmqi)", float(item["value"]), float(lesion[key]))


def segment_uid(lesion):
    """The SEG a lesion references: given (an input SEG) or the one of our files."""
    if "segment_sop_instance_uid" in lesion:
        return lesion["segment_sop_instance_uid"]
    return pydicom.dcmread(lesion["segment_file"], stop_before_pixels=True).SOPInstanceUID


def check_patient(path, ds, patient):
    expect(f"{path} PatientID", ds.PatientID, patient["id"])
    expect(f"{path} PatientName", str(ds.PatientName), patient["name"])
    expect(f"{path} PatientBirthDate", ds.get("PatientBirthDate", ""), patient["birth_date"])


def check_segmentation(seg, patient):
    path = seg["file"]
    ds = pydicom.dcmread(path)
    expect(f"{path} SOPClassUID", ds.SOPClassUID, "1.2.840.10008.5.1.4.1.1.66.4")
    expect(f"{path} FrameOfReferenceUID", ds.FrameOfReferenceUID, seg["frame_of_reference_uid"])
    expect(f"{path} referenced series", ds.ReferencedSeriesSequence[0].SeriesInstanceUID, seg["series_instance_uid"])
    if patient is not None:
        check_patient(path, ds, patient)
    parsed = hd.seg.segread(path)
    labels = {int(s.SegmentNumber): s.SegmentLabel for s in ds.SegmentSequence}
    expect(f"{path} segment labels", [labels[n] for n in sorted(labels)], [s["label"] for s in seg["segments"]])
    expect(f"{path} highdicom segments", list(parsed.segment_numbers), sorted(labels))
    pixels = ds.pixel_array.reshape(int(ds.NumberOfFrames), ds.Rows, ds.Columns)
    got = {n: set() for n in labels}
    for index, frame in enumerate(ds.PerFrameFunctionalGroupsSequence):
        number = int(frame.SegmentIdentificationSequence[0].ReferencedSegmentNumber)
        x, y, z = (round(float(v), 3) for v in frame.PlanePositionSequence[0].ImagePositionPatient)
        for row, column in zip(*np.nonzero(pixels[index])):
            got[number].add((x, y, z, int(row), int(column)))
    for number, segment in zip(sorted(labels), seg["segments"]):
        want = {(round(v[0], 3), round(v[1], 3), round(v[2], 3), v[3], v[4]) for v in segment["voxels"]}
        if got[number] != want:
            problems.append(f"{path} segment {number}: {len(got[number] - want)} voxels too many, "
                            f"{len(want - got[number])} missing")


def check_registration(reg, patient):
    path = reg["file"]
    ds = pydicom.dcmread(path)
    expect(f"{path} SOPClassUID", ds.SOPClassUID, "1.2.840.10008.5.1.4.1.1.66.1")
    expect(f"{path} FrameOfReferenceUID", ds.FrameOfReferenceUID, reg["frame_of_reference_uid"])
    check_patient(path, ds, patient)
    items = ds.RegistrationSequence
    expect(f"{path} items", len(items), 2)
    identity = [float(v) for v in items[0].MatrixRegistrationSequence[0].MatrixSequence[0]
                .FrameOfReferenceTransformationMatrix]
    expect(f"{path} baseline item frame", items[0].FrameOfReferenceUID, reg["frame_of_reference_uid"])
    expect(f"{path} baseline item identity", np.allclose(identity, np.eye(4).ravel()), True)
    follow = items[1].MatrixRegistrationSequence[0].MatrixSequence[0]
    expect(f"{path} follow-up item frame", items[1].FrameOfReferenceUID, reg["followup_frame_of_reference_uid"])
    expect(f"{path} matrix type", follow.FrameOfReferenceTransformationMatrixType, "RIGID")
    matrix = [float(v) for v in follow.FrameOfReferenceTransformationMatrix]
    if not np.allclose(matrix, reg["matrix"], atol=1e-8):
        problems.append(f"{path} matrix: got {matrix}, expected {reg['matrix']}")


expected = json.load(open(sys.argv[1]))
for r in expected.get("reports", []):
    check_report(r, expected.get("patient"))
for s in expected.get("segmentations", []):
    check_segmentation(s, expected.get("patient"))
for r in expected.get("registrations", []):
    check_registration(r, expected["patient"])
for p in problems:
    print(p)
sys.exit(1 if problems else 0)
