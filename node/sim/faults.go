package sim

import (
	"context"
	"errors"
	"fmt"

	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
)

// Kill stops node i the way a crash looks to its peers: the node and its
// host close and every connection to it drops. Its data directory (if the
// node config has one) stays for Restart.
func (c *Cluster) Kill(i int) error {
	c.mu.Lock()
	if c.down == nil {
		c.down = map[int]bool{}
	}
	c.down[i] = true
	c.mu.Unlock()
	n := c.Nodes[i]
	var h interface{ Close() error }
	if nw := n.Network(); nw != nil && nw.Host() != nil {
		h = nw.Host()
	}
	err := n.Close()
	if c.mn != nil && h != nil {
		err = errors.Join(err, h.Close())
	}
	return err
}

// Restart brings node i back after Kill: same key, same config (and so the
// same data directory and persisted state), a new host, and its links to
// its topology neighbours dialled again.
func (c *Cluster) Restart(ctx context.Context, i int) error {
	if c.mn != nil {
		addr, _ := ma.NewMultiaddr(fmt.Sprintf("/ip4/10.%d.%d.%d/tcp/4601", (i>>16)&255, (i>>8)&255, i&255))
		h, err := c.mn.AddPeer(c.keys[i].LibP2P(), addr)
		if err != nil {
			return fmt.Errorf("sim: restart %d: %w", i, err)
		}
		c.hosts[i] = h
		for _, e := range c.edges {
			if e[0] == i || e[1] == i {
				if _, err := c.mn.LinkPeers(c.hosts[e[0]].ID(), c.hosts[e[1]].ID()); err != nil {
					return fmt.Errorf("sim: restart %d: link: %w", i, err)
				}
			}
		}
	}
	n, err := c.newNode(i)
	if err != nil {
		return err
	}
	c.Nodes[i] = n
	c.mu.Lock()
	delete(c.down, i)
	c.mu.Unlock()
	if err := n.Start(ctx); err != nil {
		return fmt.Errorf("sim: restart %d: %w", i, err)
	}
	h := n.Network().Host()
	var errs []error
	for _, e := range c.edges {
		if e[0] != i && e[1] != i {
			continue
		}
		o := c.Nodes[e[0]+e[1]-i]
		if o.Network() == nil || o.Network().Host() == nil {
			continue
		}
		oh := o.Network().Host()
		if err := h.Connect(ctx, peer.AddrInfo{ID: oh.ID(), Addrs: oh.Addrs()}); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Down reports whether node i was killed and not restarted.
func (c *Cluster) Down(i int) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.down[i]
}
