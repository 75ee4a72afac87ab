package exec

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"math/rand/v2"
)

// ErrorStats summarises the difference between two f32 blobs.
type ErrorStats struct {
	MaxAbs float64 // max |got-want|
	MaxRel float64 // max |got-want| / max(|want|, 1e-30)
	RMS    float64 // root mean square of want (the scale of the values)
	NaN    int     // elements where exactly one side is NaN, or got is NaN/Inf where want is finite
	Worst  int     // index of the element with the largest absolute error
}

// MaxError compares two f32 blobs of the same shape.
func MaxError(want, got []byte) (ErrorStats, error) {
	w, ws, err := DecodeF32(want, nil)
	if err != nil {
		return ErrorStats{}, fmt.Errorf("want: %w", err)
	}
	g, _, err := DecodeF32(got, ws)
	if err != nil {
		return ErrorStats{}, fmt.Errorf("got: %w", err)
	}
	var s ErrorStats
	var sq float64
	for i := range w {
		wv, gv := float64(w[i]), float64(g[i])
		if math.IsNaN(wv) || math.IsInf(wv, 0) {
			if !(math.IsNaN(gv) && math.IsNaN(wv)) && gv != wv {
				s.NaN++
			}
			continue
		}
		if math.IsNaN(gv) || math.IsInf(gv, 0) {
			s.NaN++
			s.Worst = i
			continue
		}
		sq += wv * wv
		d := math.Abs(gv - wv)
		if d > s.MaxAbs {
			s.MaxAbs, s.Worst = d, i
		}
		if r := d / math.Max(math.Abs(wv), 1e-30); r > s.MaxRel {
			s.MaxRel = r
		}
	}
	if len(w) > 0 {
		s.RMS = math.Sqrt(sq / float64(len(w)))
	}
	return s, nil
}

// compareF32 accepts got when no element is NaN where want is not and every
// absolute error is at most tol·(RMS(want)+1e-30).
func compareF32(want, got []byte, shape []int, tol float64) error {
	if _, _, err := DecodeF32(got, shape); err != nil {
		return fmt.Errorf("%w: %w", ErrMismatch, err)
	}
	s, err := MaxError(want, got)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMismatch, err)
	}
	if s.NaN > 0 {
		return fmt.Errorf("%w: %d elements are NaN/Inf (first bad near index %d)", ErrMismatch, s.NaN, s.Worst)
	}
	if lim := tol * (s.RMS + 1e-30); s.MaxAbs > lim {
		return fmt.Errorf("%w: max abs error %.3g at index %d exceeds %.3g (tol %.2g × rms %.3g)", ErrMismatch, s.MaxAbs, s.Worst, lim, tol, s.RMS)
	}
	return nil
}

// PixelDiffFraction decodes two PNG images of the same size and returns the
// fraction of pixels whose colours differ (any channel).
func PixelDiffFraction(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 0, fmt.Errorf("%w: first image: %w", ErrBadInput, err)
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, fmt.Errorf("%w: second image: %w", ErrBadInput, err)
	}
	ra, rb := ia.Bounds(), ib.Bounds()
	if ra.Dx() != rb.Dx() || ra.Dy() != rb.Dy() {
		return 1, fmt.Errorf("%w: image sizes differ: %v vs %v", ErrMismatch, ra.Size(), rb.Size())
	}
	diff := 0
	for y := 0; y < ra.Dy(); y++ {
		for x := 0; x < ra.Dx(); x++ {
			r1, g1, b1, a1 := ia.At(ra.Min.X+x, ra.Min.Y+y).RGBA()
			r2, g2, b2, a2 := ib.At(rb.Min.X+x, rb.Min.Y+y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				diff++
			}
		}
	}
	n := ra.Dx() * ra.Dy()
	if n == 0 {
		return 0, nil
	}
	return float64(diff) / float64(n), nil
}

// Freivalds checks a claimed product C = A×B of f32 blobs in O(rounds·(mk +
// kn + mn)) time: for random ±1 vectors r it compares A(Br) with Cr in
// float64. The tolerance for row i is 16·ε32·√k·‖A_i‖·‖B‖_F, the scale of
// honest f32 rounding error, so an honest result passes while a wrong element
// larger than that tolerance is caught with probability at least 1/2 per round
// (much higher in practice). It returns nil or an error wrapping ErrMismatch.
func Freivalds(a, b, c []byte, rounds int, seed uint64) error {
	av, as, err := DecodeF32(a, nil)
	if err != nil {
		return fmt.Errorf("A: %w", err)
	}
	if len(as) != 2 {
		return fmt.Errorf("%w: A has shape %v, want 2-D", ErrBadInput, as)
	}
	m, k := as[0], as[1]
	bv, bs, err := DecodeF32(b, nil)
	if err != nil {
		return fmt.Errorf("B: %w", err)
	}
	if len(bs) != 2 || bs[0] != k {
		return fmt.Errorf("%w: B has shape %v, want [%d n]", ErrBadInput, bs, k)
	}
	n := bs[1]
	cv, _, err := DecodeF32(c, []int{m, n})
	if err != nil {
		return fmt.Errorf("%w: C: %w", ErrMismatch, err)
	}
	var bf float64
	for _, x := range bv {
		bf += float64(x) * float64(x)
	}
	bf = math.Sqrt(bf)
	rowNorm := make([]float64, m)
	for i := range m {
		var s float64
		for _, x := range av[i*k : (i+1)*k] {
			s += float64(x) * float64(x)
		}
		rowNorm[i] = math.Sqrt(s)
	}
	const eps32 = 1.0 / (1 << 23)
	scale := 16 * eps32 * math.Sqrt(float64(k)) * bf
	rng := rand.New(rand.NewPCG(seed, 0x667265697661))
	r := make([]float64, n)
	br := make([]float64, k)
	for round := 0; round < max(rounds, 1); round++ {
		for j := range r {
			r[j] = float64(int(rng.Uint32()&1)*2 - 1)
		}
		for kk := range k {
			var s float64
			for j, x := range bv[kk*n : (kk+1)*n] {
				s += float64(x) * r[j]
			}
			br[kk] = s
		}
		for i := range m {
			var abr, cr float64
			for kk, x := range av[i*k : (i+1)*k] {
				abr += float64(x) * br[kk]
			}
			for j, x := range cv[i*n : (i+1)*n] {
				cr += float64(x) * r[j]
			}
			if d := math.Abs(abr - cr); !(d <= scale*rowNorm[i]+1e-30) {
				return fmt.Errorf("%w: freivalds round %d: row %d off by %.3g (tolerance %.3g)", ErrMismatch, round, i, d, scale*rowNorm[i])
			}
		}
	}
	return nil
}

// decodePNGBounds returns a PNG's size without decoding pixels.
func decodePNGBounds(b []byte) (image.Point, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return image.Point{}, err
	}
	return image.Point{X: cfg.Width, Y: cfg.Height}, nil
}
