package verify

import (
	"encoding/json"
	"flag"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
)

var updateSortition = flag.Bool("update-sortition", false, "rewrite testdata/sortition.json")

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

func TestEligibleEdges(t *testing.T) {
	seed := Seed(common.Hash{1}, common.Hash{2})
	v := common.HexToAddress("0x1234")
	tests := []struct {
		name         string
		stake, total *big.Int
		k            int
		want         bool
	}{
		{"zero stake", big.NewInt(0), ether(10), 7, false},
		{"nil stake", nil, ether(10), 7, false},
		{"zero total", ether(1), big.NewInt(0), 7, false},
		{"zero k", ether(1), ether(10), 0, false},
		{"stake·k ≥ total", ether(2), ether(10), 5, true},
		{"whole stake", ether(10), ether(10), 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := Eligible(seed, v, tc.stake, tc.total, tc.k); got != tc.want {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestCommitteeSize checks that the expected committee size is ≈ k for
// equal and for skewed stakes, and that the eligible set is a rank prefix.
func TestCommitteeSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, skew := range []bool{false, true} {
		var cands []Candidate
		total := new(big.Int)
		for i := range 100 {
			st := ether(10)
			if skew {
				st = ether(int64(1 + rng.IntN(100)))
			}
			cands = append(cands, Candidate{Addr: common.BigToAddress(big.NewInt(int64(1000 + i))), Stake: st})
			total.Add(total, st)
		}
		const k, trials = 7, 2000
		sum := 0
		for i := range trials {
			seed := Seed(common.BigToHash(big.NewInt(int64(i))), common.Hash{9})
			com := Committee(seed, cands, total, k)
			all, n := FallbackCommittee(seed, cands, total, k, 9)
			if n != len(com) || len(all) < 9 {
				t.Fatalf("fallback: n=%d committee=%d size=%d", n, len(com), len(all))
			}
			for j, c := range all {
				if got := Eligible(seed, c.Addr, c.Stake, total, k); got != (j < n) {
					t.Fatalf("rank %d eligible=%v, want prefix of %d", j, got, n)
				}
			}
			sum += len(com)
		}
		mean := float64(sum) / trials
		if math.Abs(mean-k) > 0.3 {
			t.Errorf("skew=%v: mean committee %.2f, want ≈ %d", skew, mean, k)
		}
	}
}

func TestExcluded(t *testing.T) {
	a, b := common.HexToAddress("0xa"), common.HexToAddress("0xb")
	cands := []Candidate{{a, ether(5)}, {b, ether(5)}}
	com := Committee(Seed(common.Hash{}, common.Hash{}), cands, ether(10), 7, a)
	if len(com) != 1 || com[0].Addr != b {
		t.Fatalf("committee %v, want only b", com)
	}
}

// SortitionVector is one entry of testdata/sortition.json, which the
// settlement contract test replays against Settlement.eligible.
type SortitionVector struct {
	TaskID         common.Hash `json:"taskId"`
	AwardBlockHash common.Hash `json:"awardBlockHash"`
	Eligible       []bool      `json:"eligible"` // per staker, in file order
}

type sortitionFile struct {
	CommitteeSize int               `json:"committeeSize"`
	Stakers       []fileStaker      `json:"stakers"`
	Vectors       []SortitionVector `json:"vectors"`
}

type fileStaker struct {
	Key   hexutil.Bytes  `json:"key"` // private key, test only
	Addr  common.Address `json:"addr"`
	Stake *big.Int       `json:"stake"`
}

// TestGoldenSortition writes/compares vectors shared with the contract test
// (market/settle reads ../../verify/testdata/sortition.json).
func TestGoldenSortition(t *testing.T) {
	f := sortitionFile{CommitteeSize: 3}
	total := new(big.Int)
	for i := range 8 {
		raw := make([]byte, 32)
		raw[0], raw[31] = 0x51, byte(i+1)
		k, err := ethcrypto.ToECDSA(raw)
		if err != nil {
			t.Fatal(err)
		}
		st := ether(int64(1 + i*i))
		f.Stakers = append(f.Stakers, fileStaker{Key: raw, Addr: ethcrypto.PubkeyToAddress(k.PublicKey), Stake: st})
		total.Add(total, st)
	}
	for i := range 24 {
		v := SortitionVector{TaskID: ethcrypto.Keccak256Hash([]byte{byte(i)}), AwardBlockHash: ethcrypto.Keccak256Hash([]byte{byte(i), 1})}
		seed := Seed(v.TaskID, v.AwardBlockHash)
		for _, s := range f.Stakers {
			v.Eligible = append(v.Eligible, Eligible(seed, s.Addr, s.Stake, total, f.CommitteeSize))
		}
		f.Vectors = append(f.Vectors, v)
	}
	got, err := json.MarshalIndent(f, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "sortition.json")
	if *updateSortition {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./verify -run Sortition -update-sortition)", err)
	}
	if string(want) != string(got) {
		t.Fatal("testdata/sortition.json differs from the rule; rerun with -update-sortition only if the rule changed on purpose (and in Settlement.sol)")
	}
}
