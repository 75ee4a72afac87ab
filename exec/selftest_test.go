package exec_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/ogpu/ogpu/exec"
)

func TestSelftestCPU(t *testing.T) {
	rows := exec.Selftest(context.Background(), exec.NewCPU(exec.CPUConfig{}))
	names := exec.DefaultRegistry().Names()
	if len(rows) != len(names) {
		t.Fatalf("%d rows for %d workloads", len(rows), len(names))
	}
	for i, r := range rows {
		if r.Workload != names[i] || r.Backend != "cpu" || !r.OK || r.Rate <= 0 || r.Seconds <= 0 || r.Unit == "" {
			t.Errorf("row %+v", r)
		}
		raw, _ := json.Marshal(r)
		var m map[string]any
		_ = json.Unmarshal(raw, &m)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		want := []string{"backend", "device", "ok", "rate", "seconds", "unit", "workload"}
		if !reflect.DeepEqual(keys, want) {
			t.Errorf("JSON keys %v, want %v", keys, want)
		}
	}
}

// downBackend is a real CPU backend that has been closed.
func TestSelftestUnavailable(t *testing.T) {
	b := exec.NewCPU(exec.CPUConfig{})
	_ = b.Close()
	rows := exec.Selftest(context.Background(), b)
	for _, r := range rows {
		if r.OK || r.Error != exec.ErrClosed.Error() {
			t.Errorf("closed backend row %+v", r)
		}
	}
	if _, err := b.Run(context.Background(), exec.Task{}); !errors.Is(err, exec.ErrClosed) {
		t.Errorf("Run after Close: %v", err)
	}
}
