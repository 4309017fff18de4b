/*
 * CNIfTIBridge: the narrow C ABI between LabelMapImport and libnifti2 (NIfTI-1 and NIfTI-2 files,
 * .nii and .nii.gz). Prefixed `CNIfTIBridge_` (Docs/Decisions.md, C bridges); nifti_image never crosses this header. An opaque handle
 * comes from CNIfTIBridge_image_open and is released with CNIfTIBridge_image_destroy; every fallible call returns an
 * CNIfTIBridge_status and writes a NUL-terminated message into `message`.
 *
 * The bridge only hands over the header's numbers and the voxel bytes: every check of them (dims,
 * pixdim, datatype, the data's length, the label values) is LabelMapImport's (NIfTIReader.swift),
 * made before CNIfTIBridge_image_load allocates the voxels.
 */
#ifndef CNIFTIBRIDGE_H
#define CNIFTIBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma clang assume_nonnull begin

typedef enum {
    CNIfTIBridge_OK = 0,
    /** Not a NIfTI file, or it cannot be read (truncated, I/O error). */
    CNIfTIBridge_UNREADABLE = 1,
    /** A call with a NULL handle or output. */
    CNIfTIBridge_INVALID = 2
} CNIfTIBridge_status;

/** A NIfTI label map: its header and, once loaded, its voxel values. */
typedef struct CNIfTIBridge_image CNIfTIBridge_image;

/** The header numbers as the file (and libnifti2) gives them, unchecked. */
typedef struct {
    /** dim[0..7] (dim[0]: how many of dim[1..7] are used). */
    int64_t dim[8];
    /** pixdim[0..7] as stored (libnifti2 itself replaces a pixdim <= 0 by 1 in its nifti_image). */
    double pixdim[8];
    int qform_code;
    int sform_code;
    /** Row-major 4x4: (i, j, k, 1) -> (x, y, z, 1) in NIfTI RAS+ mm, from the quaternion (qform). */
    double qto_xyz[16];
    /** Row-major 4x4 of srow_x, srow_y, srow_z (sform). */
    double sto_xyz[16];
    /** scl_slope and scl_inter as stored. */
    double scl_slope;
    double scl_inter;
    /** NIfTI datatype code (NIfTI-1 header: DT_UINT8 = 2, DT_INT16 = 4, ...) and libnifti2's name of it. */
    int datatype;
    char datatype_name[32];
    /** Bytes per voxel for the datatype (0 when libnifti2 knows none). */
    int64_t bytes_per_voxel;
    /** Where the voxels begin in the data file (bytes). */
    int64_t voxel_offset;
    /** Size of the data file in bytes; -1 when it is gzip-compressed or cannot be asked. */
    int64_t file_size;
    /** 1 for NIfTI-1, 2 for NIfTI-2. */
    int nifti_version;
} CNIfTIBridge_header;

/**
 * Opens the NIfTI file at `path` and reads its header only (no voxel is allocated).
 * Destroy *out with CNIfTIBridge_image_destroy.
 */
CNIfTIBridge_status CNIfTIBridge_image_open(const char *path, CNIfTIBridge_image *_Nullable *_Nonnull out, char *message, size_t message_size);

/** Releases a handle from CNIfTIBridge_image_open (NULL is ignored). */
void CNIfTIBridge_image_destroy(CNIfTIBridge_image *_Nullable image);

/** Copies the header numbers into *out. */
void CNIfTIBridge_image_header(const CNIfTIBridge_image *image, CNIfTIBridge_header *out);

/**
 * Reads the voxels (dim[1] x ... x dim[7] of bytes_per_voxel each, i fastest, in the machine's byte
 * order) and hands them over: *voxels stays valid until the handle is destroyed.
 */
CNIfTIBridge_status CNIfTIBridge_image_load(CNIfTIBridge_image *image, const void *_Nullable *_Nonnull voxels, size_t *bytes,
                                            char *message, size_t message_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif /* CNIFTIBRIDGE_H */
