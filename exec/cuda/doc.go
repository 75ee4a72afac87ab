// Package cuda is the CUDA backend of exec. It calls the CUDA driver API
// through cgo, loading libcuda.so.1 with dlopen at run time and declaring the
// few entry points it needs itself, so the binary builds without the CUDA SDK
// and runs (on the CPU) on machines without a driver.
//
//	Open(ordinal) ──► Backend: one context per device, modules from embedded PTX
//	  Run(ctx, Task): validate (exec.Registry) ─► stream per run ─► alloc/copy
//	                  ─► kernel launches in bounded chunks ─► poll cuStreamQuery,
//	                     checking ctx between polls and chunks ─► copy back ─► free
//
// Kernels are CUDA C in kernels/*.cu, compiled to PTX by clang-14 (make ptx,
// kernels/gen.sh) and embedded with go:embed; the driver JIT-compiles them
// for whatever GPU is present. Work is launched in chunks of bounded size, so
// a run whose context ends stops within one chunk (milliseconds) with
// exec.ErrDeadline, and the stream is idle again for the next run. Errors that
// poison a CUDA context (illegal address, launch failure) make the backend
// rebuild its context before the next run. Device output buffers are filled
// with 0xFF before each kernel so elements a kernel fails to write show up as
// NaN rather than stale data.
//
// Without cgo, on a non-Linux system or without libcuda.so.1, Open returns an
// error wrapping exec.ErrUnavailable that says why; the node then runs on the
// CPU backend.
package cuda
