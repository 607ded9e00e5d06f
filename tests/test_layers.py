"""The layer rules of design.md, checked on every import statement of the package."""

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "modeldesk"

# module prefix → the only places (package-relative) that may import it directly
ALLOWED = {
    "libtorrent": ("core/torrent/",),
    "requests": ("core/http/",),
    "keyring": ("core/config/secrets.py",),
    "PySide6": ("ui/", "bridge.py", "servers_bridge.py", "bridge/", "app.py"),
    "qasync": ("ui/", "bridge.py", "bridge/", "app.py"),
}


def _imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module.split(".")[0]


def test_only_the_owning_layer_imports_each_library():
    violations = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG).as_posix()
        for mod in _imports(ast.parse(path.read_text(), str(path))):
            allowed = ALLOWED.get(mod)
            if allowed and not rel.startswith(allowed):
                violations.append(f"{rel} imports {mod}")
    assert not violations, violations
    assert len(list(PKG.rglob("*.py"))) > 10, "the walk must actually see the package"


def test_modules_stay_small():
    big = [(p.name, n) for p in PKG.rglob("*.py") if (n := len(p.read_text().splitlines())) > 500]
    assert not big, big
