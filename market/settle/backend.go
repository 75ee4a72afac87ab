package settle

import (
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
)

// Backend is what a Client needs from an Ethereum node. *ethclient.Client,
// simulated.Client and Sim.Backend all satisfy it.
type Backend interface {
	bind.ContractBackend
	ethereum.ChainIDReader
	ethereum.TransactionReader
	ethereum.ChainStateReader
	ethereum.BlockNumberReader
}
