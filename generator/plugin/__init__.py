"""Stage 5, the MkDocs adapter: the only code that imports MkDocs."""

from .events import BriefingPlugin

__all__ = ["BriefingPlugin"]
