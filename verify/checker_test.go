package verify

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"strconv"
	"testing"

	ethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/ogpu/ogpu/exec"
)

// matmulCase builds A, B (n×n) and their product C with the CPU backend.
func matmulCase(tb testing.TB, n int, seed uint64) (exec.Params, [][]byte, []byte) {
	tb.Helper()
	p := exec.Params{"m": strconv.Itoa(n), "k": strconv.Itoa(n), "n": strconv.Itoa(n)}
	in, err := exec.Matmul{}.RandomInputs(p, seed)
	if err != nil {
		tb.Fatal(err)
	}
	c, err := exec.Matmul{}.RunCPU(context.Background(), p, in, nil, runtime.GOMAXPROCS(0))
	if err != nil {
		tb.Fatal(err)
	}
	return p, in, c
}

// corrupt returns a copy of the f32 blob c with one element changed by ±d.
func corrupt(c []byte, idx int, d float32) []byte {
	out := append([]byte(nil), c...)
	off := blobHeader2D + 4*idx
	v := math.Float32frombits(binary.LittleEndian.Uint32(out[off:]))
	binary.LittleEndian.PutUint32(out[off:], math.Float32bits(v+d))
	return out
}

// blobHeader2D is the header size of a 2-D blob (docs/exec.md).
const blobHeader2D = 8 + 8*2

// TestFreivaldsCatchesOneElement: a single corrupted element of a 512×512
// product is caught in every one of 1,000 trials at k = 20, and the honest
// product always passes.
func TestFreivaldsCatchesOneElement(t *testing.T) {
	const n = 512
	trials := 1000
	if testing.Short() || raceEnabled {
		trials = 100 // the full 1,000 run without -race (≈ 3 s)
	}
	_, in, c := matmulCase(t, n, 7)
	for i := range 5 {
		if err := exec.Freivalds(in[0], in[1], c, DefaultFreivaldsRounds, uint64(i)); err != nil {
			t.Fatalf("honest product rejected: %v", err)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	caught := 0
	for trial := range trials {
		idx := rng.IntN(n * n)
		d := float32(0.25 + rng.Float64()) // far above f32 rounding (~1e-4 here)
		if rng.IntN(2) == 0 {
			d = -d
		}
		bad := corrupt(c, idx, d)
		err := exec.Freivalds(in[0], in[1], bad, DefaultFreivaldsRounds, rng.Uint64())
		if errors.Is(err, exec.ErrMismatch) {
			caught++
		} else {
			t.Errorf("trial %d: element %d off by %g not caught: %v", trial, idx, d, err)
		}
	}
	t.Logf("caught %d/%d corrupted products (n=%d, k=%d)", caught, trials, n, DefaultFreivaldsRounds)
}

func TestChecks(t *testing.T) {
	reg := exec.DefaultRegistry()
	cpu := exec.NewCPU(exec.CPUConfig{Registry: reg})
	checks := Checks{Runner: cpu, Workloads: reg}
	ctx := context.Background()
	run := func(w string, p exec.Params, in [][]byte) []byte {
		t.Helper()
		r, err := cpu.Run(ctx, exec.Task{Workload: w, Params: p, Inputs: in})
		if err != nil {
			t.Fatal(err)
		}
		return r.Output
	}
	mp, min, mout := matmulCase(t, 16, 3)
	hp := exec.Params{"prefix": "00aa", "end": "4096", "difficulty": "6"}
	hout := run("hashgrind", hp, nil)
	rp := exec.Params{"width": "16", "height": "16", "max_iter": "32"}
	rout := run("render", rp, nil)
	flip := func(b []byte) []byte { o := append([]byte(nil), b...); o[len(o)-1] ^= 1; return o }
	tests := []struct {
		name, workload, method string
		p                      exec.Params
		in                     [][]byte
		out                    []byte
		wantWrong              bool
	}{
		{"freivalds honest", "matmul", PolicyFreivalds, mp, min, mout, false},
		{"freivalds corrupted", "matmul", PolicyFreivalds, mp, min, corrupt(mout, 5, 1), true},
		{"rerun honest", "hashgrind", PolicyRerun, hp, nil, hout, false},
		{"rerun wrong nonce", "hashgrind", PolicyRerun, hp, nil, exec.HashgrindOutput(nil, true, 1), true},
		{"tolerance honest", "render", PolicyTolerance, rp, nil, rout, false},
		{"tolerance garbage", "render", PolicyTolerance, rp, nil, flip(rout), true},
		{"rerun matmul corrupted", "matmul", PolicyRerun, mp, min, corrupt(mout, 0, 1), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := checks.Check(ctx, Job{Workload: tc.workload, Params: tc.p, Method: tc.method, Inputs: tc.in, Output: tc.out,
				ResultHash: ethcrypto.Keccak256Hash(tc.out)})
			if got := errors.Is(err, ErrWrong); got != tc.wantWrong {
				t.Fatalf("wrong = %v, want %v (err %v)", got, tc.wantWrong, err)
			}
			if !tc.wantWrong && err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("output not the committed one", func(t *testing.T) {
		err := checks.Check(ctx, Job{Workload: "hashgrind", Params: hp, Method: PolicyRerun, Output: hout})
		if !errors.Is(err, ErrWrong) {
			t.Fatalf("err = %v, want ErrWrong", err)
		}
	})
}

func TestMethod(t *testing.T) {
	reg := exec.DefaultRegistry()
	mm, _ := reg.Get("matmul")
	hg, _ := reg.Get("hashgrind")
	tests := []struct {
		policy string
		w      exec.Workload
		want   string
		err    error
	}{
		{"", mm, PolicyFreivalds, nil},
		{"sample", hg, PolicyRerun, nil},
		{"none", hg, PolicyNone, nil},
		{"rerun", mm, PolicyRerun, nil},
		{"freivalds", hg, "", ErrPolicy},
		{"bogus", hg, "", ErrPolicy},
	}
	for _, tc := range tests {
		got, err := Method(tc.policy, tc.w)
		if got != tc.want || !errors.Is(err, tc.err) {
			t.Errorf("Method(%q, %s) = %q, %v; want %q, %v", tc.policy, tc.w.Name(), got, err, tc.want, tc.err)
		}
	}
}

func TestSampled(t *testing.T) {
	n, hits := 20000, 0
	for i := range n {
		var id [32]byte
		binary.BigEndian.PutUint64(id[:], uint64(i))
		if Sampled(id, [32]byte{9}, 0.1) {
			hits++
		}
	}
	if f := float64(hits) / float64(n); math.Abs(f-0.1) > 0.01 {
		t.Fatalf("sampled fraction %.4f, want 0.10 ± 0.01", f)
	}
}

// BenchmarkFreivalds compares checking a product (k = 20 rounds) with
// recomputing it on the CPU backend, at n = 1024 and 2048.
func BenchmarkFreivalds(b *testing.B) {
	for _, n := range []int{1024, 2048} {
		p, in, c := matmulCase(b, n, 1)
		b.Run(fmt.Sprintf("n=%d/freivalds-k=20", n), func(b *testing.B) {
			for b.Loop() {
				if err := exec.Freivalds(in[0], in[1], c, DefaultFreivaldsRounds, 1); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run(fmt.Sprintf("n=%d/recompute", n), func(b *testing.B) {
			out := make([]byte, 0, len(c))
			for b.Loop() {
				if _, err := (exec.Matmul{}).RunCPU(context.Background(), p, in, out, runtime.GOMAXPROCS(0)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
