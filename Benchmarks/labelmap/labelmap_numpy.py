#!/usr/bin/env python3
"""The peer of `lesion-density measure --rois mask.nii.gz`: pydicom reads the CT series (HU =
stored x RescaleSlope + RescaleIntercept, planes sorted by ImagePositionPatient z), nibabel reads the
label map (stored LPS-ordered on the CT's grid: index (i, j, k) = column, row, plane), and numpy
computes, for every label, voxel count, mean, SD, median, P5…P95, min and max.
usage: labelmap_numpy.py CT_FOLDER MASK.nii.gz"""
import json
import os
import sys

import nibabel as nib
import numpy as np
import pydicom

folder, mask_path = sys.argv[1], sys.argv[2]
slices = []
for name in os.listdir(folder):
    path = os.path.join(folder, name)
    try:
        ds = pydicom.dcmread(path)
    except Exception:
        continue
    if "PixelData" in ds:
        slices.append(ds)
slices.sort(key=lambda ds: float(ds.ImagePositionPatient[2]))
hu = np.stack([ds.pixel_array.astype(np.float32) * float(ds.RescaleSlope) + float(ds.RescaleIntercept) for ds in slices])
mask = np.asarray(nib.load(mask_path).dataobj).transpose(2, 1, 0)  # (i, j, k) → (plane, row, column)
out = {}
for label in np.unique(mask[mask > 0]):
    v = hu[mask == label]
    p = np.percentile(v, [5, 10, 25, 50, 75, 90, 95])
    out[int(label)] = {"voxels": int(v.size), "mean": float(v.mean()), "sd": float(v.std()), "median": float(p[3]),
                       "percentiles": [float(x) for x in p], "min": float(v.min()), "max": float(v.max())}
print(json.dumps(out))
