#!/usr/bin/env python3
"""Independent HU reference for DICOMImport's real-data test.

Reads every CT object under ../shared/data with pydicom (+ pylibjpeg for JPEG / JPEG-LS), applies
the modality LUT itself (HU = stored x RescaleSlope + RescaleIntercept, per frame), and writes the HU
of a 5 x 5 grid of voxels per frame, marking padding voxels, to
Tests/DICOMImportTests/Resources/hu_samples.json. The product never runs this script; it only
checks the product's numbers. Run: python3 Tests/tools/sample_hu.py  (pip install pydicom pylibjpeg pylibjpeg-libjpeg)
"""
import json, os, sys
import numpy as np
import pydicom

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data")
CT = {"1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.2.1", "1.2.840.10008.5.1.4.1.1.2.2"}
out = []
for folder, _, files in os.walk(ROOT):
    for name in sorted(files):
        path = os.path.join(folder, name)
        try:
            ds = pydicom.dcmread(path)
        except Exception:
            continue
        if str(ds.get("SOPClassUID", "")) not in CT:
            continue
        rel = os.path.relpath(path, ROOT)
        try:
            arr = ds.pixel_array  # masked to BitsStored and sign-extended by pydicom
        except Exception as e:
            out.append({"file": rel, "decodable": False, "reason": str(e)[:200]})
            continue
        frames = arr if int(ds.get("NumberOfFrames", 1) or 1) > 1 else arr[None]
        rows, cols = frames.shape[1], frames.shape[2]
        pad = ds.get("PixelPaddingValue")
        if pad is not None and ds.PixelRepresentation == 1 and pad > 32767:
            pad -= 65536
        samples = []
        for f in range(frames.shape[0]):
            slope, icpt = float(ds.get("RescaleSlope", 1)), float(ds.get("RescaleIntercept", 0))
            if "PerFrameFunctionalGroupsSequence" in ds:
                for grp in (ds.PerFrameFunctionalGroupsSequence[f], ds.SharedFunctionalGroupsSequence[0]):
                    if "PixelValueTransformationSequence" in grp:
                        t = grp.PixelValueTransformationSequence[0]
                        slope, icpt = float(t.RescaleSlope), float(t.RescaleIntercept)
                        break
            for i in range(5):
                for j in range(5):
                    r, c = round(i * (rows - 1) / 4), round(j * (cols - 1) / 4)
                    stored = int(frames[f, r, c])
                    samples.append({"frame": f, "row": r, "column": c,
                                    "hu": stored * slope + icpt, "padding": pad is not None and stored == pad})
        out.append({"file": rel, "decodable": True, "rows": rows, "columns": cols, "samples": samples})
dest = os.path.join(os.path.dirname(__file__), "..", "DICOMImportTests", "Resources", "hu_samples.json")
with open(dest, "w") as f:
    json.dump({"generator": "Tests/tools/sample_hu.py", "pydicom": pydicom.__version__, "objects": out}, f, separators=(",", ":"))
print(len(out), "CT objects;", sum(o["decodable"] for o in out), "decodable")
