package p2p

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p/wire"
)

// Stream protocols (request/response over length-prefixed frames).
const (
	ProtoBid    protocol.ID = "/ogpu/bid/1"
	ProtoAward  protocol.ID = "/ogpu/award/1"
	ProtoResult protocol.ID = "/ogpu/result/1"
	ProtoVerify protocol.ID = "/ogpu/verify/1"
	ProtoStream protocol.ID = "/ogpu/stream/1"
	ProtoPay    protocol.ID = "/ogpu/pay/1"
	// ProtoCapacity is capacity table sync (wire.CapacitySyncRequest →
	// wire.CapacitySyncResponse); see market.Capacity.
	ProtoCapacity protocol.ID = "/ogpu/capacity/1"
)

// MaxMsgSize is the largest frame each protocol carries; Request uses it
// for responses and Handle for requests when given 0. Unknown protocols
// get wire.DefaultMaxFrame (1 MiB).
func MaxMsgSize(pid protocol.ID) int {
	switch pid {
	case ProtoBid, ProtoAward, ProtoResult, ProtoPay:
		return 128 << 10 // an award carries the task (wire.MaxAwardSize 80 KiB)
	case ProtoVerify:
		return 1 << 20
	case ProtoStream:
		return 16 << 20 // inference requests and responses carry tensors
	case ProtoCapacity:
		return wire.MaxCapacitySyncSize + 64<<10 // the ads plus framing
	}
	return wire.DefaultMaxFrame
}

// Stream is a libp2p stream carrying wire frames. Every ReadMsg and
// WriteMsg sets a deadline of the network's StreamTimeout.
type Stream struct {
	s       network.Stream
	max     int
	timeout time.Duration
}

// Conn returns the underlying connection (remote peer, addresses).
func (s *Stream) Conn() network.Conn { return s.s.Conn() }

// Remote returns the peer at the other end.
func (s *Stream) Remote() peer.ID { return s.s.Conn().RemotePeer() }

// Protocol returns the negotiated protocol.
func (s *Stream) Protocol() protocol.ID { return s.s.Protocol() }

// ReadMsg reads one frame into m. It returns io.EOF when the peer has
// closed its side cleanly, wire.ErrFrameTooLarge for an oversize frame, and
// a timeout error when no frame arrives within the deadline.
func (s *Stream) ReadMsg(m proto.Message) error {
	if err := s.s.SetReadDeadline(time.Now().Add(s.timeout)); err != nil {
		return fmt.Errorf("p2p: set read deadline: %w", err)
	}
	return wire.ReadMsg(s.s, m, s.max)
}

// WriteMsg writes m as one frame.
func (s *Stream) WriteMsg(m proto.Message) error {
	if err := s.s.SetWriteDeadline(time.Now().Add(s.timeout)); err != nil {
		return fmt.Errorf("p2p: set write deadline: %w", err)
	}
	return wire.WriteMsg(s.s, m)
}

// CloseWrite half-closes the stream: the peer reads io.EOF after the last frame.
func (s *Stream) CloseWrite() error { return s.s.CloseWrite() }

// Close closes the stream.
func (s *Stream) Close() error { return s.s.Close() }

// Reset aborts the stream in both directions.
func (s *Stream) Reset() error { return s.s.Reset() }

// Handler serves one inbound stream. ctx ends when the network closes or
// the exchange exceeds StreamTimeout. The stream is closed (reset, if the
// handler did not close it and it still has unread data) when the handler
// returns.
type Handler func(ctx context.Context, from peer.ID, s *Stream)

// Handle serves protocol pid. Inbound frames larger than maxMsg (0:
// MaxMsgSize(pid)) are refused. Streams are attached to the resource
// manager service ServiceName before the handler runs; a stream the
// service cannot take is reset.
func (n *Network) Handle(pid protocol.ID, maxMsg int, h Handler) error {
	if maxMsg <= 0 {
		maxMsg = MaxMsgSize(pid)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	switch {
	case n.closed:
		return ErrClosed
	case !n.started:
		return ErrNotStarted
	}
	n.handlers = append(n.handlers, pid)
	n.host.SetStreamHandler(pid, func(s network.Stream) {
		n.mu.Lock()
		if n.closed {
			n.mu.Unlock()
			s.Reset()
			return
		}
		n.wg.Add(1)
		n.mu.Unlock()
		defer n.wg.Done()
		n.serve(pid, maxMsg, h, s)
	})
	return nil
}

func (n *Network) serve(pid protocol.ID, maxMsg int, h Handler, s network.Stream) {
	from := s.Conn().RemotePeer()
	if err := s.Scope().SetService(ServiceName); err != nil {
		n.log.Debug("stream refused by resource manager", "proto", pid, "from", from, "err", err)
		s.Reset()
		return
	}
	ctx, cancel := context.WithTimeout(n.ctx, n.cfg.StreamTimeout)
	defer cancel()
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	h(ctx, from, &Stream{s: s, max: maxMsg, timeout: n.cfg.StreamTimeout})
	s.Close()
}

// OpenStream opens a framed stream to p. Frames read from it may be up to
// MaxMsgSize(pid). The stream is reset when ctx ends; close it when done.
func (n *Network) OpenStream(ctx context.Context, p peer.ID, pid protocol.ID) (*Stream, error) {
	h := n.Host()
	if h == nil {
		return nil, ErrNotStarted
	}
	s, err := h.NewStream(ctx, p, pid)
	if err != nil {
		return nil, fmt.Errorf("p2p: open %s to %s: %w", pid, p, err)
	}
	if err := s.Scope().SetService(ServiceName); err != nil {
		s.Reset()
		return nil, fmt.Errorf("p2p: open %s to %s: %w", pid, p, err)
	}
	timeout := n.cfg.StreamTimeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = time.Until(dl)
	}
	return &Stream{s: s, max: MaxMsgSize(pid), timeout: timeout}, nil
}

// Request sends req to p over pid and reads one response into resp. The
// exchange is bounded by ctx and by StreamTimeout, whichever ends first.
func (n *Network) Request(ctx context.Context, p peer.ID, pid protocol.ID, req, resp proto.Message) error {
	ctx, cancel := context.WithTimeout(ctx, n.cfg.StreamTimeout)
	defer cancel()
	s, err := n.OpenStream(ctx, p, pid)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { s.Reset() })
	defer stop()
	if err := s.WriteMsg(req); err != nil {
		s.Reset()
		return fmt.Errorf("p2p: %s request to %s: %w", pid, p, ctxErr(ctx, err))
	}
	if err := s.CloseWrite(); err != nil {
		s.Reset()
		return fmt.Errorf("p2p: %s request to %s: %w", pid, p, ctxErr(ctx, err))
	}
	if err := s.ReadMsg(resp); err != nil {
		s.Reset()
		if errors.Is(err, io.EOF) {
			err = fmt.Errorf("peer closed the stream without a response: %w", err)
		}
		return fmt.Errorf("p2p: %s response from %s: %w", pid, p, ctxErr(ctx, err))
	}
	return s.Close()
}

// ctxErr prefers the context's error (deadline, cancel) over the stream
// reset it caused. The stream's own deadline is the context's, and its
// timer can fire a moment before the context's: an i/o timeout on a
// stream bounded by a context deadline is that deadline.
func ctxErr(ctx context.Context, err error) error {
	cerr := ctx.Err()
	if cerr == nil && isTimeout(err) {
		if _, ok := ctx.Deadline(); ok {
			cerr = context.DeadlineExceeded
		}
	}
	if cerr != nil {
		return fmt.Errorf("%w (%v)", cerr, err)
	}
	return err
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.Is(err, os.ErrDeadlineExceeded) || (errors.As(err, &ne) && ne.Timeout())
}
