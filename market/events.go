package market

import "sync"

// eventBuffer is the capacity of each subscriber's channel.
const eventBuffer = 1024

// events fans market events out to subscribers without ever blocking the
// market: a subscriber whose channel is full misses events.
type events struct {
	mu     sync.Mutex
	subs   []chan Event
	closed bool
}

func newEvents() *events { return &events{} }

func (e *events) subscribe() <-chan Event {
	ch := make(chan Event, eventBuffer)
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		close(ch)
		return ch
	}
	e.subs = append(e.subs, ch)
	return ch
}

func (e *events) emit(ev Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, ch := range e.subs {
		select {
		case ch <- ev:
		default:
		}
	}
}

func (e *events) close() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closed {
		return
	}
	e.closed = true
	for _, ch := range e.subs {
		close(ch)
	}
	e.subs = nil
}
