"""Autolinking: the first mention of each actor and country a brief names links to its page.

A Python-Markdown tree processor, run after inline parsing, so it sees text only: never code,
headings or existing links. Before each brief renders, the plugin sets the page's targets
(`link_targets`); links point at the target's Markdown source, so MkDocs resolves and validates
them like any other link.

A mention is left as text, and a later one linked instead, when it is part of a longer name:

- **Inside a longer proper noun:** a capitalised word directly on *each* side, joined by spaces
  (a line break is one) or a hyphen: "South China Sea", "Inner Mongolia Autonomous Region", "A US Air
  Force jet". One side is not enough: a capitalised word before a name is most often a title
  ("President Joe Biden", "Chancellor Olaf Scholz") or a sentence's first word ("In China"), and one
  after a country is often a title it qualifies ("US President"). Of the example site's 129 links, 41
  have a capitalised word before, 11 after, and 2 on both sides (the two above). A sentence's first
  word counts as well, as the rule cannot tell "The" from "South": that may cost a name its link
  ("The US Secretary of State"), and a later mention is linked instead, but never links a wrong one.
- **Inside an excluded phrase:** what the rule cannot tell apart is listed by the site (the
  extension's ``exclude`` option): "China Daily", "Taiwan Strait", "Bank of China", "Alternative for
  Germany". Phrases are matched case-sensitively, as whole words, with any run of spaces between words.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cache

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor
from mkdocs.utils import get_relative_url

from ..base.model import Brief
from ..corpus.loader import LoadResult
from ..corpus.mentions import MentionFinder
from ..site import urls

SKIPPED_TAGS = frozenset({"a", "code", "pre", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6", "kbd", "samp"})


@dataclass
class LinkTargets:
    """What to link on the page being rendered.

    ``finder`` knows every name of the site (one compiled regex, shared by all pages); ``urls`` holds the
    targets this page may link, as target id -> (url, title). Other mentions are left as text.
    """

    urls: dict[str, tuple[str, str]] = field(default_factory=dict)
    finder: MentionFinder | None = None
    # A word of every name of this page's targets: a text holding none of them needs no scan.
    telltales: tuple[str, ...] = ()


# A capitalised word joined to the name by spaces or a hyphen: before it (searched at the end of the text
# before the name) and after it (matched where the name ends).
_CAPITALISED_BEFORE = re.compile(r"(?<!\w)[^\W\d_]\w*(?:\s+|-)\Z")
_CAPITALISED_AFTER = re.compile(r"(?:\s+|-)[^\W\d_]")
_LOOK_BACK = 100  # characters of text before a name searched for the word before it


def inside_longer_proper_noun(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` has a capitalised word directly on each side."""
    after = _CAPITALISED_AFTER.match(text, end)
    if after is None or not after.group()[-1].isupper():
        return False
    before = _CAPITALISED_BEFORE.search(text, max(0, start - _LOOK_BACK), start)
    return before is not None and before.group()[0].isupper()


@cache  # one expression per site: the extension's phrases do not change between pages
def _excluded_phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One expression matching any of ``phrases`` as whole words, with any run of spaces between words."""
    alternatives = sorted(
        {r"\s+".join(map(re.escape, p.split())) for p in phrases if p.split()}, key=(lambda a: (-len(a), a))
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})(?!\w)") if alternatives else None


class AutolinkProcessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: AutolinkExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.excluded = _excluded_phrases(tuple(extension.getConfig("exclude")))

    def run(self, root: ET.Element) -> None:
        targets = self.extension.targets
        if targets is None or targets.finder is None or not targets.urls:
            return
        self._linked: set[str] = set()
        self._walk(root, targets)

    def _walk(self, element: ET.Element, targets: LinkTargets) -> None:
        if element.tag in SKIPPED_TAGS or len(self._linked) == len(targets.urls):
            return
        if element.text:
            new_text, links = self._link(element.text, targets)
            if links:
                element.text = new_text
                for position, link in enumerate(links):
                    element.insert(position, link)
        for child in list(element):
            if child.get("class") == "autolink":
                continue
            self._walk(child, targets)
            if child.tail:
                new_tail, links = self._link(child.tail, targets)
                if links:
                    child.tail = new_tail
                    at = list(element).index(child) + 1
                    for offset, link in enumerate(links):
                        element.insert(at + offset, link)

    def _link(self, text: str, targets: LinkTargets) -> tuple[str, list[ET.Element]]:
        """Split text at first mentions: the text before the first link, and the links with their tails."""
        assert targets.finder is not None  # noqa: S101 - checked by run()
        links: list[ET.Element] = []
        if targets.telltales and not any(word in text for word in targets.telltales):
            return text, links
        head = text
        cursor = 0
        excluded: list[tuple[int, int]] | None = None  # spans of excluded phrases, found at the first mention
        for mention in targets.finder.find_in_text(text):
            if mention.target in self._linked or mention.target not in targets.urls:
                continue
            if inside_longer_proper_noun(text, mention.start, mention.end):
                continue
            if self.excluded is not None:
                if excluded is None:
                    excluded = [match.span() for match in self.excluded.finditer(text)]
                if any(start < mention.end and mention.start < end for start, end in excluded):
                    continue
            self._linked.add(mention.target)
            url, title = targets.urls[mention.target]
            link = ET.Element("a", {"href": url, "class": "autolink", "title": title})
            link.text = text[mention.start : mention.end]
            if links:
                links[-1].tail = text[cursor : mention.start]
            else:
                head = text[: mention.start]
            cursor = mention.end
            links.append(link)
        if links:
            links[-1].tail = text[cursor:]
        return head, links


class AutolinkExtension(Extension):
    """The plugin sets ``targets`` before each page is rendered, and clears it after.

    ``exclude`` lists phrases inside which no name is linked, e.g. ``["China Daily", "Taiwan Strait"]``.
    """

    def __init__(self, **kwargs: object) -> None:
        self.config = {"exclude": [[], "Phrases inside which no name is linked, e.g. 'China Daily'"]}
        super().__init__(**kwargs)
        self.targets: LinkTargets | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # After 'inline' (20), before 'prettify' (10).
        md.treeprocessors.register(AutolinkProcessor(md, self), "briefing_autolink", 15)


def link_targets(brief: Brief, src_uri: str, result: LoadResult) -> LinkTargets:
    """What the brief at ``src_uri`` may link: its actors and countries, by the path of their Markdown source."""
    corpus = result.corpus

    def href(target_src_uri: str) -> str:
        return get_relative_url(target_src_uri, src_uri)

    targets = {f"actor:{slug}": (href(corpus.actors[slug].path), corpus.actors[slug].name) for slug in brief.actors}
    for code in brief.countries:
        country = corpus.countries[code]
        targets[f"country:{code}"] = (href(country.profile_path or urls.country_source(code)), country.name)
    names = [n for slug in brief.actors for n in result.registry.names_in_prose(slug)]
    names += [n for code in brief.countries for n in result.resolver.names_in_prose(code)]
    return LinkTargets(targets, result.mentions, tuple(sorted({_telltale(name) for name in names})))


_WORD = re.compile(r"\w+")


@cache  # the same few hundred names, on every brief page
def _telltale(name: str) -> str:
    """A piece of text every mention of ``name`` contains: its longest word (or the name, if its words are initials)."""
    longest = max(_WORD.findall(name), key=len, default="")
    return longest if len(longest) > 1 else name
