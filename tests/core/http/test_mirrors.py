"""Mirror choice across the files of one job: a shared HostSlots caps connections per host."""

from __future__ import annotations

from modeldesk.core.http.mirrors import HostSlots, MirrorSet


def test_files_in_flight_share_the_connections_to_a_host():
    slots = HostSlots(3)
    a = MirrorSet(["http://m1/a.bin", "http://m2/a.bin"], per_mirror=3, slots=slots)
    b = MirrorSet(["http://m1/b.bin"], per_mirror=3, slots=slots)
    taken = [a.pick() for _ in range(3)]
    assert sorted(m.host for m in taken) == ["m1", "m1", "m2"], "untried mirrors get connections in turn"
    got = b.pick()
    assert got.host == "m1" and slots.held("m1") == 3
    assert b.pick() is None, "the host's 3 connections are all held, by two files"
    picked = a.pick()
    assert picked.host == "m2", "a file with another mirror goes on there"
    a.release(taken[0])
    assert b.pick().host == "m1", "a connection given back by one file is free for the other"


def test_without_slots_each_file_has_its_own_limit():
    a = MirrorSet(["http://m1/a.bin"], per_mirror=2)
    assert a.pick() and a.pick() and a.pick() is None


def test_the_first_answer_replaces_the_latency_guess_then_it_is_smoothed():
    ms = MirrorSet(["http://m1/a.bin"], per_mirror=2)
    m = ms.mirrors[0]
    ms.observed_latency(m, 0.002)  # a mirror next door: the guess (50 ms) must not linger
    assert m.latency == 0.002
    ms.observed_latency(m, 0.102)
    assert 0.002 < m.latency < 0.102


def test_served_counts_bytes_as_they_arrive_not_only_when_a_request_ends():
    """A plain URL is fetched in a few long requests: "Served" stayed 0 B while bytes arrived."""
    from modeldesk.core.http.mirrors import MirrorSet, mirror_details

    ms = MirrorSet(["http://127.0.0.1:1/f.bin"], per_mirror=4)
    m = ms.mirrors[0]
    ms.got(m, 5_000_000)  # in flight: no request has ended yet
    assert mirror_details([ms])[0].bytes_served == 5_000_000
    ms.succeeded(m, 5_000_000, 1.0)
    assert mirror_details([ms])[0].bytes_served == 5_000_000  # counted once
