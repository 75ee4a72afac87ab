package identity

import (
	"bytes"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
)

func TestPeerIDAddressRoundTrip(t *testing.T) {
	for i := 0; i < 5; i++ {
		k, err := Generate()
		if err != nil {
			t.Fatal(err)
		}
		addr, err := PeerIDToAddress(k.PeerID())
		if err != nil {
			t.Fatal(err)
		}
		if addr != k.Address() {
			t.Fatalf("address from peer id %s != key address %s", addr, k.Address())
		}
		id, err := PeerIDFromPubkey(&k.ECDSA().PublicKey)
		if err != nil || id != k.PeerID() {
			t.Fatalf("peer id from pubkey = %s, %v; want %s", id, err, k.PeerID())
		}
	}
}

func TestLoadOrCreate(t *testing.T) {
	dir := t.TempDir()
	k1, err := LoadOrCreate(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(filepath.Join(dir, KeyFileName))
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode = %v, %v; want 0600", st.Mode().Perm(), err)
	}
	k2, err := LoadOrCreate(dir, "")
	if err != nil || k2.Address() != k1.Address() {
		t.Fatalf("reload gave %v, %v; want %s", k2, err, k1.Address())
	}

	tests := []struct {
		name    string
		setup   func(dir string)
		pass    string
		wantErr error
	}{
		{"loose mode", func(d string) {
			os.WriteFile(filepath.Join(d, KeyFileName), []byte(common.Bytes2Hex(k1.Bytes())), 0o644)
		}, "", ErrKeyFile},
		{"not hex", func(d string) { os.WriteFile(filepath.Join(d, KeyFileName), []byte("zz"), 0o600) }, "", ErrKeyFile},
		{"zero key", func(d string) { os.WriteFile(filepath.Join(d, KeyFileName), bytes.Repeat([]byte("0"), 64), 0o600) }, "", ErrKeyFile},
		{"keystore without password", func(d string) { WriteKeystore(d, k1, "pw", true) }, "", ErrNoPassword},
		{"keystore wrong password", func(d string) { WriteKeystore(d, k1, "pw", true) }, "nope", ErrKeyFile},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := t.TempDir()
			tc.setup(d)
			_, err := LoadOrCreate(d, tc.pass)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
		})
	}

	d := t.TempDir()
	if err := WriteKeystore(d, k1, "pw", true); err != nil {
		t.Fatal(err)
	}
	k3, err := LoadOrCreate(d, "pw")
	if err != nil || k3.Address() != k1.Address() {
		t.Fatalf("keystore load = %v, %v", k3, err)
	}
}

// TestEIP712MatchesApitypes checks our hand-rolled struct hashing against
// go-ethereum's generic EIP-712 implementation.
func TestEIP712MatchesApitypes(t *testing.T) {
	k, _ := FromBytes(bytes.Repeat([]byte{7}, 32))
	contract := common.HexToAddress("0x00000000000000000000000000000000000000c0")
	payee := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	amount := big.NewInt(123456789)
	d := Domain{ChainID: big.NewInt(1337), VerifyingContract: contract}
	const typ = "Voucher(address client,address payee,uint256 cumulativeAmount)"
	ours := d.Digest(HashStruct(TypeHash(typ), AddressWord(k.Address()), AddressWord(payee), Uint(amount)))

	td := apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {{Name: "name", Type: "string"}, {Name: "version", Type: "string"}, {Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}},
			"Voucher":      {{Name: "client", Type: "address"}, {Name: "payee", Type: "address"}, {Name: "cumulativeAmount", Type: "uint256"}},
		},
		PrimaryType: "Voucher",
		Domain:      apitypes.TypedDataDomain{Name: DomainName, Version: DomainVersion, ChainId: (*math.HexOrDecimal256)(big.NewInt(1337)), VerifyingContract: contract.Hex()},
		Message:     apitypes.TypedDataMessage{"client": k.Address().Hex(), "payee": payee.Hex(), "cumulativeAmount": amount.String()},
	}
	want, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours[:], want) {
		t.Fatalf("digest %x, apitypes %x", ours, want)
	}

	sig, err := k.Sign(ours)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(ours, sig, k.Address()); err != nil {
		t.Fatal(err)
	}
	other := Domain{ChainID: big.NewInt(1), VerifyingContract: contract}.Digest(HashStruct(TypeHash(typ), AddressWord(k.Address()), AddressWord(payee), Uint(amount)))
	if err := Verify(other, sig, k.Address()); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("signature verified on another chain: %v", err)
	}
	bad := append([]byte(nil), sig...)
	bad[64] = 29
	if _, err := Recover(ours, bad); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("v=29 accepted: %v", err)
	}
	if _, err := Recover(ours, sig[:64]); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("short sig accepted: %v", err)
	}
}

func TestCache(t *testing.T) {
	k, _ := Generate()
	other, _ := Generate()
	d := Domain{ChainID: big.NewInt(1)}.Digest(TypeHash("X(uint256 a)"))
	sig, _ := k.Sign(d)
	for _, c := range []*Cache{nil, NewCache(2)} {
		for i := 0; i < 3; i++ { // hits after the first round
			if err := c.Verify(d, sig, k.Address()); err != nil {
				t.Fatal(err)
			}
			if err := c.Verify(d, sig, other.Address()); !errors.Is(err, ErrBadSignature) {
				t.Fatalf("cached recovery accepted the wrong signer: %v", err)
			}
			bad := append([]byte(nil), sig...)
			bad[3] ^= 1
			if err := c.Verify(d, bad, k.Address()); err == nil {
				t.Fatal("tampered signature verified")
			}
			a, err := c.AddressOf(k.PeerID())
			if err != nil || a != k.Address() {
				t.Fatalf("AddressOf = %s, %v", a, err)
			}
		}
	}
	// Eviction keeps it bounded and still correct.
	c := NewCache(2)
	for i := 0; i < 10; i++ {
		d := Domain{ChainID: big.NewInt(int64(i))}.Digest(TypeHash("X(uint256 a)"))
		s, _ := k.Sign(d)
		if err := c.Verify(d, s, k.Address()); err != nil {
			t.Fatal(err)
		}
	}
	if sh := &c.shards[0]; len(c.shards) != 1 || len(sh.sigs) > 2 || len(sh.old) > 2 {
		t.Fatalf("cache grew to %d+%d", len(sh.sigs), len(sh.old))
	}
}

func TestCacheMemo(t *testing.T) {
	key := func(i int) common.Hash { return common.BigToHash(big.NewInt(int64(i))) }
	boom := errors.New("boom")
	for _, c := range []*Cache{nil, NewCache(2)} {
		calls := 0
		compute := func() (any, error) { calls++; return &calls, nil }
		v1, err1 := c.Memo(key(1), compute)
		v2, err2 := c.Memo(key(1), compute)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		want := 1 // memoized: one call, one shared value
		if c == nil {
			want = 2
		}
		if calls != want || (c != nil && v1 != v2) {
			t.Fatalf("cache %v: %d computations, values %p %p", c != nil, calls, v1, v2)
		}
		// Errors are not memoized.
		fails := 0
		for i := 0; i < 2; i++ {
			if _, err := c.Memo(key(2), func() (any, error) { fails++; return nil, boom }); !errors.Is(err, boom) {
				t.Fatalf("err = %v", err)
			}
		}
		if fails != 2 {
			t.Fatalf("a failure was memoized (%d computations)", fails)
		}
	}
	c := NewCache(2)
	for i := 0; i < 10; i++ {
		c.Memo(key(i), func() (any, error) { return i, nil })
	}
	if sh := &c.shards[0]; len(c.shards) != 1 || len(sh.memo) > 2 || len(sh.oldMemo) > 2 {
		t.Fatalf("memo grew to %d+%d", len(sh.memo), len(sh.oldMemo))
	}
	if v, _ := c.Memo(key(9), func() (any, error) { return -1, nil }); v != 9 {
		t.Fatalf("recent entry evicted: %v", v)
	}
	// A big cache is sharded and stays bounded in all.
	big := NewCache(minShardedCacheSize)
	for i := 0; i < 10*minShardedCacheSize; i++ {
		big.Memo(key(i), func() (any, error) { return i, nil })
	}
	total := 0
	for i := range big.shards {
		total += len(big.shards[i].memo) + len(big.shards[i].oldMemo)
	}
	if len(big.shards) != cacheShards || total > 2*minShardedCacheSize+2*cacheShards {
		t.Fatalf("%d shards hold %d entries", len(big.shards), total)
	}
	if v, _ := big.Memo(key(10*minShardedCacheSize-1), func() (any, error) { return -1, nil }); v != 10*minShardedCacheSize-1 {
		t.Fatalf("recent entry evicted: %v", v)
	}
}
