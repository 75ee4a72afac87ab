//go:build !(goexperiment.simd && amd64)

package exec

// simdKernel: this build has no SIMD micro-kernel (build with
// GOEXPERIMENT=simd on amd64 to get the AVX2+FMA one).
func simdKernel() (kernel, bool) { return kernel{}, false }
