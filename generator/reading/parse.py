"""Per-file parsing: a pure function of a file's path and bytes.

Nothing here looks at other files, so results can be cached by content hash
and recomputed only for the files that change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..base.lines import LineIndex
from ..base.model import Listed, Located, Source, Topic
from ..base.text import slugify
from . import frontmatter
from .body_rules import check_body, find_level_one_headings
from .complexity import find_costly_markdown
from .fields import SLUG, FieldContext, read_mapping
from .schema import ACTOR_FIELDS, COUNTRY_PROFILE_FIELDS, TOPIC_MAX, read_brief_fields


@dataclass(frozen=True)
class ParsedBrief:
    """A brief as written, before actors and countries are resolved."""

    path: str
    slug: Located
    title: str | None
    date: dt.date | None
    summary: str | None
    actors: tuple[Listed, ...]
    countries: tuple[Listed, ...]
    topics: tuple[Topic, ...]
    sources: tuple[Source, ...]
    status: str
    updated: dt.date | None
    confidence: str | None
    body: str
    body_line: int
    diagnostics: tuple[Diagnostic, ...]
    redirect_from: tuple[Located, ...] = ()
    lang: Located | None = None  # canonical tag; None: the site's language
    translation_of: Located | None = None  # the original's slug
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # field name -> (line, column) of its key


@dataclass(frozen=True)
class ParsedActor:
    path: str
    slug: str
    name: Located | None
    aliases: tuple[Located, ...]
    kind: str | None
    country: Located | None
    role: str
    wikidata: str
    body: str
    body_line: int
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class ParsedProfile:
    path: str
    values: dict[str, Any] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    diagnostics: tuple[Diagnostic, ...] = ()


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _front_matter(path: str, data: bytes, *, required: bool) -> tuple[DiagnosticSink, frontmatter.SplitFile | None]:
    """The file split into front matter and body; the body is checked for what the safety gate removes."""
    sink = DiagnosticSink(path)
    text = frontmatter.decode(data, sink)
    if text is None:
        return sink, None
    split = frontmatter.split(text, sink, required=required)
    _check_rendering_cost(split, sink)
    check_body(split.body, split.body_line, sink)
    return sink, split


def _check_rendering_cost(split: frontmatter.SplitFile, sink: DiagnosticSink) -> None:
    """A body Python-Markdown would take too long to render is an error, at the place that costs most."""
    found = find_costly_markdown(split.body) if split.body else []
    if found:
        lines = LineIndex(split.body, split.body_line)
        for costly in found:
            sink.error(*lines.position(costly.offset), "too-complex", costly.message, costly.hint)


def parse_brief(path: str, data: bytes) -> ParsedBrief:
    sink, split = _front_matter(path, data, required=True)
    positions: dict[str, tuple[int, int]] = {}
    values: dict[str, Any] = {}
    if split and split.front_matter is not None:
        values = read_brief_fields(FieldContext(sink, split.lines), split.front_matter, positions)
    stem = PurePosixPath(path).stem
    slug = values.get("slug") or Located(slugify(stem), 1, 1)
    if not values.get("slug") and slug.value != stem:
        # The file name is the default slug and the URL; a name that is not a slug makes ugly URLs.
        sink.warning(
            1,
            1,
            "file-name",
            f"file name '{stem}' is not a slug; the brief's slug will be '{slug.value or '(none)'}'",
            f"rename the file to '{slug.value or 'my-brief'}.md', or set 'slug:' in the front matter",
        )
    if split is not None:
        for line, column in find_level_one_headings(split.body, split.body_line):
            sink.warning(line, column, "body-heading", "a level-one heading in the body: the title is the page's only top heading",
                         "start sections at '##'")  # fmt: skip
    topics: dict[str, Topic] = {}
    for label in values.get("topics", ()):
        topic_slug = slugify(label.value)
        if len(topic_slug) > TOPIC_MAX:  # a few characters spell out longer in ASCII ('ﬃ' is 'ffi')
            sink.error(label.line, label.column, "too-long",
                       f"topic '{label.value[:40]}…' makes a slug of {len(topic_slug)} characters; the limit is {TOPIC_MAX}",
                       "shorten it: it names a page")  # fmt: skip
        elif not topic_slug:
            sink.error(
                label.line,
                label.column,
                "invalid-topic",
                f"topic '{label.value}' has no letters or digits to make a slug from",
            )
        else:
            topics.setdefault(topic_slug, Topic(topic_slug, label.value))
    return ParsedBrief(
        path=path,
        slug=slug,
        title=values.get("title"),
        date=values.get("date"),
        summary=values.get("summary"),
        actors=tuple(values.get("actors", ())),
        countries=tuple(values.get("countries", ())),
        topics=tuple(topics.values()),
        sources=tuple(values.get("sources", ())),
        status=values.get("status", "published"),
        updated=values.get("updated"),
        confidence=values.get("confidence"),
        body=split.body if split else "",
        body_line=split.body_line if split else 1,
        diagnostics=tuple(sink.items),
        redirect_from=tuple(values.get("redirect_from", ())),
        lang=values.get("lang"),
        translation_of=values.get("translation_of"),
        positions=positions,
    )


def parse_actor(path: str, data: bytes) -> ParsedActor:
    sink, split = _front_matter(path, data, required=True)
    values: dict[str, Any] = {}
    if split and split.front_matter is not None:
        ctx = FieldContext(sink, split.lines)
        values = read_mapping(ctx, split.front_matter, ACTOR_FIELDS, what="an actor's front matter", where="actor file")
    stem = PurePosixPath(path).stem
    if not SLUG.fullmatch(stem):
        sink.error(
            1,
            1,
            "invalid-slug",
            f"actor file name '{stem}' is not a slug",
            f"rename it to '{slugify(stem) or 'actor-name'}.md'",
        )
    return ParsedActor(
        path=path,
        slug=stem,
        name=values.get("name"),
        aliases=tuple(values.get("aliases", ())),
        kind=values.get("kind"),
        country=values.get("country"),
        role=values.get("role", ""),
        wikidata=values.get("wikidata", ""),
        body=split.body if split else "",
        body_line=split.body_line if split else 1,
        diagnostics=tuple(sink.items),
    )


def parse_page(path: str, data: bytes) -> ParsedProfile:
    """An ordinary page (listed in not_briefs, or under topics/): its front matter is MkDocs' to read, so
    only its body is checked."""
    sink, split = _front_matter(path, data, required=False)
    return ParsedProfile(path, {}, split.body if split else "", split.body_line if split else 1, tuple(sink.items))


def parse_profile(path: str, data: bytes) -> ParsedProfile:
    """A country profile: front matter is optional."""
    sink, split = _front_matter(path, data, required=False)
    values: dict[str, Any] = {}
    if split and split.front_matter is not None:
        ctx = FieldContext(sink, split.lines)
        values = read_mapping(
            ctx,
            split.front_matter,
            COUNTRY_PROFILE_FIELDS,
            what="a country profile's front matter",
            where="country profile",
        )
    return ParsedProfile(path, values, split.body if split else "", split.body_line if split else 1, tuple(sink.items))
