package p2p

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"

	"github.com/ogpu/ogpu/p2p/wire"
)

func TestRequestFraming(t *testing.T) {
	const (
		echo  protocol.ID = "/ogpu/test/echo/1"
		slow  protocol.ID = "/ogpu/test/slow/1"
		small protocol.ID = "/ogpu/test/small/1"
		mute  protocol.ID = "/ogpu/test/mute/1"
	)
	scfg := loopback(t)
	scfg.StreamTimeout = 500 * time.Millisecond
	srv := start(t, scfg)
	ccfg := loopback(t)
	ccfg.Bootstrap = addrStrings(srv)
	cli := start(t, ccfg)

	handlerErr := make(chan error, 4)
	mustHandle := func(pid protocol.ID, max int, h Handler) {
		if err := srv.Handle(pid, max, h); err != nil {
			t.Fatal(err)
		}
	}
	mustHandle(echo, 0, func(ctx context.Context, from peer.ID, s *Stream) {
		var req wire.Price
		if err := s.ReadMsg(&req); err != nil {
			handlerErr <- err
			return
		}
		s.WriteMsg(&req)
	})
	mustHandle(small, 16, func(ctx context.Context, from peer.ID, s *Stream) {
		var req wire.Price
		handlerErr <- s.ReadMsg(&req)
	})
	mustHandle(slow, 0, func(ctx context.Context, from peer.ID, s *Stream) {
		<-ctx.Done() // never answers; ends at StreamTimeout
		handlerErr <- ctx.Err()
	})
	mustHandle(mute, 0, func(ctx context.Context, from peer.ID, s *Stream) {
		var req wire.Price
		handlerErr <- s.ReadMsg(&req) // client sends nothing: read deadline
	})
	waitFor(t, 5*time.Second, "client connected", func() bool { return len(cli.Peers()) > 0 })
	ctx := context.Background()

	t.Run("echo", func(t *testing.T) {
		var resp wire.Price
		if err := cli.Request(ctx, srv.ID(), echo, &wire.Price{Workload: "w", Wei: "42"}, &resp); err != nil {
			t.Fatal(err)
		}
		if resp.Wei != "42" {
			t.Fatalf("resp %v", &resp)
		}
	})
	t.Run("oversize frame refused", func(t *testing.T) {
		var resp wire.Price
		err := cli.Request(ctx, srv.ID(), small, &wire.Price{Workload: strings.Repeat("w", 64), Wei: "1"}, &resp)
		if err == nil {
			t.Fatal("oversize request answered")
		}
		if herr := <-handlerErr; !errors.Is(herr, wire.ErrFrameTooLarge) {
			t.Fatalf("handler err = %v, want ErrFrameTooLarge", herr)
		}
	})
	t.Run("request deadline", func(t *testing.T) {
		rctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		defer cancel()
		t0 := time.Now()
		var resp wire.Price
		err := cli.Request(rctx, srv.ID(), slow, &wire.Price{Workload: "w", Wei: "1"}, &resp)
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v, want DeadlineExceeded", err)
		}
		if el := time.Since(t0); el > 2*time.Second {
			t.Fatalf("request took %s with a 200 ms deadline", el)
		}
		if herr := <-handlerErr; !errors.Is(herr, context.DeadlineExceeded) {
			t.Fatalf("slow handler ended with %v", herr)
		}
	})
	t.Run("handler read deadline", func(t *testing.T) {
		s, err := cli.OpenStream(ctx, srv.ID(), mute)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Reset()
		// Announce a 5-byte frame and never send it.
		if _, err := s.s.Write([]byte{5}); err != nil {
			t.Fatal(err)
		}
		t0 := time.Now()
		select {
		case herr := <-handlerErr:
			if herr == nil {
				t.Fatal("mute handler read a frame")
			}
			if el := time.Since(t0); el > 3*time.Second {
				t.Fatalf("handler waited %s with a 500 ms stream timeout", el)
			}
		case <-time.After(5 * time.Second):
			t.Fatal("handler read never timed out")
		}
	})
}

// TestMocknetHost runs a Network on a pre-built mocknet host without DHT,
// as node/sim does, and checks that Close leaves the host open.
func TestMocknetHost(t *testing.T) {
	mn := mocknet.New()
	defer mn.Close()
	var nets []*Network
	for range 2 {
		k := newKey(t)
		h, err := mn.AddPeer(k.LibP2P(), mustAddr(t, "/ip4/127.0.0.1/tcp/4001"))
		if err != nil {
			t.Fatal(err)
		}
		nets = append(nets, start(t, Config{Key: k, Host: h, DHTMode: DHTOff, Logger: testLogger()}))
	}
	if err := mn.LinkAll(); err != nil {
		t.Fatal(err)
	}
	if err := mn.ConnectAllButSelf(); err != nil {
		t.Fatal(err)
	}
	var topics []*Topic
	for _, n := range nets {
		tp, err := n.JoinTopic(CapacityTopic(nil, nil))
		if err != nil {
			t.Fatal(err)
		}
		topics = append(topics, tp)
	}
	sub, err := topics[1].Subscribe()
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Cancel()
	waitFor(t, 5*time.Second, "topic peers", func() bool { return len(topics[0].Peers()) == 1 })
	if err := topics[0].Publish(context.Background(), signedAd(t, nets[0].cfg.Key, 1)); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if m, err := sub.Next(ctx); err != nil || m.From != nets[0].ID() {
		t.Fatalf("got %v, %v", m, err)
	}
	if err := nets[0].Close(); err != nil {
		t.Fatal(err)
	}
	if len(nets[0].Host().Network().ListenAddresses()) == 0 {
		t.Fatal("Close closed a host it does not own")
	}
}
