package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/store"
)

const chainUsage = `Usage: ogpu chain <action> [flags] [amount]

Actions:
  deposit AMOUNT     add to your client deposit
  withdraw AMOUNT    announce a withdrawal (paid after the contract's delay)
  withdraw           complete the announced withdrawal
  stake AMOUNT       add to your provider/verifier stake
  unstake AMOUNT     announce an unstake (paid after the contract's delay)
  unstake            complete the announced unstake
  earnings [CLIENT…] withdraw slash rewards and what vouchers of CLIENTs paid you
  balance [ADDRESS]  show deposit, stake, earnings and wallet balance
  settle             settle this node's queued vouchers and evidence now
                     (stop the daemon first: it needs the node's database)

AMOUNT is wei, or a number with a unit: 1.5ether, 20gwei, 100wei.
Flags (after the action): --datadir, --rpc, --contract, --json.
--rpc and --contract default to chain.rpc and chain.contract in
<datadir>/config.toml; 'ogpu devnet' prints both.
`

// chainFlags are the flags every chain-touching command shares.
type chainFlags struct {
	datadir  string
	rpc      string
	contract string
	json     bool
}

func (f *chainFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.datadir, "datadir", node.DefaultDataDir(), "data directory holding the node key")
	fs.StringVar(&f.rpc, "rpc", "", "Ethereum JSON-RPC endpoint (default chain.rpc from config)")
	fs.StringVar(&f.contract, "contract", "", "Settlement contract address (default chain.contract from config)")
	fs.BoolVar(&f.json, "json", false, "print JSON")
}

// dial opens the chain with the node key (or read-only when withKey is false).
func (f *chainFlags) dial(ctx context.Context, withKey bool) (*settle.Client, func(), error) {
	cc := settle.ChainConfig{RPC: f.rpc}
	addr := f.contract
	if f.rpc == "" || addr == "" {
		cfg, err := node.LoadConfig(f.datadir, node.HomeRig())
		if err != nil {
			return nil, nil, err
		}
		if cc.RPC == "" {
			cc.RPC = cfg.Chain.RPC
		}
		if addr == "" {
			addr = cfg.Chain.Contract
		}
	}
	if addr != "" {
		if !common.IsHexAddress(addr) {
			return nil, nil, exitUsage{fmt.Errorf("--contract %q is not an address", addr)}
		}
		cc.Contract = common.HexToAddress(addr)
	}
	var key *identity.Key
	if withKey {
		if err := os.MkdirAll(f.datadir, 0o700); err != nil {
			return nil, nil, err
		}
		k, err := identity.LoadOrCreate(f.datadir, os.Getenv(identity.PasswordEnv))
		if err != nil {
			return nil, nil, err
		}
		key = k
	}
	return settle.Dial(ctx, cc, key, settle.ClientOptions{})
}

func cmdChain(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, chainUsage)
		if len(args) == 0 {
			return exitUsage{errors.New("chain: no action given")}
		}
		return nil
	}
	action := args[0]
	fs := flag.NewFlagSet("chain "+action, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, chainUsage) }
	var f chainFlags
	f.register(fs)
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		return err
	}
	amount := func() (*big.Int, error) {
		if len(rest) != 1 {
			return nil, exitUsage{fmt.Errorf("chain %s: want one AMOUNT", action)}
		}
		return parseAmount(rest[0])
	}
	switch action {
	case "deposit", "withdraw", "stake", "unstake", "earnings", "balance", "settle":
	default:
		fmt.Fprint(stderr, chainUsage)
		return exitUsage{fmt.Errorf("chain: unknown action %q", action)}
	}
	c, closeRPC, err := f.dial(ctx, action != "balance" || len(rest) == 0)
	if err != nil {
		return err
	}
	defer closeRPC()
	var tx *settle.Tx
	var extra any
	switch action {
	case "deposit", "stake":
		amt, err := amount()
		if err != nil {
			return err
		}
		if action == "deposit" {
			tx, err = c.Deposit(ctx, amt)
		} else {
			tx, err = c.Stake(ctx, amt)
		}
		if err != nil {
			return err
		}
	case "withdraw", "unstake":
		if len(rest) == 0 {
			if action == "withdraw" {
				tx, err = c.Withdraw(ctx)
			} else {
				tx, err = c.Unstake(ctx)
			}
		} else {
			amt, aerr := amount()
			if aerr != nil {
				return aerr
			}
			if action == "withdraw" {
				tx, err = c.RequestWithdraw(ctx, amt)
			} else {
				tx, err = c.RequestUnstake(ctx, amt)
			}
		}
		if err != nil {
			return err
		}
	case "earnings":
		var from []common.Address
		for _, a := range rest {
			if !common.IsHexAddress(a) {
				return exitUsage{fmt.Errorf("chain earnings: %q is not an address", a)}
			}
			from = append(from, common.HexToAddress(a))
		}
		if tx, err = c.WithdrawEarnings(ctx, from); err != nil {
			return err
		}
	case "settle":
		st, err := settleNow(ctx, f.datadir, c)
		if err != nil {
			return err
		}
		extra = st
	}
	who := c.Account()
	if action == "balance" && len(rest) > 0 {
		if !common.IsHexAddress(rest[0]) {
			return exitUsage{fmt.Errorf("chain balance: %q is not an address", rest[0])}
		}
		who = common.HexToAddress(rest[0])
	}
	bal, err := balances(ctx, c, who)
	if err != nil {
		return err
	}
	out := struct {
		Action   string       `json:"action"`
		Tx       *settle.Tx   `json:"tx,omitempty"`
		Settled  any          `json:"settled,omitempty"`
		Balances accountState `json:"balances"`
	}{action, tx, extra, bal}
	if f.json {
		return json.NewEncoder(stdout).Encode(out)
	}
	if tx != nil {
		fmt.Fprintf(stdout, "tx:            %s (block %d, gas %d)\n", tx.Hash, tx.Block, tx.GasUsed)
	}
	if extra != nil {
		fmt.Fprintf(stdout, "settled:       %+v\n", extra)
	}
	bal.print(stdout)
	return nil
}

// accountState is what `ogpu chain` prints after every action.
type accountState struct {
	Address      common.Address `json:"address"`
	Wallet       *big.Int       `json:"wallet"`
	Deposit      *big.Int       `json:"deposit"`
	FreeDeposit  *big.Int       `json:"freeDeposit"`
	WithdrawAt   uint64         `json:"withdrawAt,omitempty"`
	Stake        *big.Int       `json:"stake"`
	UnstakeAt    uint64         `json:"unstakeAt,omitempty"`
	SlashRewards *big.Int       `json:"slashRewards"`
	TotalStake   *big.Int       `json:"totalStake"`
}

func balances(ctx context.Context, c *settle.Client, a common.Address) (accountState, error) {
	var s accountState
	s.Address = a
	var err error
	if s.Wallet, err = c.Balance(ctx, a); err != nil {
		return s, err
	}
	ca, err := c.ClientAccount(ctx, a)
	if err != nil {
		return s, err
	}
	s.Deposit, s.WithdrawAt = ca.Deposit, ca.WithdrawAt
	if s.FreeDeposit, err = c.FreeDeposit(ctx, a); err != nil {
		return s, err
	}
	st, err := c.StakeOf(ctx, a)
	if err != nil {
		return s, err
	}
	s.Stake, s.UnstakeAt, s.SlashRewards = st.Stake, st.UnstakeAt, st.Earnings
	s.TotalStake, err = c.TotalStake(ctx)
	return s, err
}

func (s accountState) print(w io.Writer) {
	fmt.Fprintf(w, "address:       %s\nwallet:        %s\ndeposit:       %s (free %s)\n", s.Address, fmtWei(s.Wallet), fmtWei(s.Deposit), fmtWei(s.FreeDeposit))
	if s.WithdrawAt != 0 {
		fmt.Fprintf(w, "withdrawable:  after %s\n", time.Unix(int64(s.WithdrawAt), 0).Format(time.RFC3339))
	}
	fmt.Fprintf(w, "stake:         %s (of %s total)\n", fmtWei(s.Stake), fmtWei(s.TotalStake))
	if s.UnstakeAt != 0 {
		fmt.Fprintf(w, "unstakable:    after %s\n", time.Unix(int64(s.UnstakeAt), 0).Format(time.RFC3339))
	}
	fmt.Fprintf(w, "slash rewards: %s\n", fmtWei(s.SlashRewards))
}

// settleNow flushes the node's settlement queue from its database.
func settleNow(ctx context.Context, datadir string, c *settle.Client) (settle.Stats, error) {
	db, err := store.Open(store.Config{Dir: filepath.Join(datadir, "db"), Logger: quietLog()})
	if err != nil {
		return settle.Stats{}, err
	}
	defer db.Close()
	s, err := settle.New(settle.Config{Chain: c, DB: db, Logger: quietLog(), Tick: 50 * time.Millisecond})
	if err != nil {
		return settle.Stats{}, err
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	if err := s.Flush(ctx); err != nil {
		return s.Stats(), err
	}
	return s.Stats(), nil
}

var units = []struct {
	suffix string
	exp    int
}{{"ether", 18}, {"eth", 18}, {"gwei", 9}, {"wei", 0}}

// parseAmount reads "123" (wei), "1.5ether", "20gwei" or "100wei".
func parseAmount(s string) (*big.Int, error) {
	num, exp := strings.TrimSpace(strings.ToLower(s)), 0
	for _, u := range units {
		if strings.HasSuffix(num, u.suffix) {
			num, exp = strings.TrimSpace(strings.TrimSuffix(num, u.suffix)), u.exp
			break
		}
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok || r.Sign() < 0 {
		return nil, exitUsage{fmt.Errorf("bad amount %q (want e.g. 1.5ether, 20gwei or a number of wei)", s)}
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)))
	if !r.IsInt() {
		return nil, exitUsage{fmt.Errorf("amount %q is not a whole number of wei", s)}
	}
	return r.Num(), nil
}

// fmtWei prints wei as ether with up to 18 decimals.
func fmtWei(v *big.Int) string {
	if v == nil {
		return "0 ether"
	}
	r := new(big.Rat).SetFrac(v, big.NewInt(1e18))
	s := strings.TrimRight(strings.TrimRight(r.FloatString(18), "0"), ".")
	return s + " ether"
}
