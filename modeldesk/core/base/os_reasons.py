"""Why the operating system refused, worded so the app can translate it.

A sentence such as "{dest} cannot be placed from {src}: {strerror}." used to carry the system's own
English text ("No space left on device") into a Chinese sentence. The reasons a download manager
meets (a full disk, a read-only or vanished folder, no permission, a file where a folder should be)
are worded here once, each marked N_() for the catalogue; the command line prints them in English
as before. Any other error keeps the system's text."""

from __future__ import annotations

import errno

from modeldesk.core.base.messages import N_, Message

_REASONS: dict[int, str] = {
    errno.ENOSPC: N_("no space is left on the disk"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("the operation is not permitted"),
    errno.EROFS: N_("the file system is read-only"),
    errno.ENOENT: N_("no such file or folder"),
    errno.ENOTDIR: N_("a part of the path is a file, not a folder"),
    errno.EISDIR: N_("it is a folder"),
    errno.EEXIST: N_("it already exists"),
    errno.EIO: N_("the disk reported an input/output error"),
    errno.ENAMETOOLONG: N_("the name is too long for the file system"),
    errno.EXDEV: N_("they are on different file systems"),
    errno.EMLINK: N_("the file has too many links"),
    errno.EBUSY: N_("it is in use"),
    errno.EFBIG: N_("the file is too large for the file system"),
}
if hasattr(errno, "EDQUOT"):  # not on Windows
    _REASONS[errno.EDQUOT] = N_("the disk quota is used up")


def os_reason(exc: OSError) -> Message | str:
    """The reason of `exc` as a value for a message: a translatable Message for the errors above,
    else the system's text (strerror, or the whole error when it has none)."""
    template = _REASONS.get(exc.errno) if isinstance(exc.errno, int) else None
    if template is not None:
        return Message(template)
    return exc.strerror or str(exc)
