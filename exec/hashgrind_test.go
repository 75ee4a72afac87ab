package exec_test

import (
	"errors"
	"testing"

	"github.com/ogpu/ogpu/exec"
)

func TestHashgrindCheck(t *testing.T) {
	p := exec.Params{"prefix": "00ff", "start": "0", "end": "100000", "difficulty": "12"}
	// Find the true answer by brute force, independent of the workload code.
	var nonce uint64
	for nonce = 0; exec.LeadingZeroBits(exec.HashgrindHash([]byte{0, 0xff}, nonce)) < 12; nonce++ {
	}
	good := exec.HashgrindOutput(nil, true, nonce)
	if err := exec.HashgrindCheck(p, good); err != nil {
		t.Fatalf("true answer rejected: %v", err)
	}
	for _, bad := range [][]byte{
		exec.HashgrindOutput(nil, true, nonce+1),  // does not meet the difficulty (almost surely)
		exec.HashgrindOutput(nil, true, 100000+0), // outside the range
		{1, 2, 3},
	} {
		if err := exec.HashgrindCheck(p, bad); !errors.Is(err, exec.ErrMismatch) {
			t.Errorf("bad claim accepted: %v", err)
		}
	}
}

func TestFreivaldsCatchesOneWrongElement(t *testing.T) {
	p := exec.Params{"m": "60", "k": "80", "n": "50"}
	in, _ := exec.Matmul{}.RandomInputs(p, 9)
	c, err := exec.Matmul{}.Reference(t.Context(), p, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Freivalds(in[0], in[1], c, 8, 1); err != nil {
		t.Fatalf("honest product rejected: %v", err)
	}
	vals, shape, _ := exec.DecodeF32(c, nil)
	vals[17*50+3] += 0.05
	bad, _ := exec.F32Blob(shape, vals)
	if err := exec.Freivalds(in[0], in[1], bad, 8, 1); !errors.Is(err, exec.ErrMismatch) {
		t.Fatalf("product with one element off by 0.05 accepted: %v", err)
	}
}
