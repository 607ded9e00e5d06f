"""An operating system's refusal inside a ModelDesk sentence: worded by us on the command line, kept
as a message when the library stores the error (so the app can translate it after a restart; in
Chinese: tests/ui/test_core_messages.py). Errors without a wording of ours keep the system's text."""

from __future__ import annotations

import errno
import os

import pytest

from modeldesk.core.base.errors import DiskError, TargetDirError
from modeldesk.core.base.messages import Message, message_of
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.projects.projects import ensure_project_dir


def test_a_full_disk_is_worded_and_stored_as_a_message():
    err = DiskError("{name} could not be written: {reason}.", name="w.bin",
                    reason=os_reason(OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))))
    assert str(err) == "w.bin could not be written: no space is left on the disk."
    again = Message.from_stored(err.message.stored())
    reason = dict(again.params)["reason"]
    assert message_of(reason) == Message("no space is left on the disk"), "stored as a message, not as text"


def test_a_real_refusal_from_the_file_system_is_worded(tmp_path):
    blocker = tmp_path / "models"
    blocker.write_text("a file where the project folder should go")
    with pytest.raises(TargetDirError) as caught:
        ensure_project_dir(str(blocker / "proj"))
    assert "cannot be created: a part of the path is a file, not a folder. Pick another folder." in str(caught.value)
    assert "Not a directory" not in str(caught.value)


def test_an_error_without_our_wording_keeps_the_system_s_text():
    assert os_reason(OSError(errno.ECONNRESET, "Connection reset by peer")) == "Connection reset by peer"
    assert os_reason(OSError("no errno at all")) == "no errno at all"
