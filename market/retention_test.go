package market

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"github.com/ipfs/go-cid"
	mocknet "github.com/libp2p/go-libp2p/p2p/net/mock"
	ma "github.com/multiformats/go-multiaddr"

	"github.com/ogpu/ogpu/exec"
	"github.com/ogpu/ogpu/p2p"
	"github.com/ogpu/ogpu/p2p/content"
	"github.com/ogpu/ogpu/p2p/identity"
	"github.com/ogpu/ogpu/store"
)

// soloMarket starts one client+provider market on a mocknet host with a
// real content store and database, its clock fixed at now.
func soloMarket(t *testing.T, now time.Time, retention time.Duration) (*Market, *content.Store) {
	t.Helper()
	ctx := context.Background()
	quiet := slog.New(slog.DiscardHandler)
	mn := mocknet.New()
	t.Cleanup(func() { mn.Close() })
	k, err := identity.Generate()
	if err != nil {
		t.Fatal(err)
	}
	h, err := mn.AddPeer(k.LibP2P(), ma.StringCast("/ip4/10.0.0.1/tcp/4001"))
	if err != nil {
		t.Fatal(err)
	}
	nw, err := p2p.New(p2p.Config{Key: k, Host: h, DHTMode: p2p.DHTOff, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	cs, err := content.New(content.Config{Host: h, InMemory: true, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(store.Config{InMemory: true, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	if err := nw.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := cs.Start(ctx); err != nil {
		t.Fatal(err)
	}
	reg := exec.DefaultRegistry()
	m, err := New(Config{
		Net: nw, Key: k, DB: db, Content: cs, Workloads: reg, Client: true,
		Runner: exec.NewCPU(exec.CPUConfig{Registry: reg, Workers: 1}), Offer: func() Offer { return Offer{} },
		Retention: retention, PruneInterval: time.Hour, Now: func() time.Time { return now }, Logger: quiet,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := m.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		m.Close()
		cs.Close()
		nw.Close()
		db.Close()
	})
	return m, cs
}

// TestPruneRules: which finished records Prune takes, on a fixed clock
// and a one-hour retention; what it takes loses its pins, what it keeps
// keeps them.
func TestPruneRules(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	const retention = time.Hour
	old, recent := now.Add(-2*retention), now.Add(-retention/2)
	m, cs := soloMarket(t, now, retention)
	ctx := context.Background()

	jobs := []struct {
		name   string
		state  JobState
		at     time.Time // created and, when final, finished
		busy   string    // "", "job" (registered) or "task" (a task goroutine)
		pruned bool
	}{
		{"done long ago", JobDone, old, "", true},
		{"failed long ago", JobFailed, old, "", true},
		{"done recently", JobDone, recent, "", false},
		{"running since long ago", JobRunning, old, "", false},
		{"done long ago, still finishing", JobDone, old, "job", false},
		{"failed long ago, a task still driven", JobFailed, old, "task", false},
	}
	blob := func(s string) cid.Cid {
		c, err := cs.AddBytes(ctx, []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	var ids []JobID
	for i, tc := range jobs {
		id := JobID{byte(i + 1)}
		ids = append(ids, id)
		tid := TaskID{byte(i + 1), 1}
		j := jobRecord{ID: id, State: tc.state, Created: tc.at, Tasks: []TaskID{tid}}
		task := &clientTask{ID: tid, Job: id, State: StateAccepted, Price: "7"}
		if tc.state != JobRunning {
			j.Finished = tc.at
		}
		if err := m.db.putJob(j, []*clientTask{task}); err != nil {
			t.Fatal(err)
		}
		m.pin(ctx, JobPinOwner(id), blob(tc.name))
		lj := &liveJob{id: id}
		switch tc.busy {
		case "job":
			m.client.jobs[id] = lj
		case "task":
			m.client.live[tid] = &liveTask{job: lj}
		}
	}

	ptasks := []struct {
		name     string
		state    TaskState
		updated  time.Time
		deadline time.Time
		active   bool
		pruned   bool
	}{
		{"accepted long ago", StateAccepted, old, old, false, true},
		{"paid long ago", StatePaid, old, old, false, true},
		{"failed long ago", StateFailed, old, old, false, true},
		{"rejected long ago", StateRejected, old, old, false, true},
		{"accepted recently", StateAccepted, recent, recent, false, false},
		{"running since long ago", StateRunning, old, old, false, false},
		{"delivered, delivery given up long ago", StateDelivered, old, old, false, true},
		{"delivered, delivery given up recently", StateDelivered, old, recent, false, false},
		{"accepted long ago, award deadline ahead", StateAccepted, old, now.Add(time.Minute), false, false},
		{"accepted long ago, active", StateAccepted, old, old, true, false},
	}
	for i, tc := range ptasks {
		tid := TaskID{0xee, byte(i)}
		rec := providerTask{ID: tid, Client: m.id, State: tc.state, Updated: tc.updated, Deadline: tc.deadline}
		if err := m.db.putProvTask(&rec); err != nil {
			t.Fatal(err)
		}
		m.pin(ctx, TaskOutputPinOwner(tid), blob("out "+tc.name))
		m.pin(ctx, TaskInputPinOwner(tid), blob("in "+tc.name))
		if tc.active {
			m.provider.active[tid] = true
		}
	}

	got, err := m.Prune(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantJobs, wantP := 0, 0
	for i, tc := range jobs {
		_, err := m.db.job(ids[i])
		if gone := err != nil; gone != tc.pruned {
			t.Errorf("job %q: pruned %v, want %v (%v)", tc.name, gone, tc.pruned, err)
		}
		if _, err := m.db.clientTask(TaskID{byte(i + 1), 1}); (err != nil) != tc.pruned {
			t.Errorf("job %q: its task pruned %v, want %v", tc.name, err != nil, tc.pruned)
		}
		pins, err := cs.PinsOf(ctx, JobPinOwner(ids[i]))
		if err != nil {
			t.Fatal(err)
		}
		if (len(pins) == 0) != tc.pruned {
			t.Errorf("job %q: %d pins left, pruned %v", tc.name, len(pins), tc.pruned)
		}
		if tc.pruned {
			wantJobs++
		}
	}
	for i, tc := range ptasks {
		tid := TaskID{0xee, byte(i)}
		_, found, err := m.db.provTask(tid)
		if err != nil {
			t.Fatal(err)
		}
		if found == tc.pruned {
			t.Errorf("provider task %q: pruned %v, want %v", tc.name, !found, tc.pruned)
		}
		for _, owner := range []string{TaskInputPinOwner(tid), TaskOutputPinOwner(tid)} {
			pins, err := cs.PinsOf(ctx, owner)
			if err != nil {
				t.Fatal(err)
			}
			if (len(pins) == 0) != tc.pruned {
				t.Errorf("provider task %q: %d pins of %s left, pruned %v", tc.name, len(pins), owner, tc.pruned)
			}
		}
		if tc.pruned {
			wantP++
		}
	}
	if got.Jobs != wantJobs || got.ClientTasks != wantJobs || got.ProviderTasks != wantP || got.Unpinned != wantJobs+2*wantP {
		t.Errorf("Prune = %+v, want %d jobs and tasks, %d provider tasks, %d pins", got, wantJobs, wantP, wantJobs+2*wantP)
	}
	tot, err := m.PrunedTotals()
	if err != nil {
		t.Fatal(err)
	}
	if tot.Spent != "14" || tot.Jobs[JobDone] != 1 || tot.Jobs[JobFailed] != 1 || tot.Tasks[StateAccepted] != 2 {
		t.Errorf("pruned totals %+v, want 2 jobs (1 done, 1 failed), 2 accepted tasks, 14 wei", tot)
	}

	// Released references go at the next Prune; a second Prune of the
	// same state is a no-op.
	delete(m.client.jobs, ids[4])
	delete(m.client.live, TaskID{6, 1})
	got, err = m.Prune(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Jobs != 2 {
		t.Fatalf("after release: pruned %+v, want the 2 jobs no longer referenced", got)
	}
	if got, err = m.Prune(ctx); err != nil || got != (Pruned{}) {
		t.Fatalf("idle Prune = %+v, %v; want nothing", got, err)
	}
}

func TestPruneOff(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	m, _ := soloMarket(t, now, -1)
	j := jobRecord{ID: JobID{1}, State: JobDone, Created: now.AddDate(-1, 0, 0), Finished: now.AddDate(-1, 0, 0)}
	if err := m.db.putJob(j, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := m.Prune(context.Background()); err != nil || got != (Pruned{}) {
		t.Fatalf("Prune with retention off = %+v, %v", got, err)
	}
	if info, err := m.Job(j.ID); err != nil || !info.Expires.IsZero() {
		t.Fatalf("job with retention off: %+v, %v; want it kept, no expiry", info, err)
	}
}
