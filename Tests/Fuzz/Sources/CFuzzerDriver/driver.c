#include "CFuzzerDriver.h"

// Provided by libclang_rt.fuzzer_no_main (linked by Tests/Fuzz/run.sh).
extern int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

int CFuzzerDriver_run(int *argc, char ***argv, CFuzzerDriver_callback callback) {
    return LLVMFuzzerRunDriver(argc, argv, callback);
}
