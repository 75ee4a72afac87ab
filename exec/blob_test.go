package exec_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/ogpu/ogpu/exec"
)

func TestBlobRoundTrip(t *testing.T) {
	vals := []float32{1, -2, 3.5, 0, 1e-30, -7}
	b, err := exec.F32Blob([]int{2, 3}, vals)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != exec.HeaderSize(2)+24 || string(b[:4]) != exec.BlobMagic {
		t.Fatalf("encoded %x", b)
	}
	got, shape, err := exec.DecodeF32(b, []int{2, 3})
	if err != nil || len(shape) != 2 {
		t.Fatal(err)
	}
	for i := range vals {
		if got[i] != vals[i] {
			t.Fatalf("value %d: %v != %v", i, got[i], vals[i])
		}
	}
	if _, _, err := exec.DecodeF32(b, []int{3, 2}); !errors.Is(err, exec.ErrBadInput) {
		t.Errorf("wrong shape accepted: %v", err)
	}
}

func TestDecodeBlobRejects(t *testing.T) {
	good, _ := exec.F32Blob([]int{2}, []float32{1, 2})
	mut := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"short", good[:5]},
		{"magic", mut(func(b []byte) []byte { b[0] = 'X'; return b })},
		{"version", mut(func(b []byte) []byte { b[4] = 9; return b })},
		{"dtype", mut(func(b []byte) []byte { b[5] = 77; return b })},
		{"ndim0", mut(func(b []byte) []byte { b[6] = 0; return b })},
		{"ndim big", mut(func(b []byte) []byte { b[6] = 17; return b })},
		{"reserved", mut(func(b []byte) []byte { b[7] = 1; return b })},
		{"dim0", mut(func(b []byte) []byte { b[8] = 0; return b })},
		{"huge dim", mut(func(b []byte) []byte { b[15] = 0x80; return b })},
		{"truncated payload", good[:len(good)-1]},
		{"extra payload", append(append([]byte(nil), good...), 0)},
	}
	for _, tt := range tests {
		if _, err := exec.DecodeBlob(tt.b); !errors.Is(err, exec.ErrBadBlob) {
			t.Errorf("%s: DecodeBlob = %v, want ErrBadBlob", tt.name, err)
		}
	}
}

func TestMLPModelBlob(t *testing.T) {
	m, err := exec.MLPModel([]int{4, 8, 2}, 3)
	if err != nil {
		t.Fatal(err)
	}
	ls, err := exec.MLPLayers(m)
	if err != nil || len(ls) != 3 || ls[1] != 8 {
		t.Fatalf("layers %v %v", ls, err)
	}
	if want := exec.HeaderSize(3) + 4*((4+1)*8+(8+1)*2); len(m) != want {
		t.Errorf("model is %d bytes, want %d", len(m), want)
	}
	m2, _ := exec.MLPModel([]int{4, 8, 2}, 3)
	if !bytes.Equal(m, m2) {
		t.Error("MLPModel is not deterministic for a seed")
	}
}

// FuzzDecodeBlob: any bytes decode or fail with ErrBadBlob; a decoded blob
// re-encodes to the same bytes.
func FuzzDecodeBlob(f *testing.F) {
	b1, _ := exec.F32Blob([]int{2, 2}, []float32{1, 2, 3, 4})
	b2 := exec.HashgrindOutput(nil, true, 42)
	b3, _ := exec.MLPModel([]int{2, 3, 1}, 1)
	f.Add(b1)
	f.Add(b2)
	f.Add(b3)
	f.Add([]byte("OGPB"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := exec.DecodeBlob(data)
		if err != nil {
			if !errors.Is(err, exec.ErrBadBlob) {
				t.Fatalf("error %v does not wrap ErrBadBlob", err)
			}
			return
		}
		again, err := exec.EncodeBlob(b.DType, b.Shape, b.Data)
		if err != nil {
			t.Fatalf("re-encode: %v", err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("re-encoded blob differs")
		}
	})
}
