"""`redirect_from`: how an old address is read, and each error where an author can act on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_support import VALID_FIELDS, brief, check, write_site

from generator.base.model import Located
from generator.corpus.loader import load
from generator.reading.redirects import normalised
from generator.site.redirects import plan_redirects, redirect_page, redirects_file
from generator.site.renames import follow, with_history


@pytest.mark.parametrize(
    ("written", "path"),
    [
        ("/2023/old-name/", "2023/old-name/"),
        ("2023/old-name/", "2023/old-name/"),
        ("/2023/old-name", "2023/old-name/"),
        ("/2023/old-name/index.html", "2023/old-name/"),
        ("/old-name.html", "old-name.html"),  # a file of that name: a site moved from Jekyll
        ("/caf%C3%A9/", "café/"),  # kept decoded, as page paths are; encoded where written out
        ("/", ""),  # the home page: `redirect-conflict` reports it
    ],
)
def test_an_old_address_is_kept_in_the_site_s_folder_form(written: str, path: str) -> None:
    assert normalised(written) == (path, "")


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("https://example.org/old/", "names another site"),
        ("//example.org/old/", "names another site"),
        ("javascript:alert(1)", "names another site"),
        ("/2023/../../etc/", "has '.' or '..' in it"),
        ("/2023/%2e%2e/x/", "has '.' or '..' in it"),
        ("/old/?page=2", "has a query or a fragment, which never reach the server's file"),
        ("/old/#top", "has a query or a fragment, which never reach the server's file"),
        ("\\old\\", "holds a backslash"),
        ("/old%5Cname/", "holds a control character or a backslash"),
        ("/old%0A/", "holds a control character or a backslash"),
        ("/a//b/", "has an empty folder ('//') in it"),
    ],
)
def test_an_address_that_is_not_site_relative_is_refused(written: str, why: str) -> None:
    assert normalised(written) == (None, why)


def _errors(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, int, str, str, str]]:
    result = check(write_site(tmp_path, files))
    return [(d.file, d.line, d.column, d.code, d.message, d.hint) for d in result.diagnostics if d.is_error]


def test_a_single_string_is_a_list_of_one_and_a_bad_entry_is_located(tmp_path: Path) -> None:
    errors = _errors(tmp_path, {"2024/a.md": brief(*VALID_FIELDS, "redirect_from:", "  - /fine/", "  - http://x.org/")})
    assert errors == [("2024/a.md", 9, 5, "invalid-redirect",
                       "'redirect_from' 'http://x.org/' is not a site-relative URL: it names another site",
                       "write the old address as a path from the site's root, e.g. /2023/old-name/")]  # fmt: skip


@pytest.mark.parametrize(
    ("old", "holder"),
    [
        ("/", "the home page"),
        ("/2024/live/", "2024/live.md"),
        ("/actors/xi-jinping/", "actors/xi-jinping.md"),
        ("/countries/cn/", "the page of country CN"),
        ("/topics/", "the index of topics"),
        ("/archive/2024/", "the archive of 2024"),
        ("/search/", "the search page"),
        ("/briefs.json/", "the site's briefs.json"),  # '/briefs.json' is the folder too: no '.html'
        ("/feed.xml/", "the site's Atom feed"),
        ("/pagefind/old/", "the search index's folder"),
        ("/b/live/", "the folder of the briefs' permanent links"),
        ("/_redirects/", "the site's _redirects"),
    ],
)
def test_an_old_address_a_live_page_holds_is_an_error(tmp_path: Path, old: str, holder: str) -> None:
    errors = _errors(tmp_path, {"2024/live.md": brief(*VALID_FIELDS), "2024/moved.md": brief(
        *VALID_FIELDS, f"redirect_from: '{old}'")})  # fmt: skip
    assert errors == [("2024/moved.md", 7, 16, "redirect-conflict", f"'redirect_from' '{old}' is taken by {holder}",
                       "remove it: that address is live, and a redirect there would replace what is")]  # fmt: skip


def test_an_old_address_two_briefs_claim_is_an_error_at_both(tmp_path: Path) -> None:
    errors = _errors(tmp_path, {"2024/one.md": brief(*VALID_FIELDS, "redirect_from: [/old/]"),
                                "2024/two.md": brief(*VALID_FIELDS, "redirect_from: old/index.html")})  # fmt: skip
    hint = "an old address leads to one brief: remove it from all but one"
    assert errors == [
        ("2024/one.md", 7, 17, "redirect-claimed", "'redirect_from' '/old/' is claimed by 2024/two.md too", hint),
        ("2024/two.md", 7, 16, "redirect-claimed", "'redirect_from' '/old/' is claimed by 2024/one.md too", hint),
    ]


def test_one_brief_may_write_an_address_twice(tmp_path: Path) -> None:
    assert _errors(tmp_path, {"2024/one.md": brief(*VALID_FIELDS, "redirect_from: [/old/, old]")}) == []


def test_the_redirects_file_starts_at_the_host_s_root_and_is_encoded(tmp_path: Path) -> None:
    """A site served under a sub-path writes its paths from the host's root; a space is encoded, so each line
    stays three fields."""
    corpus = load(
        write_site(tmp_path, {"2024/a b.md": brief(*VALID_FIELDS, "slug: a-b", "redirect_from: /old a/")})
    ).corpus
    (brief_,) = corpus.briefs
    assert brief_.redirect_from == (Located("old a/", 8, 16),)
    redirects = plan_redirects(corpus.briefs)
    assert redirects_file(redirects, "https://example.org/sub/") == (
        "/sub/b/a-b/ /sub/2024/a%20b/ 302\n/sub/old%20a/ /sub/2024/a%20b/ 301\n"
    )
    assert redirects_file(redirects, "") == "/b/a-b/ /2024/a%20b/ 302\n/old%20a/ /2024/a%20b/ 301\n"


def test_a_redirect_page_is_in_its_brief_s_language(tmp_path: Path) -> None:
    corpus = load(
        write_site(tmp_path, {"2024/a.md": brief(*VALID_FIELDS, "lang: pt-br", "redirect_from: /old/")})
    ).corpus
    pages = [redirect_page(r, "") for r in plan_redirects(corpus.briefs)]
    assert len(pages) == 2 and all('<html lang="pt-BR">' in page for page in pages)


@pytest.mark.parametrize(
    ("renames", "earlier"),
    [
        ([("a.md", "b.md"), ("b.md", "c.md")], {"c.md": {"a.md", "b.md"}}),  # a chain, oldest first
        ([("a.md", "b.md"), ("b.md", "a.md")], {"a.md": {"b.md"}}),  # renamed back: b/ was its address for a while
        ([("a.md", "c.md"), ("b.md", "c.md")], {"c.md": {"a.md", "b.md"}}),  # two files, one after the other
        ([], {}),
    ],
)
def test_renames_are_followed_through_chains(renames: list[tuple[str, str]], earlier: dict[str, set[str]]) -> None:
    assert follow(renames) == earlier


def test_addresses_from_history_give_way_to_what_the_site_uses(tmp_path: Path) -> None:
    """An address from history is left out, never an error, where a brief lives, an author wrote it, two
    histories lead from it, or the site generates pages; only Markdown files had pages."""
    corpus = load(write_site(tmp_path, {
        "2024/c.md": brief(*VALID_FIELDS, "redirect_from: /written/"),
        "2024/d.md": brief(*VALID_FIELDS),
        "2024/live.md": brief(*VALID_FIELDS),
    })).corpus  # fmt: skip
    earlier = {
        "2024/c.md": {"2023/c.md", "written.md", "2024/live.md", "both.md", "actors/x.md", "notes.txt"},
        "2024/d.md": {"both.md", "2023/d.md"},
    }
    found = {b.path: b.redirect_from for b in with_history(corpus, earlier, ["index.md"]).briefs}
    assert found["2024/c.md"] == (Located("written/", 7, 16), Located("2023/c/", 0, 0))
    assert found["2024/d.md"] == (Located("2023/d/", 0, 0),)
    assert found["2024/live.md"] == ()
