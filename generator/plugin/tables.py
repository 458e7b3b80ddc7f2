"""Table alignment as attributes: no `style` attribute survives the safety gate (`sanitize`), so the
alignment of a table column (`|:--|`) is written as `align` instead."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

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
