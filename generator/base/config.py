"""The plugin's options, declared once, and the core's own settings derived from them.

MkDocs validates the options for a build (``generator.plugin.options`` turns these declarations into its
config options); the checker reads mkdocs.yml without MkDocs and validates them here, by the same rules,
so an option the build would refuse is refused by `check` too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from .languages import DEFAULT as DEFAULT_LANGUAGE
from .languages import site_language
from .roles import (
    DEFAULT_ROLES,
    KINDS,
    LABEL_MAX,
    ROLE_FIELDS,
    ROLE_KEY,
    RoleVocabulary,
    default_option,
    vocabulary_from_option,
)
from .text import did_you_mean

# Folders and files of the briefs folder that are never briefs.
RESERVED_DIRS = ("actors", "countries", "topics", "pairs", "b")
HOME_PAGE = "index.md"

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One option under `plugins: - briefing:` in mkdocs.yml.

    A value must be an instance of ``kind`` (as MkDocs' ``Type`` checks it: ``true`` is an int too), one of
    ``choices`` when there are any, and, for a list, made of ``item_kind``; ``contents`` lists the problems
    inside a value of the right kind (a nested mapping's). A missing or empty (null) value is the default.
    Defaults are never mutated: MkDocs and `validate_options` hand out copies.
    """

    name: str
    kind: type[T]
    default: T
    doc: str
    choices: tuple[T, ...] = ()
    item_kind: type | None = None
    contents: Callable[[Any], list[str]] | None = None

    def check(self, value: object) -> str | None:
        """Why ``value`` is not valid for this option, or None."""
        if self.choices:
            if value in self.choices:
                return None
            listed = ", ".join(f"'{c}'" for c in self.choices)
            suggestion = did_you_mean(str(value), [str(c) for c in self.choices]) if isinstance(value, str) else None
            maybe = f" (did you mean '{suggestion}'?)" if suggestion else ""
            written = f"'{value}'" if isinstance(value, str) else _shown(value)
            return f"{written} is not one of {listed}{maybe}"
        if not isinstance(value, self.kind):
            return f"expected {_KIND_NAMES[self.kind]}, got {_shown(value)}"
        if self.item_kind is not None and isinstance(value, list):
            wrong = next((item for item in value if not isinstance(item, self.item_kind)), None)
            if wrong is not None:
                return f"expected a list of {_KIND_NAMES[self.item_kind]}s, got an item {_shown(wrong)}"
        if self.contents is not None:
            return "; ".join(self.contents(value)) or None
        return None


_KIND_NAMES: dict[type, str] = {
    bool: "true or false",
    int: "a whole number",
    str: "a string",
    dict: "a mapping",
    list: "a list",
}


def _shown(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"the string '{value}'"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"a {type(value).__name__.replace('dict', 'mapping')}"


AUTOLINK = Option("autolink", bool, True, "link actor and country names in brief bodies to their pages")
AUTOLINK_EXCLUDE: Option[list[str]] = Option(
    "autolink_exclude", list, [], "phrases inside which no actor or country name is autolinked", item_kind=str
)
COUNTRY_ALIASES: Option[dict[str, str]] = Option(
    "country_aliases", dict, {}, "extra country names: alias -> ISO code or English name"
)
NOT_BRIEFS: Option[list[str]] = Option(
    "not_briefs", list, [], "gitignore-style patterns of Markdown pages that are not briefs", item_kind=str
)
RELATED_COUNT = Option("related_count", int, 5, "how many related briefs a brief's page lists")
RAW_HTML = Option(
    "raw_html", str, "sanitize", "raw HTML in bodies: cleaned to a safe subset, or refused as an error",
    choices=("sanitize", "refuse"),
)  # fmt: skip
CHECK_MENTIONS = Option("check_mentions", bool, True, "warn when a body names an actor or country it does not list")
FEED_ENTRIES = Option("feed_entries", int, 50, "how many briefs each feed holds")
HOME_LATEST = Option("home_latest", int, 10, "how many of the latest briefs the home page lists")
SEARCH = Option("search", bool, True, "build the search page and its index")
PARALLEL_THRESHOLD = Option(
    "parallel_threshold", int, 1000,
    "sites with at least this many briefs render part of their Markdown in a second process (0: never)",
)  # fmt: skip

GIT_REDIRECTS = Option(
    "git_redirects", bool, True,
    "redirect the old addresses of briefs renamed or moved in the site's git history (nothing outside git)",
)  # fmt: skip
GIT_HISTORY = Option(
    "git_history", bool, True,
    "show each brief's revisions from the site's git history, and date its last change by them (nothing outside git)",
)  # fmt: skip
CACHE_DIR = Option(
    "cache_dir", str, "",
    "a folder for a build cache kept between `mkdocs build` runs, relative to mkdocs.yml ('': no cache)",
)  # fmt: skip


def _image_problems(value: str) -> list[str]:
    # Open Graph readers fetch the image on their own: it must be a file of this site or an absolute http(s) URL.
    parsed = urlsplit(value)
    if not value or (parsed.scheme in ("http", "https") and parsed.netloc) or not (parsed.scheme or parsed.netloc):
        return []
    return [f"expected a path relative to the site root (such as 'assets/card.png') or an absolute http(s) URL, "
            f"got '{value}'"]  # fmt: skip


OG_IMAGE = Option(
    "og_image", str, "",
    "the image of every page's link preview (og:image): a path relative to the site root, or an http(s) URL",
    contents=_image_problems,
)  # fmt: skip


def _at_least_one(value: int) -> list[str]:
    # MkDocs' Type(int) takes `true` for 1: a switch where a number is meant is a mistake worth naming.
    if isinstance(value, bool):
        return [f"expected a whole number, got {_shown(value)}"]
    return [] if value >= 1 else [f"must be at least 1, got {value}"]


PAIR_MIN_BRIEFS = Option(
    "pair_min_briefs", int, 2,
    "a pair of countries gets a page when at least this many briefs name both (it bounds the number of pages)",
    contents=_at_least_one,
)  # fmt: skip
SEARCH_SHARD_BRIEFS = Option(
    "search_shard_briefs", int, 4000,
    "briefs per search-index shard: a larger site's index is cut into shards of this size, built one at a time and "
    "searched newest first (it bounds the indexer's memory and a reader's first download)",
    contents=_at_least_one,
)  # fmt: skip


def _roles_problems(value: dict[Any, Any]) -> list[str]:
    """Every problem of a `roles` value, each saying where it is (``actors.perp: …``)."""
    problems: list[str] = []
    for kind, roles in value.items():
        if kind not in KINDS:
            problems.append(_unknown_key(kind, KINDS))
        elif roles is not None and not isinstance(roles, dict):
            problems.append(f"{kind}: expected a mapping of role -> {{label, plural}}, got {_shown(roles)}")
        else:
            for key, role in (roles or {}).items():
                problems.extend(f"{kind}.{key}: {problem}" for problem in _role_problems(key, role))
    return problems


def _role_problems(key: object, role: object) -> list[str]:
    problems = []
    if not isinstance(key, str) or not ROLE_KEY.fullmatch(key):
        # Authors write the key in front matter, and briefs.csv writes it in 'slug:role' cells.
        problems.append("a role's key may only use a-z, 0-9 and single hyphens")
    if not isinstance(role, dict):
        return [*problems, f"expected a mapping with 'label' and 'plural', got {_shown(role)}"]
    problems.extend(_unknown_key(name, ROLE_FIELDS) for name in role if name not in ROLE_FIELDS)
    for name in ROLE_FIELDS:
        text = role.get(name)
        if name not in role:
            problems.append(f"'{name}' is missing")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"'{name}' must be some text, got {_shown(text)}")
        elif len(text) > LABEL_MAX:
            problems.append(f"'{name}' is {len(text)} characters; the limit is {LABEL_MAX}")
    return problems


def _unknown_key(name: object, known: tuple[str, ...]) -> str:
    suggestion = did_you_mean(name, known) if isinstance(name, str) else None
    maybe = f" (did you mean '{suggestion}'?)" if suggestion else ""
    written = f"'{name}'" if isinstance(name, str) else _shown(name)
    return f"unknown key {written}{maybe}; the keys are {', '.join(repr(k) for k in known)}"


ROLES: Option[dict[str, Any]] = Option(
    "roles", dict, default_option(),
    "the roles briefs may give actors and countries: actors/countries -> role key -> {label, plural}",
    contents=_roles_problems,
)  # fmt: skip

OPTIONS: tuple[Option[Any], ...] = (
    AUTOLINK, AUTOLINK_EXCLUDE, COUNTRY_ALIASES, NOT_BRIEFS, RELATED_COUNT, RAW_HTML, CHECK_MENTIONS, FEED_ENTRIES, HOME_LATEST,
    SEARCH, PARALLEL_THRESHOLD, CACHE_DIR, ROLES, PAIR_MIN_BRIEFS, OG_IMAGE, GIT_REDIRECTS, GIT_HISTORY,
    SEARCH_SHARD_BRIEFS,
)  # fmt: skip


def validate_options(raw: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Every option's value, as written or its default, and one message per invalid value (all of them).

    Names the plugin does not know are left to MkDocs, which only warns about them.
    """
    values: dict[str, Any] = {}
    problems: list[str] = []
    for option in OPTIONS:
        value = raw.get(option.name)
        if value is None:
            value = _copy(option.default)
        problem = option.check(value)
        if problem:
            problems.append(f"option '{option.name}': {problem}")
        values[option.name] = value
    return values, problems


def _copy(value: T) -> T:
    return value.copy() if isinstance(value, dict | list) else value  # type: ignore[return-value]


@dataclass(frozen=True)
class CoreConfig:
    """The options that change how briefs are read and checked, independent of MkDocs."""

    country_aliases: dict[str, str] = field(default_factory=dict)
    # gitignore-style patterns, relative to the briefs folder, of Markdown pages that are not briefs.
    not_briefs: tuple[str, ...] = tuple(NOT_BRIEFS.default)
    check_mentions: bool = CHECK_MENTIONS.default
    # "sanitize": raw HTML in bodies is cleaned to a safe subset; "refuse": it is an error.
    raw_html: str = RAW_HTML.default
    roles: RoleVocabulary = DEFAULT_ROLES
    # The site's language, a canonical BCP 47 tag: MkDocs' `theme.locale`, not a plugin option (see `site_language`).
    lang: str = DEFAULT_LANGUAGE


def core_config_from_options(options: Mapping[str, Any], *, locale: object = None) -> CoreConfig:
    """The core's settings from validated options (MkDocs' or `validate_options`'); a missing one is its default.
    ``locale``: the theme's, which gives the site's language."""
    aliases = options.get(COUNTRY_ALIASES.name) or {}
    not_briefs = options.get(NOT_BRIEFS.name) or []
    return CoreConfig(
        # YAML reads some keys and values as other types (`NO: Norway` has the key false): names are text.
        country_aliases={str(k): str(v) for k, v in aliases.items()},
        not_briefs=tuple(str(p) for p in not_briefs),
        check_mentions=bool(options.get(CHECK_MENTIONS.name, CHECK_MENTIONS.default)),
        raw_html=str(options.get(RAW_HTML.name, RAW_HTML.default)),
        roles=vocabulary_from_option(options.get(ROLES.name)),
        lang=site_language(locale),
    )
