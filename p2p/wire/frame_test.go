package wire

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func TestFrameRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	msgs := []*Price{{Workload: "matmul", Wei: "1"}, {Workload: "hashgrind", Wei: "123456789012345678901234567890"}, {}}
	for _, m := range msgs {
		if err := WriteMsg(&buf, m); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range msgs {
		got := new(Price)
		if err := ReadMsg(&buf, got, 1024); err != nil {
			t.Fatalf("frame %d: %v", i, err)
		}
		if got.Workload != want.Workload || got.Wei != want.Wei {
			t.Fatalf("frame %d = %v, want %v", i, got, want)
		}
	}
	if err := ReadMsg(&buf, new(Price), 1024); err != io.EOF {
		t.Fatalf("after last frame: %v, want io.EOF", err)
	}
}

func TestReadMsgErrors(t *testing.T) {
	big := &Price{Workload: "w", Wei: string(bytes.Repeat([]byte("9"), 200))}
	var bigFrame bytes.Buffer
	WriteMsg(&bigFrame, big)
	tests := []struct {
		name string
		in   []byte
		max  int
		want error
	}{
		{"oversize announced", bigFrame.Bytes(), 64, ErrFrameTooLarge},
		{"huge length never allocated", []byte{0xff, 0xff, 0xff, 0xff, 0x0f}, 1 << 20, ErrFrameTooLarge},
		{"prefix too long", []byte{0x80, 0x80, 0x80, 0x80, 0x80, 0x01}, 1 << 20, ErrBadFrame},
		{"non-minimal prefix", []byte{0x81, 0x00}, 1 << 20, ErrBadFrame},
		{"truncated prefix", []byte{0x80}, 1 << 20, io.ErrUnexpectedEOF},
		{"truncated body", []byte{10, 1, 2}, 1 << 20, io.ErrUnexpectedEOF},
		{"not protobuf", []byte{2, 0xff, 0xff}, 1 << 20, ErrDecode},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := ReadMsg(bytes.NewReader(tc.in), new(Price), tc.max)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %v", err, tc.want)
			}
		})
	}
}

// FuzzReadMsg feeds arbitrary bytes to the frame reader: it must never
// panic, never accept a frame over the limit, and re-encode what it accepts.
func FuzzReadMsg(f *testing.F) {
	var seed bytes.Buffer
	WriteMsg(&seed, &Price{Workload: "matmul", Wei: "7"})
	f.Add(seed.Bytes())
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bytes.NewReader(data)
		for {
			m := new(CapacityAd)
			before := r.Len()
			err := ReadMsg(r, m, 4096)
			if err != nil {
				return
			}
			if before-r.Len() > 4096+maxVarintLen {
				t.Fatalf("consumed %d bytes with a 4096 limit", before-r.Len())
			}
			var out bytes.Buffer
			if err := WriteMsg(&out, m); err != nil {
				t.Fatal(err)
			}
		}
	})
}
