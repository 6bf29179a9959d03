/*
 * The text bench's reference (docs/benchmarks.md, "text attribution"): times libdivsufsort's
 * divsufsort() on a file and writes the suffix array as little-endian int32, so the Java SA-IS
 * output can be compared byte for byte in the same run.
 *
 *   cc -O2 -o divsufsort_driver divsufsort_driver.c -ldivsufsort
 *   ./divsufsort_driver CORPUS SA_OUT   -> prints "seconds <wall> cpu <process CPU>" of divsufsort alone
 */
#include <divsufsort.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int main(int argc, char **argv) {
  if (argc != 3) { fprintf(stderr, "usage: %s CORPUS SA_OUT\n", argv[0]); return 2; }
  FILE *in = fopen(argv[1], "rb");
  if (!in) { perror(argv[1]); return 1; }
  fseek(in, 0, SEEK_END);
  long n = ftell(in);
  fseek(in, 0, SEEK_SET);
  sauchar_t *text = malloc(n > 0 ? n : 1);
  saidx_t *sa = malloc(sizeof(saidx_t) * (n > 0 ? n : 1));
  if (!text || !sa) { fprintf(stderr, "out of memory for %ld bytes\n", n); return 1; }
  if (fread(text, 1, n, in) != (size_t) n) { perror("read"); return 1; }
  fclose(in);
  struct timespec t0, t1, c0, c1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
  if (divsufsort(text, sa, (saidx_t) n) != 0) { fprintf(stderr, "divsufsort failed\n"); return 1; }
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  FILE *out = fopen(argv[2], "wb");
  if (!out) { perror(argv[2]); return 1; }
  /* saidx_t is int32 on x86-64; written in host (little-endian) order */
  if (fwrite(sa, sizeof(saidx_t), n, out) != (size_t) n) { perror("write"); return 1; }
  fclose(out);
  printf("seconds %.6f cpu %.6f\n", (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
         (c1.tv_sec - c0.tv_sec) + (c1.tv_nsec - c0.tv_nsec) / 1e9);
  return 0;
}
