#!/usr/bin/env python3
"""Writes a DICOM SEG with highdicom (independent of LesionDensity's own writer) for the SEG
layout tests.

usage: highdicom_seg.py CT_FOLDER DESIGN.json OUT.dcm

DESIGN.json: {"type": "BINARY" | "LABELMAP",
              "segments": [{"number": 1, "label": "L1", "voxels": [[plane, row, column], ...]}, ...]}
Planes are counted in the CT's order along the normal (increasing ImagePositionPatient z for an
axial stack). BINARY with one segment is written as highdicom 0.28 writes it (its
SegmentIdentificationSequence in SharedFunctionalGroupsSequence); several segments may overlap.
Exit status 3: highdicom or pydicom is not installed (the test then skips).
"""
import json
import os
import sys

try:
    import highdicom as hd
    import numpy as np
    import pydicom
    from pydicom.sr.codedict import codes
except ImportError as error:  # the caller skips with this message
    print(f"highdicom not available: {error}", file=sys.stderr)
    sys.exit(3)


def main(ct_folder, design_path, out_path):
    images = [pydicom.dcmread(os.path.join(ct_folder, name)) for name in sorted(os.listdir(ct_folder))]
    images = [ds for ds in images if ds.SOPClassUID == "1.2.840.10008.5.1.4.1.1.2"]
    for ds in images:  # type 2 attributes highdicom copies; the synthetic CT leaves them out
        for keyword in ("PatientName", "PatientBirthDate", "PatientSex", "StudyDate", "StudyTime",
                        "ReferringPhysicianName", "AccessionNumber", "StudyID"):
            if keyword not in ds:
                setattr(ds, keyword, "")
    normal = np.cross(np.array(images[0].ImageOrientationPatient[:3], float),
                      np.array(images[0].ImageOrientationPatient[3:], float))
    images.sort(key=lambda ds: float(np.dot(normal, np.array(ds.ImagePositionPatient, float))))
    with open(design_path) as f:
        design = json.load(f)
    segments = design["segments"]
    shape = (len(images), int(images[0].Rows), int(images[0].Columns))
    labelmap = design["type"] == "LABELMAP"
    if labelmap:
        pixels = np.zeros(shape, dtype=np.uint16 if max(s["number"] for s in segments) > 255 else np.uint8)
        for s in segments:
            for k, r, c in s["voxels"]:
                pixels[k, r, c] = s["number"]
        seg_type = hd.seg.SegmentationTypeValues.LABELMAP
    else:
        pixels = np.zeros(shape + (len(segments),), dtype=bool)
        for i, s in enumerate(segments):
            for k, r, c in s["voxels"]:
                pixels[k, r, c, i] = True
        if len(segments) == 1:
            pixels = pixels[..., 0]
        seg_type = hd.seg.SegmentationTypeValues.BINARY
    descriptions = [
        hd.seg.SegmentDescription(
            segment_number=s["number"], segment_label=s["label"],
            segmented_property_category=codes.SCT.MorphologicallyAbnormalStructure,
            segmented_property_type=codes.SCT.Neoplasm,
            algorithm_type=hd.seg.SegmentAlgorithmTypeValues.MANUAL)
        for s in segments]
    seg = hd.seg.Segmentation(
        source_images=images, pixel_array=pixels, segmentation_type=seg_type,
        segment_descriptions=descriptions, series_instance_uid=hd.UID(), series_number=90,
        sop_instance_uid=hd.UID(), instance_number=1, manufacturer="highdicom test",
        manufacturer_model_name="test", software_versions=hd.__version__, device_serial_number="1")
    seg.save_as(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    main(*sys.argv[1:])
