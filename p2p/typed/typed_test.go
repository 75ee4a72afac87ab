package typed

import (
	"encoding/json"
	"errors"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"

	"github.com/ogpu/ogpu/p2p/identity"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.json")

func testKey(t *testing.T, b byte) *identity.Key {
	t.Helper()
	raw := make([]byte, 32)
	raw[31] = b
	raw[0] = 0x42
	k, err := identity.FromBytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testDomain() identity.Domain {
	return identity.Domain{ChainID: big.NewInt(1337), VerifyingContract: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")}
}

func hash32(b byte) [32]byte {
	var h [32]byte
	for i := range h {
		h[i] = b + byte(i)
	}
	return h
}

func apiDomain(d identity.Domain) apitypes.TypedDataDomain {
	return apitypes.TypedDataDomain{Name: identity.DomainName, Version: identity.DomainVersion,
		ChainId: (*math.HexOrDecimal256)(d.ChainID), VerifyingContract: d.VerifyingContract.Hex()}
}

var domainFields = []apitypes.Type{{Name: "name", Type: "string"}, {Name: "version", Type: "string"},
	{Name: "chainId", Type: "uint256"}, {Name: "verifyingContract", Type: "address"}}

// apiDigest computes the EIP-712 digest with go-ethereum's independent
// implementation.
func apiDigest(t *testing.T, primary string, fields []apitypes.Type, msg apitypes.TypedDataMessage) common.Hash {
	t.Helper()
	td := apitypes.TypedData{
		Types:       apitypes.Types{"EIP712Domain": domainFields, primary: fields},
		PrimaryType: primary, Domain: apiDomain(testDomain()), Message: msg,
	}
	h, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	return common.BytesToHash(h)
}

type golden struct {
	Name       string         `json:"name"`
	Signer     common.Address `json:"signer"`
	Object     any            `json:"object"`
	StructHash common.Hash    `json:"structHash"`
	Digest     common.Hash    `json:"digest"`
	Sig        hexutil.Bytes  `json:"sig"`
}

func TestGoldenVectors(t *testing.T) {
	d := testDomain()
	client, provider, verifier := testKey(t, 1), testKey(t, 2), testKey(t, 3)

	v := Voucher{Client: client.Address(), Payee: provider.Address(), CumulativeAmount: big.NewInt(1_234_567_890_123)}
	sv, err := v.Sign(client, d)
	if err != nil {
		t.Fatal(err)
	}
	c := ResultCommitment{TaskID: hash32(1), Provider: provider.Address(), Client: client.Address(),
		OutputHash: hash32(2), ResultHash: hash32(3), AwardBlock: 123456, AwardBlockHash: hash32(4)}
	csig, err := c.Sign(provider, d)
	if err != nil {
		t.Fatal(err)
	}
	a := Attestation{TaskID: hash32(1), ResultHash: hash32(3), Valid: false}
	sa, err := a.Sign(verifier, d)
	if err != nil {
		t.Fatal(err)
	}
	aok := Attestation{TaskID: hash32(1), ResultHash: hash32(3), Valid: true}
	saok, err := aok.Sign(verifier, d)
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		g    golden
		want common.Hash
	}{
		{golden{"voucher", client.Address(), v, v.StructHash(), d.Digest(v.StructHash()), sv.Sig},
			apiDigest(t, "Voucher", []apitypes.Type{{Name: "client", Type: "address"}, {Name: "payee", Type: "address"}, {Name: "cumulativeAmount", Type: "uint256"}},
				apitypes.TypedDataMessage{"client": v.Client.Hex(), "payee": v.Payee.Hex(), "cumulativeAmount": v.CumulativeAmount.String()})},
		{golden{"commitment", provider.Address(), c, c.StructHash(), d.Digest(c.StructHash()), csig},
			apiDigest(t, "ResultCommitment", []apitypes.Type{{Name: "taskId", Type: "bytes32"}, {Name: "provider", Type: "address"}, {Name: "client", Type: "address"},
				{Name: "outputHash", Type: "bytes32"}, {Name: "resultHash", Type: "bytes32"}, {Name: "awardBlock", Type: "uint64"}, {Name: "awardBlockHash", Type: "bytes32"}},
				apitypes.TypedDataMessage{"taskId": hexutil.Encode(c.TaskID[:]), "provider": c.Provider.Hex(), "client": c.Client.Hex(),
					"outputHash": hexutil.Encode(c.OutputHash[:]), "resultHash": hexutil.Encode(c.ResultHash[:]), "awardBlock": "123456", "awardBlockHash": hexutil.Encode(c.AwardBlockHash[:])})},
		{golden{"attestation-invalid", verifier.Address(), a, a.StructHash(), d.Digest(a.StructHash()), sa.Sig},
			apiDigest(t, "Attestation", []apitypes.Type{{Name: "taskId", Type: "bytes32"}, {Name: "resultHash", Type: "bytes32"}, {Name: "valid", Type: "bool"}},
				apitypes.TypedDataMessage{"taskId": hexutil.Encode(a.TaskID[:]), "resultHash": hexutil.Encode(a.ResultHash[:]), "valid": false})},
		{golden{"attestation-valid", verifier.Address(), aok, aok.StructHash(), d.Digest(aok.StructHash()), saok.Sig},
			apiDigest(t, "Attestation", []apitypes.Type{{Name: "taskId", Type: "bytes32"}, {Name: "resultHash", Type: "bytes32"}, {Name: "valid", Type: "bool"}},
				apitypes.TypedDataMessage{"taskId": hexutil.Encode(a.TaskID[:]), "resultHash": hexutil.Encode(a.ResultHash[:]), "valid": true})},
	}
	var got []golden
	for _, tc := range cases {
		if tc.g.Digest != tc.want {
			t.Errorf("%s: digest %s, apitypes says %s", tc.g.Name, tc.g.Digest, tc.want)
		}
		if err := identity.Verify(tc.g.Digest, tc.g.Sig, tc.g.Signer); err != nil {
			t.Errorf("%s: %v", tc.g.Name, err)
		}
		got = append(got, tc.g)
	}
	gotJSON, err := json.MarshalIndent(struct {
		Domain struct {
			ChainID           *big.Int       `json:"chainId"`
			VerifyingContract common.Address `json:"verifyingContract"`
			Separator         common.Hash    `json:"separator"`
		} `json:"domain"`
		Vectors []golden `json:"vectors"`
	}{Domain: struct {
		ChainID           *big.Int       `json:"chainId"`
		VerifyingContract common.Address `json:"verifyingContract"`
		Separator         common.Hash    `json:"separator"`
	}{d.ChainID, d.VerifyingContract, d.Separator()}, Vectors: got}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	gotJSON = append(gotJSON, '\n')
	path := filepath.Join("testdata", "golden.json")
	if *update {
		if err := os.WriteFile(path, gotJSON, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./p2p/typed -update)", err)
	}
	if string(want) != string(gotJSON) {
		t.Errorf("golden vectors changed; diff testdata/golden.json (go test -update rewrites it)\n%s", gotJSON)
	}
}

func TestVerifyRejects(t *testing.T) {
	d := testDomain()
	client, payee, other := testKey(t, 1), testKey(t, 2), testKey(t, 9)
	v := Voucher{Client: client.Address(), Payee: payee.Address(), CumulativeAmount: big.NewInt(100)}
	sv, err := v.Sign(client, d)
	if err != nil {
		t.Fatal(err)
	}
	otherChain := identity.Domain{ChainID: big.NewInt(1), VerifyingContract: d.VerifyingContract}
	otherContract := identity.Domain{ChainID: d.ChainID, VerifyingContract: common.HexToAddress("0x01")}
	tampered := sv
	tampered.CumulativeAmount = big.NewInt(101)
	tests := []struct {
		name string
		run  func() error
		want error
	}{
		{"ok", func() error { return sv.Verify(d) }, nil},
		{"other chain", func() error { return sv.Verify(otherChain) }, identity.ErrBadSignature},
		{"other contract", func() error { return sv.Verify(otherContract) }, identity.ErrBadSignature},
		{"tampered amount", func() error { return tampered.Verify(d) }, identity.ErrBadSignature},
		{"sign with wrong key", func() error { _, err := v.Sign(other, d); return err }, ErrWrongSigner},
		{"negative", func() error {
			_, err := Voucher{Client: client.Address(), CumulativeAmount: big.NewInt(-1)}.Sign(client, d)
			return err
		}, ErrAmount},
		{"too big", func() error {
			_, err := Voucher{Client: client.Address(), CumulativeAmount: new(big.Int).Lsh(big.NewInt(1), 128)}.Sign(client, d)
			return err
		}, ErrAmount},
		{"nil amount", func() error { return Voucher{Client: client.Address()}.Verify(d, sv.Sig) }, ErrAmount},
		{"not monotonic", func() error { return sv.Supersedes(sv) }, ErrNotMonotonic},
		{"monotonic", func() error { return tampered.Supersedes(sv) }, nil},
		{"commitment wrong key", func() error {
			_, err := ResultCommitment{Provider: payee.Address()}.Sign(client, d)
			return err
		}, ErrWrongSigner},
		{"commitment other signer", func() error {
			c := ResultCommitment{Provider: payee.Address()}
			sig, _ := client.SignTyped(d, c.StructHash())
			return c.Verify(d, sig)
		}, identity.ErrBadSignature},
		{"attestation flipped verdict", func() error {
			sa, _ := Attestation{Valid: true}.Sign(other, d)
			sa.Valid = false
			return sa.Verify(d)
		}, identity.ErrBadSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			if tc.want == nil && err != nil || tc.want != nil && !errors.Is(err, tc.want) {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}
