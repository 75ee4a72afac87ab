package exec_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/ogpu/ogpu/exec"
)

func TestParseParams(t *testing.T) {
	tests := []struct {
		in   []string
		want exec.Params
		ok   bool
	}{
		{[]string{"m=1", "k=2"}, exec.Params{"m": "1", "k": "2"}, true},
		{[]string{"prefix="}, exec.Params{"prefix": ""}, true},
		{[]string{"x=a=b"}, exec.Params{"x": "a=b"}, true},
		{[]string{"novalue"}, nil, false},
		{[]string{"=1"}, nil, false},
		{[]string{"M=1"}, nil, false},
		{[]string{"m=1", "m=2"}, nil, false},
		{[]string{"k=" + strings.Repeat("x", exec.MaxParamValueLen+1)}, nil, false},
	}
	for _, tt := range tests {
		got, err := exec.ParseParams(tt.in)
		if (err == nil) != tt.ok {
			t.Errorf("ParseParams(%q) err = %v, want ok=%v", tt.in, err, tt.ok)
			continue
		}
		if err != nil {
			if !errors.Is(err, exec.ErrBadParam) {
				t.Errorf("ParseParams(%q) = %v, want ErrBadParam", tt.in, err)
			}
			continue
		}
		if got.String() != tt.want.String() {
			t.Errorf("ParseParams(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestParamErrorsAreClear(t *testing.T) {
	reg := exec.DefaultRegistry()
	_, _, err := reg.CheckParams("matmul", exec.Params{"m": "0", "k": "1", "n": "1"}, 0)
	var pe *exec.ParamError
	if !errors.As(err, &pe) || pe.Param != "m" || !strings.Contains(err.Error(), "[1, 65536]") {
		t.Errorf("got %v", err)
	}
	_, _, err = reg.CheckParams("matmul", exec.Params{"m": "1", "k": "1", "n": "1", "q": "1"}, 0)
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "unknown parameter") {
		t.Errorf("got %v", err)
	}
}

// FuzzParams: parsing and validating arbitrary k=v input never panics, and
// every failure is ErrBadParam, ErrUnknownWorkload or ErrMemLimit.
func FuzzParams(f *testing.F) {
	f.Add("matmul", "m=3\nk=4\nn=5")
	f.Add("hashgrind", "prefix=abcd\nstart=0\nend=100\ndifficulty=8")
	f.Add("render", "width=10\nheight=10\nfractal=julia\nx0=-1e308")
	f.Add("mlp", "layers=3,4,,5\nbatch=2")
	f.Add("mlp", "layers=1,2\nbatch=-1")
	f.Add("nope", "")
	reg := exec.DefaultRegistry()
	f.Fuzz(func(t *testing.T, workload, kvs string) {
		var lines []string
		if kvs != "" {
			lines = strings.Split(kvs, "\n")
		}
		p, err := exec.ParseParams(lines)
		if err != nil {
			if !errors.Is(err, exec.ErrBadParam) {
				t.Fatalf("ParseParams: %v", err)
			}
			return
		}
		_, c, err := reg.CheckParams(workload, p, 1<<30)
		if err != nil {
			if !errors.Is(err, exec.ErrBadParam) && !errors.Is(err, exec.ErrUnknownWorkload) && !errors.Is(err, exec.ErrMemLimit) {
				t.Fatalf("CheckParams: %v", err)
			}
			return
		}
		if c.Ops < 0 || c.MemBytes < 0 || c.MemBytes > 1<<30 {
			t.Fatalf("cost %+v", c)
		}
	})
}
