package cuda

import (
	"errors"
	"fmt"
)

// Result is a CUDA driver API status code (CUresult). Every non-zero code a
// driver call returns becomes a Result wrapped with the call's name, so
// errors.Is(err, cuda.ErrOutOfMemory) works.
type Result int

// Named CUresult codes (cuda.h, CUDA 12).
const (
	ErrInvalidValue         Result = 1
	ErrOutOfMemory          Result = 2
	ErrNotInitialized       Result = 3
	ErrDeinitialized        Result = 4
	ErrNoDevice             Result = 100
	ErrInvalidDevice        Result = 101
	ErrInvalidImage         Result = 200
	ErrInvalidContext       Result = 201
	ErrUnsupportedPTX       Result = 222
	ErrInvalidPTX           Result = 218
	ErrJITCompilerNotFound  Result = 221
	ErrInvalidSource        Result = 300
	ErrFileNotFound         Result = 301
	ErrInvalidHandle        Result = 400
	ErrNotFound             Result = 500
	ErrNotReady             Result = 600
	ErrIllegalAddress       Result = 700
	ErrLaunchOutOfResources Result = 701
	ErrLaunchTimeout        Result = 702
	ErrHardwareStackError   Result = 714
	ErrIllegalInstruction   Result = 715
	ErrMisalignedAddress    Result = 716
	ErrInvalidAddressSpace  Result = 717
	ErrInvalidPC            Result = 718
	ErrLaunchFailed         Result = 719
	ErrNotPermitted         Result = 800
	ErrNotSupported         Result = 801
	ErrSystemNotReady       Result = 802
	ErrSystemDriverMismatch Result = 803
	ErrUnknown              Result = 999
)

var resultNames = map[Result]string{
	1: "CUDA_ERROR_INVALID_VALUE", 2: "CUDA_ERROR_OUT_OF_MEMORY", 3: "CUDA_ERROR_NOT_INITIALIZED",
	4: "CUDA_ERROR_DEINITIALIZED", 5: "CUDA_ERROR_PROFILER_DISABLED", 34: "CUDA_ERROR_STUB_LIBRARY",
	46: "CUDA_ERROR_DEVICE_UNAVAILABLE", 100: "CUDA_ERROR_NO_DEVICE", 101: "CUDA_ERROR_INVALID_DEVICE",
	102: "CUDA_ERROR_DEVICE_NOT_LICENSED", 200: "CUDA_ERROR_INVALID_IMAGE", 201: "CUDA_ERROR_INVALID_CONTEXT",
	205: "CUDA_ERROR_MAP_FAILED", 209: "CUDA_ERROR_NO_BINARY_FOR_GPU", 214: "CUDA_ERROR_ECC_UNCORRECTABLE",
	218: "CUDA_ERROR_INVALID_PTX", 220: "CUDA_ERROR_NVLINK_UNCORRECTABLE", 221: "CUDA_ERROR_JIT_COMPILER_NOT_FOUND",
	222: "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", 223: "CUDA_ERROR_JIT_COMPILATION_DISABLED",
	300: "CUDA_ERROR_INVALID_SOURCE", 301: "CUDA_ERROR_FILE_NOT_FOUND", 302: "CUDA_ERROR_SHARED_OBJECT_SYMBOL_NOT_FOUND",
	303: "CUDA_ERROR_SHARED_OBJECT_INIT_FAILED", 304: "CUDA_ERROR_OPERATING_SYSTEM", 400: "CUDA_ERROR_INVALID_HANDLE",
	401: "CUDA_ERROR_ILLEGAL_STATE", 500: "CUDA_ERROR_NOT_FOUND", 600: "CUDA_ERROR_NOT_READY",
	700: "CUDA_ERROR_ILLEGAL_ADDRESS", 701: "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", 702: "CUDA_ERROR_LAUNCH_TIMEOUT",
	703: "CUDA_ERROR_LAUNCH_INCOMPATIBLE_TEXTURING", 709: "CUDA_ERROR_CONTEXT_IS_DESTROYED", 710: "CUDA_ERROR_ASSERT",
	714: "CUDA_ERROR_HARDWARE_STACK_ERROR", 715: "CUDA_ERROR_ILLEGAL_INSTRUCTION", 716: "CUDA_ERROR_MISALIGNED_ADDRESS",
	717: "CUDA_ERROR_INVALID_ADDRESS_SPACE", 718: "CUDA_ERROR_INVALID_PC", 719: "CUDA_ERROR_LAUNCH_FAILED",
	800: "CUDA_ERROR_NOT_PERMITTED", 801: "CUDA_ERROR_NOT_SUPPORTED", 802: "CUDA_ERROR_SYSTEM_NOT_READY",
	803: "CUDA_ERROR_SYSTEM_DRIVER_MISMATCH", 804: "CUDA_ERROR_COMPAT_NOT_SUPPORTED_ON_DEVICE", 999: "CUDA_ERROR_UNKNOWN",
}

// Name is the cuda.h name, e.g. "CUDA_ERROR_OUT_OF_MEMORY".
func (r Result) Name() string {
	if n, ok := resultNames[r]; ok {
		return n
	}
	return fmt.Sprintf("CUresult(%d)", int(r))
}

func (r Result) Error() string { return "cuda: " + r.Name() }

// Sticky reports whether the error leaves the context unusable, so that the
// backend must rebuild it before serving another run.
func (r Result) Sticky() bool {
	switch r {
	case ErrIllegalAddress, ErrLaunchTimeout, ErrHardwareStackError, ErrIllegalInstruction,
		ErrMisalignedAddress, ErrInvalidAddressSpace, ErrInvalidPC, ErrLaunchFailed, ErrUnknown:
		return true
	}
	return false
}

// check turns a CUresult into nil or an error naming the call.
func check(op string, r int) error {
	if r == 0 {
		return nil
	}
	return fmt.Errorf("%s: %w", op, Result(r))
}

// isSticky reports whether err carries a sticky Result.
func isSticky(err error) bool {
	var r Result
	return errors.As(err, &r) && r.Sticky()
}
