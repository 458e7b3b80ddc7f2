"""Briefing: a static site generator for briefs on events, their actors and countries.

The core (load, validate, resolve, index) knows nothing of MkDocs; ``generator.plugin``
adapts it to MkDocs.
"""

from .config import CoreConfig
from .diagnostics import Diagnostic, Severity
from .loader import LoadResult, load
from .model import Actor, Brief, Corpus, Country, Source, Topic

__all__ = [
    "Actor",
    "Brief",
    "CoreConfig",
    "Corpus",
    "Country",
    "Diagnostic",
    "LoadResult",
    "Severity",
    "Source",
    "Topic",
    "load",
]
