"""Serve's fast path for edits of briefs' bodies alone gives what a whole load and a whole index give.

`corpus.reload.reread_bodies` reads only the edited files; `SiteIndex.with_bodies` swaps the edited briefs
into the index. Both are checked against the whole thing: after random edits (the warm-load property test's),
and on an index with translations, drafts, roles and pairs.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_core_reload import EDITS, apply, new_site

from generator.base.config import CoreConfig
from generator.base.model import Brief, Corpus, Country, Topic
from generator.corpus.loader import LoadResult, load
from generator.corpus.reload import reread_bodies
from generator.site.index import SiteIndex


def _texts(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in root.rglob("*.md")}


def _at(result: LoadResult, path: str) -> Brief | None:
    return next((brief for brief in result.corpus.briefs if brief.path == path), None)


def _assert_fast_path_equals_whole_load(before: LoadResult, after: LoadResult, edited: set[str],
                                        config: CoreConfig) -> bool:  # fmt: skip
    """Whether the fast path took the edit; when it did, its briefs, listings and diagnostics are the whole load's,
    and so is the index it gives, with drafts and without."""
    edits = reread_bodies(before, before.corpus.briefs, edited, config)
    if edits is None:
        return False
    assert set(edits.briefs) == edited
    listings = {listing.path: listing for listing in after.listings}
    for path, brief in edits.briefs.items():
        assert brief == _at(after, path)
        assert before.corpus.briefs[edits.positions[path]].path == path
        assert edits.listings[path] == listings[path]
    # The edited briefs' own diagnostics: those of the whole load at their paths, less those only a look across
    # briefs makes (unchanged by a body edit, and reported by the last load).
    whole = {d.as_text() for d in after.diagnostics if d.file in edited}
    earlier = {d.as_text() for d in before.diagnostics if d.file in edited}
    fast = {d.as_text() for d in edits.diagnostics}
    assert fast <= whole <= fast | earlier
    for drafts in (False, True):
        swapped = SiteIndex.build(before.corpus, include_drafts=drafts).with_bodies(edits.briefs)
        assert swapped == SiteIndex.build(after.corpus, include_drafts=drafts)
    return True


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 7), st.integers(0, 7)), min_size=1, max_size=12))
def test_the_fast_path_for_body_edits_gives_what_a_whole_load_gives(edits: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        site = new_site(Path(directory))
        before = load(site.root, site.config)
        for edit, pick, choice in edits:
            texts, config = _texts(site.root), site.config
            apply(site, edit, pick, choice)
            after = load(site.root, site.config)
            now = _texts(site.root)
            edited = {path for path in now.keys() & texts.keys() if now[path] != texts[path]}
            if edited and now.keys() == texts.keys() and site.config == config:
                taken = _assert_fast_path_equals_whole_load(before, after, edited, config)
                # A valid brief whose body alone changed is always taken.
                path = next(iter(edited))
                old, new = _at(before, path), _at(after, path)
                if len(edited) == 1 and edit in ("body", "same-size") and old is not None and new is not None:
                    assert taken == (replace(old, body=new.body) == new), (edit, path)
            before = after


def _brief(path: str, day: int, *, countries: tuple[str, ...] = ("CN", "US"), lang: str = "en",
           translation_of: str = "", draft: bool = False, body: str = "Body.") -> Brief:  # fmt: skip
    return Brief(path=path, slug=Path(path).stem, title=path, date=dt.date(2024, 1, day), summary="S.",
                 actors=("xi-jinping",), countries=countries, topics=(Topic("trade", "Trade"),), body=body,
                 actor_roles=(("xi-jinping", "perpetrator"),), country_roles=(("CN", "origin"),), lang=lang,
                 translation_of=translation_of, status="draft" if draft else "published")  # fmt: skip


def test_an_index_with_edited_bodies_is_the_index_of_the_edited_corpus() -> None:
    briefs = (  # a corpus's order: by date, then path
        _brief("a.md", 1), _brief("t-fr.md", 2, lang="fr", translation_of="t"), _brief("t.md", 2),
        _brief("d.md", 3, draft=True), _brief("e.md", 4, countries=("RU",)), _brief("f.md", 5),
    )  # fmt: skip
    corpus = Corpus("/", briefs, countries={code: Country(code, code) for code in ("CN", "US", "RU")})
    for edited_paths in ({"t.md"}, {"t-fr.md"}, {"d.md"}, {"a.md", "f.md", "e.md"}):
        edited = {
            b.path: replace(b, body=f"New body of {b.path}.", body_line=3) for b in briefs if b.path in edited_paths
        }
        new = replace(corpus, briefs=tuple(edited.get(b.path, b) for b in briefs))
        for drafts in (False, True):
            old_index = SiteIndex.build(corpus, include_drafts=drafts)
            swapped = old_index.with_bodies(edited)
            assert swapped == SiteIndex.build(new, include_drafts=drafts)
            assert old_index == SiteIndex.build(corpus, include_drafts=drafts)  # the old index is left as it was
            if "e.md" not in edited_paths:  # a list no edited brief is in is shared, not copied
                assert swapped.by_country["RU"] is old_index.by_country["RU"]
