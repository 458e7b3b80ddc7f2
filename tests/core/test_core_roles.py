"""Roles: `actors: [Xi Jinping: perpetrator]`, read with their places, checked against the site's vocabulary,
kept on the brief, shown on its page and in sections of its actors' and countries' pages, and exported to
briefs.json and briefs.csv."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from core_support import COUNTRIES_LINE, DATE, SUMMARY, TITLE, brief, check, write_site

from generator.base.config import CoreConfig
from generator.base.diagnostics import Diagnostic
from generator.base.model import Listed, Located
from generator.base.roles import Role, RoleVocabulary
from generator.corpus.cache import ParseCache
from generator.corpus.loader import load
from generator.reading.parse import parse_brief
from generator.site.export import CSV_COLUMNS, briefs_csv, briefs_json
from generator.site.index import SiteIndex
from generator.site.view_types import EntityView
from generator.site.views import ViewBuilder

E, W = "error", "warning"


def _front(actors: str, countries: str = COUNTRIES_LINE, *extra: str) -> str:
    """A brief whose actors line (line 5) and countries line (line 6 unless actors spans more) are given."""
    return brief(TITLE, DATE, SUMMARY, actors, countries, *extra)


def _check(tmp_path: Path, text: str, config: CoreConfig | None = None) -> list[Diagnostic]:
    return check(write_site(tmp_path, {"2024/a.md": text}), config).diagnostics


def _found(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str, str]]:
    return [(d.line, d.column, d.severity.value, d.code) for d in diagnostics]


# -- reading ------------------------------------------------------------------------------------------
def test_an_entry_is_a_name_or_a_name_and_its_role_each_with_its_place() -> None:
    parsed = parse_brief("2024/a.md", _front("actors: [Xi Jinping: perpetrator, Vladimir Putin]").encode())
    assert parsed.diagnostics == ()
    assert parsed.actors == (
        Listed(Located("Xi Jinping", 5, 10), Located("perpetrator", 5, 22)),
        Listed(Located("Vladimir Putin", 5, 35)),
    )


def test_roles_may_be_written_one_entry_per_line() -> None:
    text = _front("actors: [Xi Jinping]", "countries:\n  - CN: origin\n  - US\n  - 'RU':   target  ")
    parsed = parse_brief("2024/a.md", text.encode())
    assert parsed.diagnostics == ()
    assert parsed.countries == (
        Listed(Located("CN", 7, 5), Located("origin", 7, 9)),
        Listed(Located("US", 8, 5)),
        Listed(Located("RU", 9, 5), Located("target", 9, 13)),
    )


def test_two_names_in_one_entry_are_an_error_whose_hint_separates_them() -> None:
    text = _front("actors:\n  - Xi Jinping: perpetrator\n    Vladimir Putin: target")
    (error,) = parse_brief("2024/a.md", text.encode()).diagnostics
    assert (error.line, error.column, error.code) == (6, 5, "wrong-type")
    assert error.message == "an entry of 'actors' must be one name, or one name and its role, not a mapping of 2 names"
    assert error.hint == (
        "give each name its own entry, its role after a colon: actors: [Xi Jinping: perpetrator, Vladimir Putin: target]"
    )


def test_a_field_written_as_one_mapping_is_a_list_of_one_name_or_an_error() -> None:
    one = parse_brief("2024/a.md", _front("actors:\n  Xi Jinping: perpetrator").encode())
    assert one.diagnostics == ()
    assert one.actors == (Listed(Located("Xi Jinping", 6, 3), Located("perpetrator", 6, 15)),)
    (error,) = parse_brief(
        "2024/a.md", _front("actors:\n  Xi Jinping: perpetrator\n  Joe Biden:").encode()
    ).diagnostics[:1]
    assert (error.line, error.column, error.code) == (6, 3, "wrong-type")
    assert error.message == "'actors' must be a list, not a mapping of 2 names"
    assert (
        error.hint
        == "give each name its own entry, its role after a colon: actors: [Xi Jinping: perpetrator, Joe Biden]"
    )


def test_an_empty_mapping_is_an_error_with_an_example() -> None:
    (error,) = parse_brief("2024/a.md", _front("actors: [Xi Jinping]", "countries: [{}]").encode()).diagnostics
    assert (error.line, error.column, error.code) == (6, 13, "wrong-type")
    assert error.hint.endswith("countries: [CN: origin]")


@pytest.mark.parametrize(
    ("actors", "column", "code", "message"),
    [
        ("actors: [Xi Jinping: [perpetrator, target]]", 22, "wrong-type", "the role of 'Xi Jinping' must be one role, not a list"),
        ("actors: [Xi Jinping: {a: b}]", 22, "wrong-type", "the role of 'Xi Jinping' must be one role, not a mapping"),
        ("actors: [Xi Jinping: ]", 22, "empty-value", "the role of 'Xi Jinping' is empty"),
        ("actors: [Xi Jinping: '  ']", 22, "empty-value", "the role of 'Xi Jinping' is empty"),
    ],
)  # fmt: skip
def test_a_role_must_be_text(actors: str, column: int, code: str, message: str) -> None:
    (error,) = parse_brief("2024/a.md", _front(actors).encode()).diagnostics
    assert (error.line, error.column, error.code, error.message) == (5, column, code, message)


def test_topics_take_no_roles() -> None:
    text = _front("actors: [Xi Jinping]", COUNTRIES_LINE, "topics: [trade: target]")
    assert [(d.line, d.column, d.code) for d in parse_brief("2024/a.md", text.encode()).diagnostics] == [
        (7, 10, "wrong-type")
    ]


# -- checking against the vocabulary ---------------------------------------------------------------------
def test_an_unknown_role_is_located_at_the_role_with_a_did_you_mean(tmp_path: Path) -> None:
    (error,) = _check(tmp_path, _front("actors: [Xi Jinping: perpetrater]"))
    assert (error.line, error.column, error.code) == (5, 22, "unknown-role")
    assert error.message == "'perpetrater' is not a role of actors"
    assert error.hint == (
        "did you mean 'perpetrator'? the roles of actors are: perpetrator, target, attributor, responder "
        "(plugin option 'roles' in mkdocs.yml)"
    )


def test_country_roles_are_the_countries_own(tmp_path: Path) -> None:
    (error,) = _check(tmp_path, _front("actors: [Xi Jinping]", "countries: [CN: attributor]"))
    assert (error.line, error.column, error.code) == (6, 17, "unknown-role")
    assert error.hint.endswith(
        "the roles of countries are: origin, target, responder (plugin option 'roles' in mkdocs.yml)"
    )


def test_roles_are_matched_without_regard_to_case(tmp_path: Path) -> None:
    result = check(
        write_site(tmp_path, {"2024/a.md": _front("actors: [Xi Jinping: Perpetrator]", "countries: [CN: ORIGIN]")})
    )
    assert result.diagnostics == []
    assert (result.corpus.briefs[0].actor_roles, result.corpus.briefs[0].country_roles) == (
        (("xi-jinping", "perpetrator"),),
        (("CN", "origin"),),
    )


def test_the_site_vocabulary_decides(tmp_path: Path) -> None:
    config = CoreConfig(roles=RoleVocabulary(actors=(Role("sponsor", "sponsor", "sponsors"),), countries=()))
    found = _check(
        tmp_path, _front("actors: [Xi Jinping: sponsor, Putin: perpetrator]", "countries: [CN: origin]"), config
    )
    assert _found(found) == [(5, 38, E, "unknown-role"), (6, 17, E, "unknown-role")]
    assert found[1].hint == "this site gives countries no roles (plugin option 'roles' in mkdocs.yml)"


def test_a_name_given_a_role_twice_is_an_error_at_the_repeat(tmp_path: Path) -> None:
    found = _check(tmp_path, _front("actors: [Xi Jinping: perpetrator, Putin, President Xi: target]"))
    assert _found(found) == [(5, 42, E, "duplicate-role")]
    assert found[0].message == (
        "'President Xi' repeats Xi Jinping, already given the role 'perpetrator' (line 5, column 10)"
    )
    assert found[0].hint == "give each actor one role, and list it once"


def test_the_same_role_twice_is_a_duplicate_role_too(tmp_path: Path) -> None:
    found = _check(tmp_path, _front("actors: [Xi Jinping]", "countries: [CN: origin, China: origin]"))
    assert _found(found) == [(6, 25, E, "duplicate-role")]


@pytest.mark.parametrize("actors", ["[Xi: perpetrator, Xi Jinping]", "[Xi Jinping, Xi: perpetrator]"])
def test_a_name_repeated_with_one_role_is_a_duplicate_entry_and_keeps_it(tmp_path: Path, actors: str) -> None:
    result = check(write_site(tmp_path, {"2024/a.md": _front(f"actors: {actors}")}))
    assert [d.code for d in result.diagnostics] == ["duplicate-entry"]
    assert result.corpus.briefs[0].actors == ("xi-jinping",)
    assert result.corpus.briefs[0].actor_roles == (("xi-jinping", "perpetrator"),)


def test_one_bad_entry_hides_no_other_problem(tmp_path: Path) -> None:
    text = _front(
        "actors: [Nobody: perpetrater, Xi Jinping: targit, Putin: [a], Xi: responder]",
        "countries:\n  - CN: origin\n    RU: target\n  - Narnia: origin",
    )
    assert _found(_check(tmp_path, text)) == [
        (5, 10, E, "unknown-actor"),
        (5, 18, E, "unknown-role"),
        (5, 43, E, "unknown-role"),
        (5, 58, E, "wrong-type"),
        (5, 63, W, "duplicate-entry"),
        (7, 5, E, "wrong-type"),
        (9, 5, E, "unknown-country"),
    ]


# -- the brief, its page and its data --------------------------------------------------------------------
ROLED = {
    "2024/roled.md": _front(
        "actors: [Xi Jinping: perpetrator, Vladimir Putin]", "countries: [CN: origin, RU, US: target]"
    ),
    "2024/plain.md": brief(
        "title: Plain", DATE, SUMMARY, "actors: [Vladimir Putin]", "countries: [RU]", "confidence: high"
    ),
}


@pytest.fixture
def roled(tmp_path: Path) -> SiteIndex:
    result = load(write_site(tmp_path, ROLED))
    assert not result.has_errors, [d.as_text() for d in result.diagnostics]
    return SiteIndex.build(result.corpus)


def test_the_brief_keeps_its_names_and_their_roles_in_the_authors_order(roled: SiteIndex) -> None:
    brief = next(b for b in roled.briefs if b.path == "2024/roled.md")
    assert brief.actors == ("xi-jinping", "vladimir-putin")
    assert brief.countries == ("CN", "RU", "US")
    assert brief.actor_roles == (("xi-jinping", "perpetrator"),)
    assert brief.country_roles == (("CN", "origin"), ("US", "target"))


def test_the_brief_page_labels_its_chips_and_lists_do_not(roled: SiteIndex) -> None:
    views = ViewBuilder(roled)
    brief = next(b for b in roled.briefs if b.path == "2024/roled.md")
    page = views.brief(brief)
    assert [(c.key, c.role_label) for c in page.actors] == [
        ("xi-jinping", "alleged perpetrator"),
        ("vladimir-putin", ""),
    ]
    assert [(c.key, c.role_label) for c in page.countries] == [("CN", "alleged origin"), ("RU", ""), ("US", "target")]
    listed = views.brief_ref(brief)
    assert {c.role_label for c in (*listed.actors, *listed.countries)} == {""}


def test_labels_come_from_the_sites_vocabulary(roled: SiteIndex) -> None:
    vocabulary = RoleVocabulary(actors=(Role("perpetrator", "named culprit", "named culprits"),))
    brief = next(b for b in roled.briefs if b.path == "2024/roled.md")
    assert ViewBuilder(roled, roles=vocabulary).brief(brief).actors[0].role_label == "named culprit"


# -- entity pages: a section per role ----------------------------------------------------------------------
BY_ROLE = {
    # Xi Jinping is given, in the authors' order, target, then perpetrator twice (one of them a draft); a plain
    # mention too. Putin is only mentioned.
    "2024/target.md": brief("title: Target", "date: 2024-01-10", SUMMARY, "actors: [Xi Jinping: target]",
                            "countries: [CN: target]"),
    "2024/old-perpetrator.md": brief("title: Old", "date: 2024-02-10", SUMMARY,
                                     "actors: [Xi Jinping: perpetrator, Vladimir Putin]", "countries: [CN: origin]"),
    "2024/new-perpetrator.md": brief("title: New", "date: 2024-03-10", SUMMARY, "actors: [Xi Jinping: Perpetrator]",
                                     "countries: [CN: origin, RU]"),
    "2024/draft.md": brief("title: Draft", "date: 2024-04-10", SUMMARY, "actors: [Xi Jinping: perpetrator]",
                           COUNTRIES_LINE, "status: draft"),
    "2024/mention.md": brief("title: Mention", "date: 2024-05-10", SUMMARY, "actors: [Xi Jinping, Vladimir Putin]",
                             "countries: [CN, RU]"),
}  # fmt: skip


def _by_role(tmp_path: Path, *, include_drafts: bool = False, roles: RoleVocabulary | None = None) -> ViewBuilder:
    result = load(write_site(tmp_path, BY_ROLE))
    assert not result.has_errors, [d.as_text() for d in result.diagnostics]
    return ViewBuilder(SiteIndex.build(result.corpus, include_drafts=include_drafts), roles=roles or RoleVocabulary())


def _sections(view: EntityView) -> list[tuple[str, str, str, list[str]]]:
    return [(s.anchor, s.heading, s.count_label, [b.title for b in s.briefs]) for s in view.role_sections]


def test_an_actors_page_has_a_section_per_role_in_vocabulary_order_newest_first(tmp_path: Path) -> None:
    views = _by_role(tmp_path)
    xi = views.actor("xi-jinping")
    assert _sections(xi) == [
        ("role-perpetrator", "As alleged perpetrator", "2 briefs", ["New", "Old"]),
        ("role-target", "As target", "1 brief", ["Target"]),
    ]
    assert [(s.key, s.label, s.plural, s.count) for s in xi.role_sections] == [
        ("perpetrator", "alleged perpetrator", "alleged perpetrators", 2),
        ("target", "target", "targets", 1),
    ]
    assert [b.title for b in xi.briefs] == ["Mention", "New", "Old", "Target"]  # the full list stays
    assert xi.role_sections[1].briefs[0] is xi.briefs[3]  # the same memoised refs as the full list


def test_a_countrys_page_has_its_own_roles(tmp_path: Path) -> None:
    views = _by_role(tmp_path)
    assert _sections(views.country("CN")) == [
        ("role-origin", "As alleged origin", "2 briefs", ["New", "Old"]),
        ("role-target", "As target", "1 brief", ["Target"]),
    ]


def test_a_name_no_brief_gives_a_role_gets_no_section(tmp_path: Path) -> None:
    views = _by_role(tmp_path)
    assert views.actor("vladimir-putin").role_sections == ()
    assert views.country("RU").role_sections == ()


def test_drafts_count_in_sections_only_where_they_are_listed(tmp_path: Path) -> None:
    assert _sections(_by_role(tmp_path, include_drafts=True).actor("xi-jinping"))[0] == (
        "role-perpetrator", "As alleged perpetrator", "3 briefs", ["Draft", "New", "Old"],
    )  # fmt: skip


def test_sections_follow_the_sites_vocabulary(tmp_path: Path) -> None:
    vocabulary = RoleVocabulary(
        actors=(Role("target", "aimed at", "aimed at"), Role("perpetrator", "named culprit", "named culprits"))
    )
    views = _by_role(tmp_path, roles=vocabulary)
    assert [(s.anchor, s.heading) for s in views.actor("xi-jinping").role_sections] == [
        ("role-target", "As aimed at"),
        ("role-perpetrator", "As named culprit"),
    ]


# The data files as they were before roles, and the keys and columns added since, at the end: existing ones are a
# contract.
PLAIN_JSON = (
    '{"slug": "plain", "title": "Plain", "date": "2024-05-01", "updated": null, "summary": "One plain sentence.", '
    '"url": "2024/plain/", "path": "2024/plain.md", "actors": ["vladimir-putin"], "countries": ["RU"], "topics": [], '
    '"confidence": "high", "sources": []'
)
PLAIN_CSV_HEADER = "slug,title,date,updated,summary,url,path,actors,countries,topics,confidence,sources"
PLAIN_CSV_ROW = "plain,Plain,2024-05-01,,One plain sentence.,2024/plain/,2024/plain.md,vladimir-putin,RU,,high,"


def test_a_brief_without_roles_exports_as_before_with_empty_roles_at_the_end(roled: SiteIndex) -> None:
    plain = tuple(b for b in roled.briefs if b.path == "2024/plain.md")
    roles = '"actor_roles": {}, "country_roles": {}'
    later = '"permalink": "b/plain/", "lang": "en", "translation_of": null'
    assert briefs_json(plain) == f"[\n{PLAIN_JSON}, {roles}, {later}}}\n]\n"
    assert briefs_csv(plain) == (f"{PLAIN_CSV_HEADER},actor_roles,country_roles,permalink,lang,translation_of\n"
                                 f"{PLAIN_CSV_ROW},,,b/plain/,en,\n")  # fmt: skip
    assert CSV_COLUMNS[-5:] == ("actor_roles", "country_roles", "permalink", "lang", "translation_of")


def test_roles_are_exported_as_objects_and_slug_role_lists(roled: SiteIndex) -> None:
    records = {r["slug"]: r for r in json.loads(briefs_json(roled.briefs))}
    assert records["roled"]["actor_roles"] == {"xi-jinping": "perpetrator"}
    assert records["roled"]["country_roles"] == {"CN": "origin", "US": "target"}
    assert list(records["roled"])[-5:] == ["actor_roles", "country_roles", "permalink", "lang", "translation_of"]
    table = {row["slug"]: row for row in csv.DictReader(io.StringIO(briefs_csv(roled.briefs), newline=""))}
    assert (table["roled"]["actor_roles"], table["roled"]["country_roles"]) == (
        "xi-jinping:perpetrator",
        "CN:origin; US:target",
    )
    assert (table["plain"]["actor_roles"], table["plain"]["country_roles"]) == ("", "")


# -- what is kept between loads --------------------------------------------------------------------------
def test_a_changed_vocabulary_resolves_the_briefs_again(tmp_path: Path) -> None:
    root = write_site(tmp_path, {"2024/a.md": _front("actors: [Xi Jinping: sponsor]")})
    cache = ParseCache(trust_stat=True)
    assert [d.code for d in load(root, cache=cache).diagnostics] == ["unknown-role"]
    sponsors = RoleVocabulary(actors=(Role("sponsor", "sponsor", "sponsors"),))
    result = load(root, CoreConfig(roles=sponsors), cache=cache)
    assert result.diagnostics == []
    assert result.corpus.briefs[0].actor_roles == (("xi-jinping", "sponsor"),)
    assert [d.code for d in load(root, cache=cache).diagnostics] == ["unknown-role"]
