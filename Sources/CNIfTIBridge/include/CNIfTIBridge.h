/*
 * CNIfTIBridge: the narrow C ABI between LabelMapImport and libnifti2 (NIfTI-1 and NIfTI-2 files,
 * .nii and .nii.gz). Prefixed `CNIfTIBridge_` (Docs/Decisions.md, C bridges); nifti_image never crosses this header. An opaque handle
 * comes from CNIfTIBridge_image_open and is released with CNIfTIBridge_image_destroy; every fallible call returns an
 * CNIfTIBridge_status and writes a NUL-terminated message into `message`.
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
    /** A NIfTI file whose header numbers cannot describe a label map. */
    CNIfTIBridge_INVALID = 2
} CNIfTIBridge_status;

/** A NIfTI label map: its header and voxel values. */
typedef struct CNIfTIBridge_image CNIfTIBridge_image;

/** The header numbers LabelMapImport uses (checked by CNIfTIBridge_image_open). */
typedef struct {
    /** dim[1..3]: voxels along i, j, k (each >= 1; dims 4..7 are 1). */
    int64_t dims[3];
    /** pixdim[1..3] in mm (finite, > 0). */
    double pixdim[3];
    int qform_code;
    int sform_code;
    /** Row-major 4x4: (i, j, k, 1) -> (x, y, z, 1) in NIfTI RAS+ mm, from the quaternion (qform). */
    double qto_xyz[16];
    /** Row-major 4x4 of srow_x, srow_y, srow_z (sform). */
    double sto_xyz[16];
    /** scl_slope and scl_inter as stored (the caller applies them only when finite and non-zero). */
    double scl_slope;
    double scl_inter;
    /** NIfTI datatype code (DT_UINT8, DT_INT16, ...). */
    int datatype;
    /** 1 for NIfTI-1, 2 for NIfTI-2. */
    int nifti_version;
} CNIfTIBridge_header;

/**
 * Opens the NIfTI file at `path`: reads and checks its header (dims, pixdim, datatype, the data
 * length against the file size for an uncompressed file) before any voxel is allocated, then
 * loads the voxels. Destroy *out with CNIfTIBridge_image_destroy.
 * @param max_voxels  the largest nx*ny*nz accepted (CNIfTIBridge_INVALID beyond it).
 */
CNIfTIBridge_status CNIfTIBridge_image_open(const char *path, int64_t max_voxels, CNIfTIBridge_image *_Nullable *_Nonnull out, char *message, size_t message_size);

/** Releases a handle from CNIfTIBridge_image_open (NULL is ignored). */
void CNIfTIBridge_image_destroy(CNIfTIBridge_image *_Nullable image);

/** Copies the header numbers into *out. */
void CNIfTIBridge_image_header(const CNIfTIBridge_image *image, CNIfTIBridge_header *out);

/**
 * The voxels whose value v = slope * stored + inter is not 0 (pass 1 and 0 for the stored
 * values), in storage order (i fastest, then j, then k): their linear indices into `indices` and
 * their values into `labels`. With `indices` == NULL only counts them into *found.
 * @return CNIfTIBridge_INVALID (naming the voxel) when a value is not a whole number in 1...2^31-1 or
 *         more than `capacity` voxels are non-zero.
 */
CNIfTIBridge_status CNIfTIBridge_image_nonzero(const CNIfTIBridge_image *image, double slope, double inter, int64_t *_Nullable indices, int32_t *_Nullable labels,
                             size_t capacity, size_t *found, char *message, size_t message_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif /* CNIFTIBRIDGE_H */
