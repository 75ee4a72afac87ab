//go:build cgo && linux

package cuda

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Our own minimal declarations of the CUDA driver API (no SDK headers).
typedef int CUresult;
typedef int CUdevice;
typedef void* CUcontext;
typedef void* CUmodule;
typedef void* CUfunction;
typedef void* CUstream;
typedef unsigned long long CUdeviceptr;

static CUresult (*p_cuInit)(unsigned int);
static CUresult (*p_cuDriverGetVersion)(int*);
static CUresult (*p_cuDeviceGetCount)(int*);
static CUresult (*p_cuDeviceGet)(CUdevice*, int);
static CUresult (*p_cuDeviceGetName)(char*, int, CUdevice);
static CUresult (*p_cuDeviceTotalMem)(size_t*, CUdevice);
static CUresult (*p_cuDeviceGetAttribute)(int*, int, CUdevice);
static CUresult (*p_cuDevicePrimaryCtxRetain)(CUcontext*, CUdevice);
static CUresult (*p_cuDevicePrimaryCtxRelease)(CUdevice);
static CUresult (*p_cuDevicePrimaryCtxReset)(CUdevice);
static CUresult (*p_cuCtxSetCurrent)(CUcontext);
static CUresult (*p_cuStreamCreate)(CUstream*, unsigned int);
static CUresult (*p_cuStreamDestroy)(CUstream);
static CUresult (*p_cuStreamQuery)(CUstream);
static CUresult (*p_cuMemAlloc)(CUdeviceptr*, size_t);
static CUresult (*p_cuMemFree)(CUdeviceptr);
static CUresult (*p_cuMemGetInfo)(size_t*, size_t*);
static CUresult (*p_cuMemcpyHtoD)(CUdeviceptr, const void*, size_t);
static CUresult (*p_cuMemcpyDtoH)(void*, CUdeviceptr, size_t);
static CUresult (*p_cuMemsetD8Async)(CUdeviceptr, unsigned char, size_t, CUstream);
static CUresult (*p_cuModuleLoadDataEx)(CUmodule*, const void*, unsigned int, int*, void**);
static CUresult (*p_cuModuleUnload)(CUmodule);
static CUresult (*p_cuModuleGetFunction)(CUfunction*, CUmodule, const char*);
static CUresult (*p_cuLaunchKernel)(CUfunction, unsigned int, unsigned int, unsigned int,
	unsigned int, unsigned int, unsigned int, unsigned int, CUstream, void**, void**);

// ogpu_cuda_load opens libcuda.so.1 and resolves every symbol. It is called
// once per process (sync.Once on the Go side). On failure it writes the
// reason into err and returns -1.
static int ogpu_cuda_load(char* err, size_t n) {
	void* h = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
	if (!h) { snprintf(err, n, "%s", dlerror()); return -1; }
#define SYM(var, name) do { *(void**)(&var) = dlsym(h, name); if (!var) { snprintf(err, n, "libcuda.so.1 lacks %s", name); return -1; } } while (0)
	SYM(p_cuInit, "cuInit");
	SYM(p_cuDriverGetVersion, "cuDriverGetVersion");
	SYM(p_cuDeviceGetCount, "cuDeviceGetCount");
	SYM(p_cuDeviceGet, "cuDeviceGet");
	SYM(p_cuDeviceGetName, "cuDeviceGetName");
	SYM(p_cuDeviceTotalMem, "cuDeviceTotalMem_v2");
	SYM(p_cuDeviceGetAttribute, "cuDeviceGetAttribute");
	SYM(p_cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
	SYM(p_cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2");
	SYM(p_cuDevicePrimaryCtxReset, "cuDevicePrimaryCtxReset_v2");
	SYM(p_cuCtxSetCurrent, "cuCtxSetCurrent");
	SYM(p_cuStreamCreate, "cuStreamCreate");
	SYM(p_cuStreamDestroy, "cuStreamDestroy_v2");
	SYM(p_cuStreamQuery, "cuStreamQuery");
	SYM(p_cuMemAlloc, "cuMemAlloc_v2");
	SYM(p_cuMemFree, "cuMemFree_v2");
	SYM(p_cuMemGetInfo, "cuMemGetInfo_v2");
	SYM(p_cuMemcpyHtoD, "cuMemcpyHtoD_v2");
	SYM(p_cuMemcpyDtoH, "cuMemcpyDtoH_v2");
	SYM(p_cuMemsetD8Async, "cuMemsetD8Async");
	SYM(p_cuModuleLoadDataEx, "cuModuleLoadDataEx");
	SYM(p_cuModuleUnload, "cuModuleUnload");
	SYM(p_cuModuleGetFunction, "cuModuleGetFunction");
	SYM(p_cuLaunchKernel, "cuLaunchKernel");
#undef SYM
	return 0;
}

static CUresult ogpu_init(void) { return p_cuInit(0); }
static CUresult ogpu_driver_version(int* v) { return p_cuDriverGetVersion(v); }
static CUresult ogpu_device_count(int* n) { return p_cuDeviceGetCount(n); }

// ogpu_device_info fills a device's handle, name, memory and compute capability.
static CUresult ogpu_device_info(int ordinal, CUdevice* dev, char* name, int nlen, size_t* mem, int* major, int* minor) {
	CUresult r = p_cuDeviceGet(dev, ordinal);
	if (r) return r;
	if ((r = p_cuDeviceGetName(name, nlen, *dev))) return r;
	if ((r = p_cuDeviceTotalMem(mem, *dev))) return r;
	if ((r = p_cuDeviceGetAttribute(major, 75, *dev))) return r;  // COMPUTE_CAPABILITY_MAJOR
	return p_cuDeviceGetAttribute(minor, 76, *dev);               // COMPUTE_CAPABILITY_MINOR
}

static CUresult ogpu_ctx_retain(CUdevice dev, CUcontext* ctx) { return p_cuDevicePrimaryCtxRetain(ctx, dev); }
static CUresult ogpu_ctx_release(CUdevice dev) { return p_cuDevicePrimaryCtxRelease(dev); }
static CUresult ogpu_ctx_reset(CUdevice dev) { return p_cuDevicePrimaryCtxReset(dev); }

// Every call below makes ctx current on the calling OS thread first, so Go
// may run each call on any thread.
static CUresult ogpu_stream_create(CUcontext ctx, CUstream* s) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuStreamCreate(s, 1);  // CU_STREAM_NON_BLOCKING
}
static CUresult ogpu_stream_destroy(CUcontext ctx, CUstream s) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuStreamDestroy(s);
}
static CUresult ogpu_stream_query(CUcontext ctx, CUstream s) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuStreamQuery(s);
}
static CUresult ogpu_mem_alloc(CUcontext ctx, CUdeviceptr* p, size_t n) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuMemAlloc(p, n);
}
static CUresult ogpu_mem_free(CUcontext ctx, CUdeviceptr p) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuMemFree(p);
}
static CUresult ogpu_mem_info(CUcontext ctx, size_t* free, size_t* total) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuMemGetInfo(free, total);
}
static CUresult ogpu_htod(CUcontext ctx, CUdeviceptr dst, const void* src, size_t n) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuMemcpyHtoD(dst, src, n);
}
static CUresult ogpu_dtoh(CUcontext ctx, void* dst, CUdeviceptr src, size_t n) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuMemcpyDtoH(dst, src, n);
}
static CUresult ogpu_memset(CUcontext ctx, CUdeviceptr p, unsigned char v, size_t n, CUstream s) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuMemsetD8Async(p, v, n, s);
}
static CUresult ogpu_module_load(CUcontext ctx, const char* ptx, CUmodule* m, char* log, size_t nlog) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	if (r) return r;
	int opts[2] = {5, 6};  // CU_JIT_ERROR_LOG_BUFFER, CU_JIT_ERROR_LOG_BUFFER_SIZE_BYTES
	void* vals[2] = {log, (void*)nlog};
	return p_cuModuleLoadDataEx(m, ptx, 2, opts, vals);
}
static CUresult ogpu_module_unload(CUcontext ctx, CUmodule m) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuModuleUnload(m);
}
static CUresult ogpu_function(CUcontext ctx, CUmodule m, const char* name, CUfunction* f) {
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuModuleGetFunction(f, m, name);
}
// ogpu_launch passes args[i] (8-byte slots, little-endian) as the kernel's
// parameters; the driver copies them before returning.
static CUresult ogpu_launch(CUcontext ctx, CUfunction f, unsigned gx, unsigned gy, unsigned gz,
		unsigned bx, unsigned by, unsigned bz, unsigned shmem, CUstream s,
		unsigned long long* args, int nargs) {
	void* params[32];
	if (nargs > 32) return 1;  // CUDA_ERROR_INVALID_VALUE
	for (int i = 0; i < nargs; i++) params[i] = &args[i];
	CUresult r = p_cuCtxSetCurrent(ctx);
	return r ? r : p_cuLaunchKernel(f, gx, gy, gz, bx, by, bz, shmem, s, params, NULL);
}
*/
import "C"

import (
	"fmt"
	"sync"
	"unsafe"
)

type (
	dptr     uint64
	cuStream struct{ p C.CUstream }
	cuFunc   struct{ p C.CUfunction }
	cuModule struct{ p C.CUmodule }
)

// libcuda is loaded at most once per process: dlopen state is process-wide.
var loadDriver = sync.OnceValue(func() error {
	var buf [512]C.char
	if C.ogpu_cuda_load(&buf[0], C.size_t(len(buf))) != 0 {
		return fmt.Errorf("cannot load the CUDA driver: %s", C.GoString(&buf[0]))
	}
	if err := check("cuInit", int(C.ogpu_init())); err != nil {
		return err
	}
	return nil
})

func driverVersion() (int, error) {
	if err := loadDriver(); err != nil {
		return 0, err
	}
	var v C.int
	err := check("cuDriverGetVersion", int(C.ogpu_driver_version(&v)))
	return int(v), err
}

func deviceCount() (int, error) {
	if err := loadDriver(); err != nil {
		return 0, err
	}
	var n C.int
	if err := check("cuDeviceGetCount", int(C.ogpu_device_count(&n))); err != nil {
		return 0, err
	}
	return int(n), nil
}

// device is one GPU with its retained primary context.
type device struct {
	ordinal      int
	dev          C.CUdevice
	ctx          C.CUcontext
	name         string
	mem          uint64
	major, minor int
}

func openDevice(ordinal int) (*device, error) {
	if err := loadDriver(); err != nil {
		return nil, err
	}
	d := &device{ordinal: ordinal}
	var name [256]C.char
	var mem C.size_t
	var major, minor C.int
	if err := check("cuDeviceGet", int(C.ogpu_device_info(C.int(ordinal), &d.dev, &name[0], C.int(len(name)), &mem, &major, &minor))); err != nil {
		return nil, err
	}
	d.name, d.mem, d.major, d.minor = C.GoString(&name[0]), uint64(mem), int(major), int(minor)
	if err := check("cuDevicePrimaryCtxRetain", int(C.ogpu_ctx_retain(d.dev, &d.ctx))); err != nil {
		return nil, err
	}
	return d, nil
}

// reset destroys and re-creates the primary context (after a sticky error).
// Modules and allocations made before are gone.
func (d *device) reset() error {
	_ = C.ogpu_ctx_release(d.dev)
	if err := check("cuDevicePrimaryCtxReset", int(C.ogpu_ctx_reset(d.dev))); err != nil {
		return err
	}
	return check("cuDevicePrimaryCtxRetain", int(C.ogpu_ctx_retain(d.dev, &d.ctx)))
}

func (d *device) close() error {
	return check("cuDevicePrimaryCtxRelease", int(C.ogpu_ctx_release(d.dev)))
}

func (d *device) memInfo() (free, total uint64, err error) {
	var f, t C.size_t
	err = check("cuMemGetInfo", int(C.ogpu_mem_info(d.ctx, &f, &t)))
	return uint64(f), uint64(t), err
}

func (d *device) loadModule(ptx string) (cuModule, error) {
	cs := C.CString(ptx)
	defer C.free(unsafe.Pointer(cs))
	var log [4096]C.char
	var m C.CUmodule
	if r := int(C.ogpu_module_load(d.ctx, cs, &m, &log[0], C.size_t(len(log)))); r != 0 {
		return cuModule{}, fmt.Errorf("cuModuleLoadDataEx: %w (JIT log: %s)", Result(r), C.GoString(&log[0]))
	}
	return cuModule{m}, nil
}

func (d *device) unloadModule(m cuModule) error {
	return check("cuModuleUnload", int(C.ogpu_module_unload(d.ctx, m.p)))
}

func (d *device) function(m cuModule, name string) (cuFunc, error) {
	cs := C.CString(name)
	defer C.free(unsafe.Pointer(cs))
	var f C.CUfunction
	if err := check("cuModuleGetFunction("+name+")", int(C.ogpu_function(d.ctx, m.p, cs, &f))); err != nil {
		return cuFunc{}, err
	}
	return cuFunc{f}, nil
}

func (d *device) newStream() (cuStream, error) {
	var s C.CUstream
	err := check("cuStreamCreate", int(C.ogpu_stream_create(d.ctx, &s)))
	return cuStream{s}, err
}

func (d *device) destroyStream(s cuStream) error {
	return check("cuStreamDestroy", int(C.ogpu_stream_destroy(d.ctx, s.p)))
}

// query reports whether all work on s has finished.
func (d *device) query(s cuStream) (bool, error) {
	r := int(C.ogpu_stream_query(d.ctx, s.p))
	switch r {
	case 0:
		return true, nil
	case int(ErrNotReady):
		return false, nil
	}
	return false, check("cuStreamQuery", r)
}

func (d *device) alloc(n int) (dptr, error) {
	var p C.CUdeviceptr
	err := check("cuMemAlloc", int(C.ogpu_mem_alloc(d.ctx, &p, C.size_t(max(n, 1)))))
	return dptr(p), err
}

func (d *device) free(p dptr) error {
	return check("cuMemFree", int(C.ogpu_mem_free(d.ctx, C.CUdeviceptr(p))))
}

// htod copies src to device memory synchronously (src is only read during
// the call, as cgo requires).
func (d *device) htod(dst dptr, src []byte) error {
	if len(src) == 0 {
		return nil
	}
	return check("cuMemcpyHtoD", int(C.ogpu_htod(d.ctx, C.CUdeviceptr(dst), unsafe.Pointer(&src[0]), C.size_t(len(src)))))
}

// dtoh copies device memory to dst synchronously.
func (d *device) dtoh(dst []byte, src dptr) error {
	if len(dst) == 0 {
		return nil
	}
	return check("cuMemcpyDtoH", int(C.ogpu_dtoh(d.ctx, unsafe.Pointer(&dst[0]), C.CUdeviceptr(src), C.size_t(len(dst)))))
}

func (d *device) memset(p dptr, v byte, n int, s cuStream) error {
	return check("cuMemsetD8Async", int(C.ogpu_memset(d.ctx, C.CUdeviceptr(p), C.uchar(v), C.size_t(n), s.p)))
}

func (d *device) launch(f cuFunc, grid, block [3]uint32, s cuStream, args []uint64) error {
	var ap *C.ulonglong
	if len(args) > 0 {
		ap = (*C.ulonglong)(unsafe.Pointer(&args[0]))
	}
	return check("cuLaunchKernel", int(C.ogpu_launch(d.ctx, f.p,
		C.uint(grid[0]), C.uint(grid[1]), C.uint(grid[2]),
		C.uint(block[0]), C.uint(block[1]), C.uint(block[2]),
		0, s.p, ap, C.int(len(args)))))
}
