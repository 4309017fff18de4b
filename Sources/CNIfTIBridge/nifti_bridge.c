#include "CNIfTIBridge.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <nifti/nifti2_io.h>

struct CNIfTIBridge_image {
    nifti_image *nim;
};

static void set_message(char *message, size_t size, const char *text) {
    if (message == NULL || size == 0) return;
    snprintf(message, size, "%s", text);
}

static int supported(int datatype) {
    switch (datatype) {
    case DT_UINT8: case DT_INT8: case DT_INT16: case DT_UINT16: case DT_INT32: case DT_UINT32:
    case DT_INT64: case DT_UINT64: case DT_FLOAT32: case DT_FLOAT64:
        return 1;
    default:
        return 0;
    }
}

static int has_suffix(const char *path, const char *suffix) {
    size_t n = strlen(path), m = strlen(suffix);
    return n >= m && strcmp(path + n - m, suffix) == 0;
}

CNIfTIBridge_status CNIfTIBridge_image_open(const char *path, int64_t max_voxels, CNIfTIBridge_image **out, char *message, size_t message_size) {
    char text[256];
    if (path == NULL || out == NULL) return CNIfTIBridge_INVALID;
    *out = NULL;
    nifti_set_debug_level(0);
    /* pixdim as stored: the library replaces a pixdim <= 0 by 1 when it builds nifti_image. */
    int version = 0;
    void *raw = nifti_read_header(path, &version, 0);
    if (raw != NULL) {
        for (int d = 1; d <= 3; ++d) {
            double p = version == 2 ? ((nifti_2_header *)raw)->pixdim[d] : (double)((nifti_1_header *)raw)->pixdim[d];
            if (!isfinite(p) || p <= 0) {
                snprintf(text, sizeof text, "pixdim[%d] = %g: not a finite positive spacing", d, p);
                free(raw);
                set_message(message, message_size, text);
                return CNIfTIBridge_INVALID;
            }
        }
        free(raw);
    }
    nifti_image *nim = nifti_image_read(path, 0);
    if (nim == NULL) {
        set_message(message, message_size, "not a NIfTI-1/2 file, or its header cannot be read");
        return CNIfTIBridge_UNREADABLE;
    }
    CNIfTIBridge_status status = CNIfTIBridge_INVALID;
    if (nim->dim[0] < 1 || nim->dim[0] > 7) {
        snprintf(text, sizeof text, "dim[0] = %lld: not 1...7", (long long)nim->dim[0]);
        goto fail;
    }
    for (int d = 1; d <= 7; ++d) {
        int64_t n = d <= nim->dim[0] ? nim->dim[d] : 1;
        if (n < 1 || n > 1000000) {
            snprintf(text, sizeof text, "dim[%d] = %lld: not 1...1000000", d, (long long)n);
            goto fail;
        }
        if (d > 3 && n != 1) {
            snprintf(text, sizeof text, "dim[%d] = %lld: a label map has one volume (dims 4-7 must be 1)", d, (long long)n);
            goto fail;
        }
    }
    for (int d = 1; d <= 3; ++d) {
        double p = nim->pixdim[d];
        if (!isfinite(p) || p <= 0) {
            snprintf(text, sizeof text, "pixdim[%d] = %g: not a finite positive spacing", d, p);
            goto fail;
        }
    }
    int64_t nx = nim->dim[0] >= 1 ? nim->dim[1] : 1, ny = nim->dim[0] >= 2 ? nim->dim[2] : 1,
            nz = nim->dim[0] >= 3 ? nim->dim[3] : 1;
    if (nx > max_voxels / ny || nx * ny > max_voxels / nz) {
        snprintf(text, sizeof text, "%lld x %lld x %lld voxels: more than the %lld accepted",
                 (long long)nx, (long long)ny, (long long)nz, (long long)max_voxels);
        goto fail;
    }
    if (!supported(nim->datatype)) {
        snprintf(text, sizeof text, "datatype %d (%s) is not an integer or real scalar", nim->datatype,
                 nifti_datatype_string(nim->datatype));
        goto fail;
    }
    if (!has_suffix(path, ".gz") && nim->fname != NULL) {
        int64_t size = nifti_get_filesize(nim->fname);
        int64_t need = nim->iname_offset + nx * ny * nz * (int64_t)nim->nbyper;
        if (size >= 0 && size < need) {
            snprintf(text, sizeof text, "holds %lld bytes; its header needs %lld (truncated)", (long long)size, (long long)need);
            status = CNIfTIBridge_UNREADABLE;
            goto fail;
        }
    }
    if (nifti_image_load(nim) != 0 || nim->data == NULL) {
        snprintf(text, sizeof text, "its voxel data cannot be read (truncated or corrupt)");
        status = CNIfTIBridge_UNREADABLE;
        goto fail;
    }
    CNIfTIBridge_image *image = (CNIfTIBridge_image *)calloc(1, sizeof(CNIfTIBridge_image));
    if (image == NULL) {
        snprintf(text, sizeof text, "out of memory");
        status = CNIfTIBridge_UNREADABLE;
        goto fail;
    }
    image->nim = nim;
    *out = image;
    return CNIfTIBridge_OK;
fail:
    set_message(message, message_size, text);
    nifti_image_free(nim);
    return status;
}

void CNIfTIBridge_image_destroy(CNIfTIBridge_image *image) {
    if (image == NULL) return;
    nifti_image_free(image->nim);
    free(image);
}

void CNIfTIBridge_image_header(const CNIfTIBridge_image *image, CNIfTIBridge_header *out) {
    if (image == NULL || out == NULL) return;
    const nifti_image *nim = image->nim;
    memset(out, 0, sizeof *out);
    out->dims[0] = nim->dim[0] >= 1 ? nim->dim[1] : 1;
    out->dims[1] = nim->dim[0] >= 2 ? nim->dim[2] : 1;
    out->dims[2] = nim->dim[0] >= 3 ? nim->dim[3] : 1;
    for (int d = 0; d < 3; ++d) out->pixdim[d] = nim->pixdim[d + 1];
    out->qform_code = nim->qform_code;
    out->sform_code = nim->sform_code;
    for (int r = 0; r < 4; ++r) {
        for (int c = 0; c < 4; ++c) {
            out->qto_xyz[4 * r + c] = nim->qto_xyz.m[r][c];
            out->sto_xyz[4 * r + c] = nim->sto_xyz.m[r][c];
        }
    }
    out->scl_slope = nim->scl_slope;
    out->scl_inter = nim->scl_inter;
    out->datatype = nim->datatype;
    out->nifti_version = nim->nifti_type >= NIFTI_FTYPE_NIFTI2_1 ? 2 : 1;
}

#define SCAN(type)                                                                            \
    do {                                                                                      \
        const type *v = (const type *)nim->data;                                              \
        for (size_t i = 0; i < nvox; ++i) {                                                   \
            if (v[i] == 0 && inter == 0) continue;                                            \
            double x = identity ? (double)v[i] : slope * (double)v[i] + inter;                \
            if (x == 0) continue;                                                             \
            if (!(x >= 1 && x <= 2147483647.0) || x != floor(x)) { bad = i; badValue = x; goto invalid; } \
            if (indices != NULL) {                                                            \
                if (n >= capacity) goto full;                                                 \
                indices[n] = (int64_t)i;                                                      \
                labels[n] = (int32_t)x;                                                       \
            }                                                                                 \
            ++n;                                                                              \
        }                                                                                     \
    } while (0)

CNIfTIBridge_status CNIfTIBridge_image_nonzero(const CNIfTIBridge_image *image, double slope, double inter, int64_t *indices, int32_t *labels,
                             size_t capacity, size_t *found, char *message, size_t message_size) {
    if (image == NULL || found == NULL || (indices != NULL && labels == NULL)) return CNIfTIBridge_INVALID;
    const nifti_image *nim = image->nim;
    size_t nvox = (size_t)((nim->dim[0] >= 1 ? nim->dim[1] : 1) * (nim->dim[0] >= 2 ? nim->dim[2] : 1) *
                           (nim->dim[0] >= 3 ? nim->dim[3] : 1));
    int identity = slope == 1 && inter == 0;
    size_t n = 0, bad = 0;
    double badValue = 0;
    char text[200];
    switch (nim->datatype) {
    case DT_UINT8: SCAN(uint8_t); break;
    case DT_INT8: SCAN(int8_t); break;
    case DT_INT16: SCAN(int16_t); break;
    case DT_UINT16: SCAN(uint16_t); break;
    case DT_INT32: SCAN(int32_t); break;
    case DT_UINT32: SCAN(uint32_t); break;
    case DT_INT64: SCAN(int64_t); break;
    case DT_UINT64: SCAN(uint64_t); break;
    case DT_FLOAT32: SCAN(float); break;
    case DT_FLOAT64: SCAN(double); break;
    default:
        set_message(message, message_size, "unsupported datatype");
        return CNIfTIBridge_INVALID;
    }
    *found = n;
    return CNIfTIBridge_OK;
invalid:
    snprintf(text, sizeof text, "voxel %zu holds %g: a label is a whole number in 1...2147483647 (0 = background)", bad, badValue);
    set_message(message, message_size, text);
    return CNIfTIBridge_INVALID;
full:
    set_message(message, message_size, "more non-zero voxels than counted");
    return CNIfTIBridge_INVALID;
}
