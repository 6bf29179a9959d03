// Tiled float GEMM, row-major: C (M x N) = A (M x K) * B, where B is K x N, or N x K when
// TRANSPOSE_B is 1. A work-group of (TS/RT) x (TS/RT) items computes one TS x TS tile of C, each
// item an RT x RT block spaced TS/RT apart (coalesced loads and stores, no local-memory bank
// conflicts). Tunables, passed as -D options: TS (tile), TK (depth per step), RT (register block).
#ifndef TS
#define TS 64
#endif
#ifndef TK
#define TK 16
#endif
#ifndef RT
#define RT 4
#endif
#ifndef TRANSPOSE_B
#define TRANSPOSE_B 0
#endif
#define WG (TS / RT)

__kernel __attribute__((reqd_work_group_size(WG, WG, 1)))
void gemm(const int M, const int N, const int K,
          __global const float* A, const int aOffset,
          __global const float* B,
          __global float* C) {
  const int tx = get_local_id(0);
  const int ty = get_local_id(1);
  const int n0 = get_group_id(0) * TS;
  const int m0 = get_group_id(1) * TS;
  const int flat = ty * WG + tx;
  __local float As[TK][TS + 1];
  __local float Bs[TK][TS + 1];
  float acc[RT][RT];
  for (int i = 0; i < RT; i++)
    for (int j = 0; j < RT; j++)
      acc[i][j] = 0.0f;
  A += aOffset;

  for (int k0 = 0; k0 < K; k0 += TK) {
    for (int e = flat; e < TS * TK; e += WG * WG) {
      const int mm = e / TK, kk = e % TK;
      const int gm = m0 + mm, gk = k0 + kk;
      As[kk][mm] = (gm < M && gk < K) ? A[(long) gm * K + gk] : 0.0f;
    }
    for (int e = flat; e < TS * TK; e += WG * WG) {
#if TRANSPOSE_B
      const int nn = e / TK, kk = e % TK;
      const int gn = n0 + nn, gk = k0 + kk;
      Bs[kk][nn] = (gn < N && gk < K) ? B[(long) gn * K + gk] : 0.0f;
#else
      const int kk = e / TS, nn = e % TS;
      const int gn = n0 + nn, gk = k0 + kk;
      Bs[kk][nn] = (gn < N && gk < K) ? B[(long) gk * N + gn] : 0.0f;
#endif
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int kk = 0; kk < TK; kk++) {
      float a[RT], b[RT];
      for (int i = 0; i < RT; i++) a[i] = As[kk][ty + i * WG];
      for (int j = 0; j < RT; j++) b[j] = Bs[kk][tx + j * WG];
      for (int i = 0; i < RT; i++)
        for (int j = 0; j < RT; j++)
          acc[i][j] = fma(a[i], b[j], acc[i][j]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int i = 0; i < RT; i++) {
    const int gm = m0 + ty + i * WG;
    if (gm >= M) continue;
    for (int j = 0; j < RT; j++) {
      const int gn = n0 + tx + j * WG;
      if (gn < N) C[(long) gm * N + gn] = acc[i][j];
    }
  }
}
