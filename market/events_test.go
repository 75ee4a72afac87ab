package market

import (
	"testing"
	"time"
)

func TestEventsBacklog(t *testing.T) {
	for _, tc := range []struct {
		name     string
		emitted  int
		received int
	}{
		{"fits the channel", eventChan, eventChan},
		{"backlog", 300, 300},
		{"full buffer", eventBuffer, eventBuffer},
		{"too far behind", eventBuffer + 50, eventBuffer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEvents()
			ch := e.subscribe()
			// The subscriber reads nothing until everything is emitted.
			for i := 0; i < tc.emitted; i++ {
				e.emit(Event{Detail: string(rune('a' + i%26)), Time: time.UnixMilli(int64(i))})
			}
			for i := 0; i < tc.received; i++ {
				select {
				case ev := <-ch:
					if got := ev.Time.UnixMilli(); got != int64(i) {
						t.Fatalf("event %d arrived as %d: out of order", i, got)
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("event %d of %d never arrived", i, tc.received)
				}
			}
			e.emit(Event{Time: time.UnixMilli(-1)}) // caught up: delivered again
			if ev := <-ch; ev.Time.UnixMilli() != -1 {
				t.Fatalf("after catching up got %v", ev.Time.UnixMilli())
			}
			e.close()
			for range ch { // closed after the pump stopped
			}
		})
	}
}

func TestEventsCloseWhileBehind(t *testing.T) {
	e := newEvents()
	ch := e.subscribe()
	for i := 0; i < 200; i++ {
		e.emit(Event{})
	}
	e.close() // the pump is blocked on a full channel: close must stop it
	n := 0
	for range ch {
		n++
	}
	if n < eventChan {
		t.Fatalf("read %d events after close, want at least the %d in the channel", n, eventChan)
	}
	if c := e.subscribe(); c == nil {
		t.Fatal("subscribe after close returned nil")
	} else if _, ok := <-c; ok {
		t.Fatal("subscribe after close: channel open")
	}
}
