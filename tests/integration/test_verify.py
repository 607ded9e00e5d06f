"""`modeldesk verify DIR` for every kind of job: torrents by their piece hashes (v1, v2, hybrid), URL
files by their sha256, hub repos by their manifests; exit 5 and each bad file named."""

from __future__ import annotations

import json

import libtorrent as lt
import pytest

from tests.helpers.faulty_http import FaultyServer
from tests.helpers.swarm import LtPeer, make_model, random_payload
from tests.integration.test_bad_input import assert_one_clear_line

pytestmark = pytest.mark.integration


def flip_byte(path, at=1000):
    data = bytearray(path.read_bytes())
    data[at] ^= 0x40
    path.write_bytes(bytes(data))


def make(top, out, flags):
    ct = lt.create_torrent(lt.list_files(str(top)), 64 * 1024, flags=flags)
    lt.set_piece_hashes(ct, str(top.parent))
    out.write_bytes(lt.bencode(ct.generate()))
    ti = lt.torrent_info(str(out))
    ih = ti.info_hashes()
    return f"magnet:?xt=urn:btih:{ih.v1}" if ih.has_v1() else f"magnet:?xt=urn:btmh:1220{ih.v2}"


@pytest.mark.parametrize("flags", [lt.create_torrent.v1_only, lt.create_torrent.v2_only, 0],
                         ids=["v1", "v2", "hybrid"])
def test_verify_a_torrent_folder_by_its_piece_hashes(md, tmp_path, flags):
    data = tmp_path / "d"
    top = make_model(data, "m")
    t = tmp_path / "m.torrent"
    magnet = make(top, t, flags)
    out = tmp_path / "proj"
    with LtPeer("seed", t, data, tmp_path) as seed:
        r = md.run("get", f"{magnet}&x.pe=127.0.0.1:{seed.port}", "--to", str(out), "--no-seed",
                   "--exclude", "*.wav", "--timeout", "30")
    assert r.code == 0, r.stderr
    ok = md.run("verify", str(out), "--json")
    assert ok.code == 0, ok.stderr
    report = json.loads(ok.stdout)
    assert report["ok"] and report["checked"] == 3, report  # the sample audio was left out, so not checked
    # The torrent's own folder (`--to out` put it in out/m) is verified the same way.
    own = md.run("verify", str(out / "m"), "--json")
    assert own.code == 0 and json.loads(own.stdout)["checked"] == 3, own.stdout + own.stderr
    flip_byte(out / "m" / "models" / "weights.safetensors")
    (out / "m" / "README.md").unlink()
    bad = md.run("verify", str(out), "--json")
    assert bad.code == 5, bad.stderr
    report = json.loads(bad.stdout)
    assert report["corrupt"] == ["m/models/weights.safetensors"] and report["missing"] == ["m/README.md"]


def test_verify_a_url_file_by_its_sha256_and_say_when_there_is_none(md, tmp_path):
    www, f, digest = random_payload(tmp_path / "www", 300 * 1024)
    (www / "notes.txt").write_text("no hash for me\n")
    out = tmp_path / "proj"
    with FaultyServer(www, "ok") as srv:
        assert md.run("get", f"{srv.url}/{f.name}", "--sha256", digest, "--to", str(out)).code == 0
        assert md.run("get", f"{srv.url}/notes.txt", "--to", str(out)).code == 0
    ok = md.run("verify", str(out))
    assert ok.code == 0 and "size only (no published sha256): notes.txt" in ok.stdout, ok.stdout
    flip_byte(out / f.name)
    bad = md.run("verify", str(out))
    assert bad.code == 5 and f"corrupt: {f.name}" in bad.stdout, bad.stdout


def test_verify_a_folder_modeldesk_does_not_know(md, tmp_path):
    (tmp_path / "stranger").mkdir()
    assert_one_clear_line(md.run("verify", str(tmp_path / "stranger")), 2, "no manifest")


@pytest.mark.parametrize("text", ['{"files": [{"path": "a", "size": "big"}]}', '{"files": [{"path": "../../etc/x", '
                                  '"size": 1}]}', '{"files": 7}', '{"fil', "\udcff".encode("utf-8", "surrogatepass")])
def test_a_damaged_or_hostile_manifest_is_one_clear_line(md, tmp_path, text):
    m = tmp_path / "proj" / ".modeldesk" / "manifest-x.json"
    m.parent.mkdir(parents=True)
    m.write_bytes(text if isinstance(text, bytes) else text.encode())
    r = md.run("verify", str(tmp_path / "proj"))
    assert_one_clear_line(r, 2, "manifest-x.json")
