"""`verify` and `list`: a model folder re-hashed, and the library shown."""

from __future__ import annotations


def add_parsers(sub) -> None:
    ver = sub.add_parser("verify", help="re-hash a model folder: hub repos against their manifests, torrents "
                         "by their piece hashes, URL files by their sha256")
    ver.add_argument("folder", metavar="DIR")
    ver.add_argument("--json", action="store_true")
    lst = sub.add_parser("list", help="show the model library")
    lst.add_argument("--json", action="store_true", help="print the library as JSON")
    lst.add_argument("--history", action="store_true", help="the jobs removed from the library, and when")
    lst.add_argument("--server", metavar="URL", help="the jobs of a lab server (`modeldesk serve`) instead")



def run(args) -> int:
    from modeldesk.headless import library_cmds

    if args.command == "list" and args.server:
        from modeldesk.headless.remote import list_remote

        return list_remote(args)

    return {"verify": library_cmds.verify, "list": library_cmds.list_jobs}[args.command](args)
