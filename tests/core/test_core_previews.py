"""Previews and structured data in the core: the JSON-LD escaping, the og_image option, absolute URLs, and what
each planned page's `Preview` says (no MkDocs needed)."""

from __future__ import annotations

import json

import pytest
from core_support import brief, write_site
from hypothesis import given
from hypothesis import strategies as st

from generator.base.config import OG_IMAGE
from generator.corpus.loader import load
from generator.site.index import SiteIndex
from generator.site.json_ld import script_json
from generator.site.plan import PageKind, plan_pages
from generator.site.previews import Preview, PreviewSite, preview_for, preview_site

HOSTILE = [
    "</script><script>window.x=1</script>",
    "</SCRIPT >",
    "<!-- <script>",
    "]]> & &amp; &#x3c;",
    "line\u2028separator\u2029paragraph",
    'quote " and backslash \\',
    "plain",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_script_json_leaves_nothing_that_html_or_javascript_reads(value: str) -> None:
    text = script_json({"name": value, value: [value]})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {"name": value, value: [value]}


@given(st.text(), st.text())
def test_script_json_escapes_any_text(key: str, value: str) -> None:
    text = script_json({key: value, "list": [value, key]})
    assert not set(text) & {"<", ">", "&", "\u2028", "\u2029"}
    assert json.loads(text) == {key: value, "list": [value, key]}


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("", True),
        ("assets/card.png", True),
        ("/assets/card.png", True),
        ("https://cdn.example/card.png", True),
        ("http://cdn.example/card.png", True),
        ("javascript:alert(1)", False),
        ("data:image/png;base64,AAAA", False),
        ("//cdn.example/card.png", False),
        ("https:card.png", False),
        ("ftp://cdn.example/card.png", False),
    ],
)
def test_og_image_is_a_site_path_or_an_http_url(value: str, valid: bool) -> None:
    problem = OG_IMAGE.check(value)
    assert (problem is None) == valid, problem
    if not valid:
        assert problem == (
            "expected a path relative to the site root (such as 'assets/card.png') or an absolute http(s) URL, "
            f"got '{value}'"
        )


def test_absolute_urls_come_from_site_url() -> None:
    site = preview_site("Site", "https://example.org/briefs", None, "/assets/card one.png")
    assert site.url == "https://example.org/briefs/"
    assert site.absolute("actors/xi-jinping/") == "https://example.org/briefs/actors/xi-jinping/"
    assert site.image_url == "https://example.org/briefs/assets/card%20one.png"
    assert PreviewSite("Site", "", "", "assets/card.png").image_url == ""  # nothing to make it absolute with
    assert PreviewSite("Site", "", "", "https://cdn.example/c.png").image_url == "https://cdn.example/c.png"


ORGANISATION = "---\nname: Ministry of State Security\naliases: [MSS]\nkind: organization\ncountry: CN\n---\nA body.\n"
BRIEFS = {
    "actors/mss.md": ORGANISATION,
    "2024/roles.md": brief("title: Roles", "date: 2024-05-01", "summary: With roles.",
                           "actors: [Xi Jinping: attributor, Ministry of State Security, Vladimir Putin]",
                           "countries: [CN, RU: target]", "updated: 2024-06-01"),
    "2024/plain.md": brief("title: Plain", "date: 2024-04-01", "summary: Without.", "actors: [Xi Jinping]",
                           "countries: [CN]"),
}  # fmt: skip


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> SiteIndex:
    result = load(write_site(tmp_path_factory.mktemp("site") / "briefs", BRIEFS))
    assert not result.has_errors, result.diagnostics
    return SiteIndex.build(result.corpus)


def _previews(index: SiteIndex, site: PreviewSite) -> dict[tuple[PageKind, str], Preview]:
    return {(spec.kind, spec.key): preview_for(site, index, spec) for spec in plan_pages(index, home_title="Home",
                                                                                         home_body=None)}  # fmt: skip


def test_brief_json_ld_puts_what_a_role_is_given_in_about(index: SiteIndex) -> None:
    previews = _previews(index, PreviewSite("Site", "https://example.org/"))
    roles = previews[PageKind.BRIEF, "roles"]
    data = json.loads(roles.json_ld)
    assert [(t["@type"], t["name"]) for t in data["about"]] == [("Person", "Xi Jinping"), ("Country", "Russia")]
    assert [(t["@type"], t["name"]) for t in data["mentions"]] == [
        ("Organization", "Ministry of State Security"), ("Person", "Vladimir Putin"), ("Country", "China")]  # fmt: skip
    assert data["about"][0]["sameAs"] == "https://www.wikidata.org/wiki/Q15031"
    assert (data["datePublished"], data["dateModified"]) == ("2024-05-01", "2024-06-01")
    assert (roles.type, roles.published_time, roles.modified_time) == ("article", "2024-05-01", "2024-06-01")


def test_without_site_url_nothing_claims_an_address(index: SiteIndex) -> None:
    for preview in _previews(index, PreviewSite("Site")).values():
        assert preview.url == "" and "https://example" not in preview.json_ld
    data = json.loads(_previews(index, PreviewSite("Site"))[PageKind.BRIEF, "plain"].json_ld)
    assert "url" not in data and all("url" not in thing for thing in data["mentions"])


def test_descriptions_and_types_by_page_kind(index: SiteIndex) -> None:
    previews = _previews(index, PreviewSite("Site", "https://example.org/", "About the site."))
    described = {key: (p.type, p.description) for key, p in previews.items()}
    assert described[PageKind.HOME, ""] == ("website", "About the site.")
    assert described[PageKind.ACTOR, "xi-jinping"] == ("profile", "2 briefs naming Xi Jinping.")
    assert described[PageKind.ACTOR, "mss"] == ("website", "1 brief naming Ministry of State Security.")
    assert described[PageKind.COUNTRY, "CN"] == ("website", "2 briefs naming China.")
    mss = json.loads(previews[PageKind.ACTOR, "mss"].json_ld)
    assert (mss["@type"], mss["alternateName"], mss["location"]["identifier"]) == ("Organization", ["MSS"], "CN")
    assert all(p.json_ld == "" for (kind, _), p in previews.items() if kind not in (PageKind.BRIEF, PageKind.ACTOR))
