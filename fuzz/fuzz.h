/*
 * fuzz.h: every fuzz target defines LLVMFuzzerTestOneInput, libFuzzer's entry
 * point, and nothing else. Built with --enable-fuzzers (clang) a target is a real
 * fuzzer; otherwise fuzz/replay.c gives it a main that replays a corpus, which is
 * how make check keeps the seeds and past crashes passing.
 */
#ifndef JSD_FUZZ_H
#define JSD_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A NUL-terminated copy for parsers that take C strings; the caller frees it. */
char	*fuzz_string(const uint8_t *, size_t);

/* Every reader of a code's text as scanned or typed (len bytes, no NUL
 * needed): classification, token, digit, barcode and ticket parsing, and the
 * signed presented QR against the test vectors' key
 * (tests/vectors/pcode.txt) the day after it was made. */
void	fuzz_code_read(const char *text, size_t len);

#endif
