"""`modeldesk token set|delete|list`: tokens go to the OS keyring; settings keep only host names."""

from __future__ import annotations

import dataclasses
import getpass
import sys

from modeldesk.core.config.credentials import is_cleartext, mask, normalize_host, scope_of
from modeldesk.core.base.errors import ModelDeskError
from modeldesk.core.config.paths import default_paths
from modeldesk.core.config.secrets import delete_token, get_token, set_token
from modeldesk.core.config.settings import load_settings, save_settings


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


CLEARTEXT = ("  (plain http: the token crosses the network unencrypted; use https where the mirror "
             "offers it)")


def token_command(args) -> int:
    try:
        if args.token_command == "set":
            scope = normalize_host(args.host)  # refused before the token is read
            token = _read_token().strip()
            if not token:
                raise ModelDeskError("No token given: paste it at the prompt or pipe it on stdin.")
            set_token(scope, token)
            for old in _accounts_of(scope):  # a bare host an earlier version stored for the same origin
                if old != scope:
                    delete_token(old)
            _save_hosts(lambda hosts: [*dict.fromkeys([*(h for h in hosts if scope_of(h) != scope), scope])])
            print(f"Token {mask(token)} stored in the OS keyring; it will be sent to {scope} only "
                  "(this scheme, host and port).")
            if is_cleartext(scope):
                print(CLEARTEXT.strip())
        elif args.token_command == "delete":
            scope = normalize_host(args.host)
            for account in _accounts_of(scope):
                delete_token(account)
            _save_hosts(lambda hosts: [h for h in hosts if scope_of(h) != scope])
            print(f"Forgot the token for {scope}.")
        else:
            hosts = load_settings(default_paths().settings_file).http.token_hosts
            if not hosts:
                print("No tokens stored. Add one with: modeldesk token set [--host HOST]")
            else:
                print("Each token is sent to exactly this scheme, host and port, and nowhere else:")
            for account in hosts:
                stored = get_token(account)
                scope = scope_of(account) or f"{account!r} (no usable host: never sent)"
                print(f"{scope:40} {mask(stored) if stored else '(missing from the keyring)'}"
                      + (CLEARTEXT if is_cleartext(scope) else ""))
    except ModelDeskError as exc:
        print(f"modeldesk: {exc}", file=sys.stderr)
        return exc.exit_code
    return 0


def _accounts_of(scope: str) -> list[str]:
    hosts = load_settings(default_paths().settings_file).http.token_hosts
    return [h for h in hosts if scope_of(h) == scope] or [scope]
