package stream

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/network"
	"google.golang.org/protobuf/proto"

	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/typed"
	"github.com/ogpu/ogpu/p2p/wire"
)

// Provider-side timeouts of a session stream.
const (
	openTimeout  = 10 * time.Second // for the StreamOpen frame
	writeTimeout = 10 * time.Second // per frame written
	idleTimeout  = 5 * time.Minute  // without a frame from the client
	stopLinger   = 2 * time.Second  // after a StreamStop, for the client to close
)

func marshal(m proto.Message) ([]byte, error) {
	return proto.MarshalOptions{Deterministic: true}.Marshal(m)
}

// psession is the provider's half of one session.
type psession struct {
	s       *Streams
	sv      *Serving
	st      network.Stream
	client  common.Address
	session []byte
	block   uint64
	hash    common.Hash
	acct    *account
	price   *big.Int
	limit   *big.Int
	window  int64

	ctx      context.Context // ends with the session
	cancel   context.CancelFunc
	out      chan *wire.StreamProviderMsg
	inflight atomic.Int64

	mu    sync.Mutex
	held  []job
	timer *time.Timer
	once  sync.Once
}

// handle serves one inbound /ogpu/stream/1 stream: a session of one client
// with one served service.
func (s *Streams) handle(st network.Stream) {
	s.mu.Lock()
	if s.closed || !s.started {
		s.mu.Unlock()
		st.Reset()
		return
	}
	s.wg.Add(1)
	s.mu.Unlock()
	defer s.wg.Done()
	if err := st.Scope().SetService(p2p.ServiceName); err != nil {
		st.Reset()
		return
	}
	from := st.Conn().RemotePeer()
	log := s.log.With("client", from)
	st.SetReadDeadline(time.Now().Add(openTimeout))
	var open wire.StreamOpen
	if err := wire.ReadMsg(st, &open, wire.MaxStreamOpenSize); err != nil {
		log.Debug("stream open", "err", err)
		st.Reset()
		return
	}
	refuse := func(reason string) {
		st.SetWriteDeadline(time.Now().Add(writeTimeout))
		wire.WriteMsg(st, &wire.StreamProviderMsg{Body: &wire.StreamProviderMsg_Accept{Accept: &wire.StreamAccept{
			Version: wire.StreamVersion, Reason: wire.Truncate(reason),
		}}})
		st.Close()
	}
	if err := open.Validate(); err != nil {
		refuse(err.Error())
		return
	}
	s.mu.Lock()
	sv := s.serving[string(open.Service)]
	s.mu.Unlock()
	if sv == nil || sv.leaving.Load() {
		refuse("service not served here")
		return
	}
	price, limit := sv.terms()
	maxPrice, _ := wire.ParseWei(open.MaxPrice)
	if price.Cmp(maxPrice) > 0 {
		refuse(fmt.Sprintf("price %s wei per request > max %s", price, maxPrice))
		return
	}
	caddr, err := s.cfg.SigCache.AddressOf(from)
	if err != nil {
		refuse("client peer id has no address")
		return
	}
	base, _ := wire.ParseWei(open.PaidBase)
	ps := &psession{
		s: s, sv: sv, st: st, client: caddr, session: open.Session, block: open.BlockNumber,
		hash: common.BytesToHash(open.BlockHash), acct: s.accountFor(caddr, base),
		price: price, limit: limit, window: int64(sv.spec.Window),
		out: make(chan *wire.StreamProviderMsg, sv.spec.Window+8),
	}
	ps.ctx, ps.cancel = context.WithCancel(sv.ctx)
	sv.mu.Lock()
	if sv.stopped {
		sv.mu.Unlock()
		ps.cancel()
		refuse("service not served here")
		return
	}
	sv.sessions[ps] = struct{}{}
	sv.mu.Unlock()
	defer func() {
		sv.mu.Lock()
		delete(sv.sessions, ps)
		sv.mu.Unlock()
	}()

	ps.out <- &wire.StreamProviderMsg{Body: &wire.StreamProviderMsg_Accept{Accept: &wire.StreamAccept{
		Version: wire.StreamVersion, Accepted: true, Price: price.String(), CreditLimit: limit.String(), Window: uint32(sv.spec.Window),
	}}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		ps.writer()
	}()
	err = ps.reader()
	ps.finish()
	wg.Wait()
	if err != nil && !errors.Is(err, io.EOF) && ps.ctx.Err() == nil {
		log.Debug("session ended", "err", err)
	}
	st.Reset()
}

// reader reads requests and vouchers until the stream ends.
func (ps *psession) reader() error {
	max := p2p.MaxMsgSize(p2p.ProtoStream)
	for {
		ps.st.SetReadDeadline(time.Now().Add(idleTimeout))
		var m wire.StreamClientMsg
		if err := wire.ReadMsg(ps.st, &m, max); err != nil {
			return err
		}
		if err := m.Validate(); err != nil {
			ps.stop(wire.StreamErrorCode_STREAM_PROTOCOL, err.Error())
			return err
		}
		switch {
		case m.GetRequest() != nil:
			r := m.GetRequest()
			if ps.inflight.Add(1) > ps.window {
				ps.stop(wire.StreamErrorCode_STREAM_PROTOCOL, "more requests outstanding than the window")
				return fmt.Errorf("%w: window exceeded", ErrProtocol)
			}
			ps.admit(job{ps: ps, seq: r.Seq, input: r.Input})
		case m.GetVoucher() != nil:
			if err := ps.voucher(m.GetVoucher()); err != nil {
				ps.stop(wire.StreamErrorCode_STREAM_PROTOCOL, err.Error())
				return err
			}
		}
	}
}

// admit queues a request for the workers when the client's credit allows,
// else holds it for a voucher (CreditGrace, then the session stops).
func (ps *psession) admit(j job) {
	ps.mu.Lock()
	if len(ps.held) == 0 && ps.s.charge(ps.acct, ps.price, ps.limit) {
		ps.mu.Unlock()
		ps.submit(j)
		return
	}
	ps.held = append(ps.held, j)
	if ps.timer == nil {
		ps.timer = time.AfterFunc(ps.s.cfg.CreditGrace, ps.creditTimeout)
	}
	ps.mu.Unlock()
}

func (ps *psession) creditTimeout() {
	ps.mu.Lock()
	n := len(ps.held)
	ps.timer = nil
	ps.mu.Unlock()
	if n > 0 {
		ps.s.mu.Lock()
		unpaid := ps.acct.unpaid()
		ps.s.mu.Unlock()
		ps.stop(wire.StreamErrorCode_STREAM_CREDIT, fmt.Sprintf("unpaid %s wei, credit limit %s: send a voucher", unpaid, ps.limit))
	}
}

func (ps *psession) submit(j job) {
	ps.sv.queued.Add(1)
	select {
	case ps.sv.jobs <- j:
	case <-ps.ctx.Done():
		ps.sv.queued.Add(-1)
	}
}

// voucher checks a voucher (signature in the settlement domain, this
// client to this provider), credits it and hands it to Redeem, then
// releases held requests the new credit covers.
func (ps *psession) voucher(m *wire.StreamVoucher) error {
	v, err := voucherFrom(m)
	if err != nil {
		return err
	}
	if v.Client != ps.client || v.Payee != ps.s.cfg.Key.Address() {
		return fmt.Errorf("%w: voucher from %s to %s on a session of %s", ErrProtocol, v.Client, v.Payee, ps.client)
	}
	if err := v.Verify(ps.s.cfg.Domain); err != nil {
		return fmt.Errorf("%w: voucher: %w", ErrProtocol, err)
	}
	if !ps.s.credit(ps.acct, v) {
		return nil // an old voucher: nothing new
	}
	if err := ps.s.redeem(v); err != nil {
		ps.s.log.Warn("redeem voucher", "client", v.Client, "err", err)
	}
	var run []job
	ps.mu.Lock()
	for len(ps.held) > 0 && ps.s.charge(ps.acct, ps.price, ps.limit) {
		run = append(run, ps.held[0])
		ps.held = ps.held[1:]
	}
	if len(ps.held) == 0 && ps.timer != nil {
		ps.timer.Stop()
		ps.timer = nil
	}
	ps.mu.Unlock()
	for _, j := range run {
		ps.submit(j)
	}
	return nil
}

// send queues a frame for the writer; dropped once the session ended.
func (ps *psession) send(m *wire.StreamProviderMsg) {
	if m.GetResponse() != nil {
		ps.inflight.Add(-1)
	}
	select {
	case ps.out <- m:
	case <-ps.ctx.Done():
	}
}

// stop ends the session with a StreamStop frame (best effort).
func (ps *psession) stop(code wire.StreamErrorCode, reason string) {
	m := &wire.StreamProviderMsg{Body: &wire.StreamProviderMsg_Stop{Stop: &wire.StreamStop{Code: code, Reason: wire.Truncate(reason)}}}
	select {
	case ps.out <- m:
	default:
		ps.finish()
		ps.st.Reset()
	}
}

func (ps *psession) finish() {
	ps.once.Do(func() {
		ps.cancel()
		ps.mu.Lock()
		if ps.timer != nil {
			ps.timer.Stop()
			ps.timer = nil
		}
		ps.mu.Unlock()
	})
}

// writer writes queued frames; after a StreamStop it half-closes and gives
// the client stopLinger to close its side.
func (ps *psession) writer() {
	for {
		select {
		case <-ps.ctx.Done():
			ps.st.Reset() // unblocks the reader
			return
		case m := <-ps.out:
			ps.st.SetWriteDeadline(time.Now().Add(writeTimeout))
			if err := wire.WriteMsg(ps.st, m); err != nil {
				ps.finish()
				ps.st.Reset()
				return
			}
			if m.GetStop() != nil {
				ps.st.CloseWrite()
				ps.st.SetReadDeadline(time.Now().Add(stopLinger))
				ps.finish()
				return
			}
		}
	}
}

// commitment is the provider's signed claim for one response.
func (ps *psession) commitment(seq uint64, input, output []byte) typed.ResultCommitment {
	return responseCommitment(ps.sv.key, ps.session, seq, input, output, ps.s.cfg.Key.Address(), ps.client, ps.block, ps.hash)
}

func responseCommitment(service, session []byte, seq uint64, input, output []byte, provider, client common.Address, block uint64, hash common.Hash) typed.ResultCommitment {
	rh := keccak(output)
	return typed.ResultCommitment{
		TaskID: wire.StreamTaskID(service, session, seq, keccak(input)), Provider: provider, Client: client,
		OutputHash: rh, ResultHash: rh, AwardBlock: block, AwardBlockHash: hash,
	}
}
