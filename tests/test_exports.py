"""Every source module says what it exports, and exports only what it defines."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = sorted(
    ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
    for package in ("adapters", "gateway", "schema")
    for path in (ROOT / package).rglob("*.py")
    if path.name != "__main__.py"
)


@pytest.mark.parametrize("name", MODULES)
def test_the_module_declares_all_and_every_name_in_it_exists(name: str):
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    missing = [item for item in exported if not hasattr(module, item)]
    assert missing == []


def test_adapters_import_neither_strawberry_nor_the_gateway():
    offenders = []
    for path in (ROOT / "adapters").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(ROOT)}: {n}"
                for n in names
                if n.split(".")[0] in ("strawberry", "gateway")
            ]
    assert offenders == []


def test_the_schema_never_imports_httpx_or_the_gateway():
    offenders = []
    for path in (ROOT / "schema").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        offenders += [
            str(path.relative_to(ROOT))
            for bad in ("import httpx", "from httpx", "from gateway", "import gateway")
            if bad in text
        ]
    assert offenders == []


def test_adapter_kinds_do_not_import_one_another():
    kinds = {"cms", "dpg", "pixieset", "iiif"}
    offenders = []
    for kind in kinds:
        for path in (ROOT / "adapters" / kind).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    parts = node.module.split(".")
                    if parts[0] == "adapters" and len(parts) > 1 and parts[1] in kinds - {kind}:
                        offenders.append(f"{path.relative_to(ROOT)}: {node.module}")
    assert offenders == []
