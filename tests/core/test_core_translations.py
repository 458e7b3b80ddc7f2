"""Sets of translations in the core: which member listings show, what each member's page links to, and what an
edit to a member renders again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from test_core_changes import assert_change_is_complete

from generator.base.config import CoreConfig
from generator.base.model import Brief, Corpus, Country
from generator.corpus.loader import load
from generator.site.changes import SiteState, changed_briefs, site_change
from generator.site.index import SiteIndex
from generator.site.plan import plan_data_files, plan_pages
from generator.site.previews import PreviewSite
from generator.site.views import ViewBuilder


def _brief(path: str, lang: str = "en", translation_of: str = "", *, day: int = 1, draft: bool = False) -> Brief:
    return Brief(path=path, slug=Path(path).stem, title=Path(path).stem, date=dt.date(2024, 1, day), summary="S.",
                 actors=(), countries=("CN",), topics=(), lang=lang, translation_of=translation_of,
                 status="draft" if draft else "published")  # fmt: skip


def _index(*briefs: Brief, lang: str = "en", drafts: bool = False) -> SiteIndex:
    return SiteIndex.build(Corpus("/", briefs, countries={"CN": Country("CN", "China")}, lang=lang),
                           include_drafts=drafts)  # fmt: skip


def test_a_set_is_listed_once_by_its_member_in_the_site_language():
    original, french, german = _brief("t.md", day=2), _brief("t-fr.md", "fr", "t", day=1), _brief("t-de.md", "de", "t")
    other = _brief("o.md", day=3)
    index = _index(german, french, original, other)
    assert index.translations == {"t": (original, german, french)}  # the original first, then by language
    assert [b.path for b in index.briefs] == ["t.md", "o.md"]
    assert [b.path for b in index.members] == ["t-de.md", "t-fr.md", "t.md", "o.md"]
    assert index.by_country["CN"] == [original, other]  # counts are of sets
    assert index.listed(french) is original
    assert index.neighbours(french) == (None, other)  # its representative's
    assert index.related(french, 5) == [other]
    assert index.translations_of(other) == ()
    in_french = _index(german, french, original, other, lang="fr")
    assert [b.path for b in in_french.briefs] == ["t-fr.md", "o.md"]


def test_without_the_original_the_first_member_by_language_stands_for_the_set():
    original = _brief("t.md", draft=True)
    french, german = _brief("t-fr.md", "fr", "t"), _brief("t-de.md", "de", "t")
    published = _index(original, french, german)
    assert [b.path for b in published.briefs] == ["t-de.md"]
    assert published.translations["t"] == (german, french)
    assert [b.path for b in _index(original, french, german, drafts=True).briefs] == ["t.md"]


def test_language_links_name_each_member_in_its_own_language():
    original, brazil = _brief("t.md"), _brief("t-pt.md", "pt-BR", "t")
    views = ViewBuilder(_index(original, brazil), site=PreviewSite(url="https://x.example/"))
    links = views.brief(brazil).translations
    assert [(t.lang, t.name, t.url, t.absolute_url, t.current, t.original) for t in links] == [
        ("en", "English", "t/", "https://x.example/t/", False, True),
        ("pt-BR", "Português (Brasil)", "t-pt/", "https://x.example/t-pt/", True, False),
    ]
    assert [t.lang for t in views.brief_ref(original).also_in] == ["pt-BR"]
    assert views.for_page(next(s for s in plan_pages(views.index, home_title="", home_body=None)
                               if s.brief is brazil))["page_lang"] == "pt-BR"  # fmt: skip


def _write(root: Path, name: str, title: str, *extra: str) -> None:
    lines = [f"title: {title}", "date: 2024-03-01", "summary: S.", "actors: [Ana Costa]", "countries: [CN]", *extra]
    (root / "2024").mkdir(parents=True, exist_ok=True)
    (root / "2024" / f"{name}.md").write_text("---\n" + "\n".join(lines) + "\n---\nBody.\n")


def _state(root: Path) -> SiteState:
    result = load(root, CoreConfig())
    assert not result.has_errors, [d.as_text() for d in result.diagnostics]
    index = SiteIndex.build(result.corpus, include_drafts=True)
    return SiteState(
        index, ViewBuilder(index), {s.src_uri: s for s in plan_pages(index, home_title="H", home_body=None)}
    )


def test_an_edit_to_one_member_renders_the_others_that_show_it(tmp_path: Path):
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "ana-costa.md").write_text("---\nname: Ana Costa\n---\n")
    _write(tmp_path, "talks", "Talks")
    _write(tmp_path, "other", "Other")
    states = [_state(tmp_path)]
    steps = [
        lambda: _write(tmp_path, "talks-fr", "Entretiens", "lang: fr", "translation_of: talks"),  # a translation
        lambda: _write(tmp_path, "talks-fr", "Entretiens", "lang: de", "translation_of: talks"),  # another language
        lambda: _write(tmp_path, "talks", "Talks", "lang: es"),  # the original leaves the site's language...
        lambda: _write(
            tmp_path, "talks-fr", "Gespräche", "lang: en", "translation_of: talks"
        ),  # ...its translation takes it
        lambda: (tmp_path / "2024" / "talks-fr.md").unlink(),
    ]
    for step in steps:
        step()
        states.append(_state(tmp_path))
        old, new = states[-2], states[-1]
        assert_change_is_complete(old, new)
    # The translation in the site's language became the set's representative: listings show it.
    assert sorted(b.title for b in states[4].index.briefs) == ["Gespräche", "Other"]
    change = site_change(states[0], states[1], changed_briefs(states[0].index.corpus, states[1].index.corpus))
    assert "2024/talks.md" in {s.src_uri for s in change.render}  # its switcher
    files = {d.path for d in plan_data_files(states[1].index, site_name="S", site_url="", feed_entries=5)}
    assert {"briefs.json", "briefs.csv"} <= change.data_files <= files
