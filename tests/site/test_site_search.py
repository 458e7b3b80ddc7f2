"""What the plugin hands Pagefind, and what the built index holds."""

from __future__ import annotations

from generator.search_index import searchable_part


def test_pagefind_gets_the_title_and_the_marked_element_only():
    page = ('<html lang="en"><head><title>A · Site</title><link rel="stylesheet" href="x.css"></head><body>'
            "<header>nav</header><main><p>before</p><article data-pagefind-body><h1>A</h1><p>text</p></article>"
            "<section>related</section></main><footer>f</footer></body></html>")  # fmt: skip
    part = searchable_part(page)
    assert "<title>A · Site</title>" in part
    assert "<article data-pagefind-body><h1>A</h1><p>text</p></article>" in part
    assert "nav" not in part and "before" not in part and "<footer>" not in part and "x.css" not in part
    assert part.startswith('<!doctype html><html lang="en">')


def test_pages_without_the_mark_are_sent_whole():
    page = "<html><body><main><p>home</p></main></body></html>"
    assert searchable_part(page) == page
