// The cheap second steps of the projected gradient features (the first is a GEMM).

// Dense basis: phi[i, column + r] = sum_o P[i, o] * Y[i, r * outDim + o], Y = X * B'^T.
// Rows [rowOffset, rowOffset + n) of P and phi; Y holds just those n rows.
__kernel void contract(const int n, const int outDim, const int k, const int rowOffset,
                       __global const float* P, __global const float* Y,
                       __global float* phi, const int ldPhi, const int column) {
  const int r = get_global_id(0);
  const int i = get_global_id(1);
  if (r >= k || i >= n) return;
  __global const float* p = P + (long) (rowOffset + i) * outDim;
  __global const float* y = Y + (long) i * k * outDim + (long) r * outDim;
  float sum = 0.0f;
  for (int o = 0; o < outDim; o++) sum = fma(p[o], y[o], sum);
  phi[(long) (rowOffset + i) * ldPhi + column + r] = sum;
}

// Kronecker basis: phi[i, column + a * kIn + b] = L[i, a] * R[i, b].
__kernel void outer(const int n, const int kOut, const int kIn,
                    __global const float* L, __global const float* R,
                    __global float* phi, const int ldPhi, const int column) {
  const int ab = get_global_id(0);
  const int i = get_global_id(1);
  if (ab >= kOut * kIn || i >= n) return;
  const int a = ab / kIn, b = ab % kIn;
  phi[(long) i * ldPhi + column + ab] = L[(long) i * kOut + a] * R[(long) i * kIn + b];
}

// Chosen Kronecker pairs: phi[i, column + q] = W[q] * L[i, os[q]] * R[i, is[q]] (in that order).
__kernel void pairs(const int n, const int kOut, const int kIn, const int q,
                    __global const float* L, __global const float* R,
                    __global const int* os, __global const int* is, __global const float* W,
                    __global float* phi, const int ldPhi, const int column) {
  const int j = get_global_id(0);
  const int i = get_global_id(1);
  if (j >= q || i >= n) return;
  phi[(long) i * ldPhi + column + j] = (W[j] * L[(long) i * kOut + os[j]]) * R[(long) i * kIn + is[j]];
}
