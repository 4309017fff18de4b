// libpng (libpng-dev, pkg-config `libpng`). Only CPNGBridge includes it; Swift never imports png.h:
// its simplified API's control struct and macros (PNG_IMAGE_SIZE, PNG_IMAGE_FAILED) are wrapped in C.
#include <png.h>
