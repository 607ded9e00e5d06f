"""Nothing is written outside the project folder, and no listing or torrent writes `.git/` or our own
bookkeeping: a link planted in a reused folder, a hostile hub listing, a torrent whose folder is a link."""

from __future__ import annotations

import pytest

from tests.helpers.hub_server import HubServer
from tests.helpers.swarm import LtPeer, make_model, make_torrent, write_random
from tests.integration.test_bad_input import assert_one_clear_line

pytestmark = pytest.mark.integration


def files_under(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def hub_repo(tmp_path, extra: dict[str, bytes]):
    root = tmp_path / "hub"
    repo = root / "acme" / "tiny"
    write_random(repo / "model.safetensors", 64 * 1024)
    (repo / "config.json").write_text("{}\n")
    for rel, data in extra.items():
        (repo / rel).parent.mkdir(parents=True, exist_ok=True)
        (repo / rel).write_bytes(data)
    return root


def test_hub_listing_cannot_write_through_a_link_in_the_folder(md, tmp_path):
    root = hub_repo(tmp_path, {"link/pwn.txt": b"owned\n"})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "proj"
    out.mkdir()
    (out / "link").symlink_to(elsewhere)  # left there by an earlier tool, or by someone sharing the folder
    with HubServer(root) as hub:
        r = md.run("get", "hf://acme/tiny", "--mirror", hub.url, "--to", str(out))
    assert_one_clear_line(r, 2, "outside the project folder", "link")
    assert files_under(elsewhere) == []


@pytest.mark.parametrize("rel", [".git/config", "sub/.GIT/hooks/post-checkout", ".modeldesk/manifest-evil.json",
                                 ".cache/huggingface/download/model.safetensors.metadata"])
def test_hub_listing_with_a_forbidden_folder_is_refused(md, tmp_path, rel):
    root = hub_repo(tmp_path, {rel: b"[core]\n\tsshCommand = touch /tmp/pwned\n"})
    out = tmp_path / "proj"
    with HubServer(root) as hub:
        r = md.run("get", "hf://acme/tiny", "--mirror", hub.url, "--to", str(out))
    assert_one_clear_line(r, 2, rel.split("/")[-2] + "/" if "cache" not in rel else ".cache/huggingface/")
    assert not out.exists() or files_under(out) == []


def test_gitattributes_is_an_ordinary_file(md, tmp_path):
    root = hub_repo(tmp_path, {".gitattributes": b"*.safetensors filter=lfs\n"})
    out = tmp_path / "proj"
    with HubServer(root) as hub:
        r = md.run("get", "hf://acme/tiny", "--mirror", hub.url, "--to", str(out))
    assert r.code == 0, r.stderr
    assert (out / ".gitattributes").read_bytes() == b"*.safetensors filter=lfs\n"


def test_url_download_refuses_a_partial_file_that_is_a_link(md, tmp_path):
    from tests.helpers.faulty_http import FaultyServer

    www = tmp_path / "www"
    write_random(www / "model.bin", 256 * 1024)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    out = tmp_path / "proj"
    out.mkdir()
    (out / "model.bin.mdpart").symlink_to(victim)
    with FaultyServer(www, "ok") as srv:
        r = md.run("get", f"{srv.url}/model.bin", "--to", str(out))
    assert_one_clear_line(r, 2, "link")
    assert victim.read_text() == "keep me\n"


@pytest.fixture
def seeded_model(tmp_path):
    data = tmp_path / "d"
    top = make_model(data, "m")
    t = tmp_path / "m.torrent"
    ih = make_torrent(top, t, piece_size=64 * 1024)
    return data, t, ih


def test_torrent_refused_when_its_folder_in_the_project_is_a_link(md, tmp_path, seeded_model):
    _data, t, _ih = seeded_model
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "proj"
    (out / "m").mkdir(parents=True)
    (out / "m" / "models").symlink_to(elsewhere)
    r = md.run("get", str(t), "--to", str(out))
    assert_one_clear_line(r, 2, "outside the project folder", "link")
    assert files_under(elsewhere) == []


def test_magnet_refused_when_its_folder_in_the_project_is_a_link(md, tmp_path, seeded_model):
    data, t, ih = seeded_model
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "proj"
    out.mkdir()
    (out / "m").symlink_to(elsewhere)
    with LtPeer("seed", t, data, tmp_path) as seed:
        r = md.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}", "--to", str(out),
                   "--timeout", "20")
    assert_one_clear_line(r, 2, "outside the project folder")
    assert files_under(elsewhere) == []


def test_a_link_that_stays_inside_the_folder_is_fine(md, tmp_path, seeded_model):
    """Reused folders may hold links within themselves (a models/ that points at weights/): those stay usable."""
    data, t, ih = seeded_model
    out = tmp_path / "proj"
    (out / "real-models").mkdir(parents=True)
    (out / "m").mkdir()
    (out / "m" / "models").symlink_to(out / "real-models")
    with LtPeer("seed", t, data, tmp_path) as seed:
        r = md.run("get", f"magnet:?xt=urn:btih:{ih}&x.pe=127.0.0.1:{seed.port}", "--to", str(out), "--no-seed",
                   "--timeout", "30")
    assert r.code == 0, r.stderr
    assert (out / "real-models" / "weights.safetensors").read_bytes() == \
        (data / "m" / "models" / "weights.safetensors").read_bytes()


_ENTRY = {"type": "file", "oid": "0" * 40}


@pytest.mark.parametrize("listing, words", [
    ([{**_ENTRY, "path": "model.bin", "size": "12"}], ["malformed file listing"]),
    ([{**_ENTRY, "path": 7, "size": 1}], ["malformed file listing"]),
    ({"path": "model.bin"}, ["malformed file listing"]),
    ([{**_ENTRY, "path": "w/" + "n" * 300 + ".bin", "size": 1}], ["longer than the 255 bytes", "nnn…nnn"]),
    ([{**_ENTRY, "path": "model.bin", "size": 5}, {**_ENTRY, "path": "model.bin/inner.txt", "size": 5}],
     ["both as a file and as the folder"]),
], ids=["size-text", "path-number", "not-a-list", "name-too-long", "file-and-folder"])
def test_a_hostile_listing_is_refused_up_front(md, tmp_path, listing, words):
    """Bad input (exit 2, one line), not a traceback or a disk error halfway through."""
    root = hub_repo(tmp_path, {})
    out = tmp_path / "proj"
    with HubServer(root, listings={"acme/tiny": listing}) as hub:
        r = md.run("get", "hf://acme/tiny", "--mirror", hub.url, "--to", str(out))
    assert_one_clear_line(r, 2, *words)
    assert len(r.stderr) < 400  # the long name is cut, not echoed whole
    assert not out.exists() or files_under(out) == []
