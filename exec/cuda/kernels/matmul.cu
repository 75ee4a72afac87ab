// Tiled f32 matrix product and the MLP bias/activation step.
#include "common.h"

#define TILE 64
#define BK 16

// sgemm computes C = A×B for row-major A (M×K), B (K×N), C (M×N).
// Launch: grid (ceil(N/64), ceil(M/64)), block (16, 16). Each thread owns a
// 4×4 set of C elements strided by 16 so global loads and stores coalesce.
OGPU_KERNEL void sgemm(const float* __restrict__ A, const float* __restrict__ B,
                       float* __restrict__ C, int M, int N, int K) {
  __shared__ float As[BK][TILE + 1];
  __shared__ float Bs[BK][TILE];
  const int tx = tid_x(), ty = tid_y();
  const int t = ty * 16 + tx;
  const int bm = ctaid_y() * TILE, bn = ctaid_x() * TILE;
  float acc[4][4];
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) acc[i][j] = 0.f;
  for (int k0 = 0; k0 < K; k0 += BK) {
    for (int i = 0; i < 4; i++) {
      const int e = t + i * 256;
      const int r = e >> 4, c = e & 15;  // A tile: 64 rows × 16 cols
      const int gr = bm + r, gc = k0 + c;
      As[c][r] = (gr < M && gc < K) ? A[(long long)gr * K + gc] : 0.f;
    }
    for (int i = 0; i < 4; i++) {
      const int e = t + i * 256;
      const int r = e >> 6, c = e & 63;  // B tile: 16 rows × 64 cols
      const int gr = k0 + r, gc = bn + c;
      Bs[r][c] = (gr < K && gc < N) ? B[(long long)gr * N + gc] : 0.f;
    }
    __syncthreads();
#pragma unroll
    for (int kk = 0; kk < BK; kk++) {
      float a[4], b[4];
      for (int i = 0; i < 4; i++) a[i] = As[kk][ty + 16 * i];
      for (int j = 0; j < 4; j++) b[j] = Bs[kk][tx + 16 * j];
      for (int i = 0; i < 4; i++)
        for (int j = 0; j < 4; j++) acc[i][j] += a[i] * b[j];
    }
    __syncthreads();
  }
  for (int i = 0; i < 4; i++) {
    const int r = bm + ty + 16 * i;
    if (r >= M) continue;
    for (int j = 0; j < 4; j++) {
      const int c = bn + tx + 16 * j;
      if (c < N) C[(long long)r * N + c] = acc[i][j];
    }
  }
}

// bias_act adds bias[c] to every row of Y (rows×cols) and applies ReLU when
// relu != 0. Launch: 1-D, any size (grid-stride loop).
OGPU_KERNEL void bias_act(float* __restrict__ Y, const float* __restrict__ bias,
                          int rows, int cols, int relu) {
  const long long n = (long long)rows * cols;
  const long long stride = (long long)ntid_x() * nctaid_x();
  for (long long i = (long long)ctaid_x() * ntid_x() + tid_x(); i < n; i += stride) {
    float v = Y[i] + bias[i % cols];
    if (relu && v < 0.f) v = 0.f;
    Y[i] = v;
  }
}
