package exec

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
)

// Matmul is the f32 matrix product C = A×B with A m×k and B k×n, row-major.
// Inputs: A (f32 [m,k]), B (f32 [k,n]). Output: C (f32 [m,n]).
// Verified by Freivalds' algorithm; split by row blocks of A and C.
type Matmul struct{}

// MatmulMaxDim and MatmulMaxElems cap the sizes a matmul task may ask for.
const (
	MatmulMaxDim   = 1 << 16
	MatmulMaxElems = 1 << 28 // per matrix (1 GiB of f32)
)

var matmulSpecs = []ParamSpec{
	{Name: "m", Kind: KindInt, Required: true, Min: 1, Max: MatmulMaxDim, Doc: "rows of A and C"},
	{Name: "k", Kind: KindInt, Required: true, Min: 1, Max: MatmulMaxDim, Doc: "columns of A, rows of B"},
	{Name: "n", Kind: KindInt, Required: true, Min: 1, Max: MatmulMaxDim, Doc: "columns of B and C"},
}

func (Matmul) Name() string                    { return "matmul" }
func (Matmul) Doc() string                     { return "f32 matrix product C = A×B (A m×k, B k×n)" }
func (Matmul) Params() []ParamSpec             { return matmulSpecs }
func (Matmul) Verification() Verification      { return VerifyFreivalds }
func (Matmul) NumInputs() int                  { return 2 }
func (Matmul) SelftestParams() Params          { return Params{"m": "256", "k": "256", "n": "256"} }
func (w Matmul) ValidateParams(p Params) error { _, err := w.dims(p); return err }

// MatmulDims are decoded matmul parameters.
type MatmulDims struct{ M, K, N int }

// DecodeMatmul validates matmul parameters and returns the dimensions.
func DecodeMatmul(p Params) (MatmulDims, error) { return Matmul{}.dims(p) }

func (w Matmul) dims(p Params) (MatmulDims, error) {
	v, err := decodeParams(w.Name(), matmulSpecs, p)
	if err != nil {
		return MatmulDims{}, err
	}
	d := MatmulDims{M: int(v.int("m")), K: int(v.int("k")), N: int(v.int("n"))}
	for _, e := range []struct {
		name string
		a, b int
	}{{"A (m×k)", d.M, d.K}, {"B (k×n)", d.K, d.N}, {"C (m×n)", d.M, d.N}} {
		if e.a*e.b > MatmulMaxElems {
			return d, &ParamError{Workload: w.Name(), Param: "m,k,n", Value: fmt.Sprintf("%d,%d,%d", d.M, d.K, d.N),
				Reason: fmt.Sprintf("%s has %d elements, at most %d; split the task", e.name, e.a*e.b, MatmulMaxElems)}
		}
	}
	return d, nil
}

func (w Matmul) ValidateInputs(p Params, inputs [][]byte) error {
	d, err := w.dims(p)
	if err != nil {
		return err
	}
	return d.checkInputs(inputs)
}

func (d MatmulDims) checkInputs(inputs [][]byte) error {
	if len(inputs) != 2 {
		return fmt.Errorf("%w: matmul takes 2 inputs (A, B), got %d", ErrBadInput, len(inputs))
	}
	for i, want := range [][]int{{d.M, d.K}, {d.K, d.N}} {
		b, err := DecodeBlob(inputs[i])
		if err != nil {
			return fmt.Errorf("%w: matmul input %d: %w", ErrBadInput, i, err)
		}
		if b.DType != F32 || !sameShape(b.Shape, want) {
			return fmt.Errorf("%w: matmul input %d is %s%v, want f32%v", ErrBadInput, i, b.DType, b.Shape, want)
		}
	}
	return nil
}

func (w Matmul) Cost(p Params) (Cost, error) {
	d, err := w.dims(p)
	if err != nil {
		return Cost{}, err
	}
	m, k, n := int64(d.M), int64(d.K), int64(d.N)
	in := 4*(m*k+k*n) + 2*int64(HeaderSize(2))
	out := 4*m*n + int64(HeaderSize(2))
	return Cost{Ops: 2 * float64(m) * float64(k) * float64(n), Unit: "flop", InBytes: in, OutBytes: out, MemBytes: 2 * (in + out)}, nil
}

func (w Matmul) RunCPU(ctx context.Context, p Params, inputs [][]byte, out []byte, workers int) ([]byte, error) {
	d, err := w.dims(p)
	if err != nil {
		return nil, err
	}
	if err := d.checkInputs(inputs); err != nil {
		return nil, err
	}
	blob, err := AllocBlob(out, F32, []int{d.M, d.N})
	if err != nil {
		return nil, err
	}
	c, flush := f32Out(blob, 2)
	if err := sgemm(ctx, workers, d.M, d.N, d.K, f32In(inputs[0], 2), f32In(inputs[1], 2), c); err != nil {
		return nil, err
	}
	flush()
	return blob, nil
}

func (w Matmul) Reference(ctx context.Context, p Params, inputs [][]byte) ([]byte, error) {
	d, err := w.dims(p)
	if err != nil {
		return nil, err
	}
	a, _, err := DecodeF32(inputs[0], []int{d.M, d.K})
	if err != nil {
		return nil, err
	}
	b, _, err := DecodeF32(inputs[1], []int{d.K, d.N})
	if err != nil {
		return nil, err
	}
	c := make([]float32, d.M*d.N)
	row := make([]float64, d.N)
	for i := range d.M {
		if err := ctx.Err(); err != nil {
			return nil, CtxError(err)
		}
		clear(row)
		for kk := range d.K {
			aik := float64(a[i*d.K+kk])
			for j, bkj := range b[kk*d.N : (kk+1)*d.N] {
				row[j] += aik * float64(bkj)
			}
		}
		for j, v := range row {
			c[i*d.N+j] = float32(v)
		}
	}
	return F32Blob([]int{d.M, d.N}, c)
}

// Compare accepts got when every element is within 1e-5·√k of the RMS of
// want (f32 accumulation error grows like √k). Verifiers use Freivalds
// instead; this is for comparing against a trusted rerun.
func (w Matmul) Compare(p Params, want, got []byte) error {
	d, err := w.dims(p)
	if err != nil {
		return err
	}
	tol := 1e-5 * math.Max(1, math.Sqrt(float64(d.K)))
	return compareF32(want, got, []int{d.M, d.N}, tol)
}

func (w Matmul) RandomInputs(p Params, seed uint64) ([][]byte, error) {
	d, err := w.dims(p)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x6d61746d756c))
	a, err := F32Blob([]int{d.M, d.K}, randF32(rng, d.M*d.K))
	if err != nil {
		return nil, err
	}
	b, err := F32Blob([]int{d.K, d.N}, randF32(rng, d.K*d.N))
	if err != nil {
		return nil, err
	}
	return [][]byte{a, b}, nil
}

func randF32(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = rng.Float32()*2 - 1
	}
	return v
}

// Split cuts A (and C) into up to n row blocks; B goes to every shard.
func (w Matmul) Split(p Params, inputs [][]byte, n int) ([]Shard, error) {
	d, err := w.dims(p)
	if err != nil {
		return nil, err
	}
	if err := d.checkInputs(inputs); err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, fmt.Errorf("%w: n=%d, want >= 1", ErrBadSplit, n)
	}
	n = min(n, d.M)
	a := inputs[0][HeaderSize(2):]
	shards := make([]Shard, 0, n)
	for i := range n {
		r0, r1 := i*d.M/n, (i+1)*d.M/n
		blk, err := EncodeBlob(F32, []int{r1 - r0, d.K}, a[4*r0*d.K:4*r1*d.K])
		if err != nil {
			return nil, err
		}
		sp := Params{"m": strconv.Itoa(r1 - r0), "k": strconv.Itoa(d.K), "n": strconv.Itoa(d.N)}
		shards = append(shards, Shard{Params: sp, Inputs: [][]byte{blk, inputs[1]}})
	}
	return shards, nil
}

// Merge stacks the row blocks, in Split order.
func (w Matmul) Merge(p Params, parts []Part) ([]byte, error) {
	d, err := w.dims(p)
	if err != nil {
		return nil, err
	}
	out, err := AllocBlob(nil, F32, []int{d.M, d.N})
	if err != nil {
		return nil, err
	}
	off, rows := HeaderSize(2), 0
	for i, part := range parts {
		b, err := DecodeBlob(part.Output)
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %w", ErrBadSplit, i, err)
		}
		if b.DType != F32 || len(b.Shape) != 2 || b.Shape[1] != d.N || rows+b.Shape[0] > d.M {
			return nil, fmt.Errorf("%w: part %d is %s%v, does not fit %d×%d", ErrBadSplit, i, b.DType, b.Shape, d.M, d.N)
		}
		off += copy(out[off:], b.Data)
		rows += b.Shape[0]
	}
	if rows != d.M {
		return nil, fmt.Errorf("%w: parts hold %d rows, want %d", ErrBadSplit, rows, d.M)
	}
	return out, nil
}
