// Exact integer scoring: S[q, c] = sum_k Psi[q, k] * U[c, k], int16 in, int64 out. A product of two
// int16 is exact in int32; the sum is kept in 64 bits. Integer addition is associative, so the
// tiling order cannot change a score: results are bit-identical to every other backend.
// Tunables (-D): TS (tile), TK (depth per step), RT (register block).
#ifndef TS
#define TS 32
#endif
#ifndef TK
#define TK 32
#endif
#ifndef RT
#define RT 2
#endif
#define WG (TS / RT)

__kernel __attribute__((reqd_work_group_size(WG, WG, 1)))
void scores(const int Q, const int C, const int K,
            __global const short* Psi, __global const short* U, const int uOffsetRows,
            __global long* S) {
  const int tx = get_local_id(0);
  const int ty = get_local_id(1);
  const int c0 = get_group_id(0) * TS;
  const int q0 = get_group_id(1) * TS;
  const int flat = ty * WG + tx;
  __local short Ps[TK][TS + 1];
  __local short Us[TK][TS + 1];
  long acc[RT][RT];
  for (int i = 0; i < RT; i++)
    for (int j = 0; j < RT; j++)
      acc[i][j] = 0;
  U += (long) uOffsetRows * K;

  for (int k0 = 0; k0 < K; k0 += TK) {
    for (int e = flat; e < TS * TK; e += WG * WG) {
      const int mm = e / TK, kk = e % TK;
      const int gq = q0 + mm, gk = k0 + kk;
      Ps[kk][mm] = (gq < Q && gk < K) ? Psi[(long) gq * K + gk] : (short) 0;
      const int gc = c0 + mm;
      Us[kk][mm] = (gc < C && gk < K) ? U[(long) gc * K + gk] : (short) 0;
    }
    barrier(CLK_LOCAL_MEM_FENCE);
    for (int kk = 0; kk < TK; kk++) {
      int a[RT], b[RT];
      for (int i = 0; i < RT; i++) a[i] = Ps[kk][ty + i * WG];
      for (int j = 0; j < RT; j++) b[j] = Us[kk][tx + j * WG];
      for (int i = 0; i < RT; i++)
        for (int j = 0; j < RT; j++)
          acc[i][j] += (long) (a[i] * b[j]);
    }
    barrier(CLK_LOCAL_MEM_FENCE);
  }
  for (int i = 0; i < RT; i++) {
    const int gq = q0 + ty + i * WG;
    if (gq >= Q) continue;
    for (int j = 0; j < RT; j++) {
      const int gc = c0 + tx + j * WG;
      if (gc < C) S[(long) gq * C + gc] = acc[i][j];
    }
  }
}

// Per-chunk top M of each row: work-item (chunk, q) scans contributors [chunk*CHUNK, ...) of its
// block in ascending order and keeps the M best with an insertion sort. Strictly-greater
// replacement keeps the lower index on ties. The host merges the chunks' candidates in the same
// total order (higher score, then lower index). MAX_M bounds the private arrays.
#ifndef MAX_M
#define MAX_M 64
#endif
__kernel void topm(const int Q, const int C, const int M, const int chunk, const int indexBase,
                   __global const long* S,
                   __global long* candScores, __global int* candIndices) {
  const int ch = get_global_id(0);
  const int q = get_global_id(1);
  const int chunks = (C + chunk - 1) / chunk;
  if (ch >= chunks || q >= Q) return;
  long best[MAX_M];
  int idx[MAX_M];
  int size = 0;
  const int start = ch * chunk;
  const int end = min(C, start + chunk);
  __global const long* row = S + (long) q * C;
  for (int c = start; c < end; c++) {
    const long s = row[c];
    if (size == M && s <= best[M - 1]) continue;
    int pos = size == M ? M - 1 : size++;
    while (pos > 0 && s > best[pos - 1]) {
      best[pos] = best[pos - 1];
      idx[pos] = idx[pos - 1];
      pos--;
    }
    best[pos] = s;
    idx[pos] = indexBase + c;
  }
  const long out = ((long) q * chunks + ch) * M;
  for (int j = 0; j < M; j++) {
    candScores[out + j] = j < size ? best[j] : 0;
    candIndices[out + j] = j < size ? idx[j] : -1;
  }
}
