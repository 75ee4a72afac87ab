package settle

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"

	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
)

// slashEnv: keys[0] client, keys[1] provider, keys[2:] verifiers, all
// staked except the client.
type slashEnv struct {
	*env
	client, provider *identity.Key
	verifiers        []*identity.Key
}

func newSlashEnv(t testing.TB, verifiers int, p Params) *slashEnv {
	t.Helper()
	e := newEnv(t, 2+verifiers, &p)
	s := &slashEnv{env: e, client: e.keys[0], provider: e.keys[1], verifiers: e.keys[2:]}
	e.tx(e.cl[0].Deposit(e.ctx, ether(10)))
	for i := 1; i < len(e.keys); i++ {
		e.tx(e.cl[i].Stake(e.ctx, ether(10)))
	}
	return s
}

// commitment returns a provider-signed commitment of a task awarded at the
// current head, for a task whose committee has at least need eligible
// verifiers; it returns those verifiers too.
func (s *slashEnv) commitment(need int, salt byte) (typed.ResultCommitment, []byte, []*identity.Key) {
	s.t.Helper()
	ro := s.cl[0]
	head, err := ro.Head(s.ctx)
	if err != nil {
		s.t.Fatal(err)
	}
	for i := 0; i < 1000; i++ {
		task := ethcrypto.Keccak256Hash([]byte{salt, byte(i), byte(i >> 8)})
		var el []*identity.Key
		for _, v := range s.verifiers {
			if s.yes(ro.Eligible(s.ctx, task, head.Hash, v.Address())) {
				el = append(el, v)
			}
		}
		if len(el) < need {
			continue
		}
		c := typed.ResultCommitment{TaskID: task, Provider: s.provider.Address(), Client: s.client.Address(),
			OutputHash: common.Hash{1}, ResultHash: common.Hash{2}, AwardBlock: head.Number, AwardBlockHash: head.Hash}
		sig, err := c.Sign(s.provider, ro.Domain())
		if err != nil {
			s.t.Fatal(err)
		}
		s.sim.Mine() // calls run on the head block; the award block must be older
		return c, sig, el
	}
	s.t.Fatal("no task with enough eligible verifiers")
	return typed.ResultCommitment{}, nil, nil
}

func (s *slashEnv) attest(c typed.ResultCommitment, valid bool, signers ...*identity.Key) []typed.SignedAttestation {
	s.t.Helper()
	var out []typed.SignedAttestation
	for _, k := range signers {
		a, err := typed.Attestation{TaskID: c.TaskID, ResultHash: c.ResultHash, Valid: valid}.Sign(k, s.cl[0].Domain())
		if err != nil {
			s.t.Fatal(err)
		}
		out = append(out, a)
	}
	return out
}

func (s *slashEnv) ineligible(c typed.ResultCommitment) *identity.Key {
	for _, v := range s.verifiers {
		if !s.yes(s.cl[0].Eligible(s.ctx, c.TaskID, c.AwardBlockHash, v.Address())) {
			return v
		}
	}
	s.t.Fatal("everyone eligible")
	return nil
}

func TestSlash(t *testing.T) {
	s := newSlashEnv(t, 10, TestParams()) // quorum 2 of an expected 3
	sub := s.cl[2]
	d := sub.Domain()
	c, sig, el := s.commitment(2, 0)
	ev := Evidence{Commitment: c, CommitmentSig: sig, Attestations: s.attest(c, false, el[:2]...)}
	if err := ev.Check(d); err != nil {
		t.Fatal(err)
	}

	t.Run("rejections", func(t *testing.T) {
		other := s.verifiers[0]
		otherSig, _ := other.SignTyped(d, c.StructHash())
		future := c
		future.AwardBlock += 100
		futureSig, _ := future.Sign(s.provider, d)
		wrongHash := c
		wrongHash.AwardBlockHash = common.Hash{9}
		wrongHashSig, _ := wrongHash.Sign(s.provider, d)
		unstaked := c
		unstaked.Provider = s.client.Address()
		unstakedSig, _ := unstaked.Sign(s.client, d)
		dup := s.attest(c, false, el[0], el[0])
		tests := []struct {
			name string
			ev   Evidence
			want string
		}{
			{"commitment not signed by provider", Evidence{c, otherSig, ev.Attestations}, "BadCommitmentSignature"},
			{"commitment of another result", Evidence{func() typed.ResultCommitment { x := c; x.ResultHash = common.Hash{3}; return x }(), sig, ev.Attestations}, "BadCommitmentSignature"},
			{"too few", Evidence{c, sig, ev.Attestations[:1]}, "TooFewAttestations"},
			{"ineligible signer", Evidence{c, sig, append(s.attest(c, false, el[0]), s.attest(c, false, s.ineligible(c))...)}, "NotEligible"},
			{"approving attestations", Evidence{c, sig, s.attest(c, true, el[:2]...)}, "NotEligible"},
			{"duplicate signer", Evidence{c, sig, dup}, "SignersNotAscending"},
			{"provider signs", Evidence{c, sig, append(s.attest(c, false, el[0]), s.attest(c, false, s.provider)...)}, "ConflictedSigner"},
			{"future award block", Evidence{future, futureSig, s.attest(future, false, el[:2]...)}, "BadAwardBlock"},
			{"fake award block hash", Evidence{wrongHash, wrongHashSig, s.attest(wrongHash, false, el[:2]...)}, "BadAwardBlock"},
			{"provider without stake", Evidence{unstaked, unstakedSig, s.attest(unstaked, false, el[:2]...)}, "NothingToSlash"},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := sub.Slash(s.ctx, tc.ev)
				wantRevert(t, err, tc.want)
			})
		}
		data, _ := ev.Pack()
		_, err := sub.send(s.ctx, sub.c.PackSlash(data[:len(data)-1]), nil)
		wantRevert(t, err, "BadEvidence")
	})

	before := s.staker(sub.StakeOf(s.ctx, s.provider.Address()))
	total := s.num(sub.TotalStake(s.ctx))
	dep := s.num(sub.FreeDeposit(s.ctx, s.client.Address()))
	s.tx(sub.Slash(s.ctx, ev))
	after := s.staker(sub.StakeOf(s.ctx, s.provider.Address()))
	amount := new(big.Int).Div(before.Stake, big.NewInt(2)) // 50%
	if new(big.Int).Sub(before.Stake, after.Stake).Cmp(amount) != 0 || after.LastSlashedBlock != c.AwardBlock {
		t.Fatalf("provider %+v → %+v", before, after)
	}
	if got := s.num(sub.TotalStake(s.ctx)); new(big.Int).Sub(total, got).Cmp(amount) != 0 {
		t.Fatalf("total stake %s → %s", total, got)
	}
	toClient := new(big.Int).Div(new(big.Int).Mul(amount, big.NewInt(4000)), big.NewInt(10000))
	if got := s.num(sub.FreeDeposit(s.ctx, s.client.Address())); new(big.Int).Sub(got, dep).Cmp(toClient) != 0 {
		t.Fatalf("client got %s, want %s", new(big.Int).Sub(got, dep), toClient)
	}
	// The verifier share (40%) goes to the signer with the lowest score.
	toVerifier := toClient
	seed := ethcrypto.Keccak256Hash(c.TaskID[:], c.AwardBlockHash[:])
	winner := el[0]
	if new(big.Int).SetBytes(ethcrypto.Keccak256(seed[:], el[1].Address().Bytes())).Cmp(
		new(big.Int).SetBytes(ethcrypto.Keccak256(seed[:], el[0].Address().Bytes()))) < 0 {
		winner = el[1]
	}
	for _, v := range el[:2] {
		want := big.NewInt(0)
		if v == winner {
			want = toVerifier
		}
		if got := s.staker(sub.StakeOf(s.ctx, v.Address())); got.Earnings.Cmp(want) != 0 {
			t.Fatalf("verifier %s earned %s, want %s", v.Address(), got.Earnings, want)
		}
	}
	burned := s.num(sub.Burned(s.ctx))
	if want := new(big.Int).Sub(new(big.Int).Sub(amount, toClient), toVerifier); burned.Cmp(want) != 0 {
		t.Fatalf("burned %s, want %s", burned, want)
	}

	// One evidence slashes once; older evidence cannot come after newer.
	_, err := sub.Slash(s.ctx, ev)
	wantRevert(t, err, "AlreadySlashed")
	// A later lie can be slashed again; its verifiers withdraw their reward.
	c2, sig2, el2 := s.commitment(2, 1)
	s.tx(sub.Slash(s.ctx, Evidence{c2, sig2, s.attest(c2, false, el2[:2]...)}))
	for i, v := range s.verifiers {
		if st := s.staker(sub.StakeOf(s.ctx, v.Address())); st.Earnings.Sign() > 0 {
			s.tx(s.cl[2+i].WithdrawEarnings(s.ctx, nil))
		}
	}
}
