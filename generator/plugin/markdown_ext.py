"""Our Python-Markdown extensions.

- Autolinking: the first mention of each listed actor and country in a body links to its page. A tree
  processor, run after inline parsing, so it sees text only: never code, headings or existing links.
- Table alignment as attributes: no `style` attribute survives the safety gate (`sanitize`), so the
  alignment of a table column (`|:--|`) is written as `align` instead.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from ..corpus.mentions import MentionFinder

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


class AutolinkProcessor(Treeprocessor):
    def __init__(self, md: Markdown, extension: AutolinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

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
        for mention in targets.finder.find_in_text(text):
            if mention.target in self._linked or mention.target not in targets.urls:
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
    """The plugin sets ``targets`` before each page is rendered, and clears it after."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.targets: LinkTargets | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        # After 'inline' (20), before 'prettify' (10).
        md.treeprocessors.register(AutolinkProcessor(md, self), "briefing_autolink", 15)


# What the tables extension writes for an aligned column.
_TABLE_ALIGNMENT = re.compile(r"text-align: (left|center|right);")


class TableAlignmentProcessor(Treeprocessor):
    def run(self, root: ET.Element) -> None:
        for tag in ("th", "td"):
            for cell in root.iter(tag):
                style = cell.get("style")
                aligned = _TABLE_ALIGNMENT.fullmatch(style) if style else None
                if aligned:
                    del cell.attrib["style"]
                    cell.set("align", aligned.group(1))


class TableAlignmentExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # Before attr_list (8): an author's own `{style=...}` on a cell is never taken for alignment (the gate
        # removes it).
        md.treeprocessors.register(TableAlignmentProcessor(md), "briefing_table_alignment", 12)
