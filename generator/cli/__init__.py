"""Stage 6, the command line: `check` and `new`."""

from .main import main

__all__ = ["main"]
