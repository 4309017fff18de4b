#!/usr/bin/env python3
"""Compares the DICOM files pulled from a PACS with the originals, independently of LesionDensity.

usage: compare_pulled.py PULLED_DIR ORIGINALS_DIR...

Reads every file under the original folders with pydicom (files pydicom cannot read are left out),
indexes them by SOPInstanceUID, then checks that each pulled file (<PULLED_DIR>/<patient>/<study>/
<SOPInstanceUID>.dcm) has the name of its SOPInstanceUID, lies in the folder of its PatientID and
StudyInstanceUID, and has the same data set as its original: every data element equal (Pixel Data
byte for byte); the file meta information (group 0002) may differ. Prints one JSON line
{"pulled": N, "matched": N, "problems": [...]} and exits 0, or 3 when pydicom is missing.
"""
import json
import os
import sys

try:
    import pydicom
except ImportError:
    print("pydicom is not installed (python3 -m pip install pydicom)")
    sys.exit(3)


def read(path):
    try:
        return pydicom.dcmread(path)
    except Exception:
        return None


def main():
    pulled_root, originals = sys.argv[1], sys.argv[2:]
    by_uid = {}
    for root in originals:
        for folder, _, names in os.walk(root):
            for name in names:
                ds = read(os.path.join(folder, name))
                if ds is not None and "SOPInstanceUID" in ds:
                    by_uid[str(ds.SOPInstanceUID)] = ds
    problems, pulled, matched = [], 0, 0
    for folder, _, names in os.walk(pulled_root):
        for name in sorted(names):
            path = os.path.join(folder, name)
            pulled += 1
            ds = read(path)
            if ds is None:
                problems.append(f"{path}: pydicom cannot read it")
                continue
            uid = str(ds.SOPInstanceUID)
            if name != uid + ".dcm":
                problems.append(f"{path}: named {name}, SOPInstanceUID {uid}")
            rel = os.path.relpath(folder, pulled_root).split(os.sep)
            if len(rel) != 2 or rel[1] != str(ds.StudyInstanceUID) or rel[0] != str(ds.PatientID):
                problems.append(f"{path}: folder {'/'.join(rel)} is not PatientID/StudyInstanceUID")
            original = by_uid.get(uid)
            if original is None:
                problems.append(f"{path}: no original with SOPInstanceUID {uid}")
                continue
            a = {e.tag: e for e in ds}
            b = {e.tag: e for e in original}
            if set(a) != set(b):
                problems.append(f"{path}: elements differ: {sorted(set(a) ^ set(b))}")
                continue
            different = [str(tag) for tag in a if a[tag].value != b[tag].value]
            if different:
                problems.append(f"{path}: values differ in {different}")
                continue
            matched += 1
    print(json.dumps({"pulled": pulled, "matched": matched, "problems": problems}))


main()
