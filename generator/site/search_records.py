"""What the search index holds: one record per brief, actor and country, made from the core's data.

Records are built before MkDocs renders anything, so Pagefind indexes them on the second core
while MkDocs works on the first, and its index is written by the time the pages are.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from ..base.model import Brief
from . import urls
from .index import SiteIndex
from .locale import Locales, Strings, english

TYPE_BRIEF, TYPE_ACTOR, TYPE_COUNTRY = "Brief", "Actor", "Country"
# A word every record carries. The search page searches for it when a reader picks filters without a query:
# Pagefind then fetches one index chunk instead of all of them (as it does for a query-less search).
# Pagefind 1.5 also indexes a record's meta, so the word sits in a meta field the page never shows rather than
# in the content, where an excerpt could pick it up. Runic letters: Pagefind indexes them as a word, and no reader
# types them (the page also drops any typed word the token starts with, so nobody can list the whole site).
EVERY_RECORD = "ᚨᛚᛚ"
EVERY_RECORD_META = "every"
# How much of an actor's or country's own text stands for it in a list of results.
SUMMARY_WORDS = 40

# A reference definition `[label]: target` (the label on one line: across lines, a `[` at the start of each of
# 50,000 lines would be scanned to the end of the body).
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.MULTILINE)
_TAG = re.compile(r"<[^>]*>")
_LINE_MARKUP = re.compile(r"^ {0,3}(?:(?:#{1,6}|>|[-*+]|\d+[.)])\s+|(?:[-*_] *){3,}$)", re.MULTILINE)
_EMPHASIS = str.maketrans("", "", "*_`~")
# Text that ends a sentence, or a clause that may run on: the mark, then any closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_CLAUSE_END = re.compile(r"[.!?…:;][\"'”’)\]]*$")


# Serve indexes the whole site again after each edit: each body is reduced once, not once per edit.
@lru_cache(maxsize=1 << 17)
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
    # The record's language, lower case as Pagefind's JS compares it (with the page's <html lang>); Pagefind
    # builds one index per language. '' for the site's.
    language: str = ""


def sentences(*parts: str) -> str:
    """Parts of a record as one text, each ending as a sentence (Pagefind keeps no line breaks: an excerpt
    would otherwise run a title into its summary: "…its election At the end of…")."""
    return " ".join(p if _CLAUSE_END.search(p) else p + "." for p in (p.strip() for p in parts) if p)


def lead(text: str, limit: int = SUMMARY_WORDS) -> str:
    """The first sentences of a text, at most ``limit`` words; a first sentence longer than that is cut."""
    words = text.split()
    if len(words) <= limit:
        return " ".join(words)
    ends = [number for number, word in enumerate(words[:limit], 1) if _SENTENCE_END.search(word)]
    return " ".join(words[: ends[-1]]) if ends else " ".join(words[:limit]) + " …"


def search_records(index: SiteIndex, locales: Locales | None = None) -> Iterator[SearchRecord]:
    """Every record of a site in one index: its briefs' (`brief_records`), then its actors' and countries'."""
    yield from brief_records(index, index.members, locales)
    yield from entity_records(index, locales)


def brief_records(index: SiteIndex, briefs: Iterable[Brief], locales: Locales | None = None, *,
                  remember: bool = True) -> Iterator[SearchRecord]:  # fmt: skip
    """The records of ``briefs`` (every translation, in the index of its language), each shown date in the theme's
    locale: in its brief's language's where the theme has one, as its page is (``locales``; None: English).

    ``remember``: keep each body's text for the next index (serve's); a build makes each once, and at 100,000 briefs
    the kept texts would be hundreds of megabytes."""
    text_of = markdown_text if remember else markdown_text.__wrapped__
    corpus = index.corpus
    site = locales.site if locales is not None else english()
    for brief in briefs:
        strings = locales.locale_for(brief.lang) if locales is not None else site
        actors = [corpus.actors[a].name for a in brief.actors]
        countries = [corpus.countries[c].name for c in brief.countries]
        topics = [t.label for t in brief.topics]
        by_role: dict[str, list[str]] = {}
        for slug, role in brief.actor_roles:
            by_role.setdefault(urls.search_filter("actor", role), []).append(corpus.actors[slug].name)
        for code, role in brief.country_roles:
            by_role.setdefault(urls.search_filter("country", role), []).append(corpus.countries[code].name)
        # Names after the body, so excerpts (taken around the words found) stay prose.
        yield SearchRecord(
            url="/" + urls.page_url(brief.path),
            content=sentences(brief.title, brief.summary, text_of(brief.body), ", ".join(actors + countries + topics)),
            meta=_meta(brief.title, brief.summary, date=strings.date(brief.date)),
            filters={
                "type": [TYPE_BRIEF],
                "actor": actors,
                "country": countries,
                "topic": topics,
                "year": [str(brief.date.year)],
                **by_role,
            },
            sort={"date": brief.date.isoformat()},
            language=brief.lang.lower(),
        )


def entity_records(index: SiteIndex, locales: Locales | None = None) -> Iterator[SearchRecord]:
    """The actors' and countries' records, their stand-in summaries in the site's locale."""
    corpus = index.corpus
    site = locales.site if locales is not None else english()
    for slug, actor in corpus.actors.items():
        body = markdown_text(actor.body)
        content = sentences(actor.name, ", ".join(actor.aliases), actor.role, body)
        summary = actor.role or lead(body) or _named_in(site, len(index.by_actor.get(slug, ())))
        yield SearchRecord("/" + urls.actor_url(slug), content, _meta(actor.name, summary), {"type": [TYPE_ACTOR]})
    for code, country in index.countries.items():
        body = markdown_text(country.profile_body)
        content = sentences(country.name, country.official_name, body)
        summary = lead(body) or country.official_name or _named_in(site, len(index.by_country.get(code, ())))
        yield SearchRecord(
            "/" + urls.country_url(code), content, _meta(country.name, summary), {"type": [TYPE_COUNTRY]}
        )


def _named_in(strings: Strings, briefs: int) -> str:
    """The summary of an actor or country with no text of its own: what its page lists."""
    return strings.plural("search.named_in", briefs)


def _meta(title: str, summary: str, **more: str) -> dict[str, str]:
    return {"title": title, **more, "summary": summary, EVERY_RECORD_META: EVERY_RECORD}
