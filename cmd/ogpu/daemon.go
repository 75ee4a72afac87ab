package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/ogpu/ogpu/node"
	"github.com/ogpu/ogpu/p2p/identity"
)

// nodeFlags are the flags shared by commands that start or reach a node.
type nodeFlags struct {
	datadir   string
	listen    string
	bootstrap string
	api       string
	logLevel  string
}

func (f *nodeFlags) register(fs *flag.FlagSet, daemon bool) {
	fs.StringVar(&f.datadir, "datadir", node.DefaultDataDir(), "data directory (default $OGPU_DATADIR, else ~/.ogpu)")
	fs.StringVar(&f.api, "api", "", "JSON API address (host:port on loopback); default from config, 127.0.0.1:4602")
	if daemon {
		fs.StringVar(&f.listen, "listen", "", "comma-separated libp2p listen multiaddrs (default from config: TCP+QUIC on 4601)")
		fs.StringVar(&f.bootstrap, "bootstrap", "", "comma-separated bootstrap peer multiaddrs ending in /p2p/<peer-id>")
		fs.StringVar(&f.logLevel, "log-level", "", "debug, info, warn or error (default from config: info)")
	}
}

// loadConfig builds the node config: preset < config.toml < OGPU_* env < flags.
func (f *nodeFlags) loadConfig(base node.Config) (node.Config, error) {
	if st, err := os.Stat(f.datadir); err != nil || !st.IsDir() {
		return base, fmt.Errorf("%w: %s", node.ErrNoDataDir, f.datadir)
	}
	cfg, err := node.LoadConfig(f.datadir, base)
	if err != nil {
		return cfg, err
	}
	cfg.ApplyEnv(os.Getenv)
	if f.listen != "" {
		cfg.P2P.Listen = node.SplitList(f.listen)
	}
	if f.bootstrap != "" {
		cfg.P2P.Bootstrap = node.SplitList(f.bootstrap)
	}
	if f.api != "" {
		cfg.API.Listen = f.api
	}
	if f.logLevel != "" {
		cfg.Log.Level = f.logLevel
	}
	return cfg, cfg.Validate()
}

func cmdInit(_ context.Context, stdout, _ io.Writer, args []string) error {
	fs := flag.NewFlagSet("init", flag.ContinueOnError)
	var nf nodeFlags
	nf.register(fs, false)
	bootstrap := fs.Bool("bootstrap-node", false, "write a config for a bootstrap node")
	force := fs.Bool("force", false, "overwrite an existing config.toml (the key is never overwritten)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(nf.datadir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	key, err := identity.LoadOrCreate(nf.datadir, os.Getenv(identity.PasswordEnv))
	if err != nil {
		return err
	}
	path := filepath.Join(nf.datadir, node.ConfigFileName)
	if _, err := os.Stat(path); err == nil && !*force {
		fmt.Fprintf(stdout, "config exists: %s (use --force to rewrite it)\n", path)
	} else if err == nil || errors.Is(err, iofs.ErrNotExist) {
		cfg := node.HomeRig()
		if *bootstrap {
			cfg = node.Bootstrap()
		}
		data, err := renderConfig(cfg)
		if err != nil {
			return err
		}
		if err := os.WriteFile(path, data, 0o600); err != nil {
			return fmt.Errorf("write config: %w", err)
		}
		fmt.Fprintf(stdout, "wrote %s\n", path)
	}
	fmt.Fprintf(stdout, "data directory: %s\npeer id:        %s\naddress:        %s\n", nf.datadir, key.PeerID(), key.Address())
	return nil
}

// renderConfig writes cfg as a commented TOML file.
func renderConfig(cfg node.Config) ([]byte, error) { return node.RenderConfig(cfg) }

func cmdRun(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runDaemon(ctx, stdout, stderr, "run", node.HomeRig(), args)
}

func cmdBootstrap(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	return runDaemon(ctx, stdout, stderr, "bootstrap", node.Bootstrap(), args)
}

func runDaemon(ctx context.Context, stdout, stderr io.Writer, name string, base node.Config, args []string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var nf nodeFlags
	nf.register(fs, true)
	if err := fs.Parse(args); err != nil {
		return err
	}
	base.DataDir = nf.datadir
	cfg, err := nf.loadConfig(base)
	if err != nil {
		return err
	}
	if name == "bootstrap" {
		cfg.Roles = []node.Role{node.RoleBootstrap}
	}
	cfg.Logger = cfg.Log.NewLogger(stderr)
	n, err := node.New(cfg)
	if err != nil {
		return err
	}
	if err := n.Start(ctx); err != nil {
		return err
	}
	st := n.Status()
	fmt.Fprintf(stdout, "ogpu %s: peer %s, address %s\n", name, st.PeerID, st.Address)
	for _, a := range st.Listen {
		fmt.Fprintf(stdout, "  listening on %s\n", a)
	}
	if name == "bootstrap" {
		fmt.Fprintf(stdout, "  others join with: ogpu run --bootstrap %s\n", strings.Join(st.Listen, ","))
	}
	if a := n.APIAddr(); a != "" {
		fmt.Fprintf(stdout, "  api on http://%s\n", a)
	}
	<-ctx.Done()
	fmt.Fprintln(stdout, "shutting down")
	return n.Close()
}
