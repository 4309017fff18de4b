#!/usr/bin/env python3
"""Writes the benchmark's label map: 512 x 512 x PLANES uint8 on the grid of BenchTree's CT (0.7 mm
pixels from LPS (-179.2, -179.2, 0), planes 1.5 mm apart), 10 labels, each a ball of radius 25
voxels in index space. usage: make_labelmap.py OUT.nii.gz PLANES"""
import sys

import nibabel as nib
import numpy as np

out, planes = sys.argv[1], int(sys.argv[2])
data = np.zeros((512, 512, planes), dtype=np.uint8)
i, j, k = np.ogrid[0:512, 0:512, 0:planes]
for n in range(10):
    ci, cj, ck = 60 + 40 * n, 100 + 30 * (n % 4), 30 + (planes - 60) * n // 9
    data[(i - ci) ** 2 + (j - cj) ** 2 + (k - ck) ** 2 <= 25 ** 2] = n + 1
# RAS+ sform of the LPS grid: x and y negated.
affine = np.array([[-0.7, 0, 0, 179.2], [0, -0.7, 0, 179.2], [0, 0, 1.5, 0], [0, 0, 0, 1]])
image = nib.Nifti1Image(data, affine)
image.header.set_sform(affine, code=1)
image.header.set_qform(affine, code=1)
nib.save(image, out)
