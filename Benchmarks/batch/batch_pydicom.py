#!/usr/bin/env python3
"""The work of `lesion-density batch` on the bench tree, done the way a script author would with
pydicom + numpy: for each patient, read both series (all planes), sort by ImagePositionPatient
projected on the normal, convert to HU, take the sphere voxels of rois.json, compute the mean,
SD, median and percentiles and the delta. Used only to time the product against; never a
dependency of it. Usage: batch_pydicom.py TREE
"""
import json, os, sys
import numpy as np
import pydicom

def load(folder):
    ds = [pydicom.dcmread(os.path.join(folder, f)) for f in os.listdir(folder) if not f.endswith(".json")]
    iop = np.array(ds[0].ImageOrientationPatient, float)
    normal = np.cross(iop[:3], iop[3:])
    ds.sort(key=lambda d: float(np.dot(np.array(d.ImagePositionPatient, float), normal)))
    vol = np.stack([d.pixel_array * float(d.RescaleSlope) + float(d.RescaleIntercept) for d in ds])
    return ds, vol, iop

def sphere_values(ds, vol, iop, centre, r):
    sp = np.array(ds[0].PixelSpacing, float)
    rows, cols = vol.shape[1:]
    rr, cc = np.mgrid[0:rows, 0:cols]
    out = []
    for k, d in enumerate(ds):
        ipp = np.array(d.ImagePositionPatient, float)
        pts = ipp + cc[..., None] * sp[1] * iop[:3] + rr[..., None] * sp[0] * iop[3:]
        inside = np.sum((pts - centre) ** 2, axis=-1) <= r * r
        if inside.any():
            out.append(vol[k][inside])
    return np.concatenate(out)

tree = sys.argv[1]
for patient in sorted(os.listdir(tree)):
    studies = sorted(os.listdir(os.path.join(tree, patient)))
    rois = json.load(open(os.path.join(tree, patient, studies[0], "rois.json")))["lesions"]
    stats = []
    for s in studies:
        ds, vol, iop = load(os.path.join(tree, patient, s))
        v = sphere_values(ds, vol, iop, np.array(rois[0]["center_mm"], float), rois[0]["radius_mm"])
        stats.append((v.mean(), v.std(), np.median(v), np.percentile(v, [10, 25, 75, 90])))
    print(patient, round(stats[1][0] - stats[0][0], 3))
