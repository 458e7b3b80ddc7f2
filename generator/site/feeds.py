"""Atom feeds (RFC 4287): the whole site's and one per actor, country and topic."""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urljoin
from xml.sax.saxutils import escape as _escape
from xml.sax.saxutils import quoteattr as _quoteattr

from ..base.model import Brief
from . import urls

# Characters XML 1.0 cannot hold at all, even escaped (a front matter value may carry one as a "\u0001" escape).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    return _escape(_NOT_XML.sub("\ufffd", text))


def quoteattr(text: str) -> str:
    return _quoteattr(_NOT_XML.sub("\ufffd", text))


_NAMESPACE = uuid.UUID("6f1c2a4e-1d43-4f0b-9a53-0c1f6a3c2b7d")


@dataclass(frozen=True)
class FeedSpec:
    title: str
    page_url: str  # site-relative URL of the HTML page the feed belongs to
    path: str  # site-relative path of the feed file


def _absolute(site_url: str, url: str) -> str:
    return urljoin(site_url, url) if site_url else "/" + url


def _entry_id(site_url: str, brief: Brief) -> str:
    """Stable across builds and hosts: a site URL when known, else a name-based UUID of the slug."""
    if site_url:
        return _absolute(site_url, urls.page_url(brief.path))
    return uuid.uuid5(_NAMESPACE, brief.slug).urn


def _timestamp(brief: Brief) -> str:
    return f"{brief.last_modified.isoformat()}T00:00:00Z"


def atom_feed(spec: FeedSpec, briefs: Sequence[Brief], *, site_name: str, site_url: str) -> str:
    """``briefs`` newest first. Timestamps come from brief dates, never the build clock, so output is stable."""
    feed_id = _absolute(site_url, spec.path) if site_url else uuid.uuid5(_NAMESPACE, spec.path).urn
    updated = max((_timestamp(b) for b in briefs), default="1970-01-01T00:00:00Z")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{escape(spec.title)}</title>",
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(_absolute(site_url, spec.path))}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(_absolute(site_url, spec.page_url))}/>',
        f"  <author><name>{escape(site_name)}</name></author>",
        '  <generator uri="https://pypi.org/project/mkdocs/">briefing</generator>',
    ]
    lines += [_entry(brief, site_url) for brief in briefs]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


@lru_cache(maxsize=65536)
def _entry(brief: Brief, site_url: str) -> str:
    """One entry's XML; cached because each brief appears in several feeds (site, actors, countries, topics)."""
    link = _absolute(site_url, urls.page_url(brief.path))
    lines = [
        f"  <entry xml:lang={quoteattr(brief.lang)}>",
        f"    <title>{escape(brief.title)}</title>",
        f"    <id>{escape(_entry_id(site_url, brief))}</id>",
        f'    <link rel="alternate" type="text/html" href={quoteattr(link)}/>',
        f"    <published>{brief.date.isoformat()}T00:00:00Z</published>",
        f"    <updated>{_timestamp(brief)}</updated>",
        f"    <summary>{escape(brief.summary)}</summary>",
    ]
    lines += [f"    <category term={quoteattr(t.slug)} label={quoteattr(t.label)}/>" for t in brief.topics]
    lines.append("  </entry>")
    return "\n".join(lines)
