package crawler

import (
	"fmt"
	"net"
	"net/netip"
	"sync"
	"time"
)

// specialRange is a block the crawler never connects to, with its name in IANA's registries.
type specialRange struct {
	prefix netip.Prefix
	name   string
}

// IPv6 forms that carry an IPv4 address (see embeddedIPv4).
var (
	ipv4Compatible = netip.MustParsePrefix("::/96")
	nat64          = netip.MustParsePrefix("64:ff9b::/96")
	sixToFour      = netip.MustParsePrefix("2002::/16")
	teredo         = netip.MustParsePrefix("2001::/32")
)

// specialPurpose lists every block of IANA's IPv4 and IPv6 Special-Purpose Address Registries
// (as of 2025-10), with multicast and the deprecated site-local block. The first match names
// the refusal, so narrow blocks come before the ones holding them. Two registered blocks are
// not listed because the address they embed decides instead: IPv4-mapped ::ffff:0:0/96 is
// dialled as its IPv4 address, and NAT64's well-known 64:ff9b::/96 (globally reachable in the
// registry) is how an IPv6-only host with DNS64 reaches every IPv4-only site.
var specialPurpose = []specialRange{
	{netip.MustParsePrefix("0.0.0.0/8"), "this network"},
	{netip.MustParsePrefix("10.0.0.0/8"), "private-use"},
	{netip.MustParsePrefix("100.64.0.0/10"), "shared address space (CGNAT)"},
	{netip.MustParsePrefix("127.0.0.0/8"), "loopback"},
	{netip.MustParsePrefix("169.254.0.0/16"), "link-local"},
	{netip.MustParsePrefix("172.16.0.0/12"), "private-use"},
	{netip.MustParsePrefix("192.0.0.0/24"), "IETF protocol assignments"},
	{netip.MustParsePrefix("192.0.2.0/24"), "documentation (TEST-NET-1)"},
	{netip.MustParsePrefix("192.31.196.0/24"), "AS112-v4"},
	{netip.MustParsePrefix("192.52.193.0/24"), "AMT"},
	{netip.MustParsePrefix("192.88.99.0/24"), "deprecated 6to4 relay anycast"},
	{netip.MustParsePrefix("192.168.0.0/16"), "private-use"},
	{netip.MustParsePrefix("192.175.48.0/24"), "direct delegation AS112 service"},
	{netip.MustParsePrefix("198.18.0.0/15"), "benchmarking"},
	{netip.MustParsePrefix("198.51.100.0/24"), "documentation (TEST-NET-2)"},
	{netip.MustParsePrefix("203.0.113.0/24"), "documentation (TEST-NET-3)"},
	{netip.MustParsePrefix("224.0.0.0/4"), "multicast"},
	{netip.MustParsePrefix("255.255.255.255/32"), "limited broadcast"},
	{netip.MustParsePrefix("240.0.0.0/4"), "reserved"},

	{netip.MustParsePrefix("::/128"), "unspecified"},
	{netip.MustParsePrefix("::1/128"), "loopback"},
	{ipv4Compatible, "deprecated IPv4-compatible"},
	{netip.MustParsePrefix("64:ff9b:1::/48"), "local-use IPv4/IPv6 translation"},
	{netip.MustParsePrefix("100::/64"), "discard-only"},
	{netip.MustParsePrefix("100:0:0:1::/64"), "dummy prefix"},
	{teredo, "Teredo"},
	{netip.MustParsePrefix("2001::/23"), "IETF protocol assignments"},
	{netip.MustParsePrefix("2001:db8::/32"), "documentation"},
	{sixToFour, "6to4"},
	{netip.MustParsePrefix("2620:4f:8000::/48"), "direct delegation AS112 service"},
	{netip.MustParsePrefix("3fff::/20"), "documentation"},
	{netip.MustParsePrefix("5f00::/16"), "segment routing (SRv6) SIDs"},
	{netip.MustParsePrefix("fc00::/7"), "unique-local"},
	{netip.MustParsePrefix("fe80::/10"), "link-local"},
	{netip.MustParsePrefix("fec0::/10"), "deprecated site-local"},
	{netip.MustParsePrefix("ff00::/8"), "multicast"},
}

// ownAddressesTTL is how long the host's interface addresses are trusted before they are listed
// again: listing them on every dial would cost a system call per connection.
const ownAddressesTTL = time.Minute

// addressGuard decides which peer addresses the crawler may connect to: none in a special-purpose
// block, none embedding an IPv4 address it would refuse, and none of the host's own.
type addressGuard struct {
	interfaceAddrs func() ([]net.Addr, error)

	mu      sync.Mutex
	own     map[netip.Addr]bool // replaced on refresh, never modified
	expires time.Time
}

func newAddressGuard(interfaceAddrs func() ([]net.Addr, error)) *addressGuard {
	return &addressGuard{interfaceAddrs: interfaceAddrs}
}

// check returns an error wrapping errPrivateAddress, with the reason, if ip is refused.
func (g *addressGuard) check(ip netip.Addr) error {
	why, err := g.refusal(ip)
	if err != nil {
		return err
	}
	if why != "" {
		return fmt.Errorf("%w: %s (%s)", errPrivateAddress, ip, why)
	}
	return nil
}

// refusal says why ip is refused, or "" if it is allowed. An IPv6 address that embeds an IPv4
// address is refused if the embedded one is, and otherwise judged as itself, so that a public
// address inside a refused block (6to4, Teredo, IPv4-compatible) stays refused.
func (g *addressGuard) refusal(ip netip.Addr) (string, error) {
	// Prefix.Contains never matches a zoned address, and a mapped one is dialled as IPv4.
	ip = ip.WithZone("").Unmap()
	if v4, form := embeddedIPv4(ip); form != "" {
		why, err := g.refusal(v4)
		if err != nil {
			return "", err
		}
		if why != "" {
			return fmt.Sprintf("%s of %s: %s", form, v4, why), nil
		}
	}
	for _, r := range specialPurpose {
		if r.prefix.Contains(ip) {
			return fmt.Sprintf("%s %s", r.name, r.prefix), nil
		}
	}
	own, err := g.ownAddresses()
	if err != nil {
		return "", err
	}
	if own[ip] {
		return "this host's own address", nil
	}
	return "", nil
}

// embeddedIPv4 returns the IPv4 address that ip reaches through an IPv4-compatible (::a.b.c.d),
// NAT64 (64:ff9b::a.b.c.d), 6to4 (2002:AABB:CCDD::/48) or Teredo (2001::/32, the client's
// address inverted in the last 32 bits) form, with the form's name; form is "" otherwise.
func embeddedIPv4(ip netip.Addr) (v4 netip.Addr, form string) {
	if !ip.Is6() {
		return netip.Addr{}, ""
	}
	b := ip.As16()
	switch {
	case ipv4Compatible.Contains(ip) && !ip.IsUnspecified() && !ip.IsLoopback():
		return netip.AddrFrom4([4]byte(b[12:])), "IPv4-compatible"
	case nat64.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:])), "NAT64"
	case sixToFour.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), "6to4"
	case teredo.Contains(ip):
		return netip.AddrFrom4([4]byte{^b[12], ^b[13], ^b[14], ^b[15]}), "Teredo"
	}
	return netip.Addr{}, ""
}

// ownAddresses returns the host's interface addresses, listed at most once per
// ownAddressesTTL. When listing fails the previous list stands (addresses seldom change); with
// no list yet, the error is returned, so that nothing is fetched unchecked.
func (g *addressGuard) ownAddresses() (map[netip.Addr]bool, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	now := time.Now()
	if g.own != nil && now.Before(g.expires) {
		return g.own, nil
	}
	addrs, err := g.interfaceAddrs()
	if err != nil {
		if g.own == nil {
			return nil, fmt.Errorf("crawler: listing this host's addresses: %w", err)
		}
		g.expires = now.Add(ownAddressesTTL)
		return g.own, nil
	}
	own := make(map[netip.Addr]bool, len(addrs))
	for _, a := range addrs {
		var ip net.IP
		switch a := a.(type) {
		case *net.IPNet:
			ip = a.IP
		case *net.IPAddr:
			ip = a.IP
		}
		if addr, ok := netip.AddrFromSlice(ip); ok {
			own[addr.Unmap()] = true
		}
	}
	g.own, g.expires = own, now.Add(ownAddressesTTL)
	return own, nil
}
