"""Just enough of a Dockerfile reader for the checks in test_compose.py.

:func:`instructions` joins ``\\`` continuations and drops comments; :func:`copy_sources` and
:func:`exec_form` read the two argument shapes the checks need.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass

__all__ = ["Copy", "Instruction", "copy_sources", "exec_form", "instructions"]


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper-cased: FROM, COPY, CMD...
    arguments: str
    stage: str  # the ``AS`` name of the build stage it is in, or its index as text


@dataclass(frozen=True)
class Copy:
    sources: tuple[str, ...]
    destination: str
    from_stage: str | None


def instructions(text: str) -> list[Instruction]:
    result: list[Instruction] = []
    stage = ""
    stages = 0
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue  # comments may sit inside a continued instruction, too
        if line.endswith("\\"):
            pending += line[:-1].strip() + " "
            continue
        keyword, _, arguments = (pending + line).partition(" ")
        pending = ""
        keyword = keyword.upper()
        if keyword == "FROM":
            words = arguments.split()
            as_name = words[2] if len(words) == 3 and words[1].upper() == "AS" else None
            stage = as_name or str(stages)
            stages += 1
        result.append(Instruction(keyword, arguments.strip(), stage))
    if pending:
        raise ValueError("the Dockerfile ends inside a continued instruction")
    return result


def exec_form(arguments: str) -> list[str]:
    """The arguments of a JSON-array (exec form) CMD/ENTRYPOINT/HEALTHCHECK CMD."""
    words = json.loads(arguments)
    if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
        raise ValueError(f"not an exec-form array: {arguments}")
    return words


def copy_sources(instruction: Instruction) -> Copy:
    words = shlex.split(instruction.arguments)
    flags = [w for w in words if w.startswith("--")]
    paths = [w for w in words if not w.startswith("--")]
    unsupported = [f for f in flags if not f.startswith(("--from=", "--chown=", "--chmod="))]
    if unsupported or len(paths) < 2:
        raise ValueError(f"unsupported COPY: {instruction.arguments}")
    from_stage = next((f.split("=", 1)[1] for f in flags if f.startswith("--from=")), None)
    return Copy(tuple(paths[:-1]), paths[-1], from_stage)
