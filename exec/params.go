package exec

import (
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Params are a task's parameters as strings, so they travel unchanged through
// CLI flags (--param k=v) and protobuf maps. Workloads validate and decode
// them; unknown keys are rejected.
type Params map[string]string

// Limits on raw parameters, checked before any workload sees them.
const (
	MaxParams        = 32
	MaxParamKeyLen   = 64
	MaxParamValueLen = 4096
)

// String renders p as sorted "k=v" pairs separated by spaces; stable, so it
// can be used in digests and logs.
func (p Params) String() string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var sb strings.Builder
	for i, k := range keys {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(k)
		sb.WriteByte('=')
		sb.WriteString(p[k])
	}
	return sb.String()
}

// Clone returns a copy of p.
func (p Params) Clone() Params {
	q := make(Params, len(p))
	for k, v := range p {
		q[k] = v
	}
	return q
}

// ParseParams turns "k=v" strings (CLI --param flags) into Params. Keys must
// be lower-case identifiers ([a-z0-9_]); a key given twice is an error.
func ParseParams(kvs []string) (Params, error) {
	if len(kvs) > MaxParams {
		return nil, fmt.Errorf("%w: %d parameters, at most %d", ErrBadParam, len(kvs), MaxParams)
	}
	p := make(Params, len(kvs))
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return nil, fmt.Errorf("%w: %q is not key=value", ErrBadParam, truncate(kv))
		}
		if err := checkKey(k); err != nil {
			return nil, err
		}
		if len(v) > MaxParamValueLen {
			return nil, fmt.Errorf("%w: value of %q is %d bytes, at most %d", ErrBadParam, k, len(v), MaxParamValueLen)
		}
		if _, dup := p[k]; dup {
			return nil, fmt.Errorf("%w: %q given twice", ErrBadParam, k)
		}
		p[k] = v
	}
	return p, nil
}

func checkKey(k string) error {
	if k == "" || len(k) > MaxParamKeyLen {
		return fmt.Errorf("%w: key %q must be 1..%d characters", ErrBadParam, truncate(k), MaxParamKeyLen)
	}
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return fmt.Errorf("%w: key %q may only hold a-z, 0-9 and _", ErrBadParam, truncate(k))
		}
	}
	return nil
}

func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// ParamKind is the type of a parameter's value.
type ParamKind int

// Parameter kinds.
const (
	KindInt   ParamKind = iota + 1 // decimal int64 within [Min, Max]
	KindFloat                      // finite float64 within [MinF, MaxF]
	KindEnum                       // one of Enum
	KindHex                        // hex string decoding to at most MaxLen bytes
	KindInts                       // comma-separated ints each within [Min, Max], at most MaxLen of them
)

func (k ParamKind) String() string {
	switch k {
	case KindInt:
		return "int"
	case KindFloat:
		return "float"
	case KindEnum:
		return "enum"
	case KindHex:
		return "hex"
	case KindInts:
		return "ints"
	}
	return "?"
}

// ParamSpec declares one parameter of a workload.
type ParamSpec struct {
	Name     string
	Kind     ParamKind
	Doc      string
	Required bool   // no default; must be given
	Default  string // used when absent and not Required
	Min, Max int64  // KindInt, KindInts
	MinF     float64
	MaxF     float64  // KindFloat
	Enum     []string // KindEnum
	MaxLen   int      // KindHex: bytes; KindInts: count
}

// values are decoded parameters, keyed by name.
type values map[string]any

func (v values) int(name string) int64     { return v[name].(int64) }
func (v values) float(name string) float64 { return v[name].(float64) }
func (v values) str(name string) string    { return v[name].(string) }
func (v values) bytes(name string) []byte  { return v[name].([]byte) }
func (v values) ints(name string) []int64  { return v[name].([]int64) }

// decodeParams validates p against specs and returns typed values. Every
// spec is present in the result (defaults applied).
func decodeParams(workload string, specs []ParamSpec, p Params) (values, error) {
	if len(p) > MaxParams {
		return nil, fmt.Errorf("%w: %s: %d parameters, at most %d", ErrBadParam, workload, len(p), MaxParams)
	}
	for k := range p {
		if !slices.ContainsFunc(specs, func(s ParamSpec) bool { return s.Name == k }) {
			names := make([]string, len(specs))
			for i, s := range specs {
				names[i] = s.Name
			}
			return nil, &ParamError{Workload: workload, Param: truncate(k), Reason: "unknown parameter; known: " + strings.Join(names, ", ")}
		}
	}
	out := make(values, len(specs))
	for _, s := range specs {
		raw, ok := p[s.Name]
		if !ok {
			if s.Required {
				return nil, &ParamError{Workload: workload, Param: s.Name, Reason: "required (" + s.Doc + ")"}
			}
			raw = s.Default
		}
		v, reason := s.decode(raw)
		if reason != "" {
			return nil, &ParamError{Workload: workload, Param: s.Name, Value: truncate(raw), Reason: reason}
		}
		out[s.Name] = v
	}
	return out, nil
}

func (s ParamSpec) decode(raw string) (any, string) {
	if len(raw) > MaxParamValueLen {
		return nil, fmt.Sprintf("value is %d bytes, at most %d", len(raw), MaxParamValueLen)
	}
	switch s.Kind {
	case KindInt:
		return s.decodeInt(strings.TrimSpace(raw))
	case KindFloat:
		f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, "not a finite number"
		}
		if f < s.MinF || f > s.MaxF {
			return nil, fmt.Sprintf("must be within [%g, %g]", s.MinF, s.MaxF)
		}
		return f, ""
	case KindEnum:
		if !slices.Contains(s.Enum, raw) {
			return nil, "must be one of " + strings.Join(s.Enum, ", ")
		}
		return raw, ""
	case KindHex:
		b, err := hex.DecodeString(strings.TrimPrefix(raw, "0x"))
		if err != nil {
			return nil, "not a hex string"
		}
		if len(b) > s.MaxLen {
			return nil, fmt.Sprintf("decodes to %d bytes, at most %d", len(b), s.MaxLen)
		}
		return b, ""
	case KindInts:
		parts := strings.Split(raw, ",")
		if raw == "" || len(parts) > s.MaxLen {
			return nil, fmt.Sprintf("need 1..%d comma-separated integers", s.MaxLen)
		}
		out := make([]int64, len(parts))
		for i, part := range parts {
			v, reason := s.decodeInt(strings.TrimSpace(part))
			if reason != "" {
				return nil, fmt.Sprintf("element %d: %s", i, reason)
			}
			out[i] = v.(int64)
		}
		return out, ""
	}
	return nil, "unknown parameter kind"
}

func (s ParamSpec) decodeInt(raw string) (any, string) {
	v, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return nil, "not a decimal integer"
	}
	if v < s.Min || v > s.Max {
		return nil, fmt.Sprintf("must be within [%d, %d]", s.Min, s.Max)
	}
	return v, ""
}
