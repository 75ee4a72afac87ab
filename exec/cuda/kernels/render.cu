// ptx-flags: -ffp-contract=off
// Escape-time fractal: iteration counts for a band of rows of a tile. The
// arithmetic mirrors exec.RenderJob.Iterations operation for operation, with
// contraction into FMA disabled (ptx-flags above) so results match the CPU bit for bit.
#include "common.h"

// Launch: 1-D, any size (grid-stride over rows*tile_w pixels). Pixel (c, r)
// of the band is global pixel (tile_x + c, row0 + r); counts are written at
// out[r*tile_w + c].
OGPU_KERNEL void render(unsigned int* __restrict__ out, int tile_x, int row0, int tile_w, int rows,
                        double x0, double y1, double dx, double dy, int max_iter,
                        int julia, double jr, double ji) {
  const long long n = (long long)rows * tile_w;
  const long long stride = (long long)ntid_x() * nctaid_x();
  for (long long i = (long long)ctaid_x() * ntid_x() + tid_x(); i < n; i += stride) {
    const int c = (int)(i % tile_w), r = (int)(i / tile_w);
    const double x = x0 + ((double)(tile_x + c) + 0.5) * dx;
    const double y = y1 - ((double)(row0 + r) + 0.5) * dy;
    double zr = 0, zi = 0, cr = x, ci = y;
    if (julia) { zr = x; zi = y; cr = jr; ci = ji; }
    int it = 0;
    for (; it < max_iter; it++) {
      const double zr2 = zr * zr, zi2 = zi * zi;
      if (zr2 + zi2 > 4.0) break;
      zi = 2.0 * zr * zi + ci;
      zr = zr2 - zi2 + cr;
    }
    out[i] = (unsigned int)it;
  }
}
