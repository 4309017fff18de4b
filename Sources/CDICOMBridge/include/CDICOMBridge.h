/*
 * CDICOMBridge: the narrow C ABI between LesionDensity's Swift code and DCMTK.
 *
 * Rules (DESIGN.md, reference/style.md S3):
 *  - Every function is prefixed `ldb_`; DCMTK types, OFCondition and C++ exceptions never cross
 *    this header.
 *  - Opaque handles come in open/destroy pairs; the caller owns a handle until it calls destroy.
 *  - Every fallible call returns an ldb_status and, on failure, writes a NUL-terminated message
 *    (truncated to `message_size`) into `message`.
 *  - Attributes are addressed by a tag path: "GGGG,EEEE" (hex group and element) for a top-level
 *    attribute, or DCMTK path syntax with DICOM keywords for nested ones, e.g.
 *    "SharedFunctionalGroupsSequence[0].PixelMeasuresSequence[0].PixelSpacing".
 *  - Handles are not shared between threads; different handles may be used concurrently.
 */
#ifndef CDICOMBRIDGE_H
#define CDICOMBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Outcome of a bridge call. */
typedef enum {
    LDB_OK = 0,
    /** The file is not DICOM (no "DICM" preamble and no parsable dataset). */
    LDB_NOT_DICOM = 1,
    /** The file is DICOM but cannot be read (truncated, corrupt, I/O error). */
    LDB_UNREADABLE = 2,
    /** The pixel data is in a transfer syntax DCMTK cannot decode (e.g. JPEG 2000). */
    LDB_UNSUPPORTED = 3,
    /** The attribute is absent or empty. */
    LDB_MISSING = 4,
    /** The call's arguments or the data are invalid (e.g. frame out of range). */
    LDB_INVALID = 5
} ldb_status;

/** A DICOM file loaded through DCMTK. */
typedef struct ldb_dataset ldb_dataset;

/** The DCMTK version string, e.g. "3.6.7". */
const char *ldb_dcmtk_version(void);

/**
 * Opens a DICOM file.
 * @param headers_only  non-zero: stop parsing before Pixel Data (7FE0,0010) (header scan).
 * @param out           receives the handle on LDB_OK; destroy with ldb_dataset_destroy.
 */
ldb_status ldb_dataset_open(const char *path, int headers_only, ldb_dataset **out,
                            char *message, size_t message_size);

/** Releases a handle from ldb_dataset_open (NULL is ignored). */
void ldb_dataset_destroy(ldb_dataset *dataset);

/**
 * Copies the value of the attribute at `tag_path` (all values joined by '\\', as DICOM encodes
 * them; numbers of binary VRs such as US as decimal text) into `buffer`.
 * @return the length of the full value (excluding the NUL), or -1 when absent. When the return
 *         value is >= buffer_size the copy was truncated: call again with a larger buffer.
 */
long ldb_dataset_get_string(ldb_dataset *dataset, const char *tag_path, char *buffer, size_t buffer_size);

/** Number of items in the sequence at `tag_path` (0 when absent or empty). */
long ldb_dataset_item_count(ldb_dataset *dataset, const char *tag_path);

/** Transfer syntax UID of the dataset as read (NUL-terminated, at most 64 characters). */
void ldb_dataset_transfer_syntax(ldb_dataset *dataset, char *buffer, size_t buffer_size);

/** Whether the dataset (as opened) contains Pixel Data (7FE0,0010). */
int ldb_dataset_has_pixel_data(ldb_dataset *dataset);

/**
 * Decodes frame `frame` (zero-based) of a dataset opened with headers_only == 0, through DCMTK's
 * codecs (JPEG, JPEG-LS, RLE, deflate), into `out`: `count` = Rows × Columns stored words of
 * Bits Allocated 16 (or 8, widened), exactly as stored, before masking to Bits Stored, sign
 * extension or rescale (those are the caller's: PS3.5 §8.1.1, PS3.3 C.7.6.3.1).
 */
ldb_status ldb_dataset_read_frame_u16(ldb_dataset *dataset, unsigned long frame, uint16_t *out,
                                      size_t count, char *message, size_t message_size);

/**
 * Like ldb_dataset_read_frame_u16, without the copy: sets `*out` to frame `frame`'s `count` stored
 * words inside the dataset's own (decoded, native byte order) Pixel Data, valid until the dataset
 * is destroyed. When Bits Allocated is not 16 (the words would have to be widened), returns LDB_OK
 * with `*out` = NULL: call ldb_dataset_read_frame_u16 instead.
 */
ldb_status ldb_dataset_frame_words(ldb_dataset *dataset, unsigned long frame, size_t count, const uint16_t **out,
                                   char *message, size_t message_size);

/**
 * Copies the raw bytes of frame `frame` of a single-bit or 8-bit Pixel Data (e.g. a BINARY or
 * FRACTIONAL SEG), after decompression, into `out`. For 1-bit data frames are bit-packed
 * continuously (PS3.5 §8.1.1): the caller passes the whole buffer with frame = 0 and `count` =
 * total bytes. Returns LDB_UNREADABLE when `count` exceeds the data (truncated).
 */
ldb_status ldb_dataset_read_pixel_bytes(ldb_dataset *dataset, uint8_t *out, size_t count,
                                        char *message, size_t message_size);

/** A new DICOM dataset being written (used by the project's own fixture generators). */
typedef struct ldb_writer ldb_writer;

/** Creates an empty dataset to write. */
ldb_writer *ldb_writer_create(void);

/** Releases a writer (NULL is ignored). */
void ldb_writer_destroy(ldb_writer *writer);

/**
 * Sets the attribute at `tag_path` (created with its dictionary VR, sequences and items created as
 * needed) from its DICOM string form (multiple values separated by '\\').
 */
ldb_status ldb_writer_put_string(ldb_writer *writer, const char *tag_path, const char *value,
                                 char *message, size_t message_size);

/** Sets Pixel Data (OW) to `count` 16-bit words (all frames, frame after frame). */
ldb_status ldb_writer_put_pixels_u16(ldb_writer *writer, const uint16_t *words, size_t count,
                                     char *message, size_t message_size);

/** Sets Pixel Data (OB) to `count` bytes (e.g. bit-packed SEG frames). */
ldb_status ldb_writer_put_pixels_u8(ldb_writer *writer, const uint8_t *bytes, size_t count,
                                    char *message, size_t message_size);

/**
 * Saves as a DICOM Part 10 file in the transfer syntax `transfer_syntax_uid` (native little/big
 * endian, deflated, JPEG lossless SV1, JPEG-LS lossless or RLE lossless), writing the file meta
 * information. The file is written to a temporary name beside `path` and renamed.
 */
ldb_status ldb_writer_save(ldb_writer *writer, const char *path, const char *transfer_syntax_uid,
                           char *message, size_t message_size);

#ifdef __cplusplus
}
#endif

#endif /* CDICOMBRIDGE_H */
