"""`new`: write a brief or an actor file that passes the checker, at its conventional path."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from pathlib import Path

from ..base.config import CoreConfig
from ..base.text import slugify
from ..corpus.countries import CountryResolver
from ..corpus.registry import ActorRegistry
from ..corpus.sources import discover, read_files
from ..reading.fields import SLUG
from ..reading.parse import parse_actor, parse_brief
from ..reading.schema import NAME_MAX, ROLE_MAX, SUMMARY_MAX, TITLE_MAX

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .()'’-]*")
_YAML_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null"}
# JSON escapes C0 controls; these YAML also refuses raw (DEL, C1 controls, non-characters, a stray BOM) or
# reads as line breaks (NEL, LS, PS). Escaped as \uXXXX, which YAML reads in double quotes just as JSON does.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_SLUG_LENGTH = 60


class ScaffoldError(Exception):
    pass


def yaml_string(value: str) -> str:
    """A YAML scalar that reads back as exactly ``value``: plain when safe, else double-quoted."""
    if _PLAIN.fullmatch(value) and value.lower() not in _YAML_WORDS and not value.endswith((" ", ".")):
        return value
    if _SURROGATE.search(value):  # nothing can write it as UTF-8 (undecodable bytes on the command line)
        raise ScaffoldError(f"'{value.encode('utf-8', 'replace').decode()}' is not valid text")
    quoted = json.dumps(value, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _one_line(what: str, value: str, limit: int) -> str:
    """An argument as the checker will read it (runs of spaces folded), refused if it is too long."""
    value = " ".join(value.split())
    if len(value) > limit:
        raise ScaffoldError(f"the {what} is {len(value)} characters; the limit is {limit}")
    return value


def yaml_list(values: Sequence[str]) -> str:
    return "[" + ", ".join(yaml_string(v) for v in values) + "]"


def _roled_list(names: Sequence[str], roles: Sequence[str]) -> str:
    """A list of names, each with its role when it has one: `[Xi Jinping: perpetrator, Joe Biden]`."""
    return "[" + ", ".join(yaml_string(n) + (f": {r}" if r else "") for n, r in zip(names, roles, strict=True)) + "]"


def _with_role(entry: str, kind: str, config: CoreConfig) -> tuple[str, str]:
    """A name as `new brief` takes it, with an optional role after its last colon: `"Xi Jinping:perpetrator"`."""
    name, colon, role = entry.rpartition(":")
    if not colon:
        return entry, ""
    roles = config.roles.of(kind)
    role = role.strip().lower()
    if role not in roles:
        plural = "actors" if kind == "actor" else "countries"
        known = ", ".join(roles) or "none (plugin option 'roles' in mkdocs.yml)"
        raise ScaffoldError(f"'{role}' in '{entry}' is not a role of {plural}; the roles of {plural} are: {known}")
    return name.strip(), role


def _split(values: Sequence[str]) -> list[str]:
    """Accept both `--actors A B` and `--actors "A, B"`."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _short_slug(title: str) -> str:
    slug = slugify(title)
    if len(slug) > MAX_SLUG_LENGTH:
        slug = slug[:MAX_SLUG_LENGTH].rsplit("-", 1)[0]
    return slug


def _registry(root: Path, config: CoreConfig) -> tuple[ActorRegistry, CountryResolver]:
    resolver = CountryResolver(config.country_aliases)
    files = discover(root, config)
    actors = read_files(root, files.actors, [])  # an unreadable file is the checker's to report
    registry, _ = ActorRegistry.build((parse_actor(path, data) for path, data in actors), resolver)
    return registry, resolver


def _slugs_in_use(root: Path, config: CoreConfig) -> dict[str, str]:
    """Every brief's slug -> its path, read by the parser the checker uses: its 'slug:' if valid, else its file name."""
    used: dict[str, str] = {}
    for path, data in read_files(root, discover(root, config).briefs, []):
        used.setdefault(parse_brief(path, data).slug.value, path)
    return used


def _write_new(path: Path, content: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
    except FileExistsError:
        raise ScaffoldError(f"{path} already exists; not overwriting it") from None
    return path


def new_brief(
    root: Path,
    config: CoreConfig,
    *,
    title: str,
    date: str | None,
    summary: str,
    actors: Sequence[str],
    countries: Sequence[str],
    topics: Sequence[str],
) -> Path:
    title = _one_line("title", title, TITLE_MAX)
    summary = _one_line("summary", summary, SUMMARY_MAX)
    if not title:
        raise ScaffoldError("the title is empty")
    try:
        day = dt.date.fromisoformat(date) if date else dt.date.today()
    except ValueError:
        raise ScaffoldError(f"--date '{date}' is not a date in the form YYYY-MM-DD") from None
    slug = _short_slug(title)
    if not slug or not SLUG.fullmatch(slug):
        raise ScaffoldError(f"cannot make a file name from the title '{title}'")
    relative = f"{day.year}/{slug}.md"
    owner = _slugs_in_use(root, config).get(slug, relative)
    if owner != relative:  # the same path is refused below, as an existing file
        raise ScaffoldError(
            f"the slug '{slug}' is already used by {root / owner}; give the new brief a different title"
        )
    for topic in _split(topics):
        if not slugify(topic):
            raise ScaffoldError(f"topic '{topic}' has no letters or digits to make a slug from")

    registry, resolver = _registry(root, config)
    actor_names = []
    actor_roles: list[str] = []
    for entry in _split(actors):
        written, role = _with_role(entry, "actor", config)
        actor_roles.append(role)
        found = registry.resolve(written)
        if found is None:
            suggestion = registry.suggest(written)
            maybe = f" (did you mean '{suggestion}'?)" if suggestion else ""
            raise ScaffoldError(
                f"'{written}' is not a registered actor{maybe}; register it first: "
                f'python -m generator new actor "{written}"'
            )
        actor_names.append(registry.actors[found].name)
    codes = []
    country_roles: list[str] = []
    for entry in _split(countries):
        written, role = _with_role(entry, "country", config)
        country_roles.append(role)
        code = resolver.resolve(written)
        if code is None:
            suggestion = resolver.suggest(written)
            raise ScaffoldError(
                f"'{written}' is not a known country" + (f" (did you mean '{suggestion}'?)" if suggestion else "")
            )
        codes.append(code)
    if not codes:  # Default to the home countries of the actors named.
        codes = list(dict.fromkeys(c for a in actor_names if (c := registry.actors[registry.resolve(a) or ""].country)))
        country_roles = [""] * len(codes)

    lines = [
        "---",
        f"title: {yaml_string(title)}",
        f"date: {day.isoformat()}",
        f"summary: {yaml_string(summary or 'One or two plain sentences: what happened, who, where.')}",
        f"actors: {_roled_list(actor_names, actor_roles)}",
        f"countries: {_roled_list(codes, country_roles)}",
    ]
    if topics:
        lines.append(f"topics: {yaml_list(_split(topics))}")
    lines += ["sources:", "  - publisher: Publisher name", "status: draft", "---", "", "Write the brief here.", ""]
    return _write_new(root / relative, "\n".join(lines))


def new_actor(
    root: Path,
    config: CoreConfig,
    *,
    name: str,
    aliases: Sequence[str],
    kind: str | None,
    country: str | None,
    role: str,
) -> Path:
    name = _one_line("name", name, NAME_MAX)
    role = _one_line("role", role, ROLE_MAX)
    slug = _short_slug(name)
    if not slug:
        raise ScaffoldError(f"cannot make a file name from the name '{name}'")
    registry, resolver = _registry(root, config)
    for claim in (name, *_split(aliases)):
        owner = registry.resolve(claim)
        if owner is not None:
            raise ScaffoldError(
                f"'{claim}' already names {registry.actors[owner].name} ({registry.actors[owner].path})"
            )
    lines = ["---", f"name: {yaml_string(name)}"]
    if aliases:
        lines.append(f"aliases: {yaml_list(_split(aliases))}")
    if kind:
        lines.append(f"kind: {kind}")
    if country:
        code = resolver.resolve(country)
        if code is None:
            raise ScaffoldError(f"'{country}' is not a known country")
        lines.append(f"country: {code}")
    if role:
        lines.append(f"role: {yaml_string(role)}")
    lines += ["---", "", f"A short, neutral profile of {name}.", ""]
    return _write_new(root / "actors" / f"{slug}.md", "\n".join(lines))
