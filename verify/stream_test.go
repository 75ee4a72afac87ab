package verify_test

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"math/big"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/ipfs/go-cid"
	"github.com/libp2p/go-libp2p/core/host"
	"github.com/libp2p/go-libp2p/core/peer"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/internal/leaktest"
	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
	"github.com/ogpu/ogpu/verify"
)

func TestMain(m *testing.M) { leaktest.VerifyTestMain(m, leaktest.Mocknet()...) }

func logger() *slog.Logger {
	if os.Getenv("OGPU_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	return slog.New(slog.DiscardHandler)
}

// testLayers is the streamed mlp: one row runs in microseconds.
var testLayers = []int{16, 32, 8}

// vnode is one node of a committee test: a mocknet host with its own
// network, content store and Verifier, and a client of the shared
// simulated chain signing with its key.
type vnode struct {
	key     *identity.Key
	host    host.Host
	net     *p2p.Network
	content *content.Store
	v       *verify.Verifier
	chain   *settle.Client
}

// committee is a client (nodes[0]) and members (the other nodes) on
// mocknet, every member staked on a simulated chain whose committee size
// makes each of them eligible for every task, and a staked provider that
// is not on the network (it only signs commitments).
type committee struct {
	t        testing.TB
	sim      *settle.Sim
	domain   identity.Domain
	nodes    []*vnode
	provider *identity.Key
	model    cid.Cid
	blob     []byte
	evidence chan verify.Evidence // the client's EvidenceSink
	session  []byte
}

// chainReader adapts settle.Client to verify.Chain (as the node does).
type chainReader struct{ c *settle.Client }

func (r chainReader) Stake(ctx context.Context, a common.Address) (*big.Int, error) {
	acc, err := r.c.StakeOf(ctx, a)
	if err != nil {
		return nil, err
	}
	return acc.Stake, nil
}

func (r chainReader) TotalStake(ctx context.Context) (*big.Int, error) { return r.c.TotalStake(ctx) }

func (r chainReader) CommitteeParams(ctx context.Context) (int, int, error) {
	p, err := r.c.Params(ctx)
	if err != nil {
		return 0, 0, err
	}
	return int(p.CommitteeSize), int(p.Quorum), nil
}

func ether(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), big.NewInt(1e18)) }

// newCommittee starts a client and members verifiers (quorum 2).
func newCommittee(t testing.TB, members int) *committee {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	c := &committee{t: t, evidence: make(chan verify.Evidence, 1024), session: []byte("0123456789abcdef")}
	var err error
	if c.provider, err = identity.Generate(); err != nil {
		t.Fatal(err)
	}
	keys := []*identity.Key{}
	alloc := map[common.Address]*big.Int{c.provider.Address(): ether(10)}
	for range members + 1 {
		k, err := identity.Generate()
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		alloc[k.Address()] = ether(100)
	}
	params := settle.TestParams()
	params.CommitteeSize = uint8(members + 2) // stake·k ≥ total stake: every member eligible
	if c.sim, err = settle.NewSim(ctx, settle.SimConfig{Alloc: alloc, Params: &params}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.sim.Close() })
	prov, err := c.sim.Client(ctx, c.provider)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prov.Stake(ctx, ether(1)); err != nil {
		t.Fatal(err)
	}
	c.domain = prov.Domain()

	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	reg := exec.DefaultRegistry()
	for i, k := range keys {
		h, err := mn.AddPeer(k.LibP2P(), ma.StringCast(fmt.Sprintf("/ip4/10.0.2.%d/tcp/4001", i+1)))
		if err != nil {
			t.Fatal(err)
		}
		n := &vnode{key: k, host: h}
		if n.net, err = p2p.New(p2p.Config{Key: k, Host: h, DHTMode: p2p.DHTOff, Logger: logger()}); err != nil {
			t.Fatal(err)
		}
		if n.content, err = content.New(content.Config{Host: h, InMemory: true, Logger: logger()}); err != nil {
			t.Fatal(err)
		}
		if n.chain, err = c.sim.Client(ctx, k); err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			if _, err := n.chain.Stake(ctx, ether(10)); err != nil {
				t.Fatal(err)
			}
		}
		c.nodes = append(c.nodes, n)
	}
	if err := mn.LinkAll(); err != nil {
		t.Fatal(err)
	}
	for i, n := range c.nodes {
		if err := n.net.Start(ctx); err != nil {
			t.Fatal(err)
		}
		if err := n.content.Start(ctx); err != nil {
			t.Fatal(err)
		}
		cpu := exec.NewCPU(exec.CPUConfig{Registry: reg, Workers: 1})
		cfg := verify.Config{
			Net: n.net, Key: n.key, Domain: c.domain, Chain: chainReader{n.chain}, Fetcher: n.content,
			Runner: cpu, Workloads: reg, Serve: i > 0, Timeout: 10 * time.Second, Logger: logger().With("member", i),
		}
		if i == 0 {
			cfg.Candidates = c.memberIDs
			cfg.Evidence = func(ev verify.Evidence) error { c.evidence <- ev; return nil }
		}
		if n.v, err = verify.New(cfg); err != nil {
			t.Fatal(err)
		}
		if err := n.v.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			n.v.Close()
			cpu.Close()
			n.content.Close()
			n.net.Close()
		})
	}
	if err := mn.ConnectAllButSelf(); err != nil {
		t.Fatal(err)
	}
	if c.blob, err = exec.MLPModel(testLayers, 7); err != nil {
		t.Fatal(err)
	}
	// The client holds the model; members fetch it over bitswap.
	if c.model, err = c.nodes[0].content.AddBytes(ctx, c.blob); err != nil {
		t.Fatal(err)
	}
	return c
}

func (c *committee) memberIDs() []peer.ID {
	var out []peer.ID
	for _, n := range c.nodes[1:] {
		out = append(out, n.key.PeerID())
	}
	return out
}

// input is a one-row request drawn from seed.
func input(t testing.TB, seed uint64) []byte {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float32, testLayers[0])
	for i := range x {
		x[i] = float32(rng.Float64()*2 - 1)
	}
	b, err := exec.F32Blob([]int{1, testLayers[0]}, x)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// lie adds 1 to every output element: far outside the mlp tolerance.
func lie(out []byte) []byte {
	b := append([]byte(nil), out...)
	for i := exec.HeaderSize(2); i+4 <= len(b); i += 4 {
		v := math.Float32frombits(binary.LittleEndian.Uint32(b[i:]))
		binary.LittleEndian.PutUint32(b[i:], math.Float32bits(v+1))
	}
	return b
}

// sample is request seq of the client's session answered by the provider
// (signed by key, the provider's unless a test says otherwise): the right
// output, or a lie. The session's block is the chain head.
func (c *committee) sample(seq uint64, wrong bool, key *identity.Key) verify.StreamSample {
	c.t.Helper()
	return c.sampleOf(c.model, seq, wrong, key)
}

// sampleOf is sample for a service of another model CID (the output is
// still the test model's).
func (c *committee) sampleOf(model cid.Cid, seq uint64, wrong bool, key *identity.Key) verify.StreamSample {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	in := input(c.t, seq)
	out, err := (exec.MLP{}).Reference(ctx, exec.MLPParams(testLayers, 1), [][]byte{c.blob, in})
	if err != nil {
		c.t.Fatal(err)
	}
	if wrong {
		out = lie(out)
	}
	head, err := c.nodes[0].chain.Head(ctx)
	if err != nil {
		c.t.Fatal(err)
	}
	rh := ethcrypto.Keccak256Hash(out)
	cm := typed.ResultCommitment{
		TaskID:   wire.StreamTaskID(wire.ServiceCID("mlp", model).Bytes(), c.session, seq, ethcrypto.Keccak256Hash(in)),
		Provider: key.Address(), Client: c.nodes[0].key.Address(), OutputHash: rh, ResultHash: rh,
		AwardBlock: head.Number, AwardBlockHash: head.Hash,
	}
	sig, err := cm.Sign(key, c.domain)
	if err != nil {
		c.t.Fatal(err)
	}
	return verify.StreamSample{Workload: "mlp", Model: model, Session: c.session, Seq: seq, Input: in, Output: out,
		Provider: key.PeerID(), Commitment: cm, Sig: sig}
}

// request is the verify request a client sends for s.
func request(s verify.StreamSample) *wire.VerifyRequest {
	cm := s.Commitment
	return &wire.VerifyRequest{Version: wire.VerifyVersion, Fee: "0", Committee: 1, TimestampMs: time.Now().UnixMilli(),
		StreamSample: &wire.StreamSample{
			Workload: s.Workload, Model: s.Model.Bytes(), Session: s.Session, Seq: s.Seq, Input: s.Input, Output: s.Output,
			TaskId: cm.TaskID.Bytes(), Provider: []byte(s.Provider), Address: cm.Provider.Bytes(), ClientAddress: cm.Client.Bytes(),
			AwardBlock: cm.AwardBlock, AwardBlockHash: cm.AwardBlockHash.Bytes(), CommitmentSig: s.Sig,
		}}
}

// TestStreamSampleMember: a committee member re-runs a stream sample sent
// over /ogpu/verify/1 and signs "valid" for a right answer and "invalid"
// for a wrong one; it refuses (no signature) a sample whose sender is not
// the session's client, whose commitment is not the provider's, whose
// task ID is not the sample's, that it is the provider of, or whose model
// it cannot get.
func TestStreamSampleMember(t *testing.T) {
	c := newCommittee(t, 2)
	client, member, other := c.nodes[0], c.nodes[1], c.nodes[2]
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	notModel, err := client.content.AddBytes(ctx, []byte("not an mlp model"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		wrong  bool
		model  cid.Cid                    // the service's model (default the test model)
		signer func() *identity.Key       // the provider (default c.provider)
		mod    func(r *wire.StreamSample) // after signing
		from   *vnode                     // sender (default the client)
		valid  bool                       // when signed
		refuse string                     // non-empty: refused, with a reason containing this
	}{
		{name: "right answer", valid: true},
		{name: "wrong answer", wrong: true, valid: false},
		{name: "sender not the client", from: other, refuse: "not the sender"},
		{name: "bad commitment signature", mod: func(r *wire.StreamSample) { r.CommitmentSig[5] ^= 1 }, refuse: "commitment"},
		{name: "output not the committed one", mod: func(r *wire.StreamSample) { r.Output = lie(r.Output) }, refuse: "commitment"},
		{name: "wrong task id", mod: func(r *wire.StreamSample) { r.TaskId[0] ^= 1 }, refuse: "task id"},
		{name: "other seq", mod: func(r *wire.StreamSample) { r.Seq++ }, refuse: "task id"},
		{name: "other model", mod: func(r *wire.StreamSample) { r.Model = notModel.Bytes() }, refuse: "task id"},
		{name: "member is the provider", signer: func() *identity.Key { return member.key }, refuse: "own session"},
		{name: "model is not an mlp", model: notModel, refuse: "cannot check"},
	}
	for i, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			signer, model := c.provider, c.model
			if tc.signer != nil {
				signer = tc.signer()
			}
			if tc.model.Defined() {
				model = tc.model
			}
			req := request(c.sampleOf(model, uint64(i+1), tc.wrong, signer))
			if tc.mod != nil {
				tc.mod(req.StreamSample)
			}
			from := client
			if tc.from != nil {
				from = tc.from
			}
			var resp wire.VerifyResponse
			if err := from.net.Request(ctx, member.key.PeerID(), p2p.ProtoVerify, req, &resp); err != nil {
				t.Fatal(err)
			}
			if err := resp.Validate(); err != nil {
				t.Fatal(err)
			}
			if tc.refuse != "" {
				if len(resp.Signature) != 0 {
					t.Fatalf("signed (valid %v), want a refusal", resp.Valid)
				}
				if !strings.Contains(resp.Reason, tc.refuse) {
					t.Fatalf("refused with %q, want a reason about %q", resp.Reason, tc.refuse)
				}
				return
			}
			if len(resp.Signature) == 0 {
				t.Fatalf("refused: %s", resp.Reason)
			}
			if resp.Valid != tc.valid {
				t.Fatalf("valid = %v (%s), want %v", resp.Valid, resp.Reason, tc.valid)
			}
			cm := req.StreamSample.Typed()
			if common.BytesToHash(resp.TaskId) != cm.TaskID || common.BytesToHash(resp.ResultHash) != cm.ResultHash {
				t.Fatal("attestation of another result")
			}
			if err := resp.Attestation().Verify(c.domain, resp.Signature, member.key.Address()); err != nil {
				t.Fatalf("attestation not the member's in the settlement domain: %v", err)
			}
		})
	}
}

// TestCheckStreamSlash: the client's CheckStream asks the drawn committee
// over the network. A right answer is accepted with no evidence; a wrong
// one is rejected by every member, the evidence reaches the sink and,
// submitted, slashes the provider on the contract.
func TestCheckStreamSlash(t *testing.T) {
	c := newCommittee(t, 3)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	client := c.nodes[0]

	ok, err := client.v.CheckStream(ctx, c.sample(1, false, c.provider))
	if err != nil {
		t.Fatal(err)
	}
	if !ok.Accepted || !ok.Checked || ok.Evidence != nil || len(ok.Agreeing()) < 2 {
		t.Fatalf("right answer: %+v", ok)
	}

	s := c.sample(2, true, c.provider)
	vd, err := client.v.CheckStream(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if vd.Accepted || vd.Evidence == nil || vd.Method != verify.PolicyTolerance {
		t.Fatalf("wrong answer: %+v", vd)
	}
	if len(vd.Evidence.Attestations) != 3 {
		t.Fatalf("%d attestations, want every member's 3", len(vd.Evidence.Attestations))
	}
	var ev verify.Evidence
	select {
	case ev = <-c.evidence:
	default:
		t.Fatal("evidence not handed to the sink")
	}
	if ev.Commitment != s.Commitment {
		t.Fatal("evidence is about another commitment")
	}
	before, err := client.chain.StakeOf(ctx, c.provider.Address())
	if err != nil {
		t.Fatal(err)
	}
	c.sim.Mine() // the session's block must be older than the slash's
	tx, err := client.chain.Slash(ctx, settle.Evidence(ev))
	if err != nil {
		t.Fatal(err)
	}
	after, err := client.chain.StakeOf(ctx, c.provider.Address())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("provider stake %s → %s wei; slash gas %d", before.Stake, after.Stake, tx.GasUsed)
	if after.Stake.Cmp(before.Stake) >= 0 {
		t.Fatal("provider not slashed")
	}

	// A sample the client cannot vouch for is never sent.
	bad := c.sample(3, true, c.provider)
	bad.Seq = 4
	if _, err := client.v.CheckStream(ctx, bad); !errors.Is(err, verify.ErrBadRequest) {
		t.Fatalf("sample with another seq: err = %v, want ErrBadRequest", err)
	}
}

// BenchmarkCheckStream is one committee round for a wrong stream sample:
// draw, three members re-run it over mocknet (bitswap-cached model), the
// client verifies their attestations and builds the evidence.
func BenchmarkCheckStream(b *testing.B) {
	c := newCommittee(b, 3)
	ctx := context.Background()
	samples := make([]verify.StreamSample, b.N)
	for i := range samples {
		samples[i] = c.sample(uint64(i+1), true, c.provider)
	}
	if _, err := c.nodes[0].v.CheckStream(ctx, c.sample(uint64(b.N+1), true, c.provider)); err != nil { // warm: model fetched
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := range b.N {
		vd, err := c.nodes[0].v.CheckStream(ctx, samples[i])
		if err != nil || vd.Evidence == nil {
			b.Fatalf("round %d: %v %+v", i, err, vd)
		}
		<-c.evidence
	}
}
