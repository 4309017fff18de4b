/*
 * CDICOMBridge: the narrow C ABI between LesionDensity's Swift code (DICOMImport, its one owner)
 * and DCMTK.
 *
 * Rules (DESIGN.md; the convention every C target of the package follows, Docs/Decisions.md
 * "C bridges"):
 *  - Every symbol carries the target's name as its prefix: functions and types `CDICOMBridge_`,
 *    status constants `CDICOMBridge_OK` …; DCMTK types, OFCondition and C++ exceptions never cross
 *    this header.
 *  - No C++ exception leaves a function of this header: each catches everything (std::bad_alloc
 *    included) and returns a status (or the documented fallback value).
 *  - Opaque handles come in open/destroy pairs; the caller owns a handle until it calls destroy.
 *  - Every fallible call returns a CDICOMBridge_status and, on failure, writes a NUL-terminated
 *    message (truncated to `message_size`) into `message` (which may be NULL).
 *  - Pointers are non-null unless marked _Nullable (a NULL data buffer is refused with
 *    CDICOMBridge_INVALID: Swift passes NULL for an empty array).
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

#pragma clang assume_nonnull begin

/** Outcome of a bridge call. */
typedef enum {
    CDICOMBridge_OK = 0,
    /** The file is not DICOM (no "DICM" preamble and no parsable dataset). */
    CDICOMBridge_NOT_DICOM = 1,
    /** The file is DICOM but cannot be read (truncated, corrupt, nested too deeply, I/O error,
     *  out of memory, not a regular file). */
    CDICOMBridge_UNREADABLE = 2,
    /** The pixel data is in a transfer syntax DCMTK cannot decode (e.g. JPEG 2000). */
    CDICOMBridge_UNSUPPORTED = 3,
    /** The attribute is absent or empty. */
    CDICOMBridge_MISSING = 4,
    /** The call's arguments or the data are invalid (e.g. frame out of range). */
    CDICOMBridge_INVALID = 5
} CDICOMBridge_status;

/**
 * The deepest nesting of sequences (SQ inside an item inside an SQ …) a file may have. DCMTK 3.6.7
 * parses nested sequences recursively without a limit, so a file of 20 000 nested sequences
 * overflows the thread's stack inside DCMTK; CDICOMBridge_dataset_open pre-scans the element
 * stream and refuses deeper files as CDICOMBridge_UNREADABLE before DCMTK sees them. Real objects
 * nest a few levels (Enhanced CT functional groups 3, RTSTRUCT 4, a TID 1500 SR about 8).
 */
#define CDICOMBridge_MAX_SEQUENCE_DEPTH 64

/** A DICOM file loaded through DCMTK. */
typedef struct CDICOMBridge_dataset CDICOMBridge_dataset;

/** The DCMTK version string, e.g. "3.6.7". */
const char *CDICOMBridge_dcmtk_version(void);

/**
 * Opens a DICOM file. Refused without parsing: a path that is not a regular file (named pipe,
 * device, folder), a file that is not DICOM, a file nested deeper than
 * CDICOMBridge_MAX_SEQUENCE_DEPTH.
 * @param headers_only  non-zero: stop parsing before Pixel Data (7FE0,0010) (header scan).
 * @param out           receives the handle on CDICOMBridge_OK (NULL otherwise); destroy with
 *                      CDICOMBridge_dataset_destroy.
 */
CDICOMBridge_status CDICOMBridge_dataset_open(const char *path, int headers_only,
                                              CDICOMBridge_dataset *_Nullable *_Nonnull out,
                                              char *_Nullable message, size_t message_size);

/** Releases a handle from CDICOMBridge_dataset_open (NULL is ignored). */
void CDICOMBridge_dataset_destroy(CDICOMBridge_dataset *_Nullable dataset);

/**
 * Copies the value of the attribute at `tag_path` (all values joined by '\\', as DICOM encodes
 * them; numbers of binary VRs such as US as decimal text) into `buffer`.
 * @return the length of the full value (excluding the NUL; 0 when present but empty), or -1 when
 *         absent (or on any failure).
 *         When the return value is >= buffer_size the copy was truncated: call again with a larger
 *         buffer.
 */
long CDICOMBridge_dataset_get_string(CDICOMBridge_dataset *dataset, const char *tag_path,
                                     char *_Nullable buffer, size_t buffer_size);

/** Number of items in the sequence at `tag_path` (0 when absent, empty, or on any failure). */
long CDICOMBridge_dataset_item_count(CDICOMBridge_dataset *dataset, const char *tag_path);

/** Transfer syntax UID of the dataset as read (NUL-terminated, at most 64 characters; empty on failure). */
void CDICOMBridge_dataset_transfer_syntax(CDICOMBridge_dataset *dataset, char *buffer, size_t buffer_size);

/** Whether the dataset (as opened) contains Pixel Data (7FE0,0010). */
int CDICOMBridge_dataset_has_pixel_data(CDICOMBridge_dataset *dataset);

/**
 * Decodes frame `frame` (zero-based) of a dataset opened with headers_only == 0, through DCMTK's
 * codecs (JPEG, JPEG-LS, RLE, deflate), into `out`: `count` = Rows × Columns stored words of
 * Bits Allocated 16 (or 8, widened), exactly as stored, before masking to Bits Stored, sign
 * extension or rescale (those are the caller's: PS3.5 §8.1.1, PS3.3 C.7.6.3.1).
 */
CDICOMBridge_status CDICOMBridge_dataset_read_frame_u16(CDICOMBridge_dataset *dataset, unsigned long frame,
                                                        uint16_t *_Nullable out, size_t count,
                                                        char *_Nullable message, size_t message_size);

/**
 * Like CDICOMBridge_dataset_read_frame_u16, without the copy: sets `*out` to frame `frame`'s
 * `count` stored words inside the dataset's own (decoded, native byte order) Pixel Data, valid
 * until the dataset is destroyed. When Bits Allocated is not 16 (the words would have to be
 * widened), returns CDICOMBridge_OK with `*out` = NULL: call CDICOMBridge_dataset_read_frame_u16.
 */
CDICOMBridge_status CDICOMBridge_dataset_frame_words(CDICOMBridge_dataset *dataset, unsigned long frame,
                                                     size_t count, const uint16_t *_Nullable *_Nonnull out,
                                                     char *_Nullable message, size_t message_size);

/**
 * Copies the raw bytes of frame `frame` of a single-bit or 8-bit Pixel Data (e.g. a BINARY or
 * FRACTIONAL SEG), after decompression, into `out`. For 1-bit data frames are bit-packed
 * continuously (PS3.5 §8.1.1): the caller passes the whole buffer with frame = 0 and `count` =
 * total bytes. Returns CDICOMBridge_UNREADABLE when `count` exceeds the data (truncated).
 */
CDICOMBridge_status CDICOMBridge_dataset_read_pixel_bytes(CDICOMBridge_dataset *dataset, uint8_t *_Nullable out,
                                                          size_t count, char *_Nullable message,
                                                          size_t message_size);

/**
 * The length in bytes of the Pixel Data element as stored in the file (its value length; for
 * encapsulated data the sum of the fragments), without decoding it; -1 when absent. Lets the
 * caller check Rows × Columns × NumberOfFrames against the data before allocating anything.
 */
long long CDICOMBridge_dataset_pixel_data_length(CDICOMBridge_dataset *dataset);

/**
 * Where an uncompressed Pixel Data (7FE0,0010) value lies in the file, as DCMTK's parse of a
 * headers-only dataset left it on disk: the byte offset of the value's first byte from the start of
 * the file and the value length (the element's length field, in bytes). Only for native little
 * endian transfer syntaxes (implicit or explicit VR) and a value DCMTK did not load into memory;
 * every other case returns CDICOMBridge_MISSING (read through CDICOMBridge_dataset_read_frame_u16
 * instead). The
 * caller must check the length against Rows x Columns x frames before reading (DESIGN.md,
 * "Reading Pixel Data").
 */
CDICOMBridge_status CDICOMBridge_dataset_pixel_data_location(CDICOMBridge_dataset *dataset, uint64_t *offset,
                                                             uint64_t *length);

/** A new DICOM dataset being written (used by the project's own fixture generators). */
typedef struct CDICOMBridge_writer CDICOMBridge_writer;

/** Creates an empty dataset to write; NULL when out of memory. */
CDICOMBridge_writer *_Nullable CDICOMBridge_writer_create(void);

/** Releases a writer (NULL is ignored). */
void CDICOMBridge_writer_destroy(CDICOMBridge_writer *_Nullable writer);

/**
 * Sets the attribute at `tag_path` (created with its dictionary VR, sequences and items created as
 * needed) from its DICOM string form (multiple values separated by '\\').
 */
CDICOMBridge_status CDICOMBridge_writer_put_string(CDICOMBridge_writer *writer, const char *tag_path,
                                                   const char *value, char *_Nullable message,
                                                   size_t message_size);

/** Sets Pixel Data (OW) to `count` 16-bit words (all frames, frame after frame). */
CDICOMBridge_status CDICOMBridge_writer_put_pixels_u16(CDICOMBridge_writer *writer, const uint16_t *_Nullable words,
                                                       size_t count, char *_Nullable message,
                                                       size_t message_size);

/** Sets Pixel Data (OB) to `count` bytes (e.g. bit-packed SEG frames). */
CDICOMBridge_status CDICOMBridge_writer_put_pixels_u8(CDICOMBridge_writer *writer, const uint8_t *_Nullable bytes,
                                                      size_t count, char *_Nullable message,
                                                      size_t message_size);

/**
 * Saves as a DICOM Part 10 file in the transfer syntax `transfer_syntax_uid` (native little/big
 * endian, deflated, JPEG lossless SV1, JPEG-LS lossless or RLE lossless), writing the file meta
 * information. The file is written to a temporary name beside `path` and renamed.
 */
CDICOMBridge_status CDICOMBridge_writer_save(CDICOMBridge_writer *writer, const char *path,
                                             const char *transfer_syntax_uid, char *_Nullable message,
                                             size_t message_size);

#pragma clang assume_nonnull end

#ifdef __cplusplus
}
#endif

#endif /* CDICOMBRIDGE_H */
