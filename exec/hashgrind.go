package exec

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math/bits"
	"strconv"
	"sync"
)

// Hashgrind finds the lowest nonce in [start, end) such that
// SHA-256(prefix ‖ nonce) has at least `difficulty` leading zero bits, where
// the nonce is 8 bytes big-endian. No inputs. Output: u64 blob of shape [2]
// holding (found, nonce) with found 0 or 1 (nonce 0 when not found). The
// output is deterministic, so verification is a rerun; a claimed nonce is
// checked in O(1) by HashgrindCheck.
type Hashgrind struct{}

// Hashgrind limits.
const (
	HashgrindMaxPrefix = 64
	HashgrindMaxNonce  = 1 << 62
	HashgrindMaxRange  = 1 << 44
)

var hashgrindSpecs = []ParamSpec{
	{Name: "prefix", Kind: KindHex, Default: "", MaxLen: HashgrindMaxPrefix, Doc: "hex bytes hashed before the nonce"},
	{Name: "start", Kind: KindInt, Default: "0", Min: 0, Max: HashgrindMaxNonce, Doc: "first nonce"},
	{Name: "end", Kind: KindInt, Required: true, Min: 1, Max: HashgrindMaxNonce, Doc: "nonce bound (exclusive)"},
	{Name: "difficulty", Kind: KindInt, Required: true, Min: 1, Max: 256, Doc: "leading zero bits wanted"},
}

// HashgrindJob is decoded hashgrind parameters.
type HashgrindJob struct {
	Prefix     []byte
	Start, End uint64
	Difficulty int
}

// DecodeHashgrind validates hashgrind parameters.
func DecodeHashgrind(p Params) (HashgrindJob, error) { return Hashgrind{}.job(p) }

func (Hashgrind) Name() string { return "hashgrind" }
func (Hashgrind) Doc() string {
	return "lowest nonce whose SHA-256(prefix‖nonce) has D leading zero bits"
}
func (Hashgrind) Params() []ParamSpec        { return hashgrindSpecs }
func (Hashgrind) Verification() Verification { return VerifyRerun }
func (Hashgrind) NumInputs() int             { return 0 }
func (Hashgrind) SelftestParams() Params {
	return Params{"prefix": "6f67707573656c6674657374", "start": "0", "end": strconv.Itoa(1 << 20), "difficulty": "32"}
}

func (w Hashgrind) job(p Params) (HashgrindJob, error) {
	v, err := decodeParams(w.Name(), hashgrindSpecs, p)
	if err != nil {
		return HashgrindJob{}, err
	}
	j := HashgrindJob{Prefix: v.bytes("prefix"), Start: uint64(v.int("start")), End: uint64(v.int("end")), Difficulty: int(v.int("difficulty"))}
	if j.End <= j.Start {
		return j, &ParamError{Workload: w.Name(), Param: "end", Value: strconv.FormatUint(j.End, 10), Reason: fmt.Sprintf("must be greater than start (%d)", j.Start)}
	}
	if j.End-j.Start > HashgrindMaxRange {
		return j, &ParamError{Workload: w.Name(), Param: "end", Value: strconv.FormatUint(j.End, 10), Reason: fmt.Sprintf("range of %d nonces exceeds %d; split the task", j.End-j.Start, uint64(HashgrindMaxRange))}
	}
	return j, nil
}

func (w Hashgrind) ValidateParams(p Params) error { _, err := w.job(p); return err }

func (w Hashgrind) ValidateInputs(p Params, inputs [][]byte) error {
	if _, err := w.job(p); err != nil {
		return err
	}
	if len(inputs) != 0 {
		return fmt.Errorf("%w: hashgrind takes no inputs, got %d", ErrBadInput, len(inputs))
	}
	return nil
}

func (w Hashgrind) Cost(p Params) (Cost, error) {
	j, err := w.job(p)
	if err != nil {
		return Cost{}, err
	}
	out := int64(HeaderSize(1) + 16)
	return Cost{Ops: float64(j.End - j.Start), Unit: "hash", OutBytes: out, MemBytes: 1 << 20}, nil
}

// HashgrindOutput encodes a hashgrind result.
func HashgrindOutput(buf []byte, found bool, nonce uint64) []byte {
	b, _ := AllocBlob(buf, U64, []int{2}) // cannot fail for a fixed valid shape
	f := uint64(0)
	if found {
		f = 1
	} else {
		nonce = 0
	}
	binary.LittleEndian.PutUint64(b[HeaderSize(1):], f)
	binary.LittleEndian.PutUint64(b[HeaderSize(1)+8:], nonce)
	return b
}

// ParseHashgrindOutput decodes a hashgrind output blob.
func ParseHashgrindOutput(out []byte) (found bool, nonce uint64, err error) {
	b, err := DecodeBlob(out)
	if err != nil {
		return false, 0, err
	}
	if b.DType != U64 || !sameShape(b.Shape, []int{2}) {
		return false, 0, fmt.Errorf("%w: hashgrind output is %s%v, want u64[2]", ErrBadBlob, b.DType, b.Shape)
	}
	f := binary.LittleEndian.Uint64(b.Data)
	nonce = binary.LittleEndian.Uint64(b.Data[8:])
	if f > 1 || (f == 0 && nonce != 0) {
		return false, 0, fmt.Errorf("%w: hashgrind output (found=%d, nonce=%d) is not canonical", ErrBadBlob, f, nonce)
	}
	return f == 1, nonce, nil
}

// HashgrindHash returns SHA-256(prefix ‖ nonce as 8 bytes big-endian).
func HashgrindHash(prefix []byte, nonce uint64) [32]byte {
	buf := make([]byte, len(prefix)+8)
	copy(buf, prefix)
	binary.BigEndian.PutUint64(buf[len(prefix):], nonce)
	return sha256.Sum256(buf)
}

// LeadingZeroBits counts the leading zero bits of a hash.
func LeadingZeroBits(h [32]byte) int {
	n := 0
	for _, c := range h {
		if c != 0 {
			return n + bits.LeadingZeros8(c)
		}
		n += 8
	}
	return n
}

// HashgrindCheck verifies a claimed output cheaply: a found nonce must lie in
// [start, end) and meet the difficulty (O(1)). It cannot prove that no lower
// nonce qualifies, nor that "not found" is true; that needs a rerun.
func HashgrindCheck(p Params, out []byte) error {
	j, err := DecodeHashgrind(p)
	if err != nil {
		return err
	}
	found, nonce, err := ParseHashgrindOutput(out)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMismatch, err)
	}
	if !found {
		return nil
	}
	if nonce < j.Start || nonce >= j.End {
		return fmt.Errorf("%w: nonce %d outside [%d, %d)", ErrMismatch, nonce, j.Start, j.End)
	}
	h := HashgrindHash(j.Prefix, nonce)
	if z := LeadingZeroBits(h); z < j.Difficulty {
		return fmt.Errorf("%w: nonce %d hashes to %s with %d leading zero bits, want %d", ErrMismatch, nonce, hex.EncodeToString(h[:]), z, j.Difficulty)
	}
	return nil
}

// hashgrindScan scans [lo, hi) in order and returns the first qualifying nonce.
func hashgrindScan(prefix []byte, d int, lo, hi uint64) (uint64, bool) {
	buf := make([]byte, len(prefix)+8)
	copy(buf, prefix)
	nb := buf[len(prefix):]
	full, rem := d/8, d%8
	mask := byte(0xff) << (8 - rem)
	for nonce := lo; nonce < hi; nonce++ {
		binary.BigEndian.PutUint64(nb, nonce)
		h := sha256.Sum256(buf)
		ok := true
		for _, c := range h[:full] {
			if c != 0 {
				ok = false
				break
			}
		}
		if ok && (rem == 0 || h[full]&mask == 0) {
			return nonce, true
		}
	}
	return 0, false
}

const hashgrindChunk = 1 << 15

type errStop struct{}

func (errStop) Error() string { return "stop" }

func (w Hashgrind) RunCPU(ctx context.Context, p Params, _ [][]byte, out []byte, workers int) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	var (
		mu    sync.Mutex
		found bool
		best  uint64
	)
	chunks := int((j.End - j.Start + hashgrindChunk - 1) / hashgrindChunk)
	err = parallelFor(ctx, workers, chunks, func(i int) error {
		lo := j.Start + uint64(i)*hashgrindChunk
		hi := min(lo+hashgrindChunk, j.End)
		nonce, ok := hashgrindScan(j.Prefix, j.Difficulty, lo, hi)
		if !ok {
			return nil
		}
		mu.Lock()
		if !found || nonce < best {
			found, best = true, nonce
		}
		mu.Unlock()
		// Every lower chunk was handed out before this one and finishes, so
		// the lowest qualifying nonce is already known or about to be.
		return errStop{}
	})
	if err != nil {
		if _, stop := err.(errStop); !stop {
			return nil, err
		}
	}
	return HashgrindOutput(out, found, best), nil
}

func (w Hashgrind) Reference(ctx context.Context, p Params, _ [][]byte) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	for lo := j.Start; lo < j.End; lo += 1 << 16 {
		if err := ctx.Err(); err != nil {
			return nil, CtxError(err)
		}
		hi := min(lo+1<<16, j.End)
		for nonce := lo; nonce < hi; nonce++ {
			if LeadingZeroBits(HashgrindHash(j.Prefix, nonce)) >= j.Difficulty {
				return HashgrindOutput(nil, true, nonce), nil
			}
		}
	}
	return HashgrindOutput(nil, false, 0), nil
}

// Compare requires identical (found, nonce).
func (w Hashgrind) Compare(p Params, want, got []byte) error {
	wf, wn, err := ParseHashgrindOutput(want)
	if err != nil {
		return fmt.Errorf("want: %w", err)
	}
	gf, gn, err := ParseHashgrindOutput(got)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrMismatch, err)
	}
	if wf != gf || wn != gn {
		return fmt.Errorf("%w: got (found=%v, nonce=%d), want (found=%v, nonce=%d)", ErrMismatch, gf, gn, wf, wn)
	}
	return nil
}

func (Hashgrind) RandomInputs(Params, uint64) ([][]byte, error) { return [][]byte{}, nil }

// Split cuts the nonce range into up to n equal ranges.
func (w Hashgrind) Split(p Params, _ [][]byte, n int) ([]Shard, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	if n < 1 {
		return nil, fmt.Errorf("%w: n=%d, want >= 1", ErrBadSplit, n)
	}
	span := j.End - j.Start
	n = int(min(uint64(n), span))
	shards := make([]Shard, 0, n)
	for i := range uint64(n) {
		lo := j.Start + i*span/uint64(n)
		hi := j.Start + (i+1)*span/uint64(n)
		sp := p.Clone()
		sp["start"], sp["end"] = strconv.FormatUint(lo, 10), strconv.FormatUint(hi, 10)
		shards = append(shards, Shard{Params: sp, Inputs: [][]byte{}})
	}
	return shards, nil
}

// Merge returns the lowest found nonce over all parts (any order).
func (w Hashgrind) Merge(p Params, parts []Part) ([]byte, error) {
	j, err := w.job(p)
	if err != nil {
		return nil, err
	}
	var found bool
	var best uint64
	for i, part := range parts {
		pj, err := w.job(part.Params)
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %w", ErrBadSplit, i, err)
		}
		if pj.Start < j.Start || pj.End > j.End || pj.Difficulty != j.Difficulty || string(pj.Prefix) != string(j.Prefix) {
			return nil, fmt.Errorf("%w: part %d is not a piece of this task", ErrBadSplit, i)
		}
		f, nonce, err := ParseHashgrindOutput(part.Output)
		if err != nil {
			return nil, fmt.Errorf("%w: part %d: %w", ErrBadSplit, i, err)
		}
		if f && (nonce < pj.Start || nonce >= pj.End) {
			return nil, fmt.Errorf("%w: part %d nonce %d outside its range [%d, %d)", ErrBadSplit, i, nonce, pj.Start, pj.End)
		}
		if f && (!found || nonce < best) {
			found, best = true, nonce
		}
	}
	return HashgrindOutput(nil, found, best), nil
}
