/*
** fuzz.h: the libFuzzer entry point each target defines. Built with ZG_FUZZ it is driven by
** libFuzzer (clang -fsanitize=fuzzer); otherwise replay.c's main() feeds it every file of
** fuzz/corpus/<target>/, so each input ever found stays a regression test under ctest.
*/
#ifndef ZG_FUZZ_H
#define ZG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
