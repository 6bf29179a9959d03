// Keccak-256 (Ethereum: original padding 0x01 ... 0x80, rate 136 bytes), one message per
// work-item. Message i is bytes[offsets[i] .. offsets[i + 1]); its digest goes to out[32 i ..].

__constant ulong RC[24] = {
  0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
  0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
  0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
  0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
  0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
  0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL};

// rho offsets and pi destinations, in lane order x + 5y.
__constant int RHO[25] = {0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14};
__constant int PI[25] = {0, 10, 20, 5, 15, 16, 1, 11, 21, 6, 7, 17, 2, 12, 22, 23, 8, 18, 3, 13, 14, 24, 9, 19, 4};

inline ulong rotl(ulong v, int n) { return n == 0 ? v : rotate(v, (ulong) n); }

void keccakf(ulong* a) {
  for (int round = 0; round < 24; round++) {
    ulong c[5], b[25];
    for (int x = 0; x < 5; x++) c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
    for (int x = 0; x < 5; x++) {
      const ulong d = c[(x + 4) % 5] ^ rotl(c[(x + 1) % 5], 1);
      for (int y = 0; y < 25; y += 5) a[x + y] ^= d;
    }
    for (int i = 0; i < 25; i++) b[PI[i]] = rotl(a[i], RHO[i]);
    for (int y = 0; y < 25; y += 5)
      for (int x = 0; x < 5; x++) a[x + y] = b[x + y] ^ (~b[(x + 1) % 5 + y] & b[(x + 2) % 5 + y]);
    a[0] ^= RC[round];
  }
}

__kernel void keccak256(const int count, __global const uchar* bytes, __global const int* offsets,
                        __global uchar* out) {
  const int id = get_global_id(0);
  if (id >= count) return;
  ulong s[25];
  for (int i = 0; i < 25; i++) s[i] = 0;
  int pos = offsets[id];
  const int end = offsets[id + 1];
  while (end - pos >= 136) {
    for (int lane = 0; lane < 17; lane++) {
      ulong v = 0;
      for (int b = 7; b >= 0; b--) v = (v << 8) | bytes[pos + lane * 8 + b];
      s[lane] ^= v;
    }
    keccakf(s);
    pos += 136;
  }
  const int rest = end - pos;
  for (int lane = 0; lane < 17; lane++) {
    ulong v = 0;
    for (int b = 7; b >= 0; b--) {
      const int at = lane * 8 + b;
      uchar byte = at < rest ? bytes[pos + at] : (uchar) 0;
      if (at == rest) byte ^= (uchar) 0x01;
      if (at == 135) byte ^= (uchar) 0x80;
      v = (v << 8) | byte;
    }
    s[lane] ^= v;
  }
  keccakf(s);
  for (int lane = 0; lane < 4; lane++)
    for (int b = 0; b < 8; b++) out[(long) id * 32 + lane * 8 + b] = (uchar) (s[lane] >> (8 * b));
}
