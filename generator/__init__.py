"""Briefing: a static site generator for briefs on events, their actors and countries.

The core (load, validate, resolve, index) knows nothing of MkDocs; ``generator.plugin``
adapts it to MkDocs.
"""

from .base.config import CoreConfig
from .base.diagnostics import Diagnostic, Severity
from .base.model import Actor, Brief, Corpus, Country, Source, Topic
from .corpus.loader import LoadResult, load

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
