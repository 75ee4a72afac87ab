package exec

import (
	"context"
	"runtime"
)

// kernel is a register-blocked micro-kernel: given kb steps of an A panel
// packed mr-wide (a[k*mr+r]) and a B panel packed nr-wide (b[k*nr+j]), it
// writes the mr×nr product into acc (row-major, acc[r*nr+j]).
type kernel struct {
	name   string
	mr, nr int
	fn     func(a, b, acc []float32)
}

// Blocking sizes (GotoBLAS style): a kc×tileCols block of B and an mc×kc
// block of A are packed so that the micro-kernel streams them from cache.
const (
	sgemmKC = 256
	sgemmMC = 64
)

// sgemmKernel is chosen once at start-up from the CPU's features; it is
// never modified afterwards.
var sgemmKernel = pickKernel()

func pickKernel() kernel {
	if k, ok := simdKernel(); ok {
		return k
	}
	return kernel{name: "scalar4x2", mr: 4, nr: 2, fn: kernel4x2}
}

// SgemmKernel names the matmul micro-kernel this binary uses on this CPU
// ("scalar4x2", or "avx2-4x16" in GOEXPERIMENT=simd builds on AVX2+FMA CPUs).
func SgemmKernel() string { return sgemmKernel.name }

// kernel4x2 is the portable micro-kernel: 8 accumulators stay in registers.
func kernel4x2(a, b, acc []float32) {
	var c00, c01, c10, c11, c20, c21, c30, c31 float32
	n := len(b) / 2
	a = a[:4*n]
	b = b[:2*n]
	for len(b) >= 2 && len(a) >= 4 {
		b0, b1 := b[0], b[1]
		a0, a1, a2, a3 := a[0], a[1], a[2], a[3]
		c00 += a0 * b0
		c01 += a0 * b1
		c10 += a1 * b0
		c11 += a1 * b1
		c20 += a2 * b0
		c21 += a2 * b1
		c30 += a3 * b0
		c31 += a3 * b1
		a = a[4:]
		b = b[2:]
	}
	acc = acc[:8]
	acc[0], acc[1], acc[2], acc[3], acc[4], acc[5], acc[6], acc[7] = c00, c01, c10, c11, c20, c21, c30, c31
}

// sgemm computes C = A×B for row-major f32 matrices A (m×k), B (k×n) and
// C (m×n), overwriting every element of C. It runs on up to workers
// goroutines and stops early when ctx ends.
func sgemm(ctx context.Context, workers, m, n, k int, a, b, c []float32) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	kern := sgemmKernel
	// Tile C so that there are enough tiles to keep every worker busy.
	tr, tc := 256, 512
	for ceilDiv(m, tr)*ceilDiv(n, tc) < 2*workers && (tr > 2*kern.mr || tc > 2*kern.nr) {
		if tr >= tc/2 && tr > 2*kern.mr || tc <= 2*kern.nr {
			tr = roundUp(tr/2, kern.mr)
		} else {
			tc = roundUp(tc/2, kern.nr)
		}
	}
	rowTiles, colTiles := ceilDiv(m, tr), ceilDiv(n, tc)
	type bufs struct{ ap, bp []float32 }
	pool := make(chan *bufs, workers)
	for range workers {
		pool <- &bufs{
			ap: make([]float32, roundUp(min(sgemmMC, tr), kern.mr)*sgemmKC),
			bp: make([]float32, roundUp(tc, kern.nr)*sgemmKC),
		}
	}
	return parallelFor(ctx, workers, rowTiles*colTiles, func(t int) error {
		bf := <-pool
		defer func() { pool <- bf }()
		r0, c0 := (t/colTiles)*tr, (t%colTiles)*tc
		return sgemmTile(ctx, kern, a, b, c, k, n, r0, min(r0+tr, m), c0, min(c0+tc, n), bf.ap, bf.bp)
	})
}

// sgemmTile computes C[r0:r1, c0:c1].
func sgemmTile(ctx context.Context, kern kernel, a, b, c []float32, k, n, r0, r1, c0, c1 int, ap, bp []float32) error {
	mr, nr := kern.mr, kern.nr
	acc := make([]float32, mr*nr)
	cols := c1 - c0
	colPanels := ceilDiv(cols, nr)
	for pc := 0; pc < k; pc += sgemmKC {
		if err := ctx.Err(); err != nil {
			return CtxError(err)
		}
		kb := min(sgemmKC, k-pc)
		first := pc == 0
		// Pack B[pc:pc+kb, c0:c1] into nr-wide panels, zero-padded.
		for jp := range colPanels {
			panel := bp[jp*kb*nr : (jp+1)*kb*nr]
			j0 := c0 + jp*nr
			w := min(nr, c1-j0)
			for kk := range kb {
				row := b[(pc+kk)*n+j0 : (pc+kk)*n+j0+w]
				dst := panel[kk*nr : kk*nr+nr]
				copy(dst, row)
				clear(dst[w:])
			}
		}
		for ic := r0; ic < r1; ic += sgemmMC {
			mb := min(sgemmMC, r1-ic)
			rowPanels := ceilDiv(mb, mr)
			// Pack A[ic:ic+mb, pc:pc+kb] into mr-wide panels, zero-padded.
			for ip := range rowPanels {
				panel := ap[ip*kb*mr : (ip+1)*kb*mr]
				for r := range mr {
					i := ic + ip*mr + r
					if i >= ic+mb {
						for kk := range kb {
							panel[kk*mr+r] = 0
						}
						continue
					}
					src := a[i*k+pc : i*k+pc+kb]
					for kk, v := range src {
						panel[kk*mr+r] = v
					}
				}
			}
			for jp := range colPanels {
				bpanel := bp[jp*kb*nr : (jp+1)*kb*nr]
				j0 := c0 + jp*nr
				w := min(nr, c1-j0)
				for ip := range rowPanels {
					kern.fn(ap[ip*kb*mr:(ip+1)*kb*mr], bpanel, acc)
					i0 := ic + ip*mr
					h := min(mr, ic+mb-i0)
					for r := range h {
						dst := c[(i0+r)*n+j0 : (i0+r)*n+j0+w]
						src := acc[r*nr : r*nr+w]
						if first {
							copy(dst, src)
						} else {
							for j, v := range src {
								dst[j] += v
							}
						}
					}
				}
			}
		}
	}
	return nil
}

func ceilDiv(a, b int) int { return (a + b - 1) / b }
func roundUp(a, b int) int { return ceilDiv(a, b) * b }
