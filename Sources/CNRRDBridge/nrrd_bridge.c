#include "CNRRDBridge.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <teem/nrrd.h>

struct CNRRDBridge_image {
    Nrrd *nrrd;
    /** index of the first spatial axis (1 when axis 0 is a one-element list). */
    unsigned int first;
};

static void set_message(char *message, size_t size, const char *text) {
    if (message == NULL || size == 0) return;
    snprintf(message, size, "%s", text);
}

/** teem's error text (biff), freed here. */
static void biff_message(char *message, size_t size, const char *prefix) {
    char *err = biffGetDone(NRRD);
    char text[600];
    snprintf(text, sizeof text, "%s%s", prefix, err != NULL ? err : "");
    for (char *c = text; *c; ++c) if (*c == '\n') *c = ' ';
    set_message(message, size, text);
    free(err);
}

/** Checks the header of `nrrd`; returns CNRRDBridge_OK and the first spatial axis, or a message. */
static CNRRDBridge_status check(const Nrrd *nrrd, int64_t max_voxels, unsigned int *first, char *text, size_t size) {
    unsigned int base = 0;
    if (nrrd->dim == 4 && nrrd->axis[0].size == 1) base = 1;
    else if (nrrd->dim != 3) {
        snprintf(text, size, "has %u axes: a label map has 3 (a segmentation of several layers is not supported)", nrrd->dim);
        return CNRRDBridge_INVALID;
    }
    if (nrrd->space != nrrdSpaceRightAnteriorSuperior && nrrd->space != nrrdSpaceLeftAnteriorSuperior &&
        nrrd->space != nrrdSpaceLeftPosteriorSuperior) {
        snprintf(text, size, "space %s: the patient space must be right-anterior-superior, left-anterior-superior or left-posterior-superior",
                 nrrd->space == nrrdSpaceUnknown ? "absent" : airEnumStr(nrrdSpace, nrrd->space));
        return CNRRDBridge_INVALID;
    }
    int64_t total = 1;
    for (unsigned int a = 0; a < 3; ++a) {
        const NrrdAxisInfo *axis = &nrrd->axis[base + a];
        if (axis->size < 1 || axis->size > 1000000) {
            snprintf(text, size, "axis %u has %zu samples: not 1...1000000", base + a, axis->size);
            return CNRRDBridge_INVALID;
        }
        double length = 0;
        for (unsigned int d = 0; d < 3; ++d) {
            if (!isfinite(axis->spaceDirection[d])) {
                snprintf(text, size, "axis %u has no finite space direction", base + a);
                return CNRRDBridge_INVALID;
            }
            length += axis->spaceDirection[d] * axis->spaceDirection[d];
        }
        if (!(length > 0)) {
            snprintf(text, size, "axis %u has a zero space direction", base + a);
            return CNRRDBridge_INVALID;
        }
        if ((int64_t)axis->size > max_voxels / total) {
            snprintf(text, size, "more than the %lld voxels accepted", (long long)max_voxels);
            return CNRRDBridge_INVALID;
        }
        total *= (int64_t)axis->size;
    }
    for (unsigned int d = 0; d < 3; ++d) {
        if (!isfinite(nrrd->spaceOrigin[d])) {
            snprintf(text, size, "space origin is absent or not finite");
            return CNRRDBridge_INVALID;
        }
    }
    if (nrrd->type < nrrdTypeChar || nrrd->type > nrrdTypeDouble) {
        snprintf(text, size, "type %d is not an integer or real scalar", nrrd->type);
        return CNRRDBridge_INVALID;
    }
    *first = base;
    return CNRRDBridge_OK;
}

CNRRDBridge_status CNRRDBridge_image_open(const char *path, int64_t max_voxels, CNRRDBridge_image **out, char *message, size_t message_size) {
    if (path == NULL || out == NULL) return CNRRDBridge_INVALID;
    *out = NULL;
    char text[400];
    unsigned int first = 0;
    Nrrd *header = nrrdNew();
    NrrdIoState *nio = nrrdIoStateNew();
    if (header == NULL || nio == NULL) {
        nrrdNuke(header);
        nrrdIoStateNix(nio);
        set_message(message, message_size, "out of memory");
        return CNRRDBridge_UNREADABLE;
    }
    nio->skipData = AIR_TRUE;
    if (nrrdLoad(header, path, nio)) {
        nrrdIoStateNix(nio);
        nrrdNuke(header);
        biff_message(message, message_size, "not a readable NRRD header: ");
        return CNRRDBridge_UNREADABLE;
    }
    nrrdIoStateNix(nio);
    CNRRDBridge_status status = check(header, max_voxels, &first, text, sizeof text);
    nrrdNuke(header);
    if (status != CNRRDBridge_OK) {
        set_message(message, message_size, text);
        return status;
    }
    Nrrd *nrrd = nrrdNew();
    if (nrrd == NULL || nrrdLoad(nrrd, path, NULL)) {
        if (nrrd != NULL) biff_message(message, message_size, "its data cannot be read: ");
        nrrdNuke(nrrd);
        return CNRRDBridge_UNREADABLE;
    }
    status = check(nrrd, max_voxels, &first, text, sizeof text);
    if (status != CNRRDBridge_OK || nrrd->data == NULL) {
        set_message(message, message_size, status != CNRRDBridge_OK ? text : "no data");
        nrrdNuke(nrrd);
        return status != CNRRDBridge_OK ? status : CNRRDBridge_UNREADABLE;
    }
    CNRRDBridge_image *image = (CNRRDBridge_image *)calloc(1, sizeof(CNRRDBridge_image));
    if (image == NULL) {
        nrrdNuke(nrrd);
        set_message(message, message_size, "out of memory");
        return CNRRDBridge_UNREADABLE;
    }
    image->nrrd = nrrd;
    image->first = first;
    *out = image;
    return CNRRDBridge_OK;
}

void CNRRDBridge_image_destroy(CNRRDBridge_image *image) {
    if (image == NULL) return;
    nrrdNuke(image->nrrd);
    free(image);
}

void CNRRDBridge_image_header(const CNRRDBridge_image *image, CNRRDBridge_header *out) {
    if (image == NULL || out == NULL) return;
    const Nrrd *nrrd = image->nrrd;
    memset(out, 0, sizeof *out);
    for (unsigned int a = 0; a < 3; ++a) {
        const NrrdAxisInfo *axis = &nrrd->axis[image->first + a];
        out->sizes[a] = (int64_t)axis->size;
        for (unsigned int d = 0; d < 3; ++d) out->directions[3 * a + d] = axis->spaceDirection[d];
    }
    for (unsigned int d = 0; d < 3; ++d) out->origin[d] = nrrd->spaceOrigin[d];
    out->space = nrrd->space == nrrdSpaceRightAnteriorSuperior ? CNRRDBridge_SPACE_RAS
               : nrrd->space == nrrdSpaceLeftAnteriorSuperior ? CNRRDBridge_SPACE_LAS : CNRRDBridge_SPACE_LPS;
}

unsigned int CNRRDBridge_image_key_count(const CNRRDBridge_image *image) { return image == NULL ? 0 : nrrdKeyValueSize(image->nrrd); }

CNRRDBridge_status CNRRDBridge_image_key_value(const CNRRDBridge_image *image, unsigned int index, char *key, size_t key_size, char *value,
                               size_t value_size) {
    if (image == NULL || index >= nrrdKeyValueSize(image->nrrd)) return CNRRDBridge_INVALID;
    char *k = NULL, *v = NULL;
    nrrdKeyValueIndex(image->nrrd, &k, &v, index);
    set_message(key, key_size, k != NULL ? k : "");
    set_message(value, value_size, v != NULL ? v : "");
    if (nrrdStateKeyValueReturnInternalPointers == 0) {
        free(k);
        free(v);
    }
    return CNRRDBridge_OK;
}

#define SCAN(type)                                                                            \
    do {                                                                                      \
        const type *v = (const type *)nrrd->data;                                             \
        for (size_t i = 0; i < nvox; ++i) {                                                   \
            if (v[i] == 0) continue;                                                          \
            double x = (double)v[i];                                                          \
            if (!(x >= 1 && x <= 2147483647.0) || x != floor(x)) { bad = i; badValue = x; goto invalid; } \
            if (indices != NULL) {                                                            \
                if (n >= capacity) goto full;                                                 \
                indices[n] = (int64_t)i;                                                      \
                labels[n] = (int32_t)x;                                                       \
            }                                                                                 \
            ++n;                                                                              \
        }                                                                                     \
    } while (0)

CNRRDBridge_status CNRRDBridge_image_nonzero(const CNRRDBridge_image *image, int64_t *indices, int32_t *labels, size_t capacity, size_t *found,
                             char *message, size_t message_size) {
    if (image == NULL || found == NULL || (indices != NULL && labels == NULL)) return CNRRDBridge_INVALID;
    const Nrrd *nrrd = image->nrrd;
    size_t nvox = nrrdElementNumber(nrrd);
    size_t n = 0, bad = 0;
    double badValue = 0;
    char text[200];
    switch (nrrd->type) {
    case nrrdTypeChar: SCAN(signed char); break;
    case nrrdTypeUChar: SCAN(unsigned char); break;
    case nrrdTypeShort: SCAN(short); break;
    case nrrdTypeUShort: SCAN(unsigned short); break;
    case nrrdTypeInt: SCAN(int); break;
    case nrrdTypeUInt: SCAN(unsigned int); break;
    case nrrdTypeLLong: SCAN(long long); break;
    case nrrdTypeULLong: SCAN(unsigned long long); break;
    case nrrdTypeFloat: SCAN(float); break;
    case nrrdTypeDouble: SCAN(double); break;
    default:
        set_message(message, message_size, "unsupported type");
        return CNRRDBridge_INVALID;
    }
    *found = n;
    return CNRRDBridge_OK;
invalid:
    snprintf(text, sizeof text, "voxel %zu holds %g: a label is a whole number in 1...2147483647 (0 = background)", bad, badValue);
    set_message(message, message_size, text);
    return CNRRDBridge_INVALID;
full:
    set_message(message, message_size, "more non-zero voxels than counted");
    return CNRRDBridge_INVALID;
}
