#include "CNRRDBridge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <teem/nrrd.h>

struct CNRRDBridge_image {
    /** The header only (skipData), then after CNRRDBridge_image_load the whole file. */
    Nrrd *nrrd;
    char *path;
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

/** Reads `path` into a new Nrrd, its data too unless `header_only`; NULL with teem's message on failure. */
static Nrrd *load(const char *path, int header_only, char *message, size_t message_size) {
    Nrrd *nrrd = nrrdNew();
    NrrdIoState *nio = header_only ? nrrdIoStateNew() : NULL;
    if (nrrd == NULL || (header_only && nio == NULL)) {
        if (nrrd != NULL) nrrdNuke(nrrd);
        if (nio != NULL) nrrdIoStateNix(nio);
        set_message(message, message_size, "out of memory");
        return NULL;
    }
    if (nio != NULL) nio->skipData = AIR_TRUE;
    int failed = nrrdLoad(nrrd, path, nio);
    if (nio != NULL) nrrdIoStateNix(nio);
    if (failed || (!header_only && nrrd->data == NULL)) {
        if (failed) biff_message(message, message_size, header_only ? "not a readable NRRD header: " : "its data cannot be read: ");
        else set_message(message, message_size, "its data cannot be read: no data");
        nrrdNuke(nrrd);
        return NULL;
    }
    return nrrd;
}

CNRRDBridge_status CNRRDBridge_image_open(const char *path, CNRRDBridge_image **out, char *message, size_t message_size) {
    if (path == NULL || out == NULL) return CNRRDBridge_INVALID;
    *out = NULL;
    CNRRDBridge_image *image = (CNRRDBridge_image *)calloc(1, sizeof(CNRRDBridge_image));
    char *copy = strdup(path);
    Nrrd *nrrd = image != NULL && copy != NULL ? load(path, 1, message, message_size) : NULL;
    if (nrrd == NULL) {
        if (image == NULL || copy == NULL) set_message(message, message_size, "out of memory");
        free(image);
        free(copy);
        return CNRRDBridge_UNREADABLE;
    }
    image->nrrd = nrrd;
    image->path = copy;
    *out = image;
    return CNRRDBridge_OK;
}

void CNRRDBridge_image_destroy(CNRRDBridge_image *image) {
    if (image == NULL) return;
    nrrdNuke(image->nrrd);
    free(image->path);
    free(image);
}

void CNRRDBridge_image_header(const CNRRDBridge_image *image, CNRRDBridge_header *out) {
    if (image == NULL || out == NULL) return;
    const Nrrd *nrrd = image->nrrd;
    memset(out, 0, sizeof *out);
    out->dim = nrrd->dim;
    for (unsigned int a = 0; a < 4; ++a) {
        for (unsigned int d = 0; d < 3; ++d) out->directions[3 * a + d] = AIR_NAN;
        if (a >= nrrd->dim) continue;
        const NrrdAxisInfo *axis = &nrrd->axis[a];
        out->sizes[a] = (int64_t)axis->size;
        for (unsigned int d = 0; d < 3 && d < nrrd->spaceDim; ++d) out->directions[3 * a + d] = axis->spaceDirection[d];
    }
    for (unsigned int d = 0; d < 3; ++d) out->origin[d] = d < nrrd->spaceDim ? nrrd->spaceOrigin[d] : AIR_NAN;
    out->space = nrrd->space == nrrdSpaceRightAnteriorSuperior ? CNRRDBridge_SPACE_RAS
               : nrrd->space == nrrdSpaceLeftAnteriorSuperior ? CNRRDBridge_SPACE_LAS
               : nrrd->space == nrrdSpaceLeftPosteriorSuperior ? CNRRDBridge_SPACE_LPS : CNRRDBridge_SPACE_OTHER;
    set_message(out->space_name, sizeof out->space_name, nrrd->space == nrrdSpaceUnknown ? "absent" : airEnumStr(nrrdSpace, nrrd->space));
    out->type = nrrd->type;
    if (nrrd->type >= nrrdTypeChar && nrrd->type <= nrrdTypeDouble) {
        out->bytes_per_voxel = (int64_t)nrrdTypeSize[nrrd->type];
        out->is_signed = !nrrdTypeIsUnsigned[nrrd->type];
        out->is_integral = nrrdTypeIsIntegral[nrrd->type];
    }
}

CNRRDBridge_status CNRRDBridge_image_load(CNRRDBridge_image *image, const void **voxels, size_t *bytes, char *message, size_t message_size) {
    if (image == NULL || voxels == NULL || bytes == NULL) return CNRRDBridge_INVALID;
    *voxels = NULL;
    *bytes = 0;
    Nrrd *nrrd = load(image->path, 0, message, message_size);
    if (nrrd == NULL) return CNRRDBridge_UNREADABLE;
    nrrdNuke(image->nrrd);
    image->nrrd = nrrd;
    *voxels = nrrd->data;
    *bytes = nrrdElementNumber(nrrd) * nrrdElementSize(nrrd);
    return CNRRDBridge_OK;
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
