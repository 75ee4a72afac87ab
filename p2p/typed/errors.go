package typed

import "errors"

var (
	// ErrWrongSigner is returned when a signature is valid but made by
	// someone other than the party the object names.
	ErrWrongSigner = errors.New("typed: signed by the wrong key")
	// ErrAmount is returned for a nil, negative or oversized amount.
	ErrAmount = errors.New("typed: amount must be between 0 and 2^128-1")
	// ErrNotMonotonic is returned when a voucher does not raise the
	// cumulative amount of its (client, payee) pair.
	ErrNotMonotonic = errors.New("typed: voucher does not increase the cumulative amount")
)
