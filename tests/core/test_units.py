import pytest

from modeldesk.core.base.errors import BadInputError
from modeldesk.core.base.units import count, fmt_bytes, fmt_eta, parse_rate


@pytest.mark.parametrize(
    "text,expected",
    [("0", 0), ("500K", 500 * 1024), ("5M", 5 * 1024**2), ("2.5MiB/s", int(2.5 * 1024**2)),
     ("10Mbit", 10 * 1024**2 // 8), ("1g", 1024**3), ("123", 123)],
)
def test_parse_rate(text, expected):
    assert parse_rate(text) == expected


def test_percent_of_uplink_is_the_30_percent_preset():
    assert parse_rate("30%", uplink=10_000_000) == 3_000_000


@pytest.mark.parametrize("bad", ["fast", "-1M", "30%", "150%", "5 parsecs"])
def test_bad_rates_say_what_to_type(bad):
    with pytest.raises(BadInputError) as e:
        parse_rate(bad)
    assert "e.g." in str(e.value) or "uplink" in str(e.value) or "between" in str(e.value)


def test_formatting():
    assert fmt_bytes(512) == "512 B"
    assert fmt_bytes(5 * 1024**3) == "5.0 GiB"
    assert fmt_eta(None) == "--"
    assert fmt_eta(59) == "59s"
    assert fmt_eta(3725) == "1h02m"


def test_counts_read_as_english():
    assert [count(n, "file") for n in (0, 1, 2)] == ["0 files", "1 file", "2 files"]
