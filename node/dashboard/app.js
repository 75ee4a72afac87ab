// ogpu dashboard: reads the node's JSON API and renders it. No framework,
// no build step; every value goes through textContent (no HTML injection).
"use strict";

const $ = (id) => document.getElementById(id);

async function get(path) {
  const r = await fetch(path, { cache: "no-store" });
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
}

// row appends a <tr> of cells; a cell is a string or {text, cls}.
function row(tbody, cells, attrs) {
  const tr = document.createElement("tr");
  for (const [k, v] of Object.entries(attrs || {})) tr.setAttribute(k, v);
  for (const c of cells) {
    const td = document.createElement("td");
    if (typeof c === "object" && c !== null) { td.textContent = c.text; if (c.cls) td.className = c.cls; }
    else td.textContent = c;
    tr.appendChild(td);
  }
  tbody.appendChild(tr);
}

function fill(tableId, items, render, emptyText, cols) {
  const tbody = $(tableId).querySelector("tbody");
  tbody.replaceChildren();
  if (!items || items.length === 0) {
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.colSpan = cols; td.className = "empty"; td.textContent = emptyText;
    tr.appendChild(td); tbody.appendChild(tr);
    return;
  }
  for (const it of items) render(tbody, it);
}

function bytes(n) {
  if (!n) return "0";
  const u = ["B", "KiB", "MiB", "GiB", "TiB"];
  let i = 0;
  while (n >= 1024 && i < u.length - 1) { n /= 1024; i++; }
  return n.toFixed(i ? 1 : 0) + " " + u[i];
}

// ether formats a decimal string of wei without losing precision; small
// amounts stay in wei.
function ether(wei) {
  if (wei === undefined || wei === null || wei === "") return "–";
  if (String(wei).length <= 12) return Number(wei).toLocaleString("en-US") + " wei";
  const s = String(wei).padStart(19, "0");
  const whole = s.slice(0, -18).replace(/^0+(?=\d)/, "");
  const frac = s.slice(-18).replace(/0+$/, "");
  return (frac ? whole + "." + frac : whole) + " ETH";
}

function ago(t) {
  if (!t) return "";
  const s = Math.max(0, Math.round((Date.now() - new Date(t).getTime()) / 1000));
  return s < 120 ? s + "s ago" : Math.round(s / 60) + "m ago";
}

const short = (id) => (id && id.length > 16 ? "…" + id.slice(-12) : id || "");

function renderStatus(st) {
  $("peer-id").textContent = st.peer_id;
  $("address").textContent = st.address;
  $("roles").textContent = (st.roles || []).join(", ");
  $("uptime").textContent = st.uptime;
  $("n-peers").textContent = st.peers;
  $("backend").textContent = st.gpus.length ? "" : "CPU only: " + (st.backend || "no GPU found") + " · " + st.cpu_cores + " cores, " + bytes(st.memory_bytes);
  fill("gpus", st.gpus, (tb, g) => row(tb, [
    g.name, bytes(g.memory_free) + " / " + bytes(g.memory_total), g.cc_major + "." + g.cc_minor,
    g.utilization_pct + "%", g.temperature_c + " °C", (g.power_mw / 1000).toFixed(0) + " W",
  ]), "no GPU", 6);
}

function renderCapacity(cap) {
  $("n-capacity").textContent = cap.length;
  cap.sort((a, b) => a.peer_id.localeCompare(b.peer_id));
  fill("capacity", cap, (tb, e) => row(tb, [
    { text: e.peer_id, cls: "mono" }, (e.roles || []).join(", "),
    (e.gpus || []).length ? e.gpus.map((g) => g.name).join(", ") : "—",
    String(e.cpu_cores), bytes(e.memory_bytes), Math.round((e.load || 0) * 100) + "%", ago(e.updated),
  ], { class: "cap-row", "data-peer": e.peer_id }), "no capacity ads yet", 7);
}

function renderPeers(peers) {
  fill("peers", peers, (tb, p) => row(tb, [{ text: p.peer_id, cls: "mono" }, { text: (p.addrs || []).join(" "), cls: "mono" }],
    { class: "peer-row" }), "no peers connected", 2);
}

function renderJobs(jobs) {
  $("n-jobs").textContent = jobs.length;
  fill("jobs", jobs.slice(0, 50), (tb, j) => {
    // The job list carries only the task count; a single job has states.
    const c = j.counts || {};
    const n = (j.tasks || []).length || c.tasks || 0;
    const states = Object.entries(c).filter(([k]) => k !== "tasks").map(([k, v]) => v + " " + k).join(", ");
    row(tb, [
      { text: short(j.id), cls: "mono" }, { text: j.state, cls: "state-" + j.state }, j.workload,
      n + (states ? " (" + states + ")" : ""), ether(j.max_price) + " per task",
      new Date(j.created).toLocaleTimeString(), { text: j.result_cid ? short(j.result_cid) : j.error || "", cls: "mono" },
    ], { class: "job-row" });
  }, "no jobs", 7);
}

function renderPayments(p) {
  $("spent").textContent = ether(p.spent_wei);
  $("earned").textContent = p.chain ? ether(p.earned_wei) : "no chain";
  $("stake").textContent = p.chain ? ether(p.stake_wei) : "no chain";
  const tb = $("settlement").querySelector("tbody");
  tb.replaceChildren();
  if (!p.chain) {
    row(tb, [{ text: "no settlement chain configured (set chain.rpc and chain.contract)", cls: "empty" }]);
    return;
  }
  const kv = [
    ["deposit", ether(p.deposit_wei)], ["queued vouchers", p.queued_vouchers], ["queued evidence", p.queued_evidence],
    ["transaction in flight", p.in_flight ? "yes" : "no"], ["batches settled", p.batches], ["vouchers settled", p.settled_vouchers],
    ["slashes", p.slashes], ["gas used", p.gas_used], ["errors", p.errors],
  ];
  for (const [k, v] of kv) row(tb, [k, String(v)]);
}

async function refresh() {
  try {
    const [st, peers, cap, jobs, pay] = await Promise.all([
      get("v1/status"), get("v1/peers"), get("v1/capacity"),
      get("v1/jobs").catch(() => []), get("v1/payments").catch(() => ({ spent_wei: "0" })),
    ]);
    renderStatus(st);
    renderPeers(peers);
    renderCapacity(cap);
    renderJobs(jobs);
    renderPayments(pay);
    $("error").hidden = true;
    $("updated").textContent = "updated " + new Date().toLocaleTimeString();
    document.body.dataset.ready = "1";
  } catch (e) {
    $("error").hidden = false;
    $("error").textContent = "cannot reach the node: " + e.message;
  }
}

refresh();
setInterval(refresh, 3000);
