package exectest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/ogpu/ogpu/exec"
)

// Suite runs the conformance suite against b. b must be available.
func Suite(t *testing.T, b exec.Backend) {
	t.Helper()
	if err := b.Available(); err != nil {
		t.Fatalf("backend %s unavailable: %v", b.Name(), err)
	}
	reg := exec.DefaultRegistry()
	seed := uint64(time.Now().UnixNano())
	t.Logf("backend %s (%s), seed %d", b.Name(), b.Device(), seed)
	rng := rand.New(rand.NewPCG(seed, 1))

	t.Run("Workloads", func(t *testing.T) {
		for _, w := range reg.Workloads() {
			t.Run(w.Name(), func(t *testing.T) {
				if !b.Supports(w.Name()) {
					t.Skipf("%s does not support %s", b.Name(), w.Name())
				}
				for i, p := range cases(w.Name(), rng) {
					t.Run(strconv.Itoa(i), func(t *testing.T) { checkAgainstReference(t, b, w, p, rng.Uint64()) })
				}
			})
		}
	})
	t.Run("BadParams", func(t *testing.T) { badParams(t, b) })
	t.Run("BadInputs", func(t *testing.T) { badInputs(t, b) })
	t.Run("SplitMerge", func(t *testing.T) { splitMerge(t, b, reg, rng) })
	t.Run("Deadline", func(t *testing.T) { deadline(t, b) })
	t.Run("Canceled", func(t *testing.T) { canceled(t, b) })
	t.Run("MemLimit", func(t *testing.T) { memLimit(t, b) })
	t.Run("Concurrent", func(t *testing.T) { concurrent(t, b, reg, rng) })
}

// cases returns parameter sets for a workload: edge shapes plus random ones.
func cases(workload string, rng *rand.Rand) []exec.Params {
	ri := func(lo, hi int) string { return strconv.Itoa(lo + rng.IntN(hi-lo+1)) }
	hexPrefix := func() string {
		b := make([]byte, rng.IntN(48))
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return fmt.Sprintf("%x", b)
	}
	switch workload {
	case "matmul":
		return []exec.Params{
			{"m": "1", "k": "1", "n": "1"},
			{"m": "1", "k": "300", "n": "1"},
			{"m": "37", "k": "129", "n": "71"},
			{"m": "64", "k": "256", "n": "64"},
			{"m": "5", "k": "517", "n": "33"},
			{"m": ri(1, 200), "k": ri(1, 600), "n": ri(1, 200)},
			{"m": ri(100, 300), "k": ri(1, 64), "n": ri(100, 300)},
		}
	case "hashgrind":
		start := rng.IntN(1 << 30)
		return []exec.Params{
			{"prefix": hexPrefix(), "start": strconv.Itoa(start), "end": strconv.Itoa(start + 1<<16), "difficulty": "10"},
			{"prefix": hexPrefix(), "start": "0", "end": "200000", "difficulty": "12"},
			{"prefix": hexPrefix(), "start": strconv.Itoa(start), "end": strconv.Itoa(start + 5000), "difficulty": "40"}, // not found
			{"prefix": "", "start": "0", "end": "1", "difficulty": "1"},
			{"prefix": hexPrefix(), "start": "7", "end": "100007", "difficulty": ri(1, 14)},
			{"prefix": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff", "start": "0", "end": "70000", "difficulty": "11"},
		}
	case "render":
		return []exec.Params{
			{"width": "97", "height": "61", "max_iter": "200"},
			{"width": "1", "height": "1"},
			{"fractal": "julia", "width": "80", "height": "80", "max_iter": "300", "tile_x": "10", "tile_y": "20", "tile_w": "50", "tile_h": "33"},
			{"width": ri(16, 160), "height": ri(16, 120), "max_iter": ri(1, 500), "x0": "-0.8", "x1": "-0.7", "y0": "0.05", "y1": "0.15"},
			{"fractal": "julia", "width": "64", "height": "48", "cr": "0.285", "ci": "0.01", "max_iter": "1000"},
		}
	case "mlp":
		return []exec.Params{
			{"layers": "3,1", "batch": "1"},
			{"layers": "17,33,5", "batch": "7"},
			{"layers": "64,128,64,10", "batch": "32"},
			{"layers": ri(1, 100) + "," + ri(1, 200) + "," + ri(1, 50), "batch": ri(1, 70)},
		}
	}
	return nil
}

// poisoned returns a buffer big enough for the task's output, filled with
// 0xFF bytes (NaN as f32, nonsense as anything else).
func poisoned(c exec.Cost) []byte {
	b := make([]byte, c.OutBytes)
	for i := range b {
		b[i] = 0xFF
	}
	return b
}

// fixedOutput reports whether the workload's output size is known in advance
// (so backends must write into Task.Output).
func fixedOutput(w exec.Workload) bool { return w.Name() != "render" }

func checkAgainstReference(t *testing.T, b exec.Backend, w exec.Workload, p exec.Params, seed uint64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	inputs, err := w.RandomInputs(p, seed)
	if err != nil {
		t.Fatalf("RandomInputs(%v): %v", p, err)
	}
	cost, err := w.Cost(p)
	if err != nil {
		t.Fatalf("Cost(%v): %v", p, err)
	}
	buf := poisoned(cost)
	res, err := b.Run(ctx, exec.Task{Workload: w.Name(), Params: p, Inputs: inputs, Output: buf})
	if err != nil {
		t.Fatalf("Run(%s %v): %v", w.Name(), p, err)
	}
	if fixedOutput(w) && (len(res.Output) == 0 || &res.Output[0] != &buf[0]) {
		t.Errorf("Run(%s %v) did not write into Task.Output", w.Name(), p)
	}
	want, err := w.Reference(ctx, p, inputs)
	if err != nil {
		t.Fatalf("Reference(%s %v): %v", w.Name(), p, err)
	}
	if err := w.Compare(p, want, res.Output); err != nil {
		t.Errorf("%s %v (seed %d): %v", w.Name(), p, seed, err)
	}
	switch w.Name() {
	case "matmul":
		if err := exec.Freivalds(inputs[0], inputs[1], res.Output, 4, seed); err != nil {
			t.Errorf("freivalds rejects %s %v: %v", w.Name(), p, err)
		}
	case "hashgrind":
		if err := exec.HashgrindCheck(p, res.Output); err != nil {
			t.Errorf("HashgrindCheck %v: %v", p, err)
		}
	}
	if res.Backend != b.Name() || res.Elapsed <= 0 {
		t.Errorf("result metadata: backend %q elapsed %v", res.Backend, res.Elapsed)
	}
}

func badParams(t *testing.T, b exec.Backend) {
	ctx := context.Background()
	tests := []struct {
		workload string
		p        exec.Params
		want     error
	}{
		{"nope", exec.Params{}, exec.ErrUnknownWorkload},
		{"matmul", exec.Params{"m": "2", "k": "2"}, exec.ErrBadParam},
		{"matmul", exec.Params{"m": "0", "k": "2", "n": "2"}, exec.ErrBadParam},
		{"matmul", exec.Params{"m": "-3", "k": "2", "n": "2"}, exec.ErrBadParam},
		{"matmul", exec.Params{"m": "x", "k": "2", "n": "2"}, exec.ErrBadParam},
		{"matmul", exec.Params{"m": "2", "k": "2", "n": "2", "bogus": "1"}, exec.ErrBadParam},
		{"matmul", exec.Params{"m": "65536", "k": "65536", "n": "2"}, exec.ErrBadParam},
		{"matmul", exec.Params{"m": "99999999", "k": "1", "n": "1"}, exec.ErrBadParam},
		{"hashgrind", exec.Params{"end": "10", "difficulty": "300"}, exec.ErrBadParam},
		{"hashgrind", exec.Params{"start": "10", "end": "10", "difficulty": "3"}, exec.ErrBadParam},
		{"hashgrind", exec.Params{"end": "10", "difficulty": "3", "prefix": "zz"}, exec.ErrBadParam},
		{"hashgrind", exec.Params{"end": "4611686018427387904", "difficulty": "3"}, exec.ErrBadParam},
		{"render", exec.Params{"width": "10", "height": "10", "x0": "1", "x1": "0"}, exec.ErrBadParam},
		{"render", exec.Params{"width": "10", "height": "10", "x0": "NaN"}, exec.ErrBadParam},
		{"render", exec.Params{"width": "10", "height": "10", "fractal": "sierpinski"}, exec.ErrBadParam},
		{"render", exec.Params{"width": "10", "height": "10", "tile_x": "5", "tile_w": "6"}, exec.ErrBadParam},
		{"render", exec.Params{"width": "32768", "height": "32768"}, exec.ErrBadParam},
		{"mlp", exec.Params{"layers": "10", "batch": "1"}, exec.ErrBadParam},
		{"mlp", exec.Params{"layers": "10,0,3", "batch": "1"}, exec.ErrBadParam},
		{"mlp", exec.Params{"layers": "10,,3", "batch": "1"}, exec.ErrBadParam},
		{"mlp", exec.Params{"layers": "65536,65536,65536", "batch": "1"}, exec.ErrBadParam},
	}
	for _, tt := range tests {
		_, err := b.Run(ctx, exec.Task{Workload: tt.workload, Params: tt.p})
		if !errors.Is(err, tt.want) {
			t.Errorf("Run(%s %v) = %v, want %v", tt.workload, tt.p, err, tt.want)
		}
	}
}

func badInputs(t *testing.T, b exec.Backend) {
	ctx := context.Background()
	a, _ := exec.F32Blob([]int{2, 3}, make([]float32, 6))
	bb, _ := exec.F32Blob([]int{3, 2}, make([]float32, 6))
	wrong, _ := exec.F32Blob([]int{2, 2}, make([]float32, 4))
	trunc := a[:len(a)-1]
	model, _ := exec.MLPModel([]int{3, 2}, 1)
	x, _ := exec.F32Blob([]int{1, 3}, make([]float32, 3))
	mm := exec.Params{"m": "2", "k": "3", "n": "2"}
	tests := []struct {
		workload string
		p        exec.Params
		in       [][]byte
	}{
		{"matmul", mm, [][]byte{a}},
		{"matmul", mm, [][]byte{a, wrong}},
		{"matmul", mm, [][]byte{trunc, bb}},
		{"matmul", mm, [][]byte{[]byte("garbage"), bb}},
		{"mlp", exec.Params{"layers": "3,2", "batch": "1"}, [][]byte{x, x}},
		{"mlp", exec.Params{"layers": "3,2", "batch": "2"}, [][]byte{model, x}},
		{"hashgrind", exec.Params{"end": "10", "difficulty": "3"}, [][]byte{a}},
	}
	for _, tt := range tests {
		_, err := b.Run(ctx, exec.Task{Workload: tt.workload, Params: tt.p, Inputs: tt.in})
		if !errors.Is(err, exec.ErrBadInput) {
			t.Errorf("Run(%s %v, %d inputs) = %v, want ErrBadInput", tt.workload, tt.p, len(tt.in), err)
		}
	}
}

func splitMerge(t *testing.T, b exec.Backend, reg *exec.Registry, rng *rand.Rand) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	tasks := []struct {
		workload string
		p        exec.Params
	}{
		{"matmul", exec.Params{"m": "103", "k": "77", "n": "45"}},
		{"hashgrind", exec.Params{"prefix": "abcd", "start": "1000", "end": "300000", "difficulty": "13"}},
		{"hashgrind", exec.Params{"prefix": "abcd", "start": "0", "end": "3000", "difficulty": "30"}},
		{"render", exec.Params{"fractal": "julia", "width": "90", "height": "70", "max_iter": "150", "tile_y": "3", "tile_h": "60"}},
		{"mlp", exec.Params{"layers": "12,40,7", "batch": "29"}},
	}
	for _, tt := range tasks {
		if !b.Supports(tt.workload) {
			continue
		}
		w, _ := reg.Get(tt.workload)
		inputs, err := w.RandomInputs(tt.p, rng.Uint64())
		if err != nil {
			t.Fatal(err)
		}
		whole, err := b.Run(ctx, exec.Task{Workload: tt.workload, Params: tt.p, Inputs: inputs})
		if err != nil {
			t.Fatalf("%s %v: %v", tt.workload, tt.p, err)
		}
		for _, n := range []int{1, 2, 5} {
			shards, err := reg.Split(tt.workload, tt.p, inputs, n)
			if err != nil {
				t.Fatalf("Split(%s, %d): %v", tt.workload, n, err)
			}
			if len(shards) < 1 || len(shards) > n {
				t.Fatalf("Split(%s, %d) gave %d shards", tt.workload, n, len(shards))
			}
			parts := make([]exec.Part, len(shards))
			for i, s := range shards {
				res, err := b.Run(ctx, exec.Task{Workload: tt.workload, Params: s.Params, Inputs: s.Inputs})
				if err != nil {
					t.Fatalf("%s shard %d/%d %v: %v", tt.workload, i, n, s.Params, err)
				}
				parts[i] = exec.Part{Params: s.Params, Output: res.Output}
			}
			merged, err := reg.Merge(tt.workload, tt.p, parts)
			if err != nil {
				t.Fatalf("Merge(%s, %d): %v", tt.workload, n, err)
			}
			if !bytes.Equal(merged, whole.Output) {
				t.Errorf("%s split %d then merged differs from the unsplit output (%v)", tt.workload, n, w.Compare(tt.p, whole.Output, merged))
			}
		}
	}
}

// slowTask runs far longer than any test deadline.
var slowTask = exec.Task{Workload: "hashgrind", Params: exec.Params{"prefix": "00", "start": "0", "end": strconv.Itoa(1 << 40), "difficulty": "256"}}

func deadline(t *testing.T, b exec.Backend) {
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := b.Run(ctx, slowTask)
	if !errors.Is(err, exec.ErrDeadline) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("overrunning run returned %v, want ErrDeadline", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("overrunning run stopped after %v, want well under 3s", el)
	}
	afterwards(t, b)
}

func canceled(t *testing.T, b exec.Backend) {
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(50 * time.Millisecond); cancel() }()
	_, err := b.Run(ctx, slowTask)
	if !errors.Is(err, exec.ErrCanceled) {
		t.Fatalf("canceled run returned %v, want ErrCanceled", err)
	}
	afterwards(t, b)
}

// afterwards checks that the backend still serves a normal run.
func afterwards(t *testing.T, b exec.Backend) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	p := exec.Params{"prefix": "0102", "start": "0", "end": "100000", "difficulty": "8"}
	res, err := b.Run(ctx, exec.Task{Workload: "hashgrind", Params: p})
	if err != nil {
		t.Fatalf("run after a stopped run: %v", err)
	}
	want, _ := exec.Hashgrind{}.Reference(ctx, p, nil)
	if err := (exec.Hashgrind{}).Compare(p, want, res.Output); err != nil {
		t.Fatalf("run after a stopped run: %v", err)
	}
}

func memLimit(t *testing.T, b exec.Backend) {
	p := exec.Params{"m": "4096", "k": "4096", "n": "4096"}
	_, err := b.Run(context.Background(), exec.Task{Workload: "matmul", Params: p, MemLimit: 1 << 20})
	if !errors.Is(err, exec.ErrMemLimit) {
		t.Fatalf("matmul 4096³ under a 1 MiB cap returned %v, want ErrMemLimit", err)
	}
	p = exec.Params{"m": "16384", "k": "16384", "n": "16384"}
	_, err = b.Run(context.Background(), exec.Task{Workload: "matmul", Params: p})
	if !errors.Is(err, exec.ErrMemLimit) {
		t.Fatalf("matmul 16384³ under the default cap returned %v, want ErrMemLimit", err)
	}
}

func concurrent(t *testing.T, b exec.Backend, reg *exec.Registry, rng *rand.Rand) {
	w, _ := reg.Get("matmul")
	var wg sync.WaitGroup
	for i := range 4 {
		p := exec.Params{"m": strconv.Itoa(20 + i), "k": "50", "n": "30"}
		seed := rng.Uint64()
		wg.Go(func() {
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			in, _ := w.RandomInputs(p, seed)
			res, err := b.Run(ctx, exec.Task{Workload: "matmul", Params: p, Inputs: in})
			if err != nil {
				t.Errorf("concurrent run: %v", err)
				return
			}
			want, _ := w.Reference(ctx, p, in)
			if err := w.Compare(p, want, res.Output); err != nil {
				t.Errorf("concurrent run: %v", err)
			}
		})
	}
	wg.Wait()
}
