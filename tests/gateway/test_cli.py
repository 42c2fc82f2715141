"""The command line: config errors stop `serve` with a message naming the key, exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from gateway.cli import main


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "gateway.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_config_error_exits_2_naming_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    config = write(tmp_path, '[[sources]]\nname = "cms"\nkind = "cms"\nbase_url = "nope"\n')
    assert main(["serve", "--config", str(config)]) == 2
    assert "config error: sources.cms.base_url: must be an http(s) URL" in capsys.readouterr().err


def test_a_setting_the_adapter_refuses_is_a_config_error_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    config = write(
        tmp_path,
        '[[sources]]\nname = "dpg"\nkind = "dpg"\nbase_url = "https://dpg.example/v1"\n'
        'credentials = {}\noptions = { operation_deadline = "soon" }\n',
    )
    assert main(["serve", "--config", str(config)]) == 2
    assert "config error: sources.dpg:" in capsys.readouterr().err


def test_a_non_finite_number_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    config = write(
        tmp_path,
        '[limits]\nrequest_timeout = nan\n[[sources]]\nname = "cms"\nkind = "cms"\n'
        'base_url = "https://cms.example/api/v1"\n',
    )
    assert main(["serve", "--config", str(config)]) == 2
    assert "limits.request_timeout: expected float" in capsys.readouterr().err


def test_emulate_refuses_an_unknown_kind(capsys: pytest.CaptureFixture[str]):
    assert main(["emulate", "flickr", "--port", "9999"]) == 2
    assert "unknown kind 'flickr'" in capsys.readouterr().err
