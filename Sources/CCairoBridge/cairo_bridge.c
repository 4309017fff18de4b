// CCairoBridge over Cairo's image surfaces and toy text API. See CCairoBridge.h.
#include "CCairoBridge.h"

#include <cairo.h>
#include <stdlib.h>
#include <string.h>

/// The font of every panel text (Debian fonts-dejavu-core; Docs/Pictures.md).
static const char *const font_family = "DejaVu Sans";

struct CCairoBridge_Canvas {
    cairo_surface_t *surface;
    cairo_t *cr;
    int width;
    int height;
};

static void copy_message(char *message, size_t capacity, const char *text) {
    if (message == NULL || capacity == 0) return;
    strncpy(message, text, capacity - 1);
    message[capacity - 1] = '\0';
}

/// CCairoBridge_ERROR with Cairo's status text when `status` is not CAIRO_STATUS_SUCCESS.
static int check(cairo_status_t status, const char *what, char *message, size_t capacity) {
    if (status == CAIRO_STATUS_SUCCESS) return CCairoBridge_OK;
    char text[256];
    strncpy(text, what, sizeof text - 1);
    text[sizeof text - 1] = '\0';
    strncat(text, ": ", sizeof text - strlen(text) - 1);
    strncat(text, cairo_status_to_string(status), sizeof text - strlen(text) - 1);
    copy_message(message, capacity, text);
    return CCairoBridge_ERROR;
}

static void set_font(cairo_t *cr, double size, int bold) {
    cairo_select_font_face(cr, font_family, CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

int CCairoBridge_canvas_create(const uint8_t *rgb, uint32_t width, uint32_t height,
                               CCairoBridge_Canvas **canvas_out, char *message, size_t message_capacity) {
    *canvas_out = NULL;
    if (width == 0 || height == 0 || width > 32767 || height > 32767) {
        copy_message(message, message_capacity, "canvas: width and height must be 1…32767 pixels");
        return CCairoBridge_ERROR;
    }
    cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)width, (int)height);
    if (check(cairo_surface_status(surface), "canvas", message, message_capacity) != CCairoBridge_OK) {
        cairo_surface_destroy(surface);
        return CCairoBridge_ERROR;
    }
    cairo_surface_flush(surface);
    unsigned char *data = cairo_image_surface_get_data(surface);
    int stride = cairo_image_surface_get_stride(surface);
    for (uint32_t y = 0; y < height; y++) {
        uint32_t *row = (uint32_t *)(data + (size_t)y * (size_t)stride);
        const uint8_t *src = rgb + (size_t)y * width * 3;
        for (uint32_t x = 0; x < width; x++) {
            row[x] = ((uint32_t)src[3 * x] << 16) | ((uint32_t)src[3 * x + 1] << 8) | (uint32_t)src[3 * x + 2];
        }
    }
    cairo_surface_mark_dirty(surface);
    cairo_t *cr = cairo_create(surface);
    if (check(cairo_status(cr), "canvas", message, message_capacity) != CCairoBridge_OK) {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        return CCairoBridge_ERROR;
    }
    cairo_font_options_t *options = cairo_font_options_create();
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_SLIGHT);
    cairo_set_font_options(cr, options);
    cairo_font_options_destroy(options);
    CCairoBridge_Canvas *canvas = malloc(sizeof *canvas);
    if (canvas == NULL) {
        cairo_destroy(cr);
        cairo_surface_destroy(surface);
        copy_message(message, message_capacity, "canvas: out of memory");
        return CCairoBridge_ERROR;
    }
    canvas->surface = surface;
    canvas->cr = cr;
    canvas->width = (int)width;
    canvas->height = (int)height;
    *canvas_out = canvas;
    return CCairoBridge_OK;
}

void CCairoBridge_canvas_destroy(CCairoBridge_Canvas *canvas) {
    if (canvas == NULL) return;
    cairo_destroy(canvas->cr);
    cairo_surface_destroy(canvas->surface);
    free(canvas);
}

int CCairoBridge_canvas_measure(CCairoBridge_Canvas *canvas, const char *text, double size, int bold,
                                CCairoBridge_TextMetrics *metrics, char *message, size_t message_capacity) {
    memset(metrics, 0, sizeof *metrics);
    if (!(size > 0 && size < 1000)) {
        copy_message(message, message_capacity, "text: size must be between 0 and 1000 pixels");
        return CCairoBridge_ERROR;
    }
    cairo_t *cr = canvas->cr;
    set_font(cr, size, bold);
    cairo_text_extents_t extents;
    cairo_font_extents_t font;
    cairo_text_extents(cr, text, &extents);
    cairo_font_extents(cr, &font);
    if (check(cairo_status(cr), "text", message, message_capacity) != CCairoBridge_OK) return CCairoBridge_ERROR;
    metrics->width = extents.x_advance;
    metrics->ascent = font.ascent;
    metrics->descent = font.descent;
    return CCairoBridge_OK;
}

int CCairoBridge_canvas_draw_text(CCairoBridge_Canvas *canvas, const char *text, double x, double top,
                                  double size, int bold, CCairoBridge_Colour colour, double halo_width,
                                  CCairoBridge_Colour halo, char *message, size_t message_capacity) {
    CCairoBridge_TextMetrics metrics;
    if (CCairoBridge_canvas_measure(canvas, text, size, bold, &metrics, message, message_capacity) != CCairoBridge_OK) {
        return CCairoBridge_ERROR;
    }
    cairo_t *cr = canvas->cr;
    cairo_new_path(cr);
    cairo_move_to(cr, x, top + metrics.ascent);
    if (halo_width > 0) {
        cairo_text_path(cr, text);
        cairo_set_source_rgb(cr, halo.red / 255.0, halo.green / 255.0, halo.blue / 255.0);
        cairo_set_line_width(cr, halo_width);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_move_to(cr, x, top + metrics.ascent);
    }
    cairo_set_source_rgb(cr, colour.red / 255.0, colour.green / 255.0, colour.blue / 255.0);
    cairo_show_text(cr, text);
    return check(cairo_status(cr), "text", message, message_capacity);
}

int CCairoBridge_canvas_copy_rgb(CCairoBridge_Canvas *canvas, uint8_t *rgb, size_t capacity,
                                 char *message, size_t message_capacity) {
    size_t width = (size_t)canvas->width, height = (size_t)canvas->height;
    if (capacity < width * height * 3) {
        copy_message(message, message_capacity, "copy: buffer smaller than width × height × 3 bytes");
        return CCairoBridge_ERROR;
    }
    cairo_surface_flush(canvas->surface);
    const unsigned char *data = cairo_image_surface_get_data(canvas->surface);
    int stride = cairo_image_surface_get_stride(canvas->surface);
    for (size_t y = 0; y < height; y++) {
        const uint32_t *row = (const uint32_t *)(data + y * (size_t)stride);
        uint8_t *dst = rgb + y * width * 3;
        for (size_t x = 0; x < width; x++) {
            dst[3 * x] = (uint8_t)(row[x] >> 16);
            dst[3 * x + 1] = (uint8_t)(row[x] >> 8);
            dst[3 * x + 2] = (uint8_t)row[x];
        }
    }
    return CCairoBridge_OK;
}
