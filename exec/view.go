package exec

import (
	"encoding/binary"
	"unsafe"
)

// littleEndian is fixed at start-up and never changes.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// f32View reinterprets little-endian f32 bytes as []float32 without copying
// when the platform is little-endian and b is 4-byte aligned.
func f32View(b []byte) ([]float32, bool) {
	if !littleEndian || len(b)%4 != 0 || uintptr(unsafe.Pointer(unsafe.SliceData(b)))%4 != 0 {
		return nil, false
	}
	if len(b) == 0 {
		return []float32{}, true
	}
	return unsafe.Slice((*float32)(unsafe.Pointer(&b[0])), len(b)/4), true
}

// f32In returns the f32 payload of a validated blob, as a view when possible
// (callers must not write to it) or as a copy.
func f32In(blob []byte, ndim int) []float32 {
	p := blob[HeaderSize(ndim):]
	if v, ok := f32View(p); ok {
		return v
	}
	v := make([]float32, len(p)/4)
	getF32(v, p)
	return v
}

// f32Out returns a []float32 to write an output payload into, and a function
// that makes sure the values end up in the blob (a no-op for a view).
func f32Out(blob []byte, ndim int) ([]float32, func()) {
	p := blob[HeaderSize(ndim):]
	if v, ok := f32View(p); ok {
		return v, func() {}
	}
	v := make([]float32, len(p)/4)
	return v, func() { putF32(p, v) }
}
