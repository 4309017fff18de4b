#!/usr/bin/env python3
"""Writes a NIfTI (nibabel) or NRRD (header written here, raw or gzip data) label map for the
label-map tests, independent of LesionDensity's readers.

usage: write_labelmap.py SPEC.json OUT

SPEC.json: {"format": "nifti1" | "nifti2" | "nrrd",
            "shape": [nx, ny, nz], "voxels": [[i, j, k, label], ...], "dtype": "uint8" | "int16" | "float32",
            NIfTI: "sform": 4x4 (RAS+) or null, "qform": 4x4 (RAS+) or null,
                   "scl_slope": s, "scl_inter": b (optional: stored = (label - b) / s),
            NRRD:  "space": "right-anterior-superior" | "left-posterior-superior" | ...,
                   "directions": [[..], [..], [..]], "origin": [x, y, z], "names": {"1": "Liver", ...},
                   "encoding": "raw" | "gzip"}
Exit status 3: nibabel/numpy not installed (the test then skips).
"""
import gzip
import json
import sys

try:
    import numpy as np
except ImportError as error:
    print(f"numpy not available: {error}", file=sys.stderr)
    sys.exit(3)


def array(spec):
    data = np.zeros(spec["shape"], dtype=spec.get("dtype", "uint8"))
    for i, j, k, label in spec["voxels"]:
        data[i, j, k] = label
    return data


def nifti(spec, out):
    try:
        import nibabel as nib
    except ImportError as error:
        print(f"nibabel not available: {error}", file=sys.stderr)
        sys.exit(3)
    data = array(spec).astype(np.float64)
    slope, inter = spec.get("scl_slope"), spec.get("scl_inter")
    if slope is not None:
        data = (data - inter) / slope
    data = data.astype(spec.get("dtype", "uint8"))
    kind = nib.Nifti2Image if spec["format"] == "nifti2" else nib.Nifti1Image
    image = kind(data, None)
    header = image.header
    if spec.get("qform") is not None:
        header.set_qform(np.array(spec["qform"], float), code=1)
    else:
        header.set_qform(None, code=0)
    if spec.get("sform") is not None:
        header.set_sform(np.array(spec["sform"], float), code=2)
    else:
        header.set_sform(None, code=0)
    if slope is not None:
        header["scl_slope"], header["scl_inter"] = slope, inter
    nib.save(image, out)


def nrrd(spec, out):
    data = array(spec)
    types = {"uint8": "uchar", "int16": "short", "float32": "float"}
    lines = ["NRRD0004", f"type: {types[str(data.dtype)]}", "dimension: 3", f"space: {spec['space']}",
             "sizes: " + " ".join(str(n) for n in data.shape),
             "space directions: " + " ".join("(" + ",".join(repr(float(x)) for x in d) + ")" for d in spec["directions"]),
             "kinds: domain domain domain", "endian: little", f"encoding: {spec.get('encoding', 'raw')}",
             "space origin: (" + ",".join(repr(float(x)) for x in spec["origin"]) + ")"]
    for n, (value, name) in enumerate(sorted(spec.get("names", {}).items())):
        lines += [f"Segment{n}_Name:={name}", f"Segment{n}_LabelValue:={value}", f"Segment{n}_Layer:=0"]
    raw = data.astype(data.dtype.newbyteorder("<")).tobytes(order="F")  # i fastest
    if spec.get("encoding") == "gzip":
        raw = gzip.compress(raw)
    with open(out, "wb") as f:
        f.write(("\n".join(lines) + "\n\n").encode())
        f.write(raw)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    (nrrd if spec["format"] == "nrrd" else nifti)(spec, sys.argv[2])
