package exec_test

import (
	"errors"
	"testing"

	"github.com/ogpu/ogpu/exec"
)

// TestMLPRequestParams: a streaming request's parameters come from the
// model's widths and the input's rows; malformed inputs are refused with
// ErrBadInput and the parameters always validate for the workload.
func TestMLPRequestParams(t *testing.T) {
	layers := []int{4, 8, 2}
	blob := func(t *testing.T, shape []int) []byte {
		t.Helper()
		n := 1
		for _, d := range shape {
			n *= d
		}
		b, err := exec.F32Blob(shape, make([]float32, n))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	model, err := exec.MLPModel(layers, 1)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		layers []int
		input  func(t *testing.T) []byte
		batch  string
		err    error
	}{
		{"one row", layers, func(t *testing.T) []byte { return blob(t, []int{1, 4}) }, "1", nil},
		{"many rows", layers, func(t *testing.T) []byte { return blob(t, []int{7, 4}) }, "7", nil},
		{"wrong width", layers, func(t *testing.T) []byte { return blob(t, []int{1, 5}) }, "", exec.ErrBadInput},
		{"not a matrix", layers, func(t *testing.T) []byte { return blob(t, []int{4}) }, "", exec.ErrBadInput},
		{"not f32", layers, func(*testing.T) []byte { return model }, "", exec.ErrBadInput},
		{"garbage", layers, func(*testing.T) []byte { return []byte("not a blob") }, "", exec.ErrBadInput},
		{"no layers", []int{4}, func(t *testing.T) []byte { return blob(t, []int{1, 4}) }, "", exec.ErrBadBlob},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.input(t)
			p, err := exec.MLPRequestParams(tc.layers, in)
			if tc.err != nil {
				if !errors.Is(err, tc.err) {
					t.Fatalf("err = %v, want %v", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p["batch"] != tc.batch || p["layers"] != "4,8,2" {
				t.Fatalf("params %v", p)
			}
			if err := (exec.MLP{}).ValidateInputs(p, [][]byte{model, in}); err != nil {
				t.Fatalf("derived params do not fit the request: %v", err)
			}
		})
	}
}
