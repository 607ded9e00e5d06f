"""`modeldesk token set|delete|list`: tokens go to the OS keyring; settings keep only host names."""

from __future__ import annotations

import dataclasses
import getpass
import sys

from modeldesk.core.credentials import mask, normalize_host
from modeldesk.core.errors import ModelDeskError
from modeldesk.core.paths import default_paths
from modeldesk.core.secrets import delete_token, get_token, set_token
from modeldesk.core.settings import load_settings, save_settings


def _read_token() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Token (input hidden): ")
    return sys.stdin.readline()


def _save_hosts(update) -> None:
    paths = default_paths().ensure()
    settings = load_settings(paths.settings_file)
    hosts = tuple(update(list(settings.http.token_hosts)))
    save_settings(paths.settings_file, dataclasses.replace(
        settings, http=dataclasses.replace(settings.http, token_hosts=hosts)))


def token_command(args) -> int:
    try:
        if args.token_command == "set":
            token = _read_token().strip()
            if not token:
                raise ModelDeskError("No token given: paste it at the prompt or pipe it on stdin.")
            host = set_token(args.host, token)
            _save_hosts(lambda hosts: [*dict.fromkeys([*hosts, host])])
            print(f"Token {mask(token)} stored in the OS keyring; it will be sent to {host} only.")
        elif args.token_command == "delete":
            host = normalize_host(args.host)
            delete_token(host)
            _save_hosts(lambda hosts: [h for h in hosts if h != host])
            print(f"Forgot the token for {host}.")
        else:
            hosts = load_settings(default_paths().settings_file).http.token_hosts
            if not hosts:
                print("No tokens stored. Add one with: modeldesk token set [--host HOST]")
            for host in hosts:
                stored = get_token(host)
                print(f"{host:32} {mask(stored) if stored else '(missing from the keyring)'}")
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0
