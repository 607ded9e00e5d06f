"""Peers found through the DHT: a small private DHT of libtorrent nodes on a test LAN (two network
namespaces, `tests/helpers/netns.py`), one node seeding. The student is given a bare info-hash and
two nodes to bootstrap from, neither of them the seed: only DHT lookups lead it there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers.cli import MdHome
from tests.helpers.netns import LanPair
from tests.helpers.swarm import make_model, make_torrent, sha, wait_for_file

pytestmark = pytest.mark.integration

NODES = Path(__file__).resolve().parents[1] / "helpers" / "dht_nodes.py"


@pytest.mark.parametrize("dht, seed_after", [(True, 0), (False, 0), (True, 4)])
def test_a_private_dht_leads_a_bare_info_hash_to_the_seed(tmp_path, dht, seed_after):
    """seed_after: the seed joins only after the student's first lookup found nothing, and the student
    takes no incoming connection (as behind a NAT), so the seed cannot call it: the student still
    finds it, within seconds."""
    top = make_model(tmp_path / "lab", sizes={"weights.safetensors": 4 * 1024 * 1024})
    torrent = tmp_path / "m.torrent"
    ih = make_torrent(top, torrent)
    ready = tmp_path / "dht.ready"
    with LanPair("dht") as lan:
        nodes = [lan.add_subnet(k)[1] for k in (1, 2, 3, 4)]  # one per /24, as far apart as DHT nodes go
        proc = subprocess.Popen([*lan.prefix("b"), sys.executable, str(NODES), str(torrent), str(top.parent),
                                 str(ready), *nodes], stderr=subprocess.PIPE, text=True,
                                env={**os.environ, "DHT_SEED_AFTER": str(seed_after)})
        try:
            try:
                wait_for_file(ready, timeout=90)
            except TimeoutError:
                proc.kill()
                pytest.fail(f"the private DHT did not form: {proc.communicate()[1]}")
            if seed_after:
                lan.refuse_incoming("a", 6881)
            student = MdHome(tmp_path / "student-home", prefix=lan.prefix("a"))
            student.configure(listen_interfaces=f"{lan.addr['a']}:6881", enable_dht=dht,
                              dht_bootstrap_nodes=",".join(f"{n}:6881" for n in nodes[1:3]))
            got = student.run("get", f"magnet:?xt=urn:btih:{ih}", "--to", str(tmp_path / "student"), "--no-seed",
                              "--json", "--timeout", "40" if dht else "10", timeout=120)
        finally:
            proc.kill()
            proc.wait()
    if not dht:
        assert got.code == 3, got.stderr  # the control: no other way to the seed
        return
    assert got.code == 0, got.stderr
    assert sha(tmp_path / "student" / "tts-model" / "weights.safetensors") == sha(top / "weights.safetensors")
