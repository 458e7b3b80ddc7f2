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

# A reference definition `[label]: target` (the label on one line: across lines, a `[` at the start of each of
# 50,000 lines would be scanned to the end of the body).
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_LINE_MARKUP = re.compile(r"^ {0,3}(?:(?:#{1,6}|>|[-*+]|\d+[.)])\s+|(?:[-*_] *){3,}$)", re.MULTILINE)
_EMPHASIS = str.maketrans("", "", "*_`~")


def markdown_text(markdown: str) -> str:
    """Markdown reduced to its words, cheaply: link text without targets, no markup or tags.

    Whitespace collapses to single spaces: Pagefind splits words on any of it."""
    text = _REFERENCE.sub("", markdown)
    text = _link_texts(text) if "](" in text else text
    if "<" in text:
        # No tag starts after the last '>': leave that tail alone, or `_TAG` would scan it from each of its '<'.
        tags_end = text.rfind(">") + 1
        text = _TAG.sub(" ", text[:tags_end]) + text[tags_end:]
    text = _LINE_MARKUP.sub("", text).translate(_EMPHASIS)
    return " ".join(text.split())


def _link_texts(text: str) -> str:
    r"""Each link `[text](target)` or image `![text](target)` replaced by its text, in linear time.

    As `!?\[([^\]]*)\]\([^)]*\)` would: from a '[' to the next ']', which '(' must follow, then to the next ')'.
    When that fails, it fails alike from every '[' before that ']', so those are skipped rather than scanned
    again (the expression is quadratic on 50,000 '[' and one ']').
    """
    parts: list[str] = []
    copied = 0  # text before this offset is in parts
    start = text.find("[")
    while start >= 0:
        close = text.find("]", start + 1)
        if close < 0:
            break
        if not text.startswith("(", close + 1):
            start = text.find("[", close)
            continue
        end = text.find(")", close + 2)
        if end < 0:
            break  # no ')' follows this '](', nor any later one
        begin = start - 1 if start > copied and text[start - 1] == "!" else start
        parts += (text[copied:begin], text[start + 1 : close])
        copied = end + 1
        start = text.find("[", copied)
    return "".join((*parts, text[copied:])) if parts else text


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
