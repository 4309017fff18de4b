/*
 * CITKBridge: the narrow C ABI between LesionDensity's Registration module and ITK 5.2.
 *
 * Rules (DESIGN.md, as for CDICOMBridge):
 *  - Every function is prefixed `litk_`; no ITK type and no C++ exception crosses this header
 *    (every exception, std::bad_alloc included, is caught inside and becomes a status + message).
 *  - Opaque handles come in create/destroy pairs; the caller owns a handle until it calls destroy.
 *  - Every fallible call returns an litk_status and, on failure, writes a NUL-terminated message
 *    (truncated to `message_size`) into `message`.
 *  - Coordinates are DICOM patient coordinates (LPS, mm). An image is a regular grid: voxel
 *    (i, j, k) (i fastest in memory) has its centre at origin + i·spacing[0]·d0 + j·spacing[1]·d1
 *    + k·spacing[2]·d2, where d0, d1, d2 are the columns of `direction` (row-major 3×3: d0 =
 *    (direction[0], direction[3], direction[6])). For a CT stack: d0 = the row direction
 *    (ImageOrientationPatient 1–3), d1 = the column direction (4–6), d2 = the stacking direction.
 *  - Handles are not shared between threads; different handles may be used concurrently.
 */
#ifndef CITKBRIDGE_H
#define CITKBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#if !__has_feature(nullability)
#define _Nonnull
#define _Nullable
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** Outcome of a bridge call. */
typedef enum {
    LITK_OK = 0,
    /** The arguments are invalid (sizes, spacing, a singular direction matrix, NaN). */
    LITK_INVALID = 1,
    /** The fixed region holds too few bone voxels (above the bone threshold) to register on. */
    LITK_NO_BONE = 2,
    /** Too little of the fixed region maps into the moving image (before or after registering). */
    LITK_TOO_LITTLE_OVERLAP = 3,
    /** ITK stopped with an exception (the message holds ITK's description). */
    LITK_FAILED = 4,
    /** Memory could not be allocated. */
    LITK_NO_MEMORY = 5
} litk_status;

/** A 3-D image of float voxels (HU) with its geometry. */
typedef struct litk_image litk_image;

/** Similarity measure optimised by the registration. */
typedef enum {
    /** Normalized cross-correlation (ITK CorrelationImageToImageMetricv4). */
    LITK_METRIC_CORRELATION = 0,
    /** Mattes mutual information (Mattes et al., IEEE TMI 22(1):120–128, 2003). */
    LITK_METRIC_MATTES_MI = 1
} litk_metric;

/**
 * Creates an image by copying `nx·ny·nz` voxels (i fastest). `spacing` in mm (> 0), `direction`
 * row-major 3×3 (columns = the directions of i, j, k; invertible).
 * @param out receives the handle on LITK_OK; destroy with litk_image_destroy.
 */
litk_status litk_image_create(const float *_Nonnull voxels, size_t nx, size_t ny, size_t nz,
                              const double origin[_Nonnull 3], const double spacing[_Nonnull 3],
                              const double direction[_Nonnull 9], litk_image *_Nullable *_Nonnull out,
                              char *_Nonnull message, size_t message_size);

/** Releases an image (NULL is ignored). */
void litk_image_destroy(litk_image *_Nullable image);

/** Options of a rigid registration; litk_rigid_options_default fills the defaults. */
typedef struct {
    litk_metric metric;
    /** Resolution levels, 1…4 (default 3). */
    int levels;
    /** Target voxel size in mm of each level, coarsest first (default 4, 2, 0 = native). The
     *  shrink factor of each axis is round(target / spacing), at least 1. */
    double level_spacing_mm[4];
    /** Gaussian smoothing sigma in mm of each level, coarsest first (default 2, 1, 0). */
    double smoothing_sigma_mm[4];
    /** Maximum iterations per level (default 200). */
    int iterations_per_level;
    /** Largest translation step in mm of the optimizer (RegularStepGradientDescentOptimizerv4),
     *  multiplied by `relaxation_factor` at each change of direction (default 2 mm). */
    double maximum_step_mm;
    /** The optimizer stops when its step falls below this (mm, default 0.01). */
    double minimum_step_mm;
    /** Factor (0…1) the step is multiplied by at each change of direction (default 0.7). */
    double relaxation_factor;
    /** Fraction of fixed voxels sampled for the metric per level (regular sampling; default 0.05). */
    double sampling_fraction;
    /** Mattes MI histogram bins (default 50). */
    int histogram_bins;
    /** HU above which a voxel counts as bone (default 200 HU). */
    double bone_threshold_hu;
    /** Fewest bone voxels needed in the fixed region (default 200). */
    int minimum_bone_voxels;
    /** Smallest fraction of fixed voxels mapping inside the moving image (default 0.5). */
    double minimum_overlap;
    /** Non-zero: start from the translation between the bone centroids (HU above the threshold)
     *  of the fixed region and of the moving image's voxels inside the same box; else identity. */
    int initialize_from_bone_centroid;
    /** Threads ITK may use (0 = ITK's default). */
    int threads;
    /** Non-zero: start from `initial_rotation` / `initial_translation` (movingFromFixed,
     *  row-major 3×3 and mm, as in litk_rigid_result) instead of the identity or the centroids. */
    int has_initial;
    double initial_rotation[9];
    double initial_translation[3];
} litk_rigid_options;

/** Fills `options` with the defaults documented above. */
void litk_rigid_options_default(litk_rigid_options *_Nonnull options);

/** Result of a rigid registration. */
typedef struct {
    /** movingFromFixed: p_moving = rotation · p_fixed + translation (row-major 3×3, mm). With
     *  the baseline fixed and the follow-up moving, this is followupFromBaseline. */
    double rotation[9];
    double translation[3];
    /** Normalized cross-correlation (−1…1) of the fixed region and the moving image resampled
     *  (trilinear) through the result, over the fixed voxels that map inside the moving image. */
    double correlation;
    /** Fraction of fixed voxels that map inside the moving image through the result. */
    double overlap;
    /** Final metric value of the finest level (ITK's sign: lower is better). */
    double metric_value;
    /** Optimizer iterations summed over all levels. */
    int iterations;
    /** Bone voxels found in the fixed region. */
    int bone_voxels;
} litk_rigid_result;

/**
 * Registers `moving` onto `fixed` with a rigid 6-degree-of-freedom transform (ITK
 * VersorRigid3DTransform, centre of rotation = the centre of the fixed image), multi-resolution
 * (ImageRegistrationMethodv4). The whole fixed image is the region registered.
 * @return LITK_NO_BONE, LITK_TOO_LITTLE_OVERLAP with a message saying how much was found;
 *         LITK_FAILED when ITK throws.
 */
litk_status litk_register_rigid(const litk_image *_Nonnull fixed, const litk_image *_Nonnull moving,
                                const litk_rigid_options *_Nonnull options, litk_rigid_result *_Nonnull result,
                                char *_Nonnull message, size_t message_size);

/**
 * The normalized cross-correlation and overlap (as in litk_rigid_result) of `fixed` and `moving`
 * through the rigid transform movingFromFixed (`rotation` row-major 3×3, must be a rotation;
 * `translation` mm): how well a transform from elsewhere (a DICOM REG) aligns the two.
 */
litk_status litk_rigid_correlation(const litk_image *_Nonnull fixed, const litk_image *_Nonnull moving,
                                   const double rotation[_Nonnull 9], const double translation[_Nonnull 3],
                                   double *_Nonnull correlation, double *_Nonnull overlap,
                                   char *_Nonnull message, size_t message_size);

/** ITK's version string, e.g. "5.2.1". */
const char *_Nonnull litk_itk_version(void);

#ifdef __cplusplus
}
#endif

#endif
