"""The search index's parts that need no Pagefind: the records and their text, and where Pagefind's files may go."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
from core_support import REPO

from generator.build.search_index import SearchIndexError, write_files
from generator.cli.site_config import read_site_settings
from generator.corpus.loader import load
from generator.site import urls
from generator.site.index import SiteIndex
from generator.site.locale import english, load_locales
from generator.site.search_records import (
    EVERY_RECORD,
    EVERY_RECORD_META,
    SearchRecord,
    lead,
    markdown_text,
    search_records,
    sentences,
)


def test_markdown_text_keeps_words_and_drops_markup() -> None:
    markdown = (
        '# Talks in Geneva\n\nThe **minister** met _envoys_ from [the UN](https://un.org "UN") and `NATO`.\n\n'
        '- first point\n1. second point\n> a quote\n\n---\n<span class="x">tagged</span> text\n\n'
        "[un]: https://un.org\n"
    )
    assert markdown_text(markdown) == (
        "Talks in Geneva The minister met envoys from the UN and NATO. first point second point a quote tagged text"
    )


def test_markdown_text_collapses_whitespace() -> None:
    assert markdown_text("  one\t\ttwo\n\n\nthree  ") == "one two three"


@pytest.mark.parametrize(
    ("parts", "text"),
    [
        (("A title", "Its summary."), "A title. Its summary."),
        (("Is it so?", "Yes"), "Is it so? Yes."),
        (("He said “no.”", "", "  Then left  "), "He said “no.” Then left."),
        (("Names: ", "Germany, China"), "Names: Germany, China."),
        ((), ""),
    ],
)
def test_record_parts_read_as_sentences(parts: tuple[str, ...], text: str) -> None:
    assert sentences(*parts) == text


def test_a_lead_is_whole_sentences_within_the_limit() -> None:
    assert lead("One two. Three four five. Six seven eight nine.", limit=6) == "One two. Three four five."
    assert lead("Short enough, with no end", limit=6) == "Short enough, with no end"
    assert lead("one two three four five six seven eight.", limit=4) == "one two three four …"


@pytest.fixture(scope="module")
def example_records() -> list[SearchRecord]:
    settings = read_site_settings(REPO / "mkdocs.yml")
    result = load(settings.docs_dir, settings.core, excluded=settings.exclude_docs)
    return list(search_records(SiteIndex.build(result.corpus)))


def test_every_record_has_its_own_summary(example_records: list[SearchRecord]) -> None:
    kinds = {record.filters["type"][0] for record in example_records}
    assert kinds == {"Brief", "Actor", "Country"}
    summaries = [record.meta["summary"] for record in example_records]
    assert all(summaries)
    by_url = {record.url: record.meta["summary"] for record in example_records}
    assert by_url["/countries/ca/"] == "Canada is a federal parliamentary democracy."
    assert by_url["/actors/csis/"] == "Canada's national security intelligence agency"
    assert by_url["/countries/ru/"].startswith("Named in ")  # no profile, no official name: what its page lists


def test_the_every_record_word_is_in_every_records_meta_and_nowhere_shown(example_records: list[SearchRecord]) -> None:
    for record in example_records:
        assert record.meta[EVERY_RECORD_META] == EVERY_RECORD
        shown = [record.content, record.meta["title"], record.meta["summary"], record.meta.get("date", "")]
        assert not any(EVERY_RECORD in text for text in shown), record.url


def test_a_briefs_title_and_summary_are_separate_sentences(example_records: list[SearchRecord]) -> None:
    seed = next(r for r in example_records if r.url == "/2024/blinken-warns-china-election-interference/")
    assert seed.content.startswith(
        "Blinken says the US has seen evidence of Chinese attempts to influence its election. At the end of a visit"
    )


def _file(path: str, content: bytes = b"x") -> dict[str, str]:
    return {"path": path, "content": base64.b64encode(content).decode()}


def test_pagefind_files_are_written_under_their_folder(tmp_path: Path) -> None:
    write_files(tmp_path / "pagefind", [_file("pagefind.js", b"js"), _file("fragment/en_1.pf_fragment", b"f")])
    assert (tmp_path / "pagefind" / "pagefind.js").read_bytes() == b"js"
    assert (tmp_path / "pagefind" / "fragment" / "en_1.pf_fragment").read_bytes() == b"f"


@pytest.mark.parametrize("path", ["../escape.js", "/etc/passwd", "fragment/../../escape.js", ""])
def test_a_pagefind_file_outside_its_folder_is_refused(tmp_path: Path, path: str) -> None:
    with pytest.raises(SearchIndexError, match="outside its folder"):
        write_files(tmp_path / "pagefind", [_file(path)])
    assert not (tmp_path / "escape.js").exists()


def test_a_brief_gives_each_role_its_own_filter_of_names(example_records: list[SearchRecord]) -> None:
    by_url = {record.url: record.filters for record in example_records}
    sanctions = by_url["/2024/uk-us-sanction-apt31/"]
    assert sanctions["actor_perpetrator"] == ["APT31", "Ministry of State Security"]
    assert sanctions["country_target"] == ["United Kingdom"]
    assert sanctions["country_responder"] == ["United States"]
    assert sanctions["country_origin"] == ["China"]
    assert "Wang Yi" in sanctions["actor"]  # a plain mention is in the actor filter only
    assert not any(key.startswith("actor_") and "Wang Yi" in names for key, names in sanctions.items())
    # A brief that gives no role has no role filter.
    unroled = [f for f in by_url.values() if f["type"] == ["Brief"] and not any("_" in key for key in f)]
    assert unroled
    # Actor and country records are filtered by type alone.
    assert by_url["/countries/cn/"] == {"type": ["Country"]}


def test_records_show_dates_in_their_briefs_language_and_stand_ins_in_the_sites() -> None:
    settings = read_site_settings(REPO / "mkdocs.yml")
    index = SiteIndex.build(load(settings.docs_dir, settings.core, excluded=settings.exclude_docs).corpus)
    french = load_locales("fr")  # the site's locale; the example's briefs are in English but one, in French
    records = {record.url: record for record in search_records(index, french)}
    for brief in index.members:
        shown = records["/" + urls.page_url(brief.path)].meta["date"]
        assert shown == french.locale_for(brief.lang).date(brief.date), brief.path
    translated = next(b for b in index.members if b.lang == "fr")
    assert records["/" + urls.page_url(translated.path)].meta["date"] != english().date(translated.date)
    assert records["/countries/ru/"].meta["summary"] == french.site.plural(
        "search.named_in", len(index.by_country["RU"])
    )
    assert records["/countries/ru/"].meta["summary"].startswith("Cité dans ")
