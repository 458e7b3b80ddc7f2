"""What the search index holds: one record per brief, actor and country, made from the core's data.

Records are built before MkDocs renders anything, so Pagefind indexes them on the second core
while MkDocs works on the first, and its index is written by the time the pages are.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import urls
from .index import SiteIndex
from .views import display_date

TYPE_BRIEF, TYPE_ACTOR, TYPE_COUNTRY = "Brief", "Actor", "Country"
# A word every record ends with. The search page searches for it when a reader picks filters without a
# query: Pagefind then fetches one index chunk instead of all of them (as it does for a query-less search).
EVERY_RECORD = "everyrecord"

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")  # [text](target) -> text
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:.*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_LINE_MARKUP = re.compile(r"^ {0,3}(?:(?:#{1,6}|>|[-*+]|\d+[.)])\s+|(?:[-*_] *){3,}$)", re.MULTILINE)
_EMPHASIS = str.maketrans("", "", "*_`~")


def markdown_text(markdown: str) -> str:
    """Markdown reduced to its words, cheaply: link text without targets, no markup or tags.

    Whitespace collapses to single spaces: Pagefind splits words on any of it."""
    text = _REFERENCE.sub("", markdown)
    text = _LINK.sub(r"\1", text) if "](" in text else text
    text = _TAG.sub(" ", text) if "<" in text else text
    text = _LINE_MARKUP.sub("", text).translate(_EMPHASIS)
    return " ".join(text.split())


@dataclass(frozen=True)
class SearchRecord:
    url: str  # site-absolute, e.g. "/2024/a-brief/"
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]] = field(default_factory=dict)
    sort: dict[str, str] = field(default_factory=dict)


def search_records(index: SiteIndex) -> Iterator[SearchRecord]:
    corpus = index.corpus
    for brief in index.briefs:
        actors = [corpus.actors[a].name for a in brief.actors]
        countries = [corpus.countries[c].name for c in brief.countries]
        topics = [t.label for t in brief.topics]
        # Names after the body, so excerpts (taken around the words found) stay prose.
        content = "\n".join([brief.title, brief.summary, markdown_text(brief.body),
                             ", ".join(actors + countries + topics), EVERY_RECORD])  # fmt: skip
        yield SearchRecord(
            url="/" + urls.page_url(brief.path),
            content=content,
            meta={"title": brief.title, "date": display_date(brief.date), "summary": brief.summary},
            filters={
                "type": [TYPE_BRIEF],
                "actor": actors,
                "country": countries,
                "topic": topics,
                "year": [str(brief.date.year)],
            },
            sort={"date": brief.date.isoformat()},
        )
    for slug, actor in corpus.actors.items():
        role = f"{actor.role}. " if actor.role else ""
        content = "\n".join([actor.name, ", ".join(actor.aliases), role + markdown_text(actor.body), EVERY_RECORD])
        yield SearchRecord("/" + urls.actor_url(slug), content, {"title": actor.name, "summary": actor.role},
                           {"type": [TYPE_ACTOR]})  # fmt: skip
    for code, country in index.countries.items():
        content = "\n".join([country.name, country.official_name, markdown_text(country.profile_body), EVERY_RECORD])
        yield SearchRecord("/" + urls.country_url(code), content, {"title": country.name},
                           {"type": [TYPE_COUNTRY]})  # fmt: skip
