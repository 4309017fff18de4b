/*
 * CNRRDBridge: the narrow C ABI between LabelMapImport and teem's nrrd library (.nrrd, .nhdr,
 * 3D Slicer .seg.nrrd). Prefixed `CNRRDBridge_` (Docs/Decisions.md, C bridges); Nrrd never crosses this header. An opaque handle comes
 * from CNRRDBridge_image_open and is released with CNRRDBridge_image_destroy; every fallible call returns an
 * CNRRDBridge_status and writes a NUL-terminated message (teem's biff text) into `message`.
 *
 * The bridge only hands over the header's values and the voxel bytes: every check of them (axes,
 * space, sizes, type, the label values) is LabelMapImport's (NRRDReader.swift), made before
 * CNRRDBridge_image_load allocates the voxels.
 */
#ifndef CNRRDBRIDGE_H
#define CNRRDBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#pragma clang assume_nonnull begin

typedef enum {
    CNRRDBridge_OK = 0,
    /** Not a NRRD file, or it cannot be read (truncated, I/O error, unknown encoding). */
    CNRRDBridge_UNREADABLE = 1,
    /** A call with a NULL handle or output, or a key index out of range. */
    CNRRDBridge_INVALID = 2
} CNRRDBridge_status;

/** The `space` field: the patient space the directions and origin are given in (OTHER: any other, or none). */
typedef enum { CNRRDBridge_SPACE_OTHER = 0, CNRRDBridge_SPACE_RAS = 1, CNRRDBridge_SPACE_LAS = 2, CNRRDBridge_SPACE_LPS = 3 } CNRRDBridge_space;

typedef struct CNRRDBridge_image CNRRDBridge_image;

/** The header as the file (and teem) gives it, unchecked; axes beyond the fourth are not described. */
typedef struct {
    /** Number of axes. */
    unsigned int dim;
    /** sizes of the first four axes (axis 0 fastest; 0 beyond `dim`). */
    int64_t sizes[4];
    /** space directions: directions[3 * a + d] is component d of axis a's voxel step (mm, in `space`; NaN when absent). */
    double directions[12];
    /** space origin: the centre of voxel (0, 0, 0) (mm, in `space`; NaN when absent). */
    double origin[3];
    CNRRDBridge_space space;
    /** teem's name of the space ("absent" when none is given). */
    char space_name[48];
    /** teem's type number, and for a scalar integer or real type its bytes per voxel (0 otherwise), signedness and integrality. */
    int type;
    int64_t bytes_per_voxel;
    int is_signed;
    int is_integral;
} CNRRDBridge_header;

/**
 * Opens the NRRD file at `path` and reads its header only (no voxel is allocated; teem's
 * `skipData`). Destroy *out with CNRRDBridge_image_destroy.
 */
CNRRDBridge_status CNRRDBridge_image_open(const char *path, CNRRDBridge_image *_Nullable *_Nonnull out, char *message, size_t message_size);

/** Releases a handle from CNRRDBridge_image_open (NULL is ignored). */
void CNRRDBridge_image_destroy(CNRRDBridge_image *_Nullable image);

/** The header of the file, or of the data once loaded (read again with it). */
void CNRRDBridge_image_header(const CNRRDBridge_image *image, CNRRDBridge_header *out);

/**
 * Reads the header and the data again, the data in full (teem checks its length against the
 * header), and hands the voxels over (axis 0 fastest): *voxels stays valid until the handle is destroyed.
 */
CNRRDBridge_status CNRRDBridge_image_load(CNRRDBridge_image *image, const void *_Nullable *_Nonnull voxels, size_t *bytes,
                                          char *message, size_t message_size);

/** Number of key/value pairs of the header (e.g. Slicer's Segment0_Name, Segment0_LabelValue). */
unsigned int CNRRDBridge_image_key_count(const CNRRDBridge_image *image);

/**
 * Copies key/value pair `index` (NUL-terminated, truncated to the buffer sizes).
 * @return CNRRDBridge_INVALID when `index` is out of range.
 */
CNRRDBridge_status CNRRDBridge_image_key_value(const CNRRDBridge_image *image, unsigned int index, char *key, size_t key_size, char *value,
                               size_t value_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif /* CNRRDBRIDGE_H */
