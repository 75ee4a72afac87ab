// Package stream is ogpu's second kind of task: streaming services
// (DESIGN.md §6). A service is (workload, model CID), e.g. MLP inference
// with its weights in IPFS; providers Serve it and clients open Sessions
// that send requests as they come.
//
//	provider                                             client
//	Serve(spec): fetch+pin model, DHT record of the service CID
//	heartbeat {price, load, latency} ──ogpu/svc/1/<id>──► provider table
//	                                                      rank: reputation, price, latency, load
//	◄──────────── StreamOpen{service, session, block, max price} ── /ogpu/stream/1
//	StreamAccept{price, credit limit, window} ──────────►
//	◄──────────── StreamRequest{seq, input} …  (pipelined, ≤ window in flight)
//	run (exec) → StreamResponse{seq, output, signed commitment} ──► deliver once
//	◄──────────── StreamVoucher (cumulative, every N requests or V wei)
//	unpaid > credit limit: hold, then StreamStop{CREDIT}
//
// Failover: a session keeps every request until it is answered. When a
// provider's stream fails, stalls past StallTimeout, says it is leaving or
// its heartbeats stop, the session drops it and replays the requests it had
// in flight (in sequence order) on the next-ranked provider. The first
// answer of a request is delivered, late answers are dropped, so the caller
// sees each request answered exactly once; the channel form delivers in
// order when SessionOptions.Ordered is set. When the providers a session
// uses are all at their window, it opens the next one (up to
// MaxProviders), so load spreads.
//
// Standby: a provider can hold a service on Standby, serving it only while
// demand is high: it watches the service's heartbeats and joins (Serve)
// when the providers' mean load stays at DemandPolicy.JoinLoad for Hold,
// or when a session with no provider publishes a ServiceDemand
// (ogpu/svc/1/<id>/demand), and leaves (Serving.Stop, so sessions fail
// over) when the load stays at LeaveLoad, with a jitter and a re-check so
// standbys join and leave one at a time.
//
// Verification: a SampleRate fraction of answers is re-checked (the
// commitment signature, then a re-run within the workload's tolerance).
// A mismatch is a Fraud: the provider is banned from the session and the
// Fraud is reported (Config.OnFraud); a node sends it to a verification
// committee (verify.CheckStream), whose evidence slashes the provider.
// Fraud.Evidence turns it plus attestations made in-process (Attest) into
// settle.Evidence.
//
// Lifecycle: New validates and starts nothing; Start registers the stream
// handler; Serve, Standby and Open start the goroutines of a served
// service, a standby or a session, each owned by it and waited on by its
// Stop/Close; Close stops every standby, service and session, then waits.
//
// docs/streaming.md describes the protocol, the money and the figures.
package stream
