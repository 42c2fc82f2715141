"""The committed SDL is the schema: export-schema must print it byte for byte."""

from __future__ import annotations

from pathlib import Path

from gateway.cli import main
from schema.root import sdl

COMMITTED = Path(__file__).resolve().parents[2] / "schema" / "schema.graphql"


def test_the_committed_sdl_matches_the_schema():
    assert COMMITTED.read_text(encoding="utf-8") == sdl(), (
        "schema changed: run `gallery-gateway export-schema --output schema/schema.graphql`"
    )


def test_export_schema_prints_the_committed_sdl(capsys):
    assert main(["export-schema"]) == 0
    assert capsys.readouterr().out == COMMITTED.read_text(encoding="utf-8")


def test_every_node_type_is_a_federation_entity_keyed_by_id():
    text = sdl()
    for name in ("Collection", "Gallery", "Set", "Image", "Operation"):
        assert f"type {name} implements Node" in text
        line = next(line for line in text.splitlines() if line.startswith(f"type {name} "))
        assert '@key(fields: "id")' in line
