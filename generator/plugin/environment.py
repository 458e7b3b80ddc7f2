"""The theme's Jinja environment as the plugin's templates need it."""

from __future__ import annotations

from jinja2 import ChoiceLoader, DictLoader, Environment

from .build_cache import CACHED_OUTPUT, CACHED_TEMPLATE
from .list_entries import BRIEF_ITEM, CHIP_ITEM, list_entries_global
from .url_filter import Fallbacks, fast_url_filter


def prepare_environment(env: Environment, *, cached: bool) -> None:
    """Autoescape on, the fast `url` filter, the list-entry globals; with ``cached`` (a build cache in use) the
    template a cached page prints its cached output through."""
    # Everything from front matter is escaped: templates mark only rendered bodies as safe.
    env.autoescape = True
    fallbacks = Fallbacks()
    env.filters["url"] = fast_url_filter(env.filters["url"], fallbacks)
    env.globals["brief_items"] = list_entries_global(env, BRIEF_ITEM, fallbacks)
    env.globals["chip_items"] = list_entries_global(env, CHIP_ITEM, fallbacks)
    if cached:
        env.loader = ChoiceLoader([DictLoader({CACHED_TEMPLATE: f"{{{{ {CACHED_OUTPUT} }}}}"}), env.loader])  # type: ignore[list-item]
