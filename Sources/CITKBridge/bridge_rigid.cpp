// CITKBridge: rigid registration over ITK 5.2 (ImageRegistrationMethodv4, VersorRigid3DTransform).
// Every ITK template is instantiated in this one file, so the build compiles ITK's headers once.
// Every C++ exception stops here (see CITKBridge.h).
#include "CITKBridge.h"
#include "itk_clang_compat.h" // before any ITK header: see the file

#include <itkCommand.h>
#include <itkCorrelationImageToImageMetricv4.h>
#include <itkImage.h>
#include <itkImageRegistrationMethodv4.h>
#include <itkLinearInterpolateImageFunction.h>
#include <itkMattesMutualInformationImageToImageMetricv4.h>
#include <itkRegistrationParameterScalesFromPhysicalShift.h>
#include <itkRegularStepGradientDescentOptimizerv4.h>
#include <itkVersion.h>
#include <itkVersorRigid3DTransform.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <new>
#include <string>

using Image = itk::Image<float, 3>;
using Transform = itk::VersorRigid3DTransform<double>;
using Optimizer = itk::RegularStepGradientDescentOptimizerv4<double>;
using Registration = itk::ImageRegistrationMethodv4<Image, Image, Transform>;
using MattesMetric = itk::MattesMutualInformationImageToImageMetricv4<Image, Image>;
using CorrelationMetric = itk::CorrelationImageToImageMetricv4<Image, Image>;
using Interpolator = itk::LinearInterpolateImageFunction<Image, double>;

struct litk_image {
    Image::Pointer image;
};

namespace {

void set_message(char *message, size_t size, const std::string &text) {
    if (message == nullptr || size == 0) return;
    const size_t n = std::min(size - 1, text.size());
    std::memcpy(message, text.data(), n);
    message[n] = '\0';
}

/// Runs `body`, turning every C++ exception into a status and a message naming `what`.
template <typename Body>
litk_status guarded(char *message, size_t size, const char *what, Body &&body) {
    try {
        return body();
    } catch (const std::bad_alloc &) {
        set_message(message, size, std::string("out of memory ") + what);
        return LITK_NO_MEMORY;
    } catch (const itk::ExceptionObject &e) {
        set_message(message, size, std::string("ITK: ") + e.GetDescription());
        return LITK_FAILED;
    } catch (const std::exception &e) {
        set_message(message, size, e.what());
        return LITK_FAILED;
    } catch (...) {
        set_message(message, size, std::string("unknown C++ exception ") + what);
        return LITK_FAILED;
    }
}

/// Counts optimizer iterations over every level.
class IterationCounter : public itk::Command {
public:
    using Self = IterationCounter;
    using Pointer = itk::SmartPointer<Self>;
    itkNewMacro(Self);
    int count = 0;
    void Execute(itk::Object *, const itk::EventObject &event) override {
        if (itk::IterationEvent().CheckEvent(&event)) ++count;
    }
    void Execute(const itk::Object *, const itk::EventObject &event) override {
        if (itk::IterationEvent().CheckEvent(&event)) ++count;
    }
};

/// The physical axis-aligned bounds of an image's voxel centres.
void physical_bounds(const Image *image, double lo[3], double hi[3]) {
    const auto size = image->GetLargestPossibleRegion().GetSize();
    const auto start = image->GetLargestPossibleRegion().GetIndex();
    for (int d = 0; d < 3; ++d) { lo[d] = INFINITY; hi[d] = -INFINITY; }
    for (int corner = 0; corner < 8; ++corner) {
        Image::IndexType index;
        for (int d = 0; d < 3; ++d) {
            index[d] = start[d] + (((corner >> d) & 1) ? static_cast<long>(size[d]) - 1 : 0);
        }
        Image::PointType p;
        image->TransformIndexToPhysicalPoint(index, p);
        for (int d = 0; d < 3; ++d) { lo[d] = std::min(lo[d], p[d]); hi[d] = std::max(hi[d], p[d]); }
    }
}

/// Centroid (mm) of the voxels above `threshold` whose centres lie within [lo, hi]; false if none.
bool bone_centroid(const Image *image, double threshold, const double lo[3], const double hi[3], double out[3]) {
    const auto region = image->GetLargestPossibleRegion();
    const auto size = region.GetSize();
    const float *voxels = image->GetBufferPointer();
    double sum[3] = {0, 0, 0};
    long count = 0;
    Image::IndexType index;
    size_t offset = 0;
    for (size_t k = 0; k < size[2]; ++k) {
        for (size_t j = 0; j < size[1]; ++j) {
            for (size_t i = 0; i < size[0]; ++i, ++offset) {
                if (voxels[offset] <= threshold) continue;
                index[0] = static_cast<long>(i); index[1] = static_cast<long>(j); index[2] = static_cast<long>(k);
                Image::PointType p;
                image->TransformIndexToPhysicalPoint(index, p);
                if (p[0] < lo[0] || p[0] > hi[0] || p[1] < lo[1] || p[1] > hi[1] || p[2] < lo[2] || p[2] > hi[2]) continue;
                for (int d = 0; d < 3; ++d) sum[d] += p[d];
                ++count;
            }
        }
    }
    if (count == 0) return false;
    for (int d = 0; d < 3; ++d) out[d] = sum[d] / static_cast<double>(count);
    return true;
}

/// Normalized cross-correlation and overlap of the fixed image and the moving image through
/// `transform` (movingFromFixed), over the fixed voxels whose mapped centre is inside the moving image.
void correlation(const Image *fixed, const Image *moving, const Transform *transform, double *ncc, double *overlap) {
    auto interpolator = Interpolator::New();
    interpolator->SetInputImage(moving);
    const auto size = fixed->GetLargestPossibleRegion().GetSize();
    const float *voxels = fixed->GetBufferPointer();
    double sf = 0, sm = 0, sff = 0, smm = 0, sfm = 0;
    long inside = 0, total = 0;
    Image::IndexType index;
    size_t offset = 0;
    for (size_t k = 0; k < size[2]; ++k) {
        for (size_t j = 0; j < size[1]; ++j) {
            for (size_t i = 0; i < size[0]; ++i, ++offset) {
                ++total;
                index[0] = static_cast<long>(i); index[1] = static_cast<long>(j); index[2] = static_cast<long>(k);
                Image::PointType p;
                fixed->TransformIndexToPhysicalPoint(index, p);
                const auto q = transform->TransformPoint(p);
                if (!interpolator->IsInsideBuffer(q)) continue;
                const double f = voxels[offset], m = interpolator->Evaluate(q);
                sf += f; sm += m; sff += f * f; smm += m * m; sfm += f * m;
                ++inside;
            }
        }
    }
    *overlap = total > 0 ? static_cast<double>(inside) / static_cast<double>(total) : 0;
    if (inside < 2) { *ncc = 0; return; }
    const double n = static_cast<double>(inside);
    const double cov = sfm - sf * sm / n, vf = sff - sf * sf / n, vm = smm - sm * sm / n;
    *ncc = (vf > 0 && vm > 0) ? cov / std::sqrt(vf * vm) : 0;
}

/// Sets `transform` (centre already set) to p ↦ R p + t; false when R is not a rotation.
bool set_rigid(Transform *transform, const double rotation[9], const double translation[3]) {
    Transform::MatrixType m;
    for (int r = 0; r < 3; ++r)
        for (int c = 0; c < 3; ++c) {
            if (!std::isfinite(rotation[r * 3 + c])) return false;
            m[r][c] = rotation[r * 3 + c];
        }
    for (int d = 0; d < 3; ++d) if (!std::isfinite(translation[d])) return false;
    try {
        transform->SetMatrix(m, 1e-5);
    } catch (const itk::ExceptionObject &) {
        return false;
    }
    // SetMatrix keeps the centre and recomputes the offset from the translation; set the offset
    // p' = R p + t by choosing the translation for the centre c: t_itk = t + R c − c.
    const auto c = transform->GetCenter();
    Transform::OutputVectorType tv;
    for (int d = 0; d < 3; ++d) {
        double rc = 0;
        for (int k = 0; k < 3; ++k) rc += m[d][k] * c[k];
        tv[d] = translation[d] + rc - c[d];
    }
    transform->SetTranslation(tv);
    return true;
}

litk_status run_registration(const Image *fixed, const Image *moving, const litk_rigid_options &o,
                             litk_rigid_result *result, std::string &why) {
    // Bone in the fixed region.
    const size_t fixedCount = fixed->GetLargestPossibleRegion().GetNumberOfPixels();
    const float *fv = fixed->GetBufferPointer();
    long bone = 0;
    for (size_t n = 0; n < fixedCount; ++n) bone += fv[n] > o.bone_threshold_hu ? 1 : 0;
    result->bone_voxels = static_cast<int>(std::min<long>(bone, 0x7fffffff));
    if (bone < o.minimum_bone_voxels) {
        why = "no bone in the box: " + std::to_string(bone) + " voxels above " +
              std::to_string(static_cast<int>(o.bone_threshold_hu)) + " HU (at least " +
              std::to_string(o.minimum_bone_voxels) + " needed)";
        return LITK_NO_BONE;
    }

    // Initial transform: rotation about the fixed region's centre, identity or the bone centroids' shift.
    double lo[3], hi[3];
    physical_bounds(fixed, lo, hi);
    Transform::InputPointType centre;
    for (int d = 0; d < 3; ++d) centre[d] = (lo[d] + hi[d]) / 2;
    auto initial = Transform::New();
    initial->SetIdentity();
    initial->SetCenter(centre);
    if (o.has_initial) {
        if (!set_rigid(initial, o.initial_rotation, o.initial_translation)) {
            why = "the initial transform is not a rotation";
            return LITK_INVALID;
        }
    } else if (o.initialize_from_bone_centroid) {
        double cf[3], cm[3];
        if (bone_centroid(fixed, o.bone_threshold_hu, lo, hi, cf) && bone_centroid(moving, o.bone_threshold_hu, lo, hi, cm)) {
            Transform::OutputVectorType t;
            for (int d = 0; d < 3; ++d) t[d] = cm[d] - cf[d];
            initial->SetTranslation(t);
        }
    }
    double ncc0 = 0, overlap0 = 0;
    correlation(fixed, moving, initial, &ncc0, &overlap0);
    if (overlap0 < o.minimum_overlap) {
        char text[160];
        std::snprintf(text, sizeof text, "too little overlap: %.0f %% of the baseline box lies in the follow-up region (at least %.0f %% needed)",
                      overlap0 * 100, o.minimum_overlap * 100);
        why = text;
        return LITK_TOO_LITTLE_OVERLAP;
    }

    auto registration = Registration::New();
    registration->SetFixedImage(fixed);
    registration->SetMovingImage(moving);
    registration->SetInitialTransform(initial);
    registration->InPlaceOn();

    auto optimizer = Optimizer::New();
    optimizer->SetLearningRate(o.maximum_step_mm);
    optimizer->SetMinimumStepLength(o.minimum_step_mm);
    optimizer->SetRelaxationFactor(o.relaxation_factor);
    optimizer->SetNumberOfIterations(static_cast<itk::SizeValueType>(o.iterations_per_level));
    optimizer->SetGradientMagnitudeTolerance(1e-8);
    optimizer->SetReturnBestParametersAndValue(true);
    auto counter = IterationCounter::New();
    optimizer->AddObserver(itk::IterationEvent(), counter);
    if (o.threads > 0) optimizer->SetNumberOfWorkUnits(static_cast<itk::ThreadIdType>(o.threads));
    registration->SetOptimizer(optimizer);

    itk::ImageToImageMetricv4<Image, Image>::Pointer metric;
    if (o.metric == LITK_METRIC_CORRELATION) {
        metric = CorrelationMetric::New().GetPointer();
    } else {
        auto mattes = MattesMetric::New();
        mattes->SetNumberOfHistogramBins(static_cast<itk::SizeValueType>(o.histogram_bins));
        metric = mattes.GetPointer();
    }
    metric->SetUseMovingImageGradientFilter(false);
    metric->SetUseFixedImageGradientFilter(false);
    if (o.threads > 0) metric->SetMaximumNumberOfWorkUnits(static_cast<itk::ThreadIdType>(o.threads));
    registration->SetMetric(metric);

    using Scales = itk::RegistrationParameterScalesFromPhysicalShift<itk::ImageToImageMetricv4<Image, Image>>;
    auto scales = Scales::New();
    scales->SetMetric(metric);
    optimizer->SetScalesEstimator(scales);
    optimizer->SetDoEstimateLearningRateOnce(false);
    optimizer->SetDoEstimateLearningRateAtEachIteration(false);

    const unsigned levels = static_cast<unsigned>(o.levels);
    registration->SetNumberOfLevels(levels);
    Registration::SmoothingSigmasArrayType sigmas(levels);
    const auto spacing = fixed->GetSpacing();
    for (unsigned level = 0; level < levels; ++level) {
        Registration::ShrinkFactorsPerDimensionContainerType factors;
        for (int d = 0; d < 3; ++d) {
            const double f = o.level_spacing_mm[level] > 0 ? std::round(o.level_spacing_mm[level] / spacing[d]) : 1;
            factors[d] = static_cast<unsigned>(std::max(1.0, f));
        }
        registration->SetShrinkFactorsPerDimension(level, factors);
        sigmas[level] = o.smoothing_sigma_mm[level];
    }
    registration->SetSmoothingSigmasPerLevel(sigmas);
    registration->SetSmoothingSigmasAreSpecifiedInPhysicalUnits(true);
    registration->SetMetricSamplingStrategy(Registration::MetricSamplingStrategyEnum::REGULAR);
    registration->SetMetricSamplingPercentage(o.sampling_fraction);
    registration->MetricSamplingReinitializeSeed(20240110);
    if (o.threads > 0) registration->SetNumberOfWorkUnits(static_cast<itk::ThreadIdType>(o.threads));

    registration->Update();

    const Transform *found = registration->GetTransform();
    const auto matrix = found->GetMatrix();
    const auto offset = found->GetOffset();
    for (int r = 0; r < 3; ++r) {
        for (int c = 0; c < 3; ++c) result->rotation[r * 3 + c] = matrix[r][c];
        result->translation[r] = offset[r];
    }
    result->metric_value = optimizer->GetValue();
    result->iterations = counter->count;
    correlation(fixed, moving, found, &result->correlation, &result->overlap);
    if (result->overlap < o.minimum_overlap) {
        char text[160];
        std::snprintf(text, sizeof text, "too little overlap after registering: %.0f %% of the baseline box lies in the follow-up region (at least %.0f %% needed)",
                      result->overlap * 100, o.minimum_overlap * 100);
        why = text;
        return LITK_TOO_LITTLE_OVERLAP;
    }
    return LITK_OK;
}

std::string options_problem(const litk_rigid_options &o) {
    if (o.levels < 1 || o.levels > 4) return "levels must be 1…4";
    for (int l = 0; l < o.levels; ++l) {
        if (!std::isfinite(o.level_spacing_mm[l]) || o.level_spacing_mm[l] < 0) return "level spacing must be ≥ 0 mm";
        if (!std::isfinite(o.smoothing_sigma_mm[l]) || o.smoothing_sigma_mm[l] < 0) return "smoothing sigma must be ≥ 0 mm";
    }
    if (o.iterations_per_level < 1) return "iterations per level must be ≥ 1";
    if (!(o.maximum_step_mm > 0) || !(o.minimum_step_mm > 0) || o.minimum_step_mm > o.maximum_step_mm)
        return "steps must satisfy 0 < minimum ≤ maximum (mm)";
    if (!(o.relaxation_factor > 0) || !(o.relaxation_factor < 1)) return "relaxation factor must be in (0, 1)";
    if (!(o.sampling_fraction > 0) || o.sampling_fraction > 1) return "sampling fraction must be in (0, 1]";
    if (o.histogram_bins < 4 || o.histogram_bins > 1024) return "histogram bins must be 4…1024";
    if (!std::isfinite(o.bone_threshold_hu)) return "bone threshold must be finite";
    if (!(o.minimum_overlap >= 0) || o.minimum_overlap > 1) return "minimum overlap must be in [0, 1]";
    if (o.threads < 0) return "threads must be ≥ 0";
    return "";
}

} // namespace

extern "C" {

const char *litk_itk_version(void) { return itk::Version::GetITKVersion(); }

void litk_rigid_options_default(litk_rigid_options *o) {
    std::memset(o, 0, sizeof *o);
    o->metric = LITK_METRIC_CORRELATION;
    o->levels = 3;
    o->level_spacing_mm[0] = 4; o->level_spacing_mm[1] = 2; o->level_spacing_mm[2] = 0;
    o->smoothing_sigma_mm[0] = 2; o->smoothing_sigma_mm[1] = 1; o->smoothing_sigma_mm[2] = 0;
    o->iterations_per_level = 200;
    o->maximum_step_mm = 2;
    o->minimum_step_mm = 0.01;
    o->relaxation_factor = 0.7;
    o->sampling_fraction = 0.05;
    o->histogram_bins = 50;
    o->bone_threshold_hu = 200;
    o->minimum_bone_voxels = 200;
    o->minimum_overlap = 0.5;
    o->initialize_from_bone_centroid = 0;
    o->threads = 0;
}

litk_status litk_image_create(const float *voxels, size_t nx, size_t ny, size_t nz, const double origin[3],
                              const double spacing[3], const double direction[9], litk_image **out,
                              char *message, size_t message_size) {
    *out = nullptr;
    return guarded(message, message_size, "creating the image", [&]() -> litk_status {
        if (voxels == nullptr || nx == 0 || ny == 0 || nz == 0) {
            set_message(message, message_size, "the image is empty");
            return LITK_INVALID;
        }
        if (nx > (1u << 20) || ny > (1u << 20) || nz > (1u << 20) || nx * ny > (size_t(1) << 40) / nz) {
            set_message(message, message_size, "the image is too large");
            return LITK_INVALID;
        }
        Image::DirectionType d;
        for (int r = 0; r < 3; ++r) {
            if (!std::isfinite(origin[r]) || !std::isfinite(spacing[r]) || !(spacing[r] > 0)) {
                set_message(message, message_size, "origin must be finite and spacing positive (mm)");
                return LITK_INVALID;
            }
            for (int c = 0; c < 3; ++c) {
                if (!std::isfinite(direction[r * 3 + c])) {
                    set_message(message, message_size, "the direction matrix holds a non-finite value");
                    return LITK_INVALID;
                }
                d[r][c] = direction[r * 3 + c];
            }
        }
        if (std::abs(vnl_determinant(d.GetVnlMatrix())) < 1e-6) {
            set_message(message, message_size, "the direction matrix is singular");
            return LITK_INVALID;
        }
        auto image = Image::New();
        Image::RegionType region;
        region.SetSize({{nx, ny, nz}});
        image->SetRegions(region);
        image->SetOrigin(origin);
        image->SetSpacing(spacing);
        image->SetDirection(d);
        image->Allocate();
        std::memcpy(image->GetBufferPointer(), voxels, nx * ny * nz * sizeof(float));
        *out = new litk_image{image};
        return LITK_OK;
    });
}

void litk_image_destroy(litk_image *image) { delete image; }

litk_status litk_register_rigid(const litk_image *fixed, const litk_image *moving, const litk_rigid_options *options,
                                litk_rigid_result *result, char *message, size_t message_size) {
    return guarded(message, message_size, "during registration", [&]() -> litk_status {
        std::memset(result, 0, sizeof *result);
        const std::string problem = options_problem(*options);
        if (!problem.empty()) {
            set_message(message, message_size, "invalid registration options: " + problem);
            return LITK_INVALID;
        }
        itk::Object::GlobalWarningDisplayOff();
        std::string why;
        const litk_status status = run_registration(fixed->image, moving->image, *options, result, why);
        if (status != LITK_OK) set_message(message, message_size, why);
        return status;
    });
}

litk_status litk_rigid_correlation(const litk_image *fixed, const litk_image *moving, const double rotation[9],
                                   const double translation[3], double *ncc, double *overlap, char *message,
                                   size_t message_size) {
    return guarded(message, message_size, "computing the correlation", [&]() -> litk_status {
        *ncc = 0;
        *overlap = 0;
        auto transform = Transform::New();
        transform->SetIdentity();
        if (!set_rigid(transform, rotation, translation)) {
            set_message(message, message_size, "the transform is not rigid (rotation not orthonormal, or a non-finite value)");
            return LITK_INVALID;
        }
        correlation(fixed->image, moving->image, transform, ncc, overlap);
        return LITK_OK;
    });
}

} // extern "C"
