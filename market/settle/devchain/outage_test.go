package devchain

import (
	"context"
	"io"
	"math/big"
	"net"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/ogpu/ogpu/market/settle"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/store"
)

// proxy forwards TCP to target; while down it drops every connection.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	down   bool
	conns  map[net.Conn]bool
	wg     sync.WaitGroup
}

func newProxy(t *testing.T, target string) *proxy {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &proxy{ln: ln, target: target, conns: map[net.Conn]bool{}}
	p.wg.Add(1)
	go p.serve()
	t.Cleanup(p.close)
	return p
}

func (p *proxy) serve() {
	defer p.wg.Done()
	for {
		c, err := p.ln.Accept()
		if err != nil {
			return
		}
		p.mu.Lock()
		if p.down {
			p.mu.Unlock()
			c.Close()
			continue
		}
		p.conns[c] = true
		p.mu.Unlock()
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			p.pipe(c)
		}()
	}
}

func (p *proxy) pipe(c net.Conn) {
	defer func() {
		p.mu.Lock()
		delete(p.conns, c)
		p.mu.Unlock()
		c.Close()
	}()
	up, err := net.Dial("tcp", p.target)
	if err != nil {
		return
	}
	p.mu.Lock()
	p.conns[up] = true
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.conns, up)
		p.mu.Unlock()
		up.Close()
	}()
	done := make(chan struct{}, 2)
	go func() { io.Copy(up, c); done <- struct{}{} }()
	go func() { io.Copy(c, up); done <- struct{}{} }()
	<-done
	c.Close()
	up.Close()
	<-done
}

// setDown drops all connections and refuses new ones while down.
func (p *proxy) setDown(down bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.down = down
	if down {
		for c := range p.conns {
			c.Close()
		}
	}
}

func (p *proxy) close() {
	p.ln.Close()
	p.setDown(true)
	p.wg.Wait()
}

func TestSettlerRPCOutage(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var keys []*identity.Key
	for i := range 5 {
		keys = append(keys, testKey(20+i))
	}
	chain, err := Start(ctx, Config{Keys: keys})
	if err != nil {
		t.Fatal(err)
	}
	defer chain.Close()
	u, _ := url.Parse(chain.URL)
	px := newProxy(t, u.Host)
	cfg := settle.ChainConfig{RPC: "http://" + px.ln.Addr().String(), Contract: chain.Contract}
	for _, k := range keys[1:] {
		c, closeRPC, err := settle.Dial(ctx, cfg, k, settle.ClientOptions{Poll: 2 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Deposit(ctx, big.NewInt(1e18)); err != nil {
			t.Fatal(err)
		}
		closeRPC()
	}
	c, closeRPC, err := settle.Dial(ctx, cfg, keys[0], settle.ClientOptions{Poll: 2 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer closeRPC()
	db, err := store.Open(store.Config{Dir: t.TempDir(), Logger: quiet()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s, err := settle.New(settle.Config{Chain: c, DB: db, Logger: quiet(), MaxBatch: 2, MaxAge: 5 * time.Millisecond, Tick: 2 * time.Millisecond,
		RetryMin: 5 * time.Millisecond, RetryMax: 50 * time.Millisecond, Rebroadcast: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	want := map[int]*big.Int{}
	enqueue := func(from, to int) {
		for i := from; i < to; i++ {
			ci := 1 + i%4
			amt := big.NewInt(int64(i+1) * 1e9)
			v, err := typed.Voucher{Client: keys[ci].Address(), Payee: keys[0].Address(), CumulativeAmount: amt}.Sign(keys[ci], c.Domain())
			if err != nil {
				t.Fatal(err)
			}
			if err := s.Enqueue(v); err != nil {
				t.Fatal(err)
			}
			want[ci] = amt
			time.Sleep(2 * time.Millisecond)
		}
	}
	enqueue(0, 40)
	px.setDown(true)
	enqueue(40, 80) // queued while the chain is unreachable
	// The settler must actually run into the outage, or this test proves
	// nothing: wait until a step has failed against the dead endpoint.
	for deadline := time.Now().Add(20 * time.Second); s.Stats().Errors == 0; {
		if time.Now().After(deadline) {
			t.Fatal("the settler never hit the outage")
		}
		time.Sleep(5 * time.Millisecond) // poll interval of a deadline loop
	}
	px.setDown(false)
	enqueue(80, 100)
	deadline := time.Now().Add(20 * time.Second)
	for {
		nv, _, f, err := s.Pending()
		if err != nil {
			t.Fatal(err)
		}
		if nv == 0 && !f {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue did not drain: %d vouchers, in flight %v", nv, f)
		}
		time.Sleep(5 * time.Millisecond)
	}
	for ci, amt := range want {
		paid, err := c.Paid(ctx, keys[ci].Address(), keys[0].Address())
		if err != nil {
			t.Fatal(err)
		}
		if paid.Cmp(amt) != 0 {
			t.Errorf("client %d paid %s, want %s", ci, paid, amt)
		}
	}
	t.Logf("stats after outage: %+v", s.Stats())
}
