package node

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestRenderConfigRoundTrip(t *testing.T) {
	for _, base := range []Config{HomeRig(), Bootstrap()} {
		dir := t.TempDir()
		base.DataDir = dir
		base.P2P.Bootstrap = []string{"/ip4/127.0.0.1/tcp/4601/p2p/16Uiu2HAmQGjwjyHXjRqFhiBrJSsn1g64dTCFUjjkZrKacxrzLpsr"}
		data, err := RenderConfig(base)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(dir, ConfigFileName), data, 0o600)
		got, err := LoadConfig(dir, Config{})
		if err != nil {
			t.Fatal(err)
		}
		got.Logger, base.Logger = nil, nil
		if !reflect.DeepEqual(got, base) {
			t.Fatalf("round trip:\n got %+v\nwant %+v", got, base)
		}
		if err := got.Validate(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		name string
		mod  func(c *Config)
		want string
	}{
		{"bad listen", func(c *Config) { c.P2P.Listen = []string{"tcp:4601"} }, "not a multiaddr"},
		{"bootstrap without peer id", func(c *Config) { c.P2P.Bootstrap = []string{"/ip4/1.2.3.4/tcp/4601"} }, "no /p2p/"},
		{"public api", func(c *Config) { c.API.Listen = "0.0.0.0:4602" }, "loopback"},
		{"unknown role", func(c *Config) { c.Roles = []Role{"miner"} }, "unknown role"},
		{"bad price", func(c *Config) { c.Market.PriceFloor = map[string]string{"matmul": "-1"} }, "price_floor.matmul"},
		{"ttl below interval", func(c *Config) { c.Market.CapacityTTL = 1 }, "capacity_ttl"},
		{"no datadir", func(c *Config) { c.DataDir = "" }, "data directory"},
		{"negative retention", func(c *Config) { c.Market.Retention = -1 }, "market.retention"},
		{"negative gc interval", func(c *Config) { c.Content.GCInterval = -1 }, "content.gc_interval"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := HomeRig()
			c.DataDir = t.TempDir()
			tc.mod(&c)
			err := c.Validate()
			if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want ErrConfig mentioning %q", err, tc.want)
			}
		})
	}
}

func TestLoadConfigErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, ConfigFileName), []byte("roles = [\"provider\"]\nbogus = 1\n"), 0o600)
	if _, err := LoadConfig(dir, HomeRig()); err == nil || !strings.Contains(err.Error(), "bogus") {
		t.Fatalf("unknown key: %v", err)
	}
	os.WriteFile(filepath.Join(dir, ConfigFileName), []byte("roles = [\n"), 0o600)
	if _, err := LoadConfig(dir, HomeRig()); !errors.Is(err, ErrConfig) {
		t.Fatalf("malformed: %v", err)
	}
	c := HomeRig()
	c.DataDir = filepath.Join(dir, "missing")
	if _, err := New(c); !errors.Is(err, ErrNoDataDir) {
		t.Fatalf("missing datadir: %v", err)
	}
}
