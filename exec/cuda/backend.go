package cuda

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"

	"github.com/ogpu/ogpu/exec"
)

// Config configures CUDA backends. The zero value is usable.
type Config struct {
	// Registry of workloads; nil means exec.DefaultRegistry().
	Registry *exec.Registry
	// Logger receives warnings (context rebuilds) and debug records; nil
	// discards them.
	Logger *slog.Logger
}

// Backend runs exec tasks on one GPU. It is safe for concurrent use: each
// run gets its own stream and device buffers.
type Backend struct {
	reg *exec.Registry
	log *slog.Logger

	mu     sync.RWMutex // held for reading by runs, for writing by rebuild and Close
	dev    *device
	fns    map[string]cuFunc
	mods   []cuModule
	closed bool
	desc   string

	brokenMu sync.Mutex
	broken   error // set after a sticky error; the next run rebuilds the context
}

// kernels lists the PTX modules and the entry points the backend uses.
var kernels = []struct {
	ptx     *string
	entries []string
}{
	{&matmulPTX, []string{"sgemm", "bias_act"}},
	{&hashgrindPTX, []string{"hashgrind"}},
	{&renderPTX, []string{"render"}},
}

// Available reports whether a CUDA driver with at least one device can be
// used, or why not (wrapping exec.ErrUnavailable).
func Available() error {
	n, err := deviceCount()
	if err != nil {
		return fmt.Errorf("%w: cuda: %w", exec.ErrUnavailable, err)
	}
	if n == 0 {
		return fmt.Errorf("%w: cuda: the driver reports no devices", exec.ErrUnavailable)
	}
	return nil
}

// Open builds a backend for the GPU with the given ordinal: it retains the
// device's primary context and loads the embedded PTX (the driver
// JIT-compiles it). Without a usable driver it returns an error wrapping
// exec.ErrUnavailable that says why.
func Open(ordinal int, cfg Config) (*Backend, error) {
	b := &Backend{reg: cfg.Registry, log: cfg.Logger}
	if b.reg == nil {
		b.reg = exec.DefaultRegistry()
	}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	d, err := openDevice(ordinal)
	if err != nil {
		return nil, fmt.Errorf("%w: cuda device %d: %w", exec.ErrUnavailable, ordinal, err)
	}
	b.dev = d
	b.desc = fmt.Sprintf("cuda:%d %s (sm_%d%d, %d MiB)", ordinal, d.name, d.major, d.minor, d.mem>>20)
	b.log = b.log.With("backend", "cuda", "device", ordinal)
	if err := b.loadKernels(); err != nil {
		_ = d.close()
		return nil, fmt.Errorf("%w: %s: %w", exec.ErrUnavailable, b.desc, err)
	}
	return b, nil
}

// OpenAll opens every GPU. It returns an error wrapping exec.ErrUnavailable
// when there is none; devices that fail to open are logged and skipped.
func OpenAll(cfg Config) ([]*Backend, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	n, _ := deviceCount()
	var out []*Backend
	var errs []error
	for i := range n {
		b, err := Open(i, cfg)
		if err != nil {
			errs = append(errs, err)
			if cfg.Logger != nil {
				cfg.Logger.Warn("cuda device unusable", "device", i, "err", err)
			}
			continue
		}
		out = append(out, b)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no CUDA device could be opened: %w", exec.ErrUnavailable, errors.Join(errs...))
	}
	return out, nil
}

func (b *Backend) loadKernels() error {
	b.fns = map[string]cuFunc{}
	b.mods = nil
	for _, k := range kernels {
		m, err := b.dev.loadModule(*k.ptx)
		if err != nil {
			return err
		}
		b.mods = append(b.mods, m)
		for _, e := range k.entries {
			f, err := b.dev.function(m, e)
			if err != nil {
				return err
			}
			b.fns[e] = f
		}
	}
	return nil
}

func (b *Backend) Name() string   { return "cuda" }
func (b *Backend) Device() string { return b.desc }

func (b *Backend) Available() error {
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closed {
		return exec.ErrClosed
	}
	return nil
}

// Supports reports the workloads with CUDA kernels: matmul, hashgrind,
// render and mlp.
func (b *Backend) Supports(workload string) bool {
	switch workload {
	case "matmul", "hashgrind", "render", "mlp":
		return true
	}
	return false
}

// Run validates the task, checks the memory cap and the device's free
// memory, and runs it. See the package doc for deadline behaviour.
func (b *Backend) Run(ctx context.Context, t exec.Task) (exec.Result, error) {
	w, cost, err := b.reg.Check(t)
	if err != nil {
		return exec.Result{}, err
	}
	if !b.Supports(w.Name()) {
		return exec.Result{}, fmt.Errorf("%w: %s on cuda", exec.ErrUnsupported, w.Name())
	}
	if err := b.ready(); err != nil {
		return exec.Result{}, err
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	if b.closed {
		return exec.Result{}, exec.ErrClosed
	}
	if free, _, err := b.dev.memInfo(); err == nil && uint64(cost.MemBytes) > free {
		return exec.Result{}, fmt.Errorf("%w: %s needs about %d MiB, %s has %d MiB free", exec.ErrMemLimit, w.Name(), cost.MemBytes>>20, b.desc, free>>20)
	}
	if err := ctx.Err(); err != nil {
		return exec.Result{}, exec.CtxError(err)
	}
	r := &run{b: b, ctx: ctx}
	start := time.Now()
	out, err := r.do(t)
	el := time.Since(start)
	if cerr := r.cleanup(); err == nil {
		err = cerr
	}
	if err != nil {
		if isSticky(err) {
			b.markBroken(err)
		}
		b.log.Debug("run failed", "workload", t.Workload, "elapsed", el, "err", err)
		return exec.Result{}, err
	}
	return exec.Result{Output: out, Backend: b.Name(), Device: b.desc, Elapsed: el, Cost: cost}, nil
}

func (b *Backend) markBroken(err error) {
	b.brokenMu.Lock()
	defer b.brokenMu.Unlock()
	if b.broken == nil {
		b.broken = err
	}
}

func (b *Backend) brokenErr() error {
	b.brokenMu.Lock()
	defer b.brokenMu.Unlock()
	return b.broken
}

// ready rebuilds the context if a previous run poisoned it. The rebuild takes
// the write lock, so it waits for runs in flight (which fail fast on a
// poisoned context).
func (b *Backend) ready() error {
	if b.brokenErr() == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return exec.ErrClosed
	}
	cause := b.brokenErr()
	if cause == nil {
		return nil // another run rebuilt it
	}
	b.log.Warn("rebuilding CUDA context after a fatal error", "cause", cause)
	if err := b.dev.reset(); err != nil {
		return fmt.Errorf("%w: %s: context rebuild failed: %w", exec.ErrUnavailable, b.desc, err)
	}
	if err := b.loadKernels(); err != nil {
		return fmt.Errorf("%w: %s: reloading kernels: %w", exec.ErrUnavailable, b.desc, err)
	}
	b.brokenMu.Lock()
	b.broken = nil
	b.brokenMu.Unlock()
	return nil
}

// Close unloads the kernels and releases the context; it is idempotent.
func (b *Backend) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		return nil
	}
	b.closed = true
	var errs []error
	for _, m := range b.mods {
		errs = append(errs, b.dev.unloadModule(m))
	}
	errs = append(errs, b.dev.close())
	return errors.Join(errs...)
}

// run is the state of one Run: its stream and device buffers.
type run struct {
	b       *Backend
	ctx     context.Context
	stream  cuStream
	started bool
	bufs    []dptr
	stopped error // set when ctx ended; the run returns it after draining
}

// Chunk budgets: one launch does at most this much work, so a run whose
// context ends stops within one chunk.
const (
	chunkFlops = 1 << 34 // matmul / mlp
	chunkIters = 1 << 31 // render: pixels × max_iter
	chunkHash  = 1 << 26 // hashgrind nonces
)

func (r *run) init() error {
	if r.started {
		return nil
	}
	s, err := r.b.dev.newStream()
	if err != nil {
		return err
	}
	r.stream, r.started = s, true
	return nil
}

func (r *run) alloc(n int) (dptr, error) {
	p, err := r.b.dev.alloc(n)
	if err != nil {
		if errors.Is(err, ErrOutOfMemory) {
			return 0, fmt.Errorf("%w: %s: %w", exec.ErrMemLimit, r.b.desc, err)
		}
		return 0, err
	}
	r.bufs = append(r.bufs, p)
	return p, nil
}

// upload allocates device memory for src and copies it there.
func (r *run) upload(src []byte) (dptr, error) {
	p, err := r.alloc(len(src))
	if err != nil {
		return 0, err
	}
	return p, r.b.dev.htod(p, src)
}

// poison fills a device buffer with 0xFF (NaN as f32).
func (r *run) poison(p dptr, n int) error { return r.b.dev.memset(p, 0xFF, n, r.stream) }

func (r *run) launch(name string, grid, block [3]uint32, args ...uint64) error {
	f, ok := r.b.fns[name]
	if !ok {
		return fmt.Errorf("cuda: kernel %q not loaded", name)
	}
	return r.b.dev.launch(f, grid, block, r.stream, args)
}

// wait polls the stream until its work is done. If ctx ends meanwhile it
// keeps waiting for the launched chunk to drain (bounded by the chunk size),
// records the context error and returns it.
func (r *run) wait() error {
	delay := 20 * time.Microsecond
	drainStart := time.Time{}
	for {
		done, err := r.b.dev.query(r.stream)
		if err != nil {
			return err
		}
		if done {
			if r.stopped != nil {
				return r.stopped
			}
			return nil
		}
		if r.stopped == nil && r.ctx.Err() != nil {
			r.stopped = exec.CtxError(r.ctx.Err())
			drainStart = time.Now()
		}
		if r.stopped != nil && time.Since(drainStart) > drainLimit {
			return fmt.Errorf("%w: kernel still running %v after the deadline: %w", r.stopped, drainLimit, ErrLaunchTimeout)
		}
		time.Sleep(delay)
		delay = min(2*delay, time.Millisecond)
	}
}

// drainLimit is how long a run waits for an in-flight chunk after its
// context ended before declaring the context lost.
const drainLimit = 30 * time.Second

// between is called between chunks: it stops the run when ctx has ended.
func (r *run) between() error {
	if err := r.ctx.Err(); err != nil {
		return exec.CtxError(err)
	}
	return nil
}

func (r *run) cleanup() error {
	var errs []error
	if r.started {
		// Nothing may still use the buffers when they are freed: wait for the
		// stream (bounded; on a poisoned context query fails at once).
		deadline := time.Now().Add(drainLimit)
		for time.Now().Before(deadline) {
			done, err := r.b.dev.query(r.stream)
			if err != nil || done {
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
	}
	for _, p := range r.bufs {
		errs = append(errs, r.b.dev.free(p))
	}
	if r.started {
		errs = append(errs, r.b.dev.destroyStream(r.stream))
	}
	return errors.Join(errs...)
}

func (r *run) do(t exec.Task) ([]byte, error) {
	if err := r.init(); err != nil {
		return nil, err
	}
	switch t.Workload {
	case "matmul":
		return r.matmul(t)
	case "hashgrind":
		return r.hashgrind(t)
	case "render":
		return r.render(t)
	case "mlp":
		return r.mlp(t)
	}
	return nil, fmt.Errorf("%w: %s on cuda", exec.ErrUnsupported, t.Workload)
}

// arg helpers pack kernel parameters into 8-byte slots.
func i32(v int) uint64     { return uint64(uint32(int32(v))) }
func f64(v float64) uint64 { return math.Float64bits(v) }
func ptr(p dptr) uint64    { return uint64(p) }
func ceil(a, b int) uint32 { return uint32((a + b - 1) / b) }
