"""The run every transfer command shares (get, seed, publish, import --torrent): settings from the
options, a dry run or a hand-over to a running `seed --all` where the command has one, the library
taken, the command's plan (its adds and run options), then the engines until done."""

from __future__ import annotations

import logging
import queue
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.config.paths import default_paths
from modeldesk.headless.options import settings_for

if TYPE_CHECKING:
    from modeldesk.core.config.paths import AppPaths
    from modeldesk.core.config.settings import Settings
    from modeldesk.headless.output import Output
    from modeldesk.headless.runner import RunOptions


@dataclass(frozen=True)
class Transfer:
    plan: Callable[[Any, AppPaths, Output], tuple[list, RunOptions]]  # (args, paths, output) -> adds, options
    dry_run: Callable[[Any, Settings, Output, AppPaths], int] | None = None  # when args.dry_run
    hand_over: bool = False  # a running `seed --all` that owns the library may take the job
    serve_hand_overs: bool = False  # this run owns the library for good (`seed --all`): it takes others' jobs


def _then(first: Callable[[], object] | None, second: Callable[[], object]) -> Callable[[], None]:
    def both() -> None:
        if first is not None:
            first()
        second()

    return both


def run_transfer(args, how: Transfer) -> int:
    # Imported here so that `list` and `--help` start fast without libtorrent.
    from modeldesk.core.library.owner import LibraryLock
    from modeldesk.core.runtime.manager import Manager
    from modeldesk.headless.output import error_text, make_output
    from modeldesk.headless.runner import Run

    output = make_output(args.json, quiet=args.quiet)
    paths = default_paths()
    events: queue.Queue = queue.Queue()
    server = None
    try:
        settings = settings_for(args, paths)
        if how.dry_run is not None and getattr(args, "dry_run", False):
            return how.dry_run(args, settings, output, paths)
        if how.hand_over:
            from modeldesk.headless.handover import try_hand_over

            handed = try_hand_over(args, paths, output)
            if handed is not None:
                return handed
        # The library first: `publish` hashes for minutes and writes a .torrent, which must not happen
        # for a library another ModelDesk holds.
        lock = LibraryLock(paths.ensure().library_lock)
        lock.acquire(f"`modeldesk {args.command}`")
        try:
            adds, options = how.plan(args, paths, output)
        except BaseException:
            lock.release()
            raise
        if how.serve_hand_overs:
            from modeldesk.headless.handover import HandOverServer
            from modeldesk.headless.output import TeeOutput
            from modeldesk.headless.seed_cmd import handed_adds

            output = TeeOutput(output, logging.getLogger("modeldesk.seed"))  # seed.log follows every job
            server = HandOverServer(paths.state_dir, handed_adds, events.put)
            options.on_started = _then(options.on_started, server.start)  # once the library is ours
    except ModelDeskError as exc:
        output.error(error_text(exc))
        output.exit(exc.exit_code)
        return exc.exit_code
    manager = Manager(paths, settings, events.put, owner=f"`modeldesk {args.command}`", lock=lock)
    try:
        return Run(manager, events, output, options).execute(adds)
    finally:
        if server is not None:
            server.close()
