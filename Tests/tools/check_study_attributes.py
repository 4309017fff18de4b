#!/usr/bin/env python3
"""Checks, independently of LesionDensity, that every SEG and RTSTRUCT under a folder carries the
Patient (PS3.3 C.7.1.1) and General Study (C.7.2.1) attributes of the CT series it refers to.

usage: check_study_attributes.py ROOT

Reads every file under ROOT with pydicom (files pydicom cannot read are left out), indexes the CT
images by SeriesInstanceUID, and for each SEG (ReferencedSeriesSequence) and RTSTRUCT
(ReferencedFrameOfReferenceSequence > RTReferencedStudySequence > RTReferencedSeriesSequence) checks
that its referenced CT series exists, that each attribute below is present (Type 1 and 2: an empty
value is allowed only where the CT's is empty too) and equal to the CT's, and that StudyDate has a
value. Prints one JSON line {"objects": {"SEG": N, "RTSTRUCT": N}, "problems": [...]} and exits 0,
or 3 when pydicom is missing.
"""
import json
import os
import sys

try:
    import pydicom
except ImportError:
    print("pydicom is not installed (python3 -m pip install pydicom)")
    sys.exit(3)

ATTRIBUTES = ["PatientName", "PatientID", "PatientBirthDate", "PatientSex", "StudyInstanceUID", "StudyDate",
              "StudyTime", "ReferringPhysicianName", "StudyID", "AccessionNumber"]


def read(path):
    try:
        return pydicom.dcmread(path, stop_before_pixels=True)
    except Exception:
        return None


def referenced_series(ds):
    if ds.Modality == "SEG":
        return [item.SeriesInstanceUID for item in ds.get("ReferencedSeriesSequence", [])]
    return [series.SeriesInstanceUID
            for frame in ds.get("ReferencedFrameOfReferenceSequence", [])
            for study in frame.get("RTReferencedStudySequence", [])
            for series in study.get("RTReferencedSeriesSequence", [])]


def main():
    root = sys.argv[1]
    cts, objects = {}, []
    for folder, _, names in sorted(os.walk(root)):
        for name in sorted(names):
            path = os.path.join(folder, name)
            ds = read(path)
            if ds is None or "Modality" not in ds:
                continue
            if ds.Modality == "CT":
                cts.setdefault(str(ds.SeriesInstanceUID), ds)
            elif ds.Modality in ("SEG", "RTSTRUCT"):
                objects.append((os.path.relpath(path, root), ds))
    problems, counts = [], {"SEG": 0, "RTSTRUCT": 0}
    for path, ds in objects:
        counts[ds.Modality] += 1
        series = [uid for uid in referenced_series(ds) if uid in cts]
        if not series:
            problems.append(f"{path}: refers to no CT series under {root}")
            continue
        ct = cts[series[0]]
        for keyword in ATTRIBUTES:
            if keyword not in ds:
                problems.append(f"{path}: {keyword} absent")
            elif str(ds.get(keyword, "")) != str(ct.get(keyword, "")):
                problems.append(f"{path}: {keyword} {str(ds.get(keyword))!r}, its CT's {str(ct.get(keyword, ''))!r}")
        if not str(ds.get("StudyDate", "")):
            problems.append(f"{path}: StudyDate empty")
    print(json.dumps({"objects": counts, "problems": problems}))


if __name__ == "__main__":
    main()
