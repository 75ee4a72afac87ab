package exec

import (
	"fmt"
	"sort"
	"strings"
)

// DefaultMemLimit is the memory cap of a Task that sets none.
const DefaultMemLimit = 2 << 30

// Registry maps workload names to workloads. It is immutable after
// construction and safe for concurrent use.
type Registry struct {
	byName map[string]Workload
	names  []string
}

// NewRegistry builds a registry; names must be unique.
func NewRegistry(ws ...Workload) (*Registry, error) {
	r := &Registry{byName: make(map[string]Workload, len(ws))}
	for _, w := range ws {
		if _, dup := r.byName[w.Name()]; dup {
			return nil, fmt.Errorf("exec: workload %q registered twice", w.Name())
		}
		r.byName[w.Name()] = w
		r.names = append(r.names, w.Name())
	}
	sort.Strings(r.names)
	return r, nil
}

// DefaultRegistry holds the built-in workloads: hashgrind, matmul, mlp, render.
func DefaultRegistry() *Registry {
	r, err := NewRegistry(Matmul{}, Hashgrind{}, Render{}, MLP{})
	if err != nil {
		panic(err) // unreachable: the built-in names are distinct
	}
	return r
}

// Names lists workload names, sorted.
func (r *Registry) Names() []string { return append([]string(nil), r.names...) }

// Workloads lists workloads sorted by name.
func (r *Registry) Workloads() []Workload {
	out := make([]Workload, len(r.names))
	for i, n := range r.names {
		out[i] = r.byName[n]
	}
	return out
}

// Get returns the named workload or an error wrapping ErrUnknownWorkload.
func (r *Registry) Get(name string) (Workload, error) {
	w, ok := r.byName[name]
	if !ok {
		return nil, fmt.Errorf("%w %q (known: %s)", ErrUnknownWorkload, truncate(name), strings.Join(r.names, ", "))
	}
	return w, nil
}

// Check validates a task completely: workload, parameters, inputs and the
// memory cap. Backends call it before running; the market may call it before
// bidding (with inputs) or CheckParams before fetching inputs.
func (r *Registry) Check(t Task) (Workload, Cost, error) {
	w, c, err := r.CheckParams(t.Workload, t.Params, t.MemLimit)
	if err != nil {
		return nil, Cost{}, err
	}
	if err := w.ValidateInputs(t.Params, t.Inputs); err != nil {
		return nil, Cost{}, err
	}
	return w, c, nil
}

// CheckParams validates a workload's parameters and the memory cap
// (memLimit 0 means DefaultMemLimit) and returns the cost estimate.
func (r *Registry) CheckParams(workload string, p Params, memLimit int64) (Workload, Cost, error) {
	w, err := r.Get(workload)
	if err != nil {
		return nil, Cost{}, err
	}
	if err := w.ValidateParams(p); err != nil {
		return nil, Cost{}, err
	}
	c, err := w.Cost(p)
	if err != nil {
		return nil, Cost{}, err
	}
	if memLimit <= 0 {
		memLimit = DefaultMemLimit
	}
	if c.MemBytes > memLimit {
		return nil, Cost{}, fmt.Errorf("%w: %s needs about %d MiB, cap is %d MiB; raise the task's memory cap or shrink it",
			ErrMemLimit, w.Name(), c.MemBytes>>20, memLimit>>20)
	}
	return w, c, nil
}

// Split shards a task by its workload's Splitter. A workload that cannot be
// split yields one shard holding the whole task.
func (r *Registry) Split(workload string, p Params, inputs [][]byte, n int) ([]Shard, error) {
	w, err := r.Get(workload)
	if err != nil {
		return nil, err
	}
	if err := w.ValidateParams(p); err != nil {
		return nil, err
	}
	if err := w.ValidateInputs(p, inputs); err != nil {
		return nil, err
	}
	s, ok := w.(Splitter)
	if !ok || n <= 1 {
		return []Shard{{Params: p.Clone(), Inputs: inputs}}, nil
	}
	return s.Split(p, inputs, n)
}

// Merge joins shard outputs by the workload's Splitter; one part is returned
// as is.
func (r *Registry) Merge(workload string, p Params, parts []Part) ([]byte, error) {
	w, err := r.Get(workload)
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, fmt.Errorf("%w: no parts", ErrBadSplit)
	}
	s, ok := w.(Splitter)
	if !ok {
		if len(parts) != 1 {
			return nil, fmt.Errorf("%w: %s does not split, got %d parts", ErrBadSplit, workload, len(parts))
		}
		return parts[0].Output, nil
	}
	return s.Merge(p, parts)
}
