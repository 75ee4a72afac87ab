package market

import "sync"

// eventBuffer is how many events each subscriber can fall behind by
// before it misses some.
const eventBuffer = 1024

// eventChan is the capacity of a subscriber's channel. Events beyond it
// wait in the subscriber's backlog, which only grows while the subscriber
// lags: a thousand idle in-process nodes would otherwise hold a
// 1,024-event channel each (≈ 130 KiB).
const eventChan = 16

// events fans market events out to subscribers without ever blocking the
// market: a subscriber eventBuffer events behind misses events.
type events struct {
	mu     sync.Mutex
	subs   []*subscriber
	closed bool
	done   chan struct{} // closed by close: pumps stop
	wg     sync.WaitGroup
}

// subscriber is one Events channel. Once an event did not fit in ch, later
// ones queue in backlog (in order) and a pump goroutine feeds them to ch.
type subscriber struct {
	ch      chan Event
	backlog []Event // backlog[0] is being sent by the pump
	pumping bool
}

func newEvents() *events { return &events{done: make(chan struct{})} }

func (e *events) subscribe() <-chan Event {
	ch := make(chan Event, eventChan)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		close(ch)
		return ch
	}
	e.subs = append(e.subs, &subscriber{ch: ch})
	return ch
}

func (e *events) emit(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	for _, s := range e.subs {
		if len(s.backlog) == 0 {
			select {
			case s.ch <- ev:
				continue
			default:
			}
		}
		if len(s.backlog) >= eventBuffer-eventChan {
			continue // too far behind: missed
		}
		s.backlog = append(s.backlog, ev)
		if !s.pumping {
			s.pumping = true
			e.wg.Add(1)
			go e.pump(s)
		}
	}
}

// pump feeds s's backlog to its channel and returns when the backlog is
// empty or the events close.
func (e *events) pump(s *subscriber) {
	defer e.wg.Done()
	for {
		e.mu.Lock()
		if len(s.backlog) == 0 || e.closed {
			s.pumping = false
			s.backlog = nil
			e.mu.Unlock()
			return
		}
		ev := s.backlog[0]
		e.mu.Unlock()
		select {
		case s.ch <- ev:
		case <-e.done:
		}
		e.mu.Lock()
		if len(s.backlog) > 0 {
			s.backlog[0] = Event{}
			s.backlog = s.backlog[1:]
		}
		e.mu.Unlock()
	}
}

func (e *events) close() {
	e.mu.Lock()
	if e.closed {
		e.mu.Unlock()
		return
	}
	e.closed = true
	close(e.done)
	e.mu.Unlock()
	e.wg.Wait() // no pump sends after this
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range e.subs {
		close(s.ch)
	}
	e.subs = nil
}
