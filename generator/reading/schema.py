"""The front matter formats of briefs and actor files, declared as field tables."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml

from ..base.languages import HINT as LANGUAGE_HINT
from ..base.languages import LanguageError, canonical
from ..base.model import Located, Source
from . import fields as f
from .redirects import redirect_from

# Length limits that `new` applies too, so a scaffolded file always checks clean.
TITLE_MAX = 200
SUMMARY_MAX = 600
NAME_MAX = 200
ROLE_MAX = 300
TOPIC_MAX = 100  # a topic's slug is a folder name (topics/<slug>/), and file systems cap names at 255 bytes

CONFIDENCE_LEVELS = ("low", "moderate", "high")
STATUSES = ("draft", "published")
ACTOR_KINDS = ("person", "organization", "state", "group")
_WIKIDATA = re.compile(r"Q[1-9][0-9]*")

SOURCE_FIELDS = (
    f.Field("publisher", f.text(200), required=True, example="publisher: CNN"),
    f.Field("title", f.text(300)),
    f.Field("url", f.url),
    f.Field("archive_url", f.url),
    f.Field("date", f.date),
)


def _sources(ctx: f.FieldContext, name: str, node: yaml.Node) -> list[Source] | None:
    if not isinstance(node, yaml.SequenceNode):
        ctx.error(
            node,
            "wrong-type",
            f"'{name}' must be a list of sources",
            "write each source as a list item: 'sources:', then one line '  - publisher: CNN' per source",
        )
        return None
    sources = []
    for item in node.value:
        if not isinstance(item, yaml.MappingNode):
            ctx.error(
                item,
                "wrong-type",
                "each source must be a mapping with at least 'publisher'",
                "e.g. - publisher: AFP",
            )
            continue
        values = f.read_mapping(ctx, item, SOURCE_FIELDS, what="a source", where="source")
        if "publisher" in values:
            sources.append(Source(**values))
    return sources


def _wikidata(ctx: f.FieldContext, name: str, node: yaml.Node) -> str | None:
    value = f.scalar(ctx, name, node)
    if value is None:
        return None
    if not _WIKIDATA.fullmatch(value.strip()):
        ctx.error(node, "invalid-wikidata", f"'{name}' '{value}' is not a Wikidata item id", "use a Q-id such as Q7129")
        return None
    return value.strip()


def _lang(ctx: f.FieldContext, name: str, node: yaml.Node) -> Located | None:
    """The brief's language: the canonical tag ("pt-BR" for "pt-br"), where it is written."""
    value = f.scalar(ctx, name, node)
    if value is None:
        return None
    try:
        return Located(canonical(value), *ctx.at(node))
    except LanguageError as exc:
        maybe = f"did you mean '{exc.suggestion}'? " if exc.suggestion else ""
        ctx.error(node, "unknown-language", f"'{name}' {exc}", f"{maybe}{LANGUAGE_HINT}")
        return None


# Names, each with an optional role: `actors: [Xi Jinping: perpetrator, Joe Biden]`.
_ACTORS = f.listed_names(min_items=0, example="Xi Jinping: perpetrator")
_COUNTRIES = f.listed_names(min_items=0, example="CN: origin")

BRIEF_FIELDS = (
    f.Field("title", f.text(TITLE_MAX), required=True, example="title: What happened, in one line"),
    f.Field("date", f.date, required=True, example="date: 2024-04-28"),
    f.Field("summary", f.text(SUMMARY_MAX), required=True, example="summary: One or two plain sentences."),
    # At least one of each, except in drafts: the resolver checks that, knowing the status.
    f.Field("actors", _ACTORS, required=True, example="actors: [Antony Blinken]"),
    f.Field("countries", _COUNTRIES, required=True, example="countries: [US, CN]"),
    f.Field("topics", f.located_list(min_items=0, max_length=TOPIC_MAX)),
    f.Field("sources", _sources),
    f.Field("status", f.choice(*STATUSES)),
    f.Field("updated", f.date),
    f.Field("slug", f.slug),
    f.Field("confidence", f.choice(*CONFIDENCE_LEVELS)),
    f.Field("redirect_from", redirect_from),
    f.Field("lang", _lang),
    f.Field("translation_of", f.slug),
)

ACTOR_FIELDS = (
    f.Field("name", f.located_text(NAME_MAX), required=True, example="name: Antony Blinken"),
    f.Field("aliases", f.located_list(min_items=0)),
    f.Field("kind", f.choice(*ACTOR_KINDS)),
    f.Field("country", f.located),
    f.Field("role", f.text(ROLE_MAX)),
    f.Field("wikidata", _wikidata),
)

COUNTRY_PROFILE_FIELDS = (
    f.Field("title", f.text(200)),
    f.Field("summary", f.text(600)),
)


def read_brief_fields(
    ctx: f.FieldContext, node: yaml.Node | None, positions: dict[str, tuple[int, int]]
) -> dict[str, Any]:
    values = f.read_mapping(ctx, node, BRIEF_FIELDS, what="front matter", where="front matter", positions=positions)
    updated: dt.date | None = values.get("updated")
    published: dt.date | None = values.get("date")
    if updated and published and updated < published:
        ctx.sink.error(
            *positions["updated"],
            "date-order",
            f"'updated' ({updated}) is before 'date' ({published})",
            "'updated' is the date of the latest revision",
        )
        values.pop("updated")
    return values
