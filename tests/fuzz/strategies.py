"""Hypothesis strategies shared by the fuzz tests: hostile text, bencoded and JSON values."""

from __future__ import annotations

from hypothesis import strategies as st

# Text a user or a stranger might send: any code point (NUL and lone surrogates included), names
# near and over file-system limits, and the fragments parsers split on.
FRAGMENTS = ["/", "\\", "..", ".", ":", "@", "%", "%FF", "%00", "?", "&", "=", "#", "[", "]", "::1", " ",
             "\0", "\n", ".git", ".modeldesk", "hf://", "http://", "https://", "magnet:?", "xt=urn:btih:",
             "urn:btmh:1220", "tree", "resolve", "main", "org", "name", ".torrent", "C:", "~"]
hostile_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.sampled_from(FRAGMENTS) | st.text(max_size=6), max_size=16).map("".join),
    st.integers(200, 5000).map(lambda n: "a" * n),
)

json_scalars = st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=False) | hostile_text
json_values = st.recursive(json_scalars, lambda kids: st.lists(kids, max_size=4)
                           | st.dictionaries(hostile_text, kids, max_size=4), max_leaves=12)

bencode_scalars = st.integers(-2**70, 2**70) | st.binary(max_size=40) | hostile_text.map(
    lambda t: t.encode("utf-8", "surrogatepass"))
bencode_values = st.recursive(bencode_scalars, lambda kids: st.lists(kids, max_size=4)
                              | st.dictionaries(st.binary(max_size=12), kids, max_size=4), max_leaves=10)
