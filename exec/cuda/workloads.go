package cuda

import (
	"encoding/binary"

	"github.com/ogpu/ogpu/exec"
)

func (r *run) matmul(t exec.Task) ([]byte, error) {
	d, err := exec.DecodeMatmul(t.Params)
	if err != nil {
		return nil, err
	}
	hs := exec.HeaderSize(2)
	a, err := r.upload(t.Inputs[0][hs:])
	if err != nil {
		return nil, err
	}
	b, err := r.upload(t.Inputs[1][hs:])
	if err != nil {
		return nil, err
	}
	n := 4 * d.M * d.N
	c, err := r.alloc(n)
	if err != nil {
		return nil, err
	}
	if err := r.poison(c, n); err != nil {
		return nil, err
	}
	if err := r.sgemm(a, b, c, d.M, d.N, d.K); err != nil {
		return nil, err
	}
	out, err := exec.AllocBlob(t.Output, exec.F32, []int{d.M, d.N})
	if err != nil {
		return nil, err
	}
	return out, r.b.dev.dtoh(out[hs:], c)
}

// sgemm launches C = A×B in row chunks of at most chunkFlops each, waiting
// for each chunk and checking the run's context between them.
func (r *run) sgemm(a, b, c dptr, m, n, k int) error {
	rows := max(64, chunkFlops/(2*n*k)/64*64)
	for r0 := 0; r0 < m; r0 += rows {
		if err := r.between(); err != nil {
			return err
		}
		mr := min(rows, m-r0)
		err := r.launch("sgemm", [3]uint32{ceil(n, 64), ceil(mr, 64), 1}, [3]uint32{16, 16, 1},
			ptr(a+dptr(4*r0*k)), ptr(b), ptr(c+dptr(4*r0*n)), i32(mr), i32(n), i32(k))
		if err != nil {
			return err
		}
		if err := r.wait(); err != nil {
			return err
		}
	}
	return nil
}

func (r *run) hashgrind(t exec.Task) ([]byte, error) {
	j, err := exec.DecodeHashgrind(t.Params)
	if err != nil {
		return nil, err
	}
	prefix, err := r.upload(append(append([]byte{}, j.Prefix...), 0)) // never empty
	if err != nil {
		return nil, err
	}
	best, err := r.alloc(8)
	if err != nil {
		return nil, err
	}
	if err := r.poison(best, 8); err != nil { // ~0: nothing found yet
		return nil, err
	}
	var buf [8]byte
	for lo := j.Start; lo < j.End; lo += chunkHash {
		if err := r.between(); err != nil {
			return nil, err
		}
		cnt := min(uint64(chunkHash), j.End-lo)
		blocks := min(ceil(int(cnt), 256), 16384)
		err := r.launch("hashgrind", [3]uint32{blocks, 1, 1}, [3]uint32{256, 1, 1},
			ptr(prefix), i32(len(j.Prefix)), lo, cnt, i32(j.Difficulty), ptr(best))
		if err != nil {
			return nil, err
		}
		if err := r.wait(); err != nil {
			return nil, err
		}
		if err := r.b.dev.dtoh(buf[:], best); err != nil {
			return nil, err
		}
		if nonce := binary.LittleEndian.Uint64(buf[:]); nonce != ^uint64(0) {
			return exec.HashgrindOutput(t.Output, true, nonce), nil
		}
	}
	return exec.HashgrindOutput(t.Output, false, 0), nil
}

func (r *run) render(t exec.Task) ([]byte, error) {
	j, err := exec.DecodeRender(t.Params)
	if err != nil {
		return nil, err
	}
	n := j.TileW * j.TileH
	counts, err := r.alloc(4 * n)
	if err != nil {
		return nil, err
	}
	if err := r.poison(counts, 4*n); err != nil {
		return nil, err
	}
	dx := (j.X1 - j.X0) / float64(j.Width)
	dy := (j.Y1 - j.Y0) / float64(j.Height)
	julia := 0
	if j.Julia {
		julia = 1
	}
	rowsPer := max(1, chunkIters/(j.TileW*j.MaxIter))
	for r0 := 0; r0 < j.TileH; r0 += rowsPer {
		if err := r.between(); err != nil {
			return nil, err
		}
		rows := min(rowsPer, j.TileH-r0)
		blocks := min(ceil(rows*j.TileW, 256), 65535)
		err := r.launch("render", [3]uint32{blocks, 1, 1}, [3]uint32{256, 1, 1},
			ptr(counts+dptr(4*r0*j.TileW)), i32(j.TileX), i32(j.TileY+r0), i32(j.TileW), i32(rows),
			f64(j.X0), f64(j.Y1), f64(dx), f64(dy), i32(j.MaxIter), i32(julia), f64(j.CR), f64(j.CI))
		if err != nil {
			return nil, err
		}
		if err := r.wait(); err != nil {
			return nil, err
		}
	}
	raw := make([]byte, 4*n)
	if err := r.b.dev.dtoh(raw, counts); err != nil {
		return nil, err
	}
	c := make([]uint32, n)
	for i := range c {
		c[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	return j.EncodePNG(c)
}

func (r *run) mlp(t exec.Task) ([]byte, error) {
	j, err := exec.DecodeMLP(t.Params)
	if err != nil {
		return nil, err
	}
	model, err := r.upload(t.Inputs[0][exec.HeaderSize(len(j.Layers)):])
	if err != nil {
		return nil, err
	}
	x, err := r.upload(t.Inputs[1][exec.HeaderSize(2):])
	if err != nil {
		return nil, err
	}
	widest := 0
	for _, l := range j.Layers {
		widest = max(widest, l)
	}
	var ping [2]dptr
	for i := range ping {
		if ping[i], err = r.alloc(4 * j.Batch * widest); err != nil {
			return nil, err
		}
	}
	wo, bo := j.Offsets()
	cur := x
	for i := 0; i+1 < len(j.Layers); i++ {
		in, out := j.Layers[i], j.Layers[i+1]
		dst := ping[i%2]
		if err := r.poison(dst, 4*j.Batch*out); err != nil {
			return nil, err
		}
		if err := r.sgemm(cur, model+dptr(4*wo[i]), dst, j.Batch, out, in); err != nil {
			return nil, err
		}
		relu := 0
		if i+2 < len(j.Layers) {
			relu = 1
		}
		blocks := min(ceil(j.Batch*out, 256), 65535)
		if err := r.launch("bias_act", [3]uint32{blocks, 1, 1}, [3]uint32{256, 1, 1},
			ptr(dst), ptr(model+dptr(4*bo[i])), i32(j.Batch), i32(out), i32(relu)); err != nil {
			return nil, err
		}
		if err := r.wait(); err != nil {
			return nil, err
		}
		cur = dst
	}
	last := j.Layers[len(j.Layers)-1]
	blob, err := exec.AllocBlob(t.Output, exec.F32, []int{j.Batch, last})
	if err != nil {
		return nil, err
	}
	return blob, r.b.dev.dtoh(blob[exec.HeaderSize(2):], cur)
}
