package exec

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"strconv"
)

// Render draws a Mandelbrot or Julia set tile as a PNG. The task describes the
// full image (size and viewport in the complex plane) and the tile of it to
// draw (tile_x, tile_y, tile_w, tile_h in pixels; tile_w/tile_h 0 mean "to the
// edge"), so every pixel has one definition wherever it is drawn. No inputs;
// the output is a PNG of the tile (the PNG signature is its header). Verified
// by tolerance: the fraction of differing pixels (RenderTolerance).
type Render struct{}

// Render limits and tolerance.
const (
	RenderMaxSide   = 1 << 15
	RenderMaxPixels = 1 << 26
	RenderMaxIter   = 1 << 20
	// RenderTolerance is the largest fraction of differing pixels Compare
	// accepts (floating-point contraction on GPUs moves a few boundary pixels).
	RenderTolerance = 0.01
)

var renderSpecs = []ParamSpec{
	{Name: "fractal", Kind: KindEnum, Default: "mandelbrot", Enum: []string{"mandelbrot", "julia"}, Doc: "which set"},
	{Name: "width", Kind: KindInt, Required: true, Min: 1, Max: RenderMaxSide, Doc: "full image width in pixels"},
	{Name: "height", Kind: KindInt, Required: true, Min: 1, Max: RenderMaxSide, Doc: "full image height in pixels"},
	{Name: "x0", Kind: KindFloat, Default: "-2.5", MinF: -16, MaxF: 16, Doc: "viewport left (real axis)"},
	{Name: "x1", Kind: KindFloat, Default: "1", MinF: -16, MaxF: 16, Doc: "viewport right"},
	{Name: "y0", Kind: KindFloat, Default: "-1.25", MinF: -16, MaxF: 16, Doc: "viewport bottom (imaginary axis)"},
	{Name: "y1", Kind: KindFloat, Default: "1.25", MinF: -16, MaxF: 16, Doc: "viewport top"},
	{Name: "max_iter", Kind: KindInt, Default: "256", Min: 1, Max: RenderMaxIter, Doc: "iteration limit"},
	{Name: "cr", Kind: KindFloat, Default: "-0.8", MinF: -4, MaxF: 4, Doc: "Julia constant, real part"},
	{Name: "ci", Kind: KindFloat, Default: "0.156", MinF: -4, MaxF: 4, Doc: "Julia constant, imaginary part"},
	{Name: "tile_x", Kind: KindInt, Default: "0", Min: 0, Max: RenderMaxSide, Doc: "tile left column"},
	{Name: "tile_y", Kind: KindInt, Default: "0", Min: 0, Max: RenderMaxSide, Doc: "tile top row"},
	{Name: "tile_w", Kind: KindInt, Default: "0", Min: 0, Max: RenderMaxSide, Doc: "tile width (0: to the right edge)"},
	{Name: "tile_h", Kind: KindInt, Default: "0", Min: 0, Max: RenderMaxSide, Doc: "tile height (0: to the bottom edge)"},
}

// RenderJob is decoded render parameters.
type RenderJob struct {
	Julia          bool
	Width, Height  int
	X0, X1, Y0, Y1 float64
	MaxIter        int
	CR, CI         float64
	TileX, TileY   int
	TileW, TileH   int // resolved (never 0)
}

// DecodeRender validates render parameters.
func DecodeRender(p Params) (RenderJob, error) { return Render{}.job(p) }

func (Render) Name() string               { return "render" }
func (Render) Doc() string                { return "Mandelbrot/Julia image tile → PNG" }
func (Render) Params() []ParamSpec        { return renderSpecs }
func (Render) Verification() Verification { return VerifyTolerance }
func (Render) NumInputs() int             { return 0 }
func (Render) SelftestParams() Params {
	return Params{"width": "512", "height": "384", "max_iter": "256"}
}

func (w Render) job(p Params) (RenderJob, error) {
	v, err := decodeParams(w.Name(), renderSpecs, p)
	if err != nil {
		return RenderJob{}, err
	}
	j := RenderJob{
		Julia: v.str("fractal") == "julia", Width: int(v.int("width")), Height: int(v.int("height")),
		X0: v.float("x0"), X1: v.float("x1"), Y0: v.float("y0"), Y1: v.float("y1"),
		MaxIter: int(v.int("max_iter")), CR: v.float("cr"), CI: v.float("ci"),
		TileX: int(v.int("tile_x")), TileY: int(v.int("tile_y")), TileW: int(v.int("tile_w")), TileH: int(v.int("tile_h")),
	}
	bad := func(param, reason string) error {
		return &ParamError{Workload: w.Name(), Param: param, Value: p[param], Reason: reason}
	}
	switch {
	case j.Width*j.Height > RenderMaxPixels:
		return j, bad("width", fmt.Sprintf("image of %d pixels exceeds %d; render it in tiles", j.Width*j.Height, RenderMaxPixels))
	case !(j.X1 > j.X0):
		return j, bad("x1", "must be greater than x0")
	case !(j.Y1 > j.Y0):
		return j, bad("y1", "must be greater than y0")
	case j.TileX >= j.Width:
		return j, bad("tile_x", fmt.Sprintf("must be below width %d", j.Width))
	case j.TileY >= j.Height:
		return j, bad("tile_y", fmt.Sprintf("must be below height %d", j.Height))
	}
	if j.TileW == 0 {
		j.TileW = j.Width - j.TileX
	}
	if j.TileH == 0 {
		j.TileH = j.Height - j.TileY
	}
	if j.TileX+j.TileW > j.Width {
		return j, bad("tile_w", fmt.Sprintf("tile reaches column %d, beyond width %d", j.TileX+j.TileW, j.Width))
	}
	if j.TileY+j.TileH > j.Height {
		return j, bad("tile_h", fmt.Sprintf("tile reaches row %d, beyond height %d", j.TileY+j.TileH, j.Height))
	}
	return j, nil
}

func (w Render) ValidateParams(p Params) error { _, err := w.job(p); return err }

func (w Render) ValidateInputs(p Params, inputs [][]byte) error {
	if _, err := w.job(p); err != nil {
		return err
	}
	if len(inputs) != 0 {
		return fmt.Errorf("%w: render takes no inputs, got %d", ErrBadInput, len(inputs))
	}
	return nil
}

// Cost counts worst-case iterations (pixels × max_iter, unit "iteration").
func (w Render) Cost(p Params) (Cost, error) {
	j, err := w.job(p)
	if err != nil {
		return Cost{}, err
	}
	px := int64(j.TileW) * int64(j.TileH)
	return Cost{Ops: float64(px) * float64(j.MaxIter), Unit: "iteration", OutBytes: 4*px + 1024, MemBytes: 16*px + 1<<20}, nil
}

// Iterations returns the escape iteration count of pixel (px, py) of the
// full image (max_iter when it does not escape). Backends must match it.
func (j RenderJob) Iterations(px, py int) int {
	dx := (j.X1 - j.X0) / float64(j.Width)
	dy := (j.Y1 - j.Y0) / float64(j.Height)
	x := j.X0 + (float64(px)+0.5)*dx
	y := j.Y1 - (float64(py)+0.5)*dy
	zr, zi, cr, ci := 0.0, 0.0, x, y
	if j.Julia {
		zr, zi, cr, ci = x, y, j.CR, j.CI
	}
	i := 0
	for ; i < j.MaxIter; i++ {
		zr2, zi2 := zr*zr, zi*zi
		if zr2+zi2 > 4 {
			break
		}
		zi = 2*zr*zi + ci
		zr = zr2 - zi2 + cr
	}
	return i
}

// Colour maps an iteration count to an opaque RGB colour (black inside).
func (j RenderJob) Colour(iter int) (r, g, b uint8) {
	if iter >= j.MaxIter {
		return 0, 0, 0
	}
	tri := func(x int) uint8 {
		x &= 255
		if x < 128 {
			return uint8(2 * x)
		}
		return uint8(2 * (255 - x))
	}
	return tri(iter*7 + 30), tri(iter*5 + 85), tri(iter*3 + 170)
}

// EncodePNG colours a tile's iteration counts (row-major, TileW×TileH) and
// encodes them as PNG. Backends compute counts and call it.
func (j RenderJob) EncodePNG(counts []uint32) ([]byte, error) {
	if len(counts) != j.TileW*j.TileH {
		return nil, fmt.Errorf("%w: %d counts for a %d×%d tile", ErrBadInput, len(counts), j.TileW, j.TileH)
	}
	img := image.NewNRGBA(image.Rect(0, 0, j.TileW, j.TileH))
	for i, c := range counts {
		r, g, b := j.Colour(int(c))
		p := img.Pix[4*i : 4*i+4 : 4*i+4]
		p[0], p[1], p[2], p[3] = r, g, b, 255
	}
	return encodePNG(img)
}

func encodePNG(img image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (w Render) RunCPU(ctx context.Context, p Params, _ [][]byte, _ []byte, workers int) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	counts := make([]uint32, j.TileW*j.TileH)
	err = parallelFor(ctx, workers, j.TileH, func(row int) error {
		py := j.TileY + row
		line := counts[row*j.TileW : (row+1)*j.TileW]
		for col := range line {
			line[col] = uint32(j.Iterations(j.TileX+col, py))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return j.EncodePNG(counts)
}

// Reference renders serially, drawing pixel by pixel into an image.
func (w Render) Reference(ctx context.Context, p Params, _ [][]byte) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	img := image.NewNRGBA(image.Rect(0, 0, j.TileW, j.TileH))
	for y := range j.TileH {
		if err := ctx.Err(); err != nil {
			return nil, CtxError(err)
		}
		for x := range j.TileW {
			r, g, b := j.Colour(j.Iterations(j.TileX+x, j.TileY+y))
			o := img.PixOffset(x, y)
			img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = r, g, b, 255
		}
	}
	return encodePNG(img)
}

// Compare accepts got when it is a PNG of the tile's size with at most
// RenderTolerance of its pixels differing from want.
func (w Render) Compare(p Params, want, got []byte) error {
	j, err := w.job(p)
	if err != nil {
		return err
	}
	sz, err := decodePNGBounds(got)
	if err != nil {
		return fmt.Errorf("%w: output is not a PNG: %w", ErrMismatch, err)
	}
	if sz.X != j.TileW || sz.Y != j.TileH {
		return fmt.Errorf("%w: image is %dx%d, want %dx%d", ErrMismatch, sz.X, sz.Y, j.TileW, j.TileH)
	}
	f, err := PixelDiffFraction(want, got)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMismatch, err)
	}
	if f > RenderTolerance {
		return fmt.Errorf("%w: %.2f%% of pixels differ, tolerance %.2f%%", ErrMismatch, 100*f, 100*RenderTolerance)
	}
	return nil
}

func (Render) RandomInputs(Params, uint64) ([][]byte, error) { return [][]byte{}, nil }

// Split cuts the tile into up to n horizontal bands.
func (w Render) Split(p Params, _ [][]byte, n int) ([]Shard, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, fmt.Errorf("%w: n=%d, want >= 1", ErrBadSplit, n)
	}
	n = min(n, j.TileH)
	shards := make([]Shard, 0, n)
	for i := range n {
		y0, y1 := j.TileY+i*j.TileH/n, j.TileY+(i+1)*j.TileH/n
		sp := p.Clone()
		sp["tile_x"], sp["tile_w"] = strconv.Itoa(j.TileX), strconv.Itoa(j.TileW)
		sp["tile_y"], sp["tile_h"] = strconv.Itoa(y0), strconv.Itoa(y1-y0)
		shards = append(shards, Shard{Params: sp, Inputs: [][]byte{}})
	}
	return shards, nil
}

// Merge places each part's PNG at its tile position (any order); the parts
// must cover the task's tile exactly once.
func (w Render) Merge(p Params, parts []Part) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	img := image.NewNRGBA(image.Rect(0, 0, j.TileW, j.TileH))
	covered := make([]bool, j.TileW*j.TileH)
	for i, part := range parts {
		pj, err := w.job(part.Params)
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %w", ErrBadSplit, i, err)
		}
		pj.TileX, pj.TileY, pj.TileW, pj.TileH = j.TileX, j.TileY, j.TileW, j.TileH
		if pj != j {
			return nil, fmt.Errorf("%w: part %d renders a different image", ErrBadSplit, i)
		}
		pj, _ = w.job(part.Params)
		if pj.TileX < j.TileX || pj.TileY < j.TileY || pj.TileX+pj.TileW > j.TileX+j.TileW || pj.TileY+pj.TileH > j.TileY+j.TileH {
			return nil, fmt.Errorf("%w: part %d tile lies outside the task's tile", ErrBadSplit, i)
		}
		src, err := png.Decode(bytes.NewReader(part.Output))
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %w", ErrBadSplit, i, err)
		}
		if b := src.Bounds(); b.Dx() != pj.TileW || b.Dy() != pj.TileH {
			return nil, fmt.Errorf("%w: part %d image is %dx%d, want %dx%d", ErrBadSplit, i, b.Dx(), b.Dy(), pj.TileW, pj.TileH)
		}
		sb := src.Bounds()
		for y := range pj.TileH {
			for x := range pj.TileW {
				dx, dy := pj.TileX-j.TileX+x, pj.TileY-j.TileY+y
				if covered[dy*j.TileW+dx] {
					return nil, fmt.Errorf("%w: part %d overlaps another part at (%d,%d)", ErrBadSplit, i, dx, dy)
				}
				covered[dy*j.TileW+dx] = true
				r, g, b, a := src.At(sb.Min.X+x, sb.Min.Y+y).RGBA()
				o := img.PixOffset(dx, dy)
				img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = uint8(r>>8), uint8(g>>8), uint8(b>>8), uint8(a>>8)
			}
		}
	}
	for i, c := range covered {
		if !c {
			return nil, fmt.Errorf("%w: pixel (%d,%d) is in no part", ErrBadSplit, i%j.TileW, i/j.TileW)
		}
	}
	return encodePNG(img)
}
