"""The unified GraphQL schema.

Kept free of strawberry on purpose: adapters import :mod:`schema.records` cheaply, and only
:mod:`schema.root` (and what it imports) pulls in strawberry.
"""

__all__: list[str] = []
