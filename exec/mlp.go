package exec

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// MLP is dense MLP inference: y = L_n(…relu(L_1(x))…) where every layer is
// x·W + b and every layer but the last is followed by ReLU. Inputs: the model
// (a DTypeMLP blob whose shape is the layer widths, see MLPModel) and the
// batch (f32 [batch, d0]). Output: f32 [batch, dL]. Verified by tolerance;
// split by batch rows.
type MLP struct{}

// MLP limits.
const (
	MLPMaxLayers  = 16 // widths, so at most 15 weight layers
	MLPMaxWidth   = 1 << 16
	MLPMaxWeights = 1 << 28 // total f32 weights and biases
	MLPMaxBatch   = 1 << 16
	MLPMaxActs    = 1 << 27 // batch × widest layer
)

var mlpSpecs = []ParamSpec{
	{Name: "layers", Kind: KindInts, Required: true, Min: 1, Max: MLPMaxWidth, MaxLen: MLPMaxLayers, Doc: "comma-separated layer widths d0,…,dL (input first)"},
	{Name: "batch", Kind: KindInt, Required: true, Min: 1, Max: MLPMaxBatch, Doc: "rows in the input batch"},
}

// MLPJob is decoded mlp parameters.
type MLPJob struct {
	Layers []int
	Batch  int
}

// DecodeMLP validates mlp parameters.
func DecodeMLP(p Params) (MLPJob, error) { return MLP{}.job(p) }

// Offsets returns, for each weight layer i, the float32 offsets of W_i and
// b_i in the model payload.
func (j MLPJob) Offsets() (w, b []int) {
	off := 0
	for i := 0; i+1 < len(j.Layers); i++ {
		w = append(w, off)
		off += j.Layers[i] * j.Layers[i+1]
		b = append(b, off)
		off += j.Layers[i+1]
	}
	return w, b
}

func (MLP) Name() string               { return "mlp" }
func (MLP) Doc() string                { return "dense MLP inference (ReLU hidden layers): model + batch → outputs" }
func (MLP) Params() []ParamSpec        { return mlpSpecs }
func (MLP) Verification() Verification { return VerifyTolerance }
func (MLP) NumInputs() int             { return 2 }
func (MLP) SelftestParams() Params     { return Params{"layers": "256,512,512,10", "batch": "64"} }

func (w MLP) job(p Params) (MLPJob, error) {
	v, err := decodeParams(w.Name(), mlpSpecs, p)
	if err != nil {
		return MLPJob{}, err
	}
	ls := v.ints("layers")
	j := MLPJob{Batch: int(v.int("batch"))}
	if len(ls) < 2 {
		return j, &ParamError{Workload: w.Name(), Param: "layers", Value: p["layers"], Reason: "need at least an input and an output width"}
	}
	total, widest := 0, 0
	for i, l := range ls {
		j.Layers = append(j.Layers, int(l))
		widest = max(widest, int(l))
		if i > 0 {
			total += (int(ls[i-1]) + 1) * int(l)
		}
	}
	if total > MLPMaxWeights {
		return j, &ParamError{Workload: w.Name(), Param: "layers", Value: truncate(p["layers"]), Reason: fmt.Sprintf("model has %d weights, at most %d", total, MLPMaxWeights)}
	}
	if j.Batch*widest > MLPMaxActs {
		return j, &ParamError{Workload: w.Name(), Param: "batch", Value: p["batch"], Reason: fmt.Sprintf("batch × widest layer = %d, at most %d; split the batch", j.Batch*widest, MLPMaxActs)}
	}
	return j, nil
}

func (w MLP) ValidateParams(p Params) error { _, err := w.job(p); return err }

func (w MLP) ValidateInputs(p Params, inputs [][]byte) error {
	j, err := w.job(p)
	if err != nil {
		return err
	}
	return j.checkInputs(inputs)
}

func (j MLPJob) checkInputs(inputs [][]byte) error {
	if len(inputs) != 2 {
		return fmt.Errorf("%w: mlp takes 2 inputs (model, batch), got %d", ErrBadInput, len(inputs))
	}
	m, err := DecodeBlob(inputs[0])
	if err != nil {
		return fmt.Errorf("%w: mlp model: %w", ErrBadInput, err)
	}
	if m.DType != DTypeMLP || !sameShape(m.Shape, j.Layers) {
		return fmt.Errorf("%w: mlp model is %s%v, want %s%v", ErrBadInput, m.DType, m.Shape, DTypeMLP, j.Layers)
	}
	x, err := DecodeBlob(inputs[1])
	if err != nil {
		return fmt.Errorf("%w: mlp batch: %w", ErrBadInput, err)
	}
	if want := []int{j.Batch, j.Layers[0]}; x.DType != F32 || !sameShape(x.Shape, want) {
		return fmt.Errorf("%w: mlp batch is %s%v, want f32%v", ErrBadInput, x.DType, x.Shape, want)
	}
	return nil
}

// Cost counts multiply-adds as 2 flops.
func (w MLP) Cost(p Params) (Cost, error) {
	j, err := w.job(p)
	if err != nil {
		return Cost{}, err
	}
	var flops float64
	weights, widest := 0, 0
	for i := 0; i+1 < len(j.Layers); i++ {
		flops += 2 * float64(j.Batch) * float64(j.Layers[i]) * float64(j.Layers[i+1])
		weights += (j.Layers[i] + 1) * j.Layers[i+1]
	}
	for _, l := range j.Layers {
		widest = max(widest, l)
	}
	in := int64(4*weights+4*j.Batch*j.Layers[0]) + int64(HeaderSize(len(j.Layers))+HeaderSize(2))
	out := int64(4*j.Batch*j.Layers[len(j.Layers)-1] + HeaderSize(2))
	mem := 2*in + out + int64(8*j.Batch*widest)
	return Cost{Ops: flops, Unit: "flop", InBytes: in, OutBytes: out, MemBytes: mem}, nil
}

// MLPModel builds a model blob with the given layer widths and weights drawn
// deterministically from seed (uniform He initialisation; biases in ±0.1).
func MLPModel(layers []int, seed uint64) ([]byte, error) {
	if len(layers) < 2 || len(layers) > MLPMaxLayers {
		return nil, fmt.Errorf("%w: %d layer widths, want 2..%d", ErrBadParam, len(layers), MLPMaxLayers)
	}
	blob, err := AllocBlob(nil, DTypeMLP, layers)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x6d6c70))
	vals := make([]float32, (len(blob)-HeaderSize(len(layers)))/4)
	off := 0
	for i := 0; i+1 < len(layers); i++ {
		lim := math.Sqrt(6 / float64(layers[i]))
		for range layers[i] * layers[i+1] {
			vals[off] = float32((rng.Float64()*2 - 1) * lim)
			off++
		}
		for range layers[i+1] {
			vals[off] = float32((rng.Float64()*2 - 1) * 0.1)
			off++
		}
	}
	putF32(blob[HeaderSize(len(layers)):], vals)
	return blob, nil
}

// MLPLayers returns a model blob's layer widths.
func MLPLayers(model []byte) ([]int, error) {
	m, err := DecodeBlob(model)
	if err != nil {
		return nil, err
	}
	if m.DType != DTypeMLP {
		return nil, fmt.Errorf("%w: dtype %s, want %s", ErrBadBlob, m.DType, DTypeMLP)
	}
	return m.Shape, nil
}

// MLPMaxModelSize is the size of the largest mlp model blob: MLPMaxWeights
// f32 values after the header of MLPMaxLayers widths.
const MLPMaxModelSize = 8 + 8*MLPMaxLayers + 4*MLPMaxWeights

// MLPRequestParams returns the parameters of one streaming request: the
// model with the given layer widths (MLPLayers) run on input, which must be
// an f32 [rows, layers[0]] blob with 1 ≤ rows ≤ MLPMaxBatch. Providers
// serving a request and verifiers re-running it derive the parameters here,
// so both run exactly the same task.
func MLPRequestParams(layers []int, input []byte) (Params, error) {
	if len(layers) < 2 {
		return nil, fmt.Errorf("%w: mlp model has %d layer widths, want at least 2", ErrBadBlob, len(layers))
	}
	b, err := DecodeBlob(input)
	if err != nil {
		return nil, fmt.Errorf("%w: mlp request: %w", ErrBadInput, err)
	}
	if b.DType != F32 || len(b.Shape) != 2 || b.Shape[1] != layers[0] || b.Shape[0] > MLPMaxBatch {
		return nil, fmt.Errorf("%w: input is %s%v, want f32[rows ≤ %d, %d]", ErrBadInput, b.DType, b.Shape, MLPMaxBatch, layers[0])
	}
	return MLPParams(layers, b.Shape[0]), nil
}

// MLPParams returns the parameters for running model on a batch of n rows.
func MLPParams(layers []int, batch int) Params {
	s := make([]string, len(layers))
	for i, l := range layers {
		s[i] = strconv.Itoa(l)
	}
	return Params{"layers": strings.Join(s, ","), "batch": strconv.Itoa(batch)}
}

func (w MLP) RunCPU(ctx context.Context, p Params, inputs [][]byte, out []byte, workers int) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	if err := j.checkInputs(inputs); err != nil {
		return nil, err
	}
	model := f32In(inputs[0], len(j.Layers))
	x := f32In(inputs[1], 2)
	blob, err := AllocBlob(out, F32, []int{j.Batch, j.Layers[len(j.Layers)-1]})
	if err != nil {
		return nil, err
	}
	final, flush := f32Out(blob, 2)
	wo, bo := j.Offsets()
	for i := 0; i+1 < len(j.Layers); i++ {
		in, outW := j.Layers[i], j.Layers[i+1]
		last := i+2 == len(j.Layers)
		y := final
		if !last {
			y = make([]float32, j.Batch*outW)
		}
		if err := sgemm(ctx, workers, j.Batch, outW, in, x, model[wo[i]:wo[i]+in*outW], y); err != nil {
			return nil, err
		}
		bias := model[bo[i] : bo[i]+outW]
		for r := range j.Batch {
			row := y[r*outW : (r+1)*outW]
			for c, b := range bias {
				v := row[c] + b
				if !last && v < 0 {
					v = 0
				}
				row[c] = v
			}
		}
		x = y
	}
	flush()
	return blob, nil
}

// Reference evaluates the network in float64.
func (w MLP) Reference(ctx context.Context, p Params, inputs [][]byte) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	if err := j.checkInputs(inputs); err != nil {
		return nil, err
	}
	mb, _ := DecodeBlob(inputs[0])
	model, _ := mb.F32s()
	x32, _, _ := DecodeF32(inputs[1], nil)
	wo, bo := j.Offsets()
	last := j.Layers[len(j.Layers)-1]
	out := make([]float32, 0, j.Batch*last)
	for r := range j.Batch {
		if err := ctx.Err(); err != nil {
			return nil, CtxError(err)
		}
		x := make([]float64, j.Layers[0])
		for c := range x {
			x[c] = float64(x32[r*j.Layers[0]+c])
		}
		for i := 0; i+1 < len(j.Layers); i++ {
			in, ow := j.Layers[i], j.Layers[i+1]
			y := make([]float64, ow)
			for c := range y {
				y[c] = float64(model[bo[i]+c])
			}
			for k := range in {
				xk := x[k]
				for c := range y {
					y[c] += xk * float64(model[wo[i]+k*ow+c])
				}
			}
			if i+2 < len(j.Layers) {
				for c := range y {
					y[c] = math.Max(y[c], 0)
				}
			}
			x = y
		}
		for _, v := range x {
			out = append(out, float32(v))
		}
	}
	return F32Blob([]int{j.Batch, last}, out)
}

// Compare accepts got within 1e-5·√(Σ widths) of the RMS of want.
func (w MLP) Compare(p Params, want, got []byte) error {
	j, err := w.job(p)
	if err != nil {
		return err
	}
	sum := 0
	for _, l := range j.Layers[:len(j.Layers)-1] {
		sum += l
	}
	return compareF32(want, got, []int{j.Batch, j.Layers[len(j.Layers)-1]}, 1e-5*math.Max(1, math.Sqrt(float64(sum))))
}

func (w MLP) RandomInputs(p Params, seed uint64) ([][]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	model, err := MLPModel(j.Layers, seed)
	if err != nil {
		return nil, err
	}
	rng := rand.New(rand.NewPCG(seed, 0x62617463))
	x, err := F32Blob([]int{j.Batch, j.Layers[0]}, randF32(rng, j.Batch*j.Layers[0]))
	if err != nil {
		return nil, err
	}
	return [][]byte{model, x}, nil
}

// Split cuts the batch into up to n row blocks; the model goes to every shard.
func (w MLP) Split(p Params, inputs [][]byte, n int) ([]Shard, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	if err := j.checkInputs(inputs); err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, fmt.Errorf("%w: n=%d, want >= 1", ErrBadSplit, n)
	}
	n = min(n, j.Batch)
	x := inputs[1][HeaderSize(2):]
	d0 := j.Layers[0]
	shards := make([]Shard, 0, n)
	for i := range n {
		r0, r1 := i*j.Batch/n, (i+1)*j.Batch/n
		blk, err := EncodeBlob(F32, []int{r1 - r0, d0}, x[4*r0*d0:4*r1*d0])
		if err != nil {
			return nil, err
		}
		sp := p.Clone()
		sp["batch"] = strconv.Itoa(r1 - r0)
		shards = append(shards, Shard{Params: sp, Inputs: [][]byte{inputs[0], blk}})
	}
	return shards, nil
}

// Merge stacks the batch blocks, in Split order.
func (w MLP) Merge(p Params, parts []Part) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	last := j.Layers[len(j.Layers)-1]
	out, err := AllocBlob(nil, F32, []int{j.Batch, last})
	if err != nil {
		return nil, err
	}
	off, rows := HeaderSize(2), 0
	for i, part := range parts {
		b, err := DecodeBlob(part.Output)
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %w", ErrBadSplit, i, err)
		}
		if b.DType != F32 || len(b.Shape) != 2 || b.Shape[1] != last || rows+b.Shape[0] > j.Batch {
			return nil, fmt.Errorf("%w: part %d is %s%v, does not fit %d×%d", ErrBadSplit, i, b.DType, b.Shape, j.Batch, last)
		}
		off += copy(out[off:], b.Data)
		rows += b.Shape[0]
	}
	if rows != j.Batch {
		return nil, fmt.Errorf("%w: parts hold %d rows, want %d", ErrBadSplit, rows, j.Batch)
	}
	return out, nil
}
