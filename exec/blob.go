package exec

import (
	"encoding/binary"
	"fmt"
	"math"
)

// Blob header layout (all integers little-endian):
//
//	offset  size     field
//	0       4        magic "OGPB"
//	4       1        version (1)
//	5       1        dtype (DType)
//	6       1        ndim, 1..MaxDims
//	7       1        reserved, must be 0
//	8       8*ndim   dims, uint64 each, every dim >= 1
//	8+8*ndim …       payload
//
// For the element dtypes (F32, U8, U32, U64) the payload is exactly
// product(dims)*Size bytes, row-major, little-endian. For DTypeMLP the dims
// are the layer widths d0..dL and the payload is, for each layer i, the
// weights W_i (d_i × d_{i+1}, row-major) followed by the bias b_i (d_{i+1}),
// all f32.
const (
	BlobMagic   = "OGPB"
	BlobVersion = 1
	// MaxDims is the largest ndim a blob may have.
	MaxDims = 16
	// MaxBlobBytes caps any blob's payload (4 GiB).
	MaxBlobBytes = 4 << 30
)

// DType is a blob's element type.
type DType uint8

// Element types.
const (
	F32 DType = 1 // float32
	U8  DType = 2 // uint8
	U32 DType = 3 // uint32
	U64 DType = 4 // uint64
	// DTypeMLP is an MLP model: dims are layer widths, payload weights+biases (f32).
	DTypeMLP DType = 5
)

// Size is the element size in bytes.
func (d DType) Size() int {
	switch d {
	case F32, U32, DTypeMLP:
		return 4
	case U8:
		return 1
	case U64:
		return 8
	}
	return 0
}

func (d DType) String() string {
	switch d {
	case F32:
		return "f32"
	case U8:
		return "u8"
	case U32:
		return "u32"
	case U64:
		return "u64"
	case DTypeMLP:
		return "mlp-f32"
	}
	return fmt.Sprintf("dtype(%d)", uint8(d))
}

// Blob is a decoded blob. Data aliases the encoded bytes.
type Blob struct {
	DType DType
	Shape []int
	Data  []byte
}

// HeaderSize is the header length for ndim dimensions.
func HeaderSize(ndim int) int { return 8 + 8*ndim }

// payloadSize returns the payload length a header implies.
func payloadSize(dt DType, shape []int) (int, error) {
	if len(shape) < 1 || len(shape) > MaxDims {
		return 0, fmt.Errorf("%w: ndim %d outside 1..%d", ErrBadBlob, len(shape), MaxDims)
	}
	for i, d := range shape {
		if d < 1 {
			return 0, fmt.Errorf("%w: dim %d is %d, must be >= 1", ErrBadBlob, i, d)
		}
	}
	const limit = MaxBlobBytes
	switch dt {
	case F32, U8, U32, U64:
		n := dt.Size()
		for _, d := range shape {
			if d > limit/n {
				return 0, fmt.Errorf("%w: payload exceeds %d bytes", ErrBadBlob, limit)
			}
			n *= d
		}
		return n, nil
	case DTypeMLP:
		if len(shape) < 2 {
			return 0, fmt.Errorf("%w: mlp model needs at least 2 layer widths", ErrBadBlob)
		}
		total := 0
		for i := 0; i+1 < len(shape); i++ {
			in, out := shape[i], shape[i+1]
			if in > limit || out > limit/(in+1) {
				return 0, fmt.Errorf("%w: payload exceeds %d bytes", ErrBadBlob, limit)
			}
			total += (in + 1) * out
			if total > limit/4 {
				return 0, fmt.Errorf("%w: payload exceeds %d bytes", ErrBadBlob, limit)
			}
		}
		return total * 4, nil
	}
	return 0, fmt.Errorf("%w: unknown dtype %d", ErrBadBlob, uint8(dt))
}

// DecodeBlob parses a blob's header and checks that the payload length
// matches it. The returned Data aliases b.
func DecodeBlob(b []byte) (Blob, error) {
	if len(b) < 8 {
		return Blob{}, fmt.Errorf("%w: %d bytes is shorter than the 8-byte header", ErrBadBlob, len(b))
	}
	if string(b[:4]) != BlobMagic {
		return Blob{}, fmt.Errorf("%w: bad magic %q, want %q", ErrBadBlob, b[:4], BlobMagic)
	}
	if b[4] != BlobVersion {
		return Blob{}, fmt.Errorf("%w: version %d not supported (want %d)", ErrBadBlob, b[4], BlobVersion)
	}
	if b[7] != 0 {
		return Blob{}, fmt.Errorf("%w: reserved byte is %d, want 0", ErrBadBlob, b[7])
	}
	dt, ndim := DType(b[5]), int(b[6])
	if ndim < 1 || ndim > MaxDims {
		return Blob{}, fmt.Errorf("%w: ndim %d outside 1..%d", ErrBadBlob, ndim, MaxDims)
	}
	hs := HeaderSize(ndim)
	if len(b) < hs {
		return Blob{}, fmt.Errorf("%w: %d bytes is shorter than the %d-byte header", ErrBadBlob, len(b), hs)
	}
	shape := make([]int, ndim)
	for i := range shape {
		d := binary.LittleEndian.Uint64(b[8+8*i:])
		if d > MaxBlobBytes {
			return Blob{}, fmt.Errorf("%w: dim %d is %d, too large", ErrBadBlob, i, d)
		}
		shape[i] = int(d)
	}
	want, err := payloadSize(dt, shape)
	if err != nil {
		return Blob{}, err
	}
	if got := len(b) - hs; got != want {
		return Blob{}, fmt.Errorf("%w: %s%v payload is %d bytes, want %d", ErrBadBlob, dt, shape, got, want)
	}
	return Blob{DType: dt, Shape: shape, Data: b[hs:]}, nil
}

// AllocBlob returns a blob with a valid header and a zeroed payload. When buf
// has enough capacity it is reused (its contents beyond the header are left
// as they were, so callers must write every payload byte).
func AllocBlob(buf []byte, dt DType, shape []int) ([]byte, error) {
	n, err := payloadSize(dt, shape)
	if err != nil {
		return nil, err
	}
	hs := HeaderSize(len(shape))
	var b []byte
	if cap(buf) >= hs+n {
		b = buf[:hs+n]
	} else {
		b = make([]byte, hs+n)
	}
	copy(b, BlobMagic)
	b[4], b[5], b[6], b[7] = BlobVersion, byte(dt), byte(len(shape)), 0
	for i, d := range shape {
		binary.LittleEndian.PutUint64(b[8+8*i:], uint64(d))
	}
	return b, nil
}

// EncodeBlob builds a blob from a header and a payload (copied).
func EncodeBlob(dt DType, shape []int, payload []byte) ([]byte, error) {
	b, err := AllocBlob(nil, dt, shape)
	if err != nil {
		return nil, err
	}
	hs := HeaderSize(len(shape))
	if len(payload) != len(b)-hs {
		return nil, fmt.Errorf("%w: payload is %d bytes, header says %d", ErrBadBlob, len(payload), len(b)-hs)
	}
	copy(b[hs:], payload)
	return b, nil
}

// F32Blob encodes float32 values with the given shape.
func F32Blob(shape []int, vals []float32) ([]byte, error) {
	b, err := AllocBlob(nil, F32, shape)
	if err != nil {
		return nil, err
	}
	hs := HeaderSize(len(shape))
	if len(vals)*4 != len(b)-hs {
		return nil, fmt.Errorf("%w: %d values for shape %v", ErrBadBlob, len(vals), shape)
	}
	putF32(b[hs:], vals)
	return b, nil
}

// F32s returns the payload as float32 values (a copy). It requires an F32
// or DTypeMLP blob.
func (b Blob) F32s() ([]float32, error) {
	if b.DType != F32 && b.DType != DTypeMLP {
		return nil, fmt.Errorf("%w: dtype %s, want f32", ErrBadBlob, b.DType)
	}
	out := make([]float32, len(b.Data)/4)
	getF32(out, b.Data)
	return out, nil
}

// DecodeF32 decodes an f32 blob and checks its shape when want is non-nil.
func DecodeF32(raw []byte, want []int) ([]float32, []int, error) {
	b, err := DecodeBlob(raw)
	if err != nil {
		return nil, nil, err
	}
	if b.DType != F32 {
		return nil, nil, fmt.Errorf("%w: dtype %s, want f32", ErrBadBlob, b.DType)
	}
	if want != nil && !sameShape(b.Shape, want) {
		return nil, nil, fmt.Errorf("%w: shape %v, want %v", ErrBadInput, b.Shape, want)
	}
	v, _ := b.F32s()
	return v, b.Shape, nil
}

func sameShape(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func putF32(dst []byte, v []float32) {
	dst = dst[:4*len(v)]
	for i, x := range v {
		binary.LittleEndian.PutUint32(dst[4*i:], math.Float32bits(x))
	}
}

func getF32(dst []float32, src []byte) {
	src = src[:4*len(dst)]
	for i := range dst {
		dst[i] = math.Float32frombits(binary.LittleEndian.Uint32(src[4*i:]))
	}
}

// PutF32 writes v little-endian into dst (len(dst) >= 4*len(v)).
func PutF32(dst []byte, v []float32) { putF32(dst, v) }

// GetF32 reads len(dst) little-endian float32 values from src.
func GetF32(dst []float32, src []byte) { getF32(dst, src) }
