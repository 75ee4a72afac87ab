//go:build goexperiment.simd && amd64

package exec

import "simd/archsimd"

// simdKernel returns the AVX2+FMA micro-kernel when the CPU has both.
func simdKernel() (kernel, bool) {
	if !archsimd.X86.AVX2() || !archsimd.X86.FMA() {
		return kernel{}, false
	}
	return kernel{name: "avx2-4x16", mr: 4, nr: 16, fn: kernel4x16}, true
}

// kernel4x16 keeps a 4×16 block of C in eight 8-wide registers and performs
// one broadcast and two fused multiply-adds per A element.
func kernel4x16(a, b, acc []float32) {
	var c00, c01, c10, c11, c20, c21, c30, c31 archsimd.Float32x8
	n := len(b) / 16
	a = a[:4*n]
	b = b[:16*n]
	for i := 0; i < n; i++ {
		bb := (*[16]float32)(b[16*i:])
		aa := (*[4]float32)(a[4*i:])
		b0 := archsimd.LoadFloat32x8((*[8]float32)(bb[0:8]))
		b1 := archsimd.LoadFloat32x8((*[8]float32)(bb[8:16]))
		a0 := archsimd.BroadcastFloat32x8(aa[0])
		c00 = b0.MulAdd(a0, c00)
		c01 = b1.MulAdd(a0, c01)
		a1 := archsimd.BroadcastFloat32x8(aa[1])
		c10 = b0.MulAdd(a1, c10)
		c11 = b1.MulAdd(a1, c11)
		a2 := archsimd.BroadcastFloat32x8(aa[2])
		c20 = b0.MulAdd(a2, c20)
		c21 = b1.MulAdd(a2, c21)
		a3 := archsimd.BroadcastFloat32x8(aa[3])
		c30 = b0.MulAdd(a3, c30)
		c31 = b1.MulAdd(a3, c31)
	}
	out := (*[64]float32)(acc[:64])
	c00.Store((*[8]float32)(out[0:8]))
	c01.Store((*[8]float32)(out[8:16]))
	c10.Store((*[8]float32)(out[16:24]))
	c11.Store((*[8]float32)(out[24:32]))
	c20.Store((*[8]float32)(out[32:40]))
	c21.Store((*[8]float32)(out[40:48]))
	c30.Store((*[8]float32)(out[48:56]))
	c31.Store((*[8]float32)(out[56:64]))
}
