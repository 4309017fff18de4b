#include "CNIfTIBridge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nifti/nifti2_io.h>

struct CNIfTIBridge_image {
    nifti_image *nim;
    /** pixdim[0..7] from the raw header (nifti_image holds the library's replacements). */
    double pixdim[8];
};

static void set_message(char *message, size_t size, const char *text) {
    if (message == NULL || size == 0) return;
    snprintf(message, size, "%s", text);
}

CNIfTIBridge_status CNIfTIBridge_image_open(const char *path, CNIfTIBridge_image **out, char *message, size_t message_size) {
    if (path == NULL || out == NULL) return CNIfTIBridge_INVALID;
    *out = NULL;
    nifti_set_debug_level(0);
    nifti_image *nim = nifti_image_read(path, 0);
    if (nim == NULL) {
        set_message(message, message_size, "not a NIfTI-1/2 file, or its header cannot be read");
        return CNIfTIBridge_UNREADABLE;
    }
    CNIfTIBridge_image *image = (CNIfTIBridge_image *)calloc(1, sizeof(CNIfTIBridge_image));
    if (image == NULL) {
        nifti_image_free(nim);
        set_message(message, message_size, "out of memory");
        return CNIfTIBridge_UNREADABLE;
    }
    image->nim = nim;
    for (int d = 0; d < 8; ++d) image->pixdim[d] = nim->pixdim[d];
    int version = 0;
    void *raw = nifti_read_header(path, &version, 0);
    if (raw != NULL) {
        for (int d = 0; d < 8; ++d) {
            image->pixdim[d] = version == 2 ? ((nifti_2_header *)raw)->pixdim[d] : (double)((nifti_1_header *)raw)->pixdim[d];
        }
        free(raw);
    }
    *out = image;
    return CNIfTIBridge_OK;
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
    for (int d = 0; d < 8; ++d) {
        out->dim[d] = nim->dim[d];
        out->pixdim[d] = image->pixdim[d];
    }
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
    set_message(out->datatype_name, sizeof out->datatype_name, nifti_datatype_string(nim->datatype));
    out->bytes_per_voxel = nim->nbyper;
    out->voxel_offset = nim->iname_offset;
    out->file_size = nim->fname != NULL && !nifti_is_gzfile(nim->fname) ? nifti_get_filesize(nim->fname) : -1;
    out->nifti_version = nim->nifti_type >= NIFTI_FTYPE_NIFTI2_1 ? 2 : 1;
}

CNIfTIBridge_status CNIfTIBridge_image_load(CNIfTIBridge_image *image, const void **voxels, size_t *bytes, char *message, size_t message_size) {
    if (image == NULL || voxels == NULL || bytes == NULL) return CNIfTIBridge_INVALID;
    *voxels = NULL;
    *bytes = 0;
    if (nifti_image_load(image->nim) != 0 || image->nim->data == NULL) {
        set_message(message, message_size, "its voxel data cannot be read (truncated or corrupt)");
        return CNIfTIBridge_UNREADABLE;
    }
    *voxels = image->nim->data;
    *bytes = (size_t)image->nim->nvox * (size_t)image->nim->nbyper;
    return CNIfTIBridge_OK;
}
