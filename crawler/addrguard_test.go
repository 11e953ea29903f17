package crawler

import (
	"errors"
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// fakeInterfaces lists fixed interface addresses and counts the calls.
type fakeInterfaces struct {
	addrs []net.Addr
	err   error
	calls int
}

func (f *fakeInterfaces) list() ([]net.Addr, error) {
	f.calls++
	return f.addrs, f.err
}

func ipNet(t *testing.T, cidr string) net.Addr {
	t.Helper()
	ip, n, err := net.ParseCIDR(cidr)
	if err != nil {
		t.Fatal(err)
	}
	n.IP = ip
	return n
}

// TestAddressGuard: every special-purpose block of IANA's registries is refused, with its
// neighbours allowed; IPv6 forms that embed an IPv4 address are judged by it first.
func TestAddressGuard(t *testing.T) {
	const allowed = ""
	tests := []struct {
		ip   string
		want string // "" allowed; else a part of the refusal reason
	}{
		{"93.184.215.14", allowed},
		{"2a00:1450:4007:80e::200e", allowed},
		{"2a00:1450:4007:80e::200e%eth0", allowed},

		// IPv4 registry, and multicast.
		{"0.1.2.3", "0.0.0.0/8"},
		{"0.0.0.0", "0.0.0.0/8"},
		{"10.1.2.3", "10.0.0.0/8"},
		{"100.64.0.1", "100.64.0.0/10"},
		{"100.127.255.254", "100.64.0.0/10"},
		{"100.63.255.255", allowed},
		{"100.128.0.0", allowed},
		{"127.0.0.1", "127.0.0.0/8"},
		{"127.255.255.254", "127.0.0.0/8"},
		{"169.254.169.254", "169.254.0.0/16"}, // cloud metadata
		{"172.16.0.1", "172.16.0.0/12"},
		{"172.31.255.255", "172.16.0.0/12"},
		{"172.32.0.1", allowed},
		{"192.0.0.170", "192.0.0.0/24"},
		{"192.0.2.1", "192.0.2.0/24"},
		{"192.0.3.1", allowed},
		{"192.31.196.1", "192.31.196.0/24"},
		{"192.52.193.1", "192.52.193.0/24"},
		{"192.88.99.1", "192.88.99.0/24"},
		{"192.168.1.1", "192.168.0.0/16"},
		{"192.175.48.6", "192.175.48.0/24"},
		{"198.18.0.1", "198.18.0.0/15"},
		{"198.19.255.255", "198.18.0.0/15"},
		{"198.20.0.1", allowed},
		{"198.51.100.7", "198.51.100.0/24"},
		{"203.0.113.9", "203.0.113.0/24"},
		{"224.0.0.1", "224.0.0.0/4"},
		{"239.255.255.250", "224.0.0.0/4"},
		{"240.0.0.1", "240.0.0.0/4"},
		{"255.255.255.254", "240.0.0.0/4"},
		{"255.255.255.255", "255.255.255.255/32"},

		// IPv6 registry, multicast and site-local.
		{"::", "::/128"},
		{"::1", "::1/128"},
		{"64:ff9b:1::a00:1", "64:ff9b:1::/48"},
		{"64:ff9b:1::5db8:d70e", "64:ff9b:1::/48"},
		{"100::1", "100::/64"},
		{"100:0:0:1::1", "100:0:0:1::/64"},
		{"100:0:0:2::1", allowed},
		{"2001:2::1", "2001::/23"},
		{"2001:3::1", "2001::/23"},
		{"2001:4:112::1", "2001::/23"},
		{"2001:10::1", "2001::/23"},
		{"2001:20::1", "2001::/23"},
		{"2001:1ff:ffff::1", "2001::/23"},
		{"2001:200::1", allowed},
		{"2001:db8::1", "2001:db8::/32"},
		{"2001:db9::1", allowed},
		{"2620:4f:8000::1", "2620:4f:8000::/48"},
		{"2620:4f:8001::1", allowed},
		{"3fff::1", "3fff::/20"},
		{"3fff:fff:ffff::1", "3fff::/20"},
		{"3fff:1000::1", allowed},
		{"5f00::1", "5f00::/16"},
		{"fc00::1", "fc00::/7"},
		{"fd12:3456::1", "fc00::/7"},
		{"fe80::1", "fe80::/10"},
		{"fe80::1%eth0", "fe80::/10"},
		{"febf::1", "fe80::/10"},
		{"fec0::1", "fec0::/10"},
		{"ff02::1", "ff00::/8"},

		// IPv4-mapped: the IPv4 address alone decides.
		{"::ffff:127.0.0.1", "127.0.0.0/8"},
		{"::ffff:10.0.0.1", "10.0.0.0/8"},
		{"::ffff:169.254.169.254", "169.254.0.0/16"},
		{"::ffff:93.184.215.14", allowed},
		// IPv4-compatible: a refused IPv4 address is named; the deprecated block refuses the rest.
		{"::10.0.0.1", "IPv4-compatible of 10.0.0.1: private-use 10.0.0.0/8"},
		{"::169.254.169.254", "IPv4-compatible of 169.254.169.254"},
		{"::93.184.215.14", "deprecated IPv4-compatible ::/96"},
		// NAT64 well-known prefix: judged by the IPv4 address alone.
		{"64:ff9b::a00:1", "NAT64 of 10.0.0.1: private-use 10.0.0.0/8"},
		{"64:ff9b::127.0.0.1", "NAT64 of 127.0.0.1"},
		{"64:ff9b::a9fe:a9fe", "NAT64 of 169.254.169.254"},
		{"64:ff9b::c000:201", "NAT64 of 192.0.2.1"},
		{"64:ff9b::5db8:d70e", allowed},
		// 6to4: bits 16-47.
		{"2002:a00:1::1", "6to4 of 10.0.0.1: private-use 10.0.0.0/8"},
		{"2002:7f00:1::", "6to4 of 127.0.0.1"},
		{"2002:c0a8:101:1::1", "6to4 of 192.168.1.1"},
		{"2002:5db8:d70e::1", "6to4 2002::/16"},
		// Teredo: the client's address is the last 32 bits inverted (10.0.0.1 = ^f5ff:fffe).
		{"2001:0:4136:e378:8000:63bf:f5ff:fffe", "Teredo of 10.0.0.1: private-use 10.0.0.0/8"},
		{"2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo of 127.0.0.1"},
		{"2001:0:4136:e378:8000:63bf:a247:28f1", "Teredo 2001::/32"}, // client 93.184.215.14
	}
	g := newAddressGuard((&fakeInterfaces{}).list)
	for _, tt := range tests {
		why, err := g.refusal(netip.MustParseAddr(tt.ip))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case tt.want == allowed && why != "":
			t.Errorf("%s refused (%s), want allowed", tt.ip, why)
		case tt.want != allowed && why == "":
			t.Errorf("%s allowed, want refused for %s", tt.ip, tt.want)
		case !strings.Contains(why, tt.want):
			t.Errorf("%s refused for %q, want %q", tt.ip, why, tt.want)
		}
	}
	if err := g.check(netip.MustParseAddr("2002:a00:1::1")); !errors.Is(err, errPrivateAddress) ||
		!strings.Contains(err.Error(), "2002:a00:1::1 (6to4 of 10.0.0.1") {
		t.Errorf("check(6to4 of 10.0.0.1) = %v, want errPrivateAddress naming both addresses", err)
	}
	if err := g.check(netip.MustParseAddr("93.184.215.14")); err != nil {
		t.Errorf("check(public address) = %v", err)
	}
}

// TestAddressGuardOwnAddresses: the host's own interface addresses are refused, in any form
// that reaches them, and they are listed again only once their list has expired.
func TestAddressGuardOwnAddresses(t *testing.T) {
	ifs := &fakeInterfaces{addrs: []net.Addr{
		ipNet(t, "127.0.0.1/8"), ipNet(t, "93.184.215.14/24"), ipNet(t, "2a00:1450:4007:80e::200e/64"),
		&net.IPAddr{IP: net.ParseIP("198.41.0.4")},
	}}
	g := newAddressGuard(ifs.list)
	for _, ip := range []string{"93.184.215.14", "::ffff:93.184.215.14", "64:ff9b::5db8:d70e",
		"2a00:1450:4007:80e::200e", "2a00:1450:4007:80e::200e%eth0", "198.41.0.4"} {
		if why, err := g.refusal(netip.MustParseAddr(ip)); err != nil || !strings.Contains(why, "own address") {
			t.Errorf("%s: refusal %q, %v; want the host's own address", ip, why, err)
		}
	}
	for _, ip := range []string{"93.184.215.15", "2a00:1450:4007:80e::200f"} {
		if why, err := g.refusal(netip.MustParseAddr(ip)); err != nil || why != "" {
			t.Errorf("%s (a neighbour) refused: %q, %v", ip, why, err)
		}
	}
	if ifs.calls != 1 {
		t.Errorf("interfaces listed %d times for one refresh period, want 1", ifs.calls)
	}

	// A new address shows after expiry; a failed listing keeps the last list.
	ifs.addrs = append(ifs.addrs, ipNet(t, "93.184.216.34/24"))
	g.mu.Lock()
	g.expires = time.Now().Add(-time.Second)
	g.mu.Unlock()
	if why, _ := g.refusal(netip.MustParseAddr("93.184.216.34")); why == "" {
		t.Error("address added to an interface still allowed after the list expired")
	}
	ifs.err = errors.New("netlink: no buffer space")
	g.mu.Lock()
	g.expires = time.Now().Add(-time.Second)
	g.mu.Unlock()
	if why, err := g.refusal(netip.MustParseAddr("93.184.215.14")); err != nil || why == "" {
		t.Errorf("after a failed listing: refusal %q, %v; want the last list kept", why, err)
	}
	if ifs.calls != 3 {
		t.Errorf("interfaces listed %d times, want 3", ifs.calls)
	}

	// With no list at all, nothing is allowed unchecked.
	failing := newAddressGuard((&fakeInterfaces{err: errors.New("netlink: permission denied")}).list)
	if err := failing.check(netip.MustParseAddr("93.184.215.14")); err == nil {
		t.Error("public address allowed although the host's addresses could not be listed")
	}
}

// TestAddressGuardRealInterfaces: with the real listing, none of this host's addresses is
// allowed.
func TestAddressGuardRealInterfaces(t *testing.T) {
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Skip(err)
	}
	g := newAddressGuard(net.InterfaceAddrs)
	for _, a := range addrs {
		n, ok := a.(*net.IPNet)
		if !ok {
			continue
		}
		ip, _ := netip.AddrFromSlice(n.IP)
		if err := g.check(ip); !errors.Is(err, errPrivateAddress) {
			t.Errorf("own address %s: %v, want refused", ip, err)
		}
	}
}
