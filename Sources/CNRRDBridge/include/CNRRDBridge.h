/*
 * CNRRDBridge: the narrow C ABI between LabelMapImport and teem's nrrd library (.nrrd, .nhdr,
 * 3D Slicer .seg.nrrd). Prefixed `CNRRDBridge_` (Docs/Decisions.md, C bridges); Nrrd never crosses this header. An opaque handle comes
 * from CNRRDBridge_image_open and is released with CNRRDBridge_image_destroy; every fallible call returns an
 * CNRRDBridge_status and writes a NUL-terminated message (teem's biff text) into `message`.
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
    /** A NRRD file whose header cannot describe a 3D label map in patient space. */
    CNRRDBridge_INVALID = 2
} CNRRDBridge_status;

/** The `space` field: the patient space the directions and origin are given in. */
typedef enum { CNRRDBridge_SPACE_RAS = 1, CNRRDBridge_SPACE_LAS = 2, CNRRDBridge_SPACE_LPS = 3 } CNRRDBridge_space;

typedef struct CNRRDBridge_image CNRRDBridge_image;

typedef struct {
    /** sizes of the three spatial axes (axis 0 fastest). */
    int64_t sizes[3];
    /** space directions: directions[3 * a + d] is component d of axis a's voxel step (mm, in `space`). */
    double directions[9];
    /** space origin: the centre of voxel (0, 0, 0) (mm, in `space`). */
    double origin[3];
    CNRRDBridge_space space;
} CNRRDBridge_header;

/**
 * Opens the NRRD file at `path`: reads and checks the header (3 spatial axes, or 4 whose first is a
 * single-element list as Slicer writes one-layer segmentations; a space of RAS, LAS or LPS with
 * finite directions and origin; an integer or real type; at most `max_voxels` voxels) before
 * reading the data, then reads the data (teem checks its length).
 */
CNRRDBridge_status CNRRDBridge_image_open(const char *path, int64_t max_voxels, CNRRDBridge_image *_Nullable *_Nonnull out, char *message, size_t message_size);

/** Releases a handle from CNRRDBridge_image_open (NULL is ignored). */
void CNRRDBridge_image_destroy(CNRRDBridge_image *_Nullable image);

void CNRRDBridge_image_header(const CNRRDBridge_image *image, CNRRDBridge_header *out);

/** Number of key/value pairs of the header (e.g. Slicer's Segment0_Name, Segment0_LabelValue). */
unsigned int CNRRDBridge_image_key_count(const CNRRDBridge_image *image);

/**
 * Copies key/value pair `index` (NUL-terminated, truncated to the buffer sizes).
 * @return CNRRDBridge_INVALID when `index` is out of range.
 */
CNRRDBridge_status CNRRDBridge_image_key_value(const CNRRDBridge_image *image, unsigned int index, char *key, size_t key_size, char *value,
                               size_t value_size);

/** As CNIfTIBridge_image_nonzero: the non-zero voxels, their linear indices and whole-number values. */
CNRRDBridge_status CNRRDBridge_image_nonzero(const CNRRDBridge_image *image, int64_t *_Nullable indices, int32_t *_Nullable labels, size_t capacity, size_t *found,
                             char *message, size_t message_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif /* CNRRDBRIDGE_H */
