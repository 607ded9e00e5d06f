"""Property-based tests over every parser of outside input. Only ModelDesk's own errors may come out.

CI runs a fixed, derandomized budget per test (MODELDESK_FUZZ_EXAMPLES, default 150) so main stays
green and the run stays short; by hand, a long random run:

    MODELDESK_FUZZ_PROFILE=long MODELDESK_FUZZ_EXAMPLES=20000 .venv/bin/pytest tests/fuzz -q
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_EXAMPLES = int(os.environ.get("MODELDESK_FUZZ_EXAMPLES", "150"))
_COMMON = dict(max_examples=_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])
settings.register_profile("ci", derandomize=True, database=None, **_COMMON)
settings.register_profile("long", **_COMMON)
settings.load_profile(os.environ.get("MODELDESK_FUZZ_PROFILE", "ci"))
