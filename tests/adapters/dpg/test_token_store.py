"""The refresh-token store writes atomically and reads back only whole grants."""

from __future__ import annotations

from pathlib import Path

from adapters.dpg.token_store import StoredGrant, TokenStore


def test_a_saved_grant_reads_back(tmp_path: Path) -> None:
    store = TokenStore(tmp_path / "nested" / "token.json")
    store.save(StoredGrant("r1", "acc"))
    store.save(StoredGrant("r2", "acc"))
    assert store.read() == StoredGrant("r2", "acc")
    assert [p.name for p in store.path.parent.iterdir()] == ["token.json"]  # no temp left


def test_a_missing_or_garbled_file_reads_as_nothing(tmp_path: Path) -> None:
    assert TokenStore(tmp_path / "absent.json").read() is None
    garbled = tmp_path / "garbled.json"
    garbled.write_text('{"refresh_token": 5')
    assert TokenStore(garbled).read() is None
    partial = tmp_path / "partial.json"
    partial.write_text('{"refresh_token": "r"}')
    assert TokenStore(partial).read() is None
