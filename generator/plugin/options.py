"""The plugin's options as MkDocs config options, made from their one declaration in `base.config`."""

from __future__ import annotations

from typing import TypeVar

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from ..base.config import (
    AUTOLINK,
    AUTOLINK_EXCLUDE,
    CACHE_DIR,
    CHECK_MENTIONS,
    COUNTRY_ALIASES,
    FEED_ENTRIES,
    GIT_HISTORY,
    GIT_REDIRECTS,
    HOME_LATEST,
    NOT_BRIEFS,
    OG_IMAGE,
    PAIR_MIN_BRIEFS,
    PARALLEL_THRESHOLD,
    RAW_HTML,
    RELATED_COUNT,
    ROLES,
    SEARCH,
    SEARCH_SHARD_BRIEFS,
    Option,
)

T = TypeVar("T")


def _typed(option: Option[T]) -> c.Type[T]:
    return c.Type(option.kind, default=option.default)


class _Checked(c.Type[T]):
    """An option whose contents the core checks (`Option.contents`): the build refuses what `check` refuses,
    with the same message."""

    def __init__(self, option: Option[T]) -> None:
        super().__init__(option.kind, default=option.default)
        self.option = option

    def run_validation(self, value: object) -> T:
        checked = super().run_validation(value)
        problem = self.option.check(checked)
        if problem:
            raise ValidationError(problem)
        return checked


def _choice(option: Option[str]) -> c.Choice[str]:
    return c.Choice(option.choices, default=option.default)


def _strings(option: Option[list[str]]) -> c.ListOfItems[str]:
    return c.ListOfItems(c.Type(str), default=option.default)


class BriefingConfig(base.Config):
    """Options under `plugins: - briefing:` in mkdocs.yml (documented in the README); a test pins them to
    `base.config.OPTIONS`, which the checker validates by."""

    autolink = _typed(AUTOLINK)
    autolink_exclude = _strings(AUTOLINK_EXCLUDE)
    country_aliases = _typed(COUNTRY_ALIASES)
    not_briefs = _strings(NOT_BRIEFS)
    related_count = _typed(RELATED_COUNT)
    raw_html = _choice(RAW_HTML)
    check_mentions = _typed(CHECK_MENTIONS)
    feed_entries = _typed(FEED_ENTRIES)
    home_latest = _typed(HOME_LATEST)
    search = _typed(SEARCH)
    parallel_threshold = _typed(PARALLEL_THRESHOLD)
    cache_dir = _typed(CACHE_DIR)
    roles = _Checked(ROLES)
    pair_min_briefs = _Checked(PAIR_MIN_BRIEFS)
    og_image = _Checked(OG_IMAGE)
    git_redirects = _typed(GIT_REDIRECTS)
    git_history = _typed(GIT_HISTORY)
    search_shard_briefs = _Checked(SEARCH_SHARD_BRIEFS)
