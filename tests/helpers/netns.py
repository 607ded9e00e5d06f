"""A lab LAN for a test: network namespaces joined by a veth pair, made by the test and removed
after it. Traffic (multicast included) stays inside them; nothing reaches the machine's own network."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.helpers.tools import require_tool


def _ip(*args: str) -> None:
    subprocess.run(["ip", *args], check=True, capture_output=True, text=True)


class LanPair:
    """Two hosts, `a` at 10.<n>.0.1 and `b` at 10.<n>.0.2 on one /24, each in its own namespace.
    `prefix(host)` is the command prefix that runs a program on that host. With first_octet=44 the
    two talk over addresses of the public internet's ranges instead (still only inside the namespaces):
    to each other they are internet peers."""

    def __init__(self, tag: str, first_octet: int = 10):
        require_tool("ip")
        if os.geteuid() != 0:
            if os.environ.get("CI"):
                pytest.fail("network namespaces need root, and CI runs as root")
            pytest.skip("network namespaces need root")
        self.ns = {h: f"md-{tag}-{h}-{os.getpid()}" for h in ("a", "b")}
        n = 64 + os.getpid() % 128
        self.addr = {"a": f"{first_octet}.{n}.0.1", "b": f"{first_octet}.{n}.0.2"}
        self._veth = {"a": f"mdv{os.getpid() % 100000}a", "b": f"mdv{os.getpid() % 100000}b"}

    def add_subnet(self, k: int) -> tuple[str, str]:
        """Another /24 on the same link (x.<n>.k.1 on `a`, x.<n>.k.2 on `b`): hosts that are far apart
        as a DHT counts distance (it keeps one node per /24 in a bucket), still on this one wire."""
        first, n = self.addr["a"].split(".")[:2]
        a, b = f"{first}.{n}.{k}.1", f"{first}.{n}.{k}.2"
        _ip("-n", self.ns["a"], "addr", "add", f"{a}/24", "dev", self._veth["a"])
        _ip("-n", self.ns["b"], "addr", "add", f"{b}/24", "dev", self._veth["b"])
        return a, b

    def refuse_incoming(self, host: str, port: int) -> None:
        """`host` takes no new TCP connection on `port`, as behind a NAT: it can only call out."""
        nft = require_tool("nft")
        rules = ("table inet md_nat {\n chain input {\n  type filter hook input priority 0;\n"
                 f"  tcp dport {port} tcp flags & (syn | ack) == syn drop\n }}\n}}\n")
        subprocess.run([*self.prefix(host), nft, "-f", "-"], input=rules, check=True, capture_output=True, text=True)

    def prefix(self, host: str) -> list[str]:
        return ["ip", "netns", "exec", self.ns[host]]

    def __enter__(self) -> LanPair:
        try:
            for h in ("a", "b"):
                _ip("netns", "add", self.ns[h])
            _ip("link", "add", self._veth["a"], "type", "veth", "peer", "name", self._veth["b"])
            for h in ("a", "b"):
                ns, dev = self.ns[h], self._veth[h]
                _ip("link", "set", dev, "netns", ns)
                _ip("-n", ns, "addr", "add", f"{self.addr[h]}/24", "dev", dev)
                _ip("-n", ns, "link", "set", dev, "up", "multicast", "on")
                _ip("-n", ns, "link", "set", "lo", "up")
                _ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", dev)  # LSD's multicast stays on the LAN
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for ns in self.ns.values():  # deleting a namespace deletes its end of the veth pair, and so both
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)


class LabLan:
    """A lab LAN of `hosts` machines, each in its own namespace with one link to a switch: a bridge in a
    namespace of its own, so nothing touches the machine's network. Each link is capped both ways at
    `rate` bytes/s with tc tbf (the host's side caps what it sends, the switch's side what it gets), as
    each machine of a real LAN has its own cable. Host i is at 10.<n>.0.(i+1)."""

    def __init__(self, tag: str, hosts: int, rate: int):
        require_tool("ip")
        require_tool("tc")
        if os.geteuid() != 0:
            if os.environ.get("CI"):
                pytest.fail("network namespaces need root, and CI runs as root")
            pytest.skip("network namespaces need root")
        pid = os.getpid()
        self.switch = f"md-{tag}-sw-{pid}"
        self.ns = [f"md-{tag}-{i}-{pid}" for i in range(hosts)]
        n = 64 + pid % 128
        self.addr = [f"10.{n}.0.{i + 1}" for i in range(hosts)]
        self._dev = [(f"mdh{pid % 10000}x{i}", f"mds{pid % 10000}x{i}") for i in range(hosts)]
        self.rate = rate

    def prefix(self, i: int) -> list[str]:
        return ["ip", "netns", "exec", self.ns[i]]

    def device(self, i: int) -> str:
        """The name of host i's link (inside its namespace)."""
        return self._dev[i][0]

    def sent(self, i: int) -> int:
        """Bytes host i has sent onto its link (its qdisc's count)."""
        return self._qdisc_sent(self.ns[i], self._dev[i][0])

    def delivered(self, i: int) -> int:
        """Bytes the switch has sent down host i's link (the count of the qdisc at the switch's end)."""
        return self._qdisc_sent(self.switch, self._dev[i][1])

    @staticmethod
    def _qdisc_sent(ns: str, dev: str) -> int:
        out = subprocess.run(["tc", "-n", ns, "-s", "qdisc", "show", "dev", dev],
                             capture_output=True, text=True, check=True).stdout
        words = out.split()
        return int(words[words.index("Sent") + 1])

    def _cap(self, ns: str, dev: str) -> None:
        kbit = self.rate * 8 // 1000
        burst = max(64 * 1024, self.rate // 125)  # at least two ticks' worth at HZ 250, or tbf runs slow
        _ip("netns", "exec", ns, "tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", f"{kbit}kbit",
            "burst", str(burst), "latency", "100ms")

    def __enter__(self) -> LabLan:
        try:
            _ip("netns", "add", self.switch)
            _ip("-n", self.switch, "link", "add", "br0", "type", "bridge")
            _ip("-n", self.switch, "link", "set", "br0", "up")
            for i, ns in enumerate(self.ns):
                host, port = self._dev[i]
                _ip("netns", "add", ns)
                _ip("link", "add", host, "type", "veth", "peer", "name", port)
                _ip("link", "set", host, "netns", ns)
                _ip("link", "set", port, "netns", self.switch)
                _ip("-n", self.switch, "link", "set", port, "master", "br0")
                _ip("-n", self.switch, "link", "set", port, "up")
                _ip("-n", ns, "addr", "add", f"{self.addr[i]}/24", "dev", host)
                _ip("-n", ns, "link", "set", host, "up", "multicast", "on")
                _ip("-n", ns, "link", "set", "lo", "up")
                _ip("-n", ns, "route", "add", "224.0.0.0/4", "dev", host)  # LSD's multicast stays on the LAN
                self._cap(ns, host)
                self._cap(self.switch, port)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        for ns in (*self.ns, self.switch):  # a namespace takes its veth ends (and so both) with it
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
