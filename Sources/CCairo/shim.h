// cairo.h for CCairoBridge, the only C code that includes it (Debian libcairo2-dev; pkg-config cairo).
#include <cairo.h>
