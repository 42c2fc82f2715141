"""A small cache of ETag'd GET answers, so repeated reads (Operation polls above all) cost an
empty ``304`` instead of a body."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

__all__ = ["CachedAnswer", "ETagCache"]


@dataclass(frozen=True)
class CachedAnswer:
    etag: str
    content: bytes
    headers: dict[str, str]


class ETagCache:
    """Least-recently-used answers by request target, at most ``size`` of them."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._answers: OrderedDict[str, CachedAnswer] = OrderedDict()

    def get(self, target: str) -> CachedAnswer | None:
        answer = self._answers.get(target)
        if answer is not None:
            self._answers.move_to_end(target)
        return answer

    def put(self, target: str, answer: CachedAnswer) -> None:
        self._answers[target] = answer
        self._answers.move_to_end(target)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)

    def clear(self) -> None:
        self._answers.clear()
