// CPNGBridge over libpng's simplified API (png.h, "Simplified API" section). See CPNGBridge.h.
#include "CPNGBridge.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

static void copy_message(char *message, size_t capacity, const char *text) {
    if (message == NULL || capacity == 0) return;
    strncpy(message, text, capacity - 1);
    message[capacity - 1] = '\0';
}

static png_uint_32 format_for_channels(uint32_t channels) {
    switch (channels) {
    case 1: return PNG_FORMAT_GRAY;
    case 3: return PNG_FORMAT_RGB;
    case 4: return PNG_FORMAT_RGBA;
    default: return 0xffffffffu;
    }
}

int CPNGBridge_encode(const uint8_t *pixels, uint32_t width, uint32_t height, uint32_t channels,
                      uint8_t **png_out, size_t *png_size, char *message, size_t message_capacity) {
    *png_out = NULL;
    *png_size = 0;
    png_uint_32 format = format_for_channels(channels);
    if (format == 0xffffffffu || width == 0 || height == 0 || pixels == NULL) {
        copy_message(message, message_capacity, "encode: channels must be 1, 3 or 4 and the image not empty");
        return CPNGBridge_ERROR;
    }
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = width;
    image.height = height;
    image.format = format;
    image.flags = PNG_IMAGE_FLAG_FAST;
    png_int_32 stride = (png_int_32)(width * channels);

    // First call: size only (memory NULL); second call: write into a buffer of that size.
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, NULL, &size, 0, pixels, stride, NULL)) {
        copy_message(message, message_capacity, image.message);
        png_image_free(&image);
        return CPNGBridge_ERROR;
    }
    uint8_t *buffer = malloc(size);
    if (buffer == NULL) {
        copy_message(message, message_capacity, "encode: out of memory");
        return CPNGBridge_ERROR;
    }
    if (!png_image_write_to_memory(&image, buffer, &size, 0, pixels, stride, NULL)) {
        copy_message(message, message_capacity, image.message);
        png_image_free(&image);
        free(buffer);
        return CPNGBridge_ERROR;
    }
    *png_out = buffer;
    *png_size = size;
    return CPNGBridge_OK;
}

int CPNGBridge_decode(const uint8_t *png, size_t png_size, uint32_t channels, uint8_t **pixels_out,
                      CPNGBridge_Info *info, char *message, size_t message_capacity) {
    *pixels_out = NULL;
    memset(info, 0, sizeof *info);
    png_uint_32 format = format_for_channels(channels);
    if (format == 0xffffffffu) {
        copy_message(message, message_capacity, "decode: channels must be 1, 3 or 4");
        return CPNGBridge_ERROR;
    }
    if (png == NULL || png_size == 0) {
        copy_message(message, message_capacity, "decode: no data");
        return CPNGBridge_ERROR;
    }
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, png, png_size)) {
        copy_message(message, message_capacity, image.message);
        png_image_free(&image);
        return CPNGBridge_ERROR;
    }
    info->width = image.width;
    info->height = image.height;
    info->channels = PNG_IMAGE_PIXEL_CHANNELS(image.format);
    info->bit_depth = 8 * PNG_IMAGE_SAMPLE_COMPONENT_SIZE(image.format);
    info->colormapped = (image.format & PNG_FORMAT_FLAG_COLORMAP) ? 1 : 0;

    image.format = format;
    size_t size = PNG_IMAGE_SIZE(image);
    uint8_t *buffer = malloc(size);
    if (buffer == NULL) {
        copy_message(message, message_capacity, "decode: out of memory");
        png_image_free(&image);
        return CPNGBridge_ERROR;
    }
    if (!png_image_finish_read(&image, NULL, buffer, (png_int_32)PNG_IMAGE_ROW_STRIDE(image), NULL)) {
        copy_message(message, message_capacity, image.message);
        png_image_free(&image);
        free(buffer);
        return CPNGBridge_ERROR;
    }
    *pixels_out = buffer;
    return CPNGBridge_OK;
}

void CPNGBridge_free(void *buffer) { free(buffer); }
