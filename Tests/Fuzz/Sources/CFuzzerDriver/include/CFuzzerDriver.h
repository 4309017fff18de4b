// CFuzzerDriver: libFuzzer's entry for programs with their own main (libclang_rt.fuzzer_no_main).
#ifndef CFUZZERDRIVER_H
#define CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

#pragma clang assume_nonnull begin

/// One fuzz input: `data` (NULL when `size` is 0) of `size` bytes; returns 0.
typedef int (*CFuzzerDriver_callback)(const uint8_t *_Nullable data, size_t size);

/// Runs libFuzzer with the command line `argc`/`argv` and the callback (libFuzzer's
/// LLVMFuzzerRunDriver, FuzzerInterface.h); returns its exit status.
int CFuzzerDriver_run(int *argc, char *_Nullable *_Nonnull *_Nonnull argv, CFuzzerDriver_callback callback);

#pragma clang assume_nonnull end

#endif
