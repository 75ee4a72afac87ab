package typed

import (
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/p2p/identity"
)

// VoucherType is the EIP-712 type string of Voucher.
const VoucherType = "Voucher(address client,address payee,uint256 cumulativeAmount)"

var voucherTypeHash = identity.TypeHash(VoucherType)

// MaxAmount is the largest cumulative amount the contract accepts (its
// calldata carries 16 bytes per amount).
var MaxAmount = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1))

// Voucher promises Payee the total CumulativeAmount (wei) from Client's
// deposit. Each new voucher of a pair supersedes the previous one; the
// contract pays only the increase over what the pair was already paid. It is
// signed by Client.
type Voucher struct {
	Client           common.Address `json:"client"`
	Payee            common.Address `json:"payee"`
	CumulativeAmount *big.Int       `json:"cumulativeAmount"`
}

// SignedVoucher is a voucher with the client's signature.
type SignedVoucher struct {
	Voucher
	Sig []byte `json:"sig"`
}

// StructHash is hashStruct(Voucher).
func (v Voucher) StructHash() common.Hash {
	return identity.HashStruct(voucherTypeHash,
		identity.AddressWord(v.Client), identity.AddressWord(v.Payee), identity.Uint(amountOrZero(v.CumulativeAmount)))
}

// Check validates the fields without a signature.
func (v Voucher) Check() error { return checkAmount(v.CumulativeAmount) }

// Sign signs the voucher with key, which must be the client's.
func (v Voucher) Sign(key *identity.Key, d identity.Domain) (SignedVoucher, error) {
	if err := v.Check(); err != nil {
		return SignedVoucher{}, err
	}
	if key.Address() != v.Client {
		return SignedVoucher{}, fmt.Errorf("%w: key %s is not client %s", ErrWrongSigner, key.Address(), v.Client)
	}
	sig, err := key.SignTyped(d, v.StructHash())
	if err != nil {
		return SignedVoucher{}, err
	}
	return SignedVoucher{Voucher: v, Sig: sig}, nil
}

// Verify checks that sig is the client's signature of v under d.
func (v Voucher) Verify(d identity.Domain, sig []byte) error {
	if err := v.Check(); err != nil {
		return err
	}
	return identity.Verify(d.Digest(v.StructHash()), sig, v.Client)
}

// Verify checks the voucher's own signature.
func (s SignedVoucher) Verify(d identity.Domain) error { return s.Voucher.Verify(d, s.Sig) }

// Supersedes reports whether s may replace prev for the same pair: same
// client and payee, strictly higher cumulative amount.
func (s SignedVoucher) Supersedes(prev SignedVoucher) error {
	if s.Client != prev.Client || s.Payee != prev.Payee {
		return fmt.Errorf("%w: different pair", ErrNotMonotonic)
	}
	if amountOrZero(s.CumulativeAmount).Cmp(amountOrZero(prev.CumulativeAmount)) <= 0 {
		return fmt.Errorf("%w: %s after %s", ErrNotMonotonic, s.CumulativeAmount, prev.CumulativeAmount)
	}
	return nil
}

func checkAmount(a *big.Int) error {
	if a == nil || a.Sign() < 0 || a.Cmp(MaxAmount) > 0 {
		return fmt.Errorf("%w: %v", ErrAmount, a)
	}
	return nil
}

func amountOrZero(a *big.Int) *big.Int {
	if a == nil {
		return new(big.Int)
	}
	return a
}
