"""Gallery Gateway: the process (app factory, config, CLI, GraphQL view, limits, errors)."""

__version__ = "0.1.0"
__all__ = ["__version__"]
