package node_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ogpu/ogpu/node"
)

// chromium finds Debian's chromium. Missing, the test fails where CI asks
// for it (OGPU_REQUIRE_CHROMIUM=1, set by the Makefile) and skips elsewhere.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	msg := "headless chromium not found: install it with '.ci/deps.sh chromium' (Debian package chromium)"
	if os.Getenv("OGPU_REQUIRE_CHROMIUM") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// headless runs chromium on url with extra flags and returns its stdout.
func headless(t *testing.T, bin, url string, extra ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	home := t.TempDir()
	args := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
		"--user-data-dir=" + filepath.Join(home, "profile"), "--window-size=1280,900", "--virtual-time-budget=5000"}, extra...)
	cmd := exec.CommandContext(ctx, bin, append(args, url)...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", extra, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestDashboardChromium loads the dashboard of a node that ran a job in
// headless Chromium: after its scripts ran, the DOM holds the node's peer
// ID, a capacity row for each other node, the job and the spending; the
// screenshot is a real, non-trivial PNG.
func TestDashboardChromium(t *testing.T) {
	if testing.Short() {
		t.Skip("runs a 3-node network and a browser")
	}
	bin := chromium(t)
	c := startAPICluster(t)
	url := c.base[0] + "/"

	dom := string(headless(t, bin, url, "--dump-dom"))
	want := []string{
		`data-ready="1"`,
		`id="peer-id">` + c.Nodes[0].ID().String() + `<`,
		`id="address">` + c.Nodes[0].Key().Address().Hex() + `<`,
		`id="n-jobs">1<`,
		`class="job-row"`,
		"hashgrind",
	}
	for _, n := range c.Nodes[1:] {
		want = append(want, `class="cap-row" data-peer="`+n.ID().String()+`"`)
	}
	for _, w := range want {
		if !strings.Contains(dom, w) {
			t.Errorf("rendered DOM lacks %q", w)
		}
	}
	var pay node.Payments
	if err := json.Unmarshal(httpGet(t, c.base[0]+"/v1/payments"), &pay); err != nil {
		t.Fatal(err)
	}
	if spent := `id="spent">` + commas(pay.Spent) + ` wei<`; pay.Spent == "0" || !strings.Contains(dom, spent) {
		t.Errorf("rendered DOM lacks %q", spent)
	}
	if t.Failed() {
		t.Fatalf("DOM:\n%s", dom)
	}

	// The screenshot is the test's artifact: kept in $OGPU_TEST_ARTIFACTS
	// when set (CI uploads it), else in the test's temp dir.
	dir := os.Getenv("OGPU_TEST_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	shot := filepath.Join(dir, "dashboard.png")
	headless(t, bin, url, "--screenshot="+shot, "--hide-scrollbars")
	raw, err := os.ReadFile(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("screenshot is not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() != 1280 || b.Dy() != 900 {
		t.Errorf("screenshot is %v, want 1280×900", b)
	}
	// A rendered page has text and tables: many distinct colours, not a
	// blank or single-colour error page.
	colours := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			colours[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	if len(colours) < 20 || len(raw) < 20_000 {
		t.Errorf("screenshot looks blank: %d bytes, %d colours", len(raw), len(colours))
	}
	t.Logf("screenshot %s: %d bytes, %d colours", shot, len(raw), len(colours))
}

// commas groups digits by thousands as the dashboard does.
func commas(s string) string {
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
