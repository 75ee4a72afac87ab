package sim

import (
	"fmt"
	"html"
	"io"
	"math"
	"slices"
	"strings"
)

// WriteSVG draws the run as a standalone SVG that opens in any browser:
// the histogram of submit→result latency on the left, tasks finished over
// time on the right, and the headline numbers above.
func (r Report) WriteSVG(w io.Writer) error {
	const (
		W, H        = 960, 420
		top, bottom = 80, 360
		lx0, lx1    = 60, 450  // latency histogram
		tx0, tx1    = 540, 930 // timeline
	)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">`+"\n", W, H, W, H)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="white"/>`+"\n", W, H)
	fmt.Fprintf(&b, `<text x="20" y="24" font-size="16" font-weight="bold">ogpu sim: %d nodes, %d tasks: %d done, %d failed, %d lost</text>`+"\n",
		r.Nodes, r.TasksSubmitted, r.TasksDone, r.TasksFailed, r.TasksLost)
	fmt.Fprintf(&b, `<text x="20" y="44">latency p50 %.1f ms · p95 %.1f ms · p99 %.1f ms · %.1f tasks/s · wall %.1f s · seed %d</text>`+"\n",
		r.Latency.P50, r.Latency.P95, r.Latency.P99, r.ThroughputTasksPerS, r.WallSeconds, r.Seed)
	if c := r.ChainReport; c != nil {
		fmt.Fprintf(&b, `<text x="620" y="24">lies caught %d of %d · honest slashed %d · balanced %t</text>`+"\n",
			c.LiesCaught, c.LiesInjected, c.HonestSlashed, c.Money.Balanced)
	}

	axes := func(x0, x1 int, title, xl, yl string) {
		fmt.Fprintf(&b, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", x0, top-10, html.EscapeString(title))
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", x0, bottom, x1, bottom)
		fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>`+"\n", x0, top, x0, bottom)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">%s</text>`+"\n", (x0+x1)/2, bottom+32, html.EscapeString(xl))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%s</text>`+"\n", x0-6, top+4, html.EscapeString(yl))
	}

	// Latency histogram: 30 bins from 0 to the p99 (the tail beyond goes
	// into the last bin, labelled).
	axes(lx0, lx1, "submit → result latency", "ms", "tasks")
	if lat := r.latencies; len(lat) > 0 {
		s := slices.Clone(lat)
		slices.Sort(s)
		hi := s[min(len(s)-1, int(math.Ceil(0.99*float64(len(s))))-1)]
		if hi <= 0 {
			hi = s[len(s)-1] + 1
		}
		const bins = 30
		var count [bins]int
		for _, v := range s {
			i := int(v / hi * bins)
			count[min(max(i, 0), bins-1)]++
		}
		maxc := slices.Max(count[:])
		bw := float64(lx1-lx0) / bins
		for i, c := range count {
			h := float64(bottom-top) * float64(c) / float64(max(maxc, 1))
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="#4a7fd4"><title>%.1f–%.1f ms: %d</title></rect>`+"\n",
				float64(lx0)+float64(i)*bw+1, float64(bottom)-h, bw-2, h, hi*float64(i)/bins, hi*float64(i+1)/bins, c)
		}
		for _, q := range []float64{0, 0.5, 1} {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" text-anchor="middle">%.1f</text>`+"\n", float64(lx0)+q*float64(lx1-lx0), bottom+15, q*hi)
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%d</text>`+"\n", lx0-6, top+18, maxc)
	}

	// Tasks finished over time.
	axes(tx0, tx1, "tasks finished over time", "seconds", "tasks")
	if tl := r.Timeline; len(tl) > 0 {
		tmax := math.Max(tl[len(tl)-1].T, 0.001)
		ymax := float64(max(r.TasksSubmitted, 1))
		pts := func(sel func(TimePoint) int) string {
			var p strings.Builder
			for _, s := range tl {
				fmt.Fprintf(&p, "%.1f,%.1f ", float64(tx0)+s.T/tmax*float64(tx1-tx0), float64(bottom)-float64(sel(s))/ymax*float64(bottom-top))
			}
			return p.String()
		}
		fmt.Fprintf(&b, `<polyline fill="none" stroke="#2a9d3a" stroke-width="2" points="%s"><title>done</title></polyline>`+"\n", pts(func(s TimePoint) int { return s.Done }))
		fmt.Fprintf(&b, `<polyline fill="none" stroke="#d43a3a" stroke-width="2" points="%s"><title>failed</title></polyline>`+"\n", pts(func(s TimePoint) int { return s.Failed }))
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="middle">0</text><text x="%d" y="%d" text-anchor="middle">%.1f</text>`+"\n", tx0, bottom+15, tx1, bottom+15, tmax)
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end">%d</text>`+"\n", tx0-6, top+18, r.TasksSubmitted)
		fmt.Fprintf(&b, `<text x="%d" y="%d" fill="#2a9d3a">— done</text><text x="%d" y="%d" fill="#d43a3a">— failed</text>`+"\n", tx1-110, top+4, tx1-50, top+4)
	}
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}
