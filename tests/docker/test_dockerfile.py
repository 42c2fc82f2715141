"""The Dockerfile reader used by the compose checks."""

from __future__ import annotations

import pytest

from tests.docker.dockerfile import Instruction, copy_sources, exec_form, instructions

TEXT = """\
# syntax=docker/dockerfile:1
FROM node:20-slim AS ui
COPY ui/package.json \\
    # a comment inside a continued instruction
    ui/package-lock.json ui/
FROM python:3.11-slim
COPY --from=ui --chown=app /app/ui/node_modules ui/node_modules
CMD ["gallery-gateway", "serve"]
"""


def test_continuations_are_joined_and_each_instruction_knows_its_stage():
    assert instructions(TEXT) == [
        Instruction("FROM", "node:20-slim AS ui", "ui"),
        Instruction("COPY", "ui/package.json ui/package-lock.json ui/", "ui"),
        Instruction("FROM", "python:3.11-slim", "1"),
        Instruction("COPY", "--from=ui --chown=app /app/ui/node_modules ui/node_modules", "1"),
        Instruction("CMD", '["gallery-gateway", "serve"]', "1"),
    ]


def test_copy_sources_separate_the_sources_the_destination_and_the_stage():
    first, second = [copy_sources(i) for i in instructions(TEXT) if i.keyword == "COPY"]
    assert (first.sources, first.destination, first.from_stage) == (
        ("ui/package.json", "ui/package-lock.json"),
        "ui/",
        None,
    )
    assert (second.sources, second.from_stage) == (("/app/ui/node_modules",), "ui")


def test_an_unknown_copy_flag_or_a_shell_form_command_is_refused():
    with pytest.raises(ValueError, match="unsupported COPY"):
        copy_sources(Instruction("COPY", "--link a b", "0"))
    with pytest.raises(ValueError):
        exec_form("gallery-gateway serve")
