"""The only module that imports keyring. Tokens live in the OS keyring (Secret Service, KWallet,
macOS Keychain, Windows Credential Locker), never in a plain file we write. HF_TOKEN and the hub's
own token file are honoured for the official hub, as huggingface_hub does."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from modeldesk.core.base.constants import (
    ENV_HF_TOKEN,
    ENV_HF_TOKEN_PATH,
    ENV_TOKEN_FILE,
    ENV_TOKENS,
    OFFICIAL_HUB_HOST,
)
from modeldesk.core.config.ms_env import ms_endpoints_from_env, ms_token_from_env
from modeldesk.core.config.credentials import Credentials, normalize_host, scope_of
from modeldesk.core.base.errors import BadInputError, ModelDeskError
from modeldesk.core.config.hf_env import hf_home
from modeldesk.core.base.messages import N_
from modeldesk.core.base.os_reasons import os_reason
from modeldesk.core.config.proxy import Proxy
from modeldesk.core.config.settings import ProxySettings

log = logging.getLogger(__name__)
SERVICE = "modeldesk"
PROXY_SERVICE = "modeldesk-proxy"


class KeyringUnavailable(ModelDeskError):
    exit_code = 2


def _keyring():
    try:
        import keyring
        from keyring.backends import fail
    except ImportError as exc:  # pragma: no cover - keyring is a dependency
        raise KeyringUnavailable(N_("The keyring library is missing ({exc})."), exc=exc) from None
    backend = keyring.get_keyring()
    names = [type(b).__module__ + "." + type(b).__name__ for b in getattr(backend, "backends", [backend])]
    usable = [n for n in names if not n.startswith(("keyring.backends.fail", "keyring.backends.null"))
              and "plaintext" not in n.lower() and not n.startswith("keyrings.alt")]
    if isinstance(backend, fail.Keyring) or not usable:
        raise KeyringUnavailable(
            N_("No OS keyring is available to keep the token (Secret Service such as GNOME Keyring or "
               "KWallet, macOS Keychain, Windows Credential Locker). Install or unlock one; ModelDesk never "
               "writes tokens to a plain file. Without one, set {ENV_HF_TOKEN} for huggingface.co, or "
               "{ENV_TOKENS}=host=token (or {ENV_TOKEN_FILE}, a file of such lines that you keep) for a "
               "mirror."), ENV_HF_TOKEN=ENV_HF_TOKEN, ENV_TOKENS=ENV_TOKENS, ENV_TOKEN_FILE=ENV_TOKEN_FILE)
    return keyring


def set_token(host: str, token: str) -> str:
    """Keep `token` for the origin `host` names (see credentials.normalize_host); that origin is returned
    and is the keyring account."""
    token = token.strip()
    if not token:
        raise ModelDeskError(N_("Give a host and a non-empty token."))
    scope = normalize_host(host)
    _store(SERVICE, scope, token, f"the token for {scope}")
    return scope


def _store(service: str, account: str, secret: str, what: str) -> None:
    kr = _keyring()
    try:
        kr.set_password(service, account, secret)
    except Exception as exc:  # the backend's own errors (locked collection, D-Bus gone)
        raise KeyringUnavailable(N_("The keyring refused to store {what}: {kind}. Unlock your keyring "
                                    "and try again."), what=what, kind=type(exc).__name__) from None


def _read(service: str, account: str, what: str) -> str | None:
    """The secret, or None when there is none or the backend failed (logged); raises KeyringUnavailable."""
    kr = _keyring()
    try:
        return kr.get_password(service, account)
    except Exception as exc:
        log.warning("keyring read for %s failed: %s", what, type(exc).__name__)
        return None


def delete_token(account: str) -> bool:
    """Forget the token kept under `account`: a scope as set_token returned it, or a bare host name as
    versions before scoped tokens stored it (the settings list the account as it was stored)."""
    kr = _keyring()
    try:
        kr.delete_password(SERVICE, account)
        return True
    except Exception:
        return False


def get_token(account: str) -> str | None:
    return _read(SERVICE, account, account)


def _proxy_account(proxy: ProxySettings) -> str:
    return f"{proxy.username}@{proxy.host.strip().lower()}:{proxy.port}"


def set_proxy_password(proxy: ProxySettings, password: str) -> None:
    """Keep the password for this proxy user, host and port in the OS keyring."""
    if not proxy.username:
        raise ModelDeskError(N_("Give the proxy user name before its password."))
    _store(PROXY_SERVICE, _proxy_account(proxy), password, "the proxy password")


def load_proxy(proxy: ProxySettings) -> Proxy:
    """The proxy settings with their password from the keyring (none needed without a user name)."""
    if not (proxy.explicit and proxy.username):
        return Proxy(proxy)
    try:
        password = _read(PROXY_SERVICE, _proxy_account(proxy), "the proxy password")
    except KeyringUnavailable as exc:
        log.warning("proxy password unavailable: %s", exc)
        password = None
    if password is None:
        log.warning("no password in the keyring for the %s user; connecting without one", proxy.kind)
    return Proxy(proxy, password or "")


def hub_token_file() -> Path:
    """Where huggingface_hub keeps its token: HF_TOKEN_PATH, else HF_HOME/token, else
    XDG_CACHE_HOME/huggingface/token (~/.cache when XDG_CACHE_HOME is unset)."""
    if path := os.environ.get(ENV_HF_TOKEN_PATH, "").strip():
        return Path(path).expanduser()
    return hf_home() / "token"


def _pairs(text: str, what: str) -> dict[str, str]:
    tokens: dict[str, str] = {}
    for line in text.splitlines():
        for item in line.split("#", 1)[0].replace(",", " ").split():
            host, sep, token = item.partition("=")
            if not sep or not host or not token:
                raise BadInputError(N_("{what}: write host=token (one entry is not of that form)."), what=what)
            tokens[normalize_host(host)] = token
    return tokens


def env_tokens() -> dict[str, str]:
    """host → token from MODELDESK_TOKENS and the file MODELDESK_TOKEN_FILE names: for machines without
    a keyring. Each token goes to its own host only, like a keyring's."""
    tokens: dict[str, str] = {}
    if path := os.environ.get(ENV_TOKEN_FILE, "").strip():
        try:
            tokens.update(_pairs(Path(path).expanduser().read_text(encoding="utf-8"), ENV_TOKEN_FILE))
        except OSError as exc:
            raise BadInputError(N_("{ENV_TOKEN_FILE} names a file that cannot be read ({strerror})."),
                                ENV_TOKEN_FILE=ENV_TOKEN_FILE, strerror=os_reason(exc)) from None
    tokens.update(_pairs(os.environ.get(ENV_TOKENS, ""), ENV_TOKENS))
    return tokens


def load_credentials(hosts: tuple[str, ...] | list[str]) -> Credentials:
    """Tokens for the hosts the user trusted (settings keep the host names, the keyring the tokens),
    plus HF_TOKEN or the hub's token file for the official hub only, MODELSCOPE_API_TOKEN for ModelScope
    (or the MODELSCOPE_ENDPOINT the official client is pointed at), and MODELDESK_TOKENS /
    MODELDESK_TOKEN_FILE for their hosts (these win: they are this run's)."""
    tokens: dict[str, str] = {}
    official = os.environ.get(ENV_HF_TOKEN, "").strip()
    if not official:
        try:
            official = hub_token_file().read_text(encoding="utf-8").strip()
        except OSError:
            official = ""
    if official:
        tokens[OFFICIAL_HUB_HOST] = official
    if ms_token := ms_token_from_env():  # as the official modelscope client: its hub, or the endpoint it is told
        for origin in ("https://modelscope.cn", "https://www.modelscope.cn", *ms_endpoints_from_env()):
            tokens[origin] = ms_token
    for account in hosts:
        scope = scope_of(account)
        if scope is None:
            log.warning("a stored token has no usable host (%r); it is never sent", account)
            continue
        try:
            token = get_token(account)
        except KeyringUnavailable as exc:
            log.warning("tokens unavailable: %s", exc)
            break
        if token:
            tokens[scope] = token
    tokens.update(env_tokens())
    return Credentials(tokens)
