// CCairoBridge: a narrow C ABI over Cairo (libcairo2) for the text of the lesion panels.
//
// Text is drawn with Cairo's "toy" text API in DejaVu Sans (Debian fonts-dejavu-core, found through
// fontconfig), grey-scale anti-aliasing (never sub-pixel: the PNG is viewed on any screen and
// printed), no hinting of metrics, so widths are the same on every machine with the font. The
// canvas is an opaque handle: create it from 8-bit RGB pixels, draw text on it, copy the pixels
// back, destroy it. Every function returns CCairoBridge_OK or CCairoBridge_ERROR and, on error,
// writes a NUL-terminated message (Cairo's status text) into `message`.
#ifndef CCAIROBRIDGE_H
#define CCAIROBRIDGE_H

#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

#ifdef __cplusplus
extern "C" {
#endif

enum { CCairoBridge_OK = 0, CCairoBridge_ERROR = 1 };

/// An RGB canvas with a Cairo context (CAIRO_FORMAT_RGB24 image surface).
typedef struct CCairoBridge_Canvas CCairoBridge_Canvas;

/// Size of a text run in pixels: `width` is the advance of the whole run, `ascent` and `descent`
/// come from the font (not the run), so lines of one size share a baseline offset.
typedef struct {
    double width;
    double ascent;
    double descent;
} CCairoBridge_TextMetrics;

/// A colour with 8-bit channels.
typedef struct {
    uint8_t red, green, blue;
} CCairoBridge_Colour;

/// Creates a canvas of `width × height` pixels holding a copy of `rgb` (3 bytes per pixel, rows top
/// to bottom, no padding). `*canvas_out` is set on success and must be released with
/// CCairoBridge_canvas_destroy.
int CCairoBridge_canvas_create(const uint8_t *rgb, uint32_t width, uint32_t height,
                               CCairoBridge_Canvas *_Nullable *_Nonnull canvas_out,
                               char *message, size_t message_capacity);

/// Releases a canvas (NULL is ignored).
void CCairoBridge_canvas_destroy(CCairoBridge_Canvas *_Nullable canvas);

/// Measures UTF-8 `text` at `size` pixels (the em size), regular or bold.
int CCairoBridge_canvas_measure(CCairoBridge_Canvas *canvas, const char *text, double size, int bold,
                                CCairoBridge_TextMetrics *metrics, char *message, size_t message_capacity);

/// Draws UTF-8 `text` with the top of the font's ascent at `top` and the run starting at `x`
/// (pixels), in `colour`. With `halo_width` > 0 the glyph outlines are first stroked `halo_width`
/// pixels wide in `halo` so the text stays readable on any background.
int CCairoBridge_canvas_draw_text(CCairoBridge_Canvas *canvas, const char *text, double x, double top,
                                  double size, int bold, CCairoBridge_Colour colour, double halo_width,
                                  CCairoBridge_Colour halo, char *message, size_t message_capacity);

/// Copies the canvas back to 8-bit RGB (`capacity` ≥ width × height × 3 bytes).
int CCairoBridge_canvas_copy_rgb(CCairoBridge_Canvas *canvas, uint8_t *rgb, size_t capacity,
                                 char *message, size_t message_capacity);

#ifdef __cplusplus
}
#endif

#pragma clang assume_nonnull end

#endif
