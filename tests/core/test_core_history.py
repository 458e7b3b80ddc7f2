"""The one pass over git (`site.git_log`) and what is derived from it: renames (`site.renames`) and each
brief's revisions (`site.history`), from real repositories made in temporary folders."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.base.config import CoreConfig
from generator.base.model import Brief, Corpus
from generator.corpus.loader import load
from generator.site import git_log
from generator.site.changes import SiteState, changed_briefs, site_change
from generator.site.git_log import Change
from generator.site.history import commit_link, histories, with_revisions
from generator.site.index import SiteIndex
from generator.site.plan import plan_pages
from generator.site.renames import renamed_from, renames_in
from generator.site.views import ViewBuilder
from tests.core.core_support import VALID_BRIEF, write_site
from tests.git_repo import commit_all, git

DAY1, DAY2, DAY3, DAY4 = (f"2024-0{n}-01T09:30:00+02:00" for n in (1, 2, 3, 4))


def _write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> tuple[Path, list[str]]:
    """briefs/ in a repository: a.md and b.md added; b.md edited; a.md moved to 2024/c.md (a move alone) and
    b.md moved and edited to d.md; c.md edited, gone.md added and deleted. Outside briefs/, other files."""
    root, docs = tmp_path / "repo", tmp_path / "repo" / "briefs"
    docs.mkdir(parents=True)
    git(root, "init", "-q")
    _write(docs, "a.md", "alpha\n" * 20)
    _write(docs, "b.md", "bravo\n" * 20)
    _write(root, "README.md", "outside")
    shas = [commit_all(root, "Add a and b", DAY1)]
    _write(docs, "b.md", "bravo\n" * 20 + "more\n")
    _write(root, "README.md", "outside, edited")
    shas.append(commit_all(root, 'Edit b: "quoted" <script>alert(1)</script>\n\nThe body is not the subject.', DAY2))
    (docs / "2024").mkdir()
    git(root, "mv", "briefs/a.md", "briefs/2024/c.md")
    git(root, "mv", "briefs/b.md", "briefs/d.md")
    _write(docs, "d.md", "bravo\n" * 20 + "more\nand more\n")
    shas.append(commit_all(root, "Move briefs", DAY3))
    _write(docs, "2024/c.md", "alpha\n" * 20 + "edited\n")
    _write(docs, "gone.md", "short-lived\n")
    shas.append(commit_all(root, "Edit c", DAY4))
    (docs / "gone.md").unlink()
    shas.append(commit_all(root, "Remove gone", "2024-05-01T00:00:00Z"))
    shas.append(commit_all(root, "Only outside", "2024-06-01T00:00:00Z"))  # no change under briefs/: not listed
    return docs, shas


def test_one_pass_reads_every_commit_of_the_folder_with_its_changes(repo: tuple[Path, list[str]]) -> None:
    docs, shas = repo
    log = git_log.read(docs)
    assert log is not None and not log.shallow and log.head == shas[-1]
    assert [(c.sha, c.date, c.subject) for c in log.commits] == [
        (shas[4], "2024-05-01T00:00:00Z".replace("Z", "+00:00"), "Remove gone"),
        (shas[3], DAY4, "Edit c"),
        (shas[2], DAY3, "Move briefs"),
        (shas[1], DAY2, 'Edit b: "quoted" <script>alert(1)</script>'),
        (shas[0], DAY1, "Add a and b"),
    ]
    changes = [sorted(c.changes, key=lambda change: change.path) for c in log.commits]
    assert changes[0] == [Change("D", "gone.md")]
    assert changes[1] == [Change("M", "2024/c.md"), Change("A", "gone.md")]
    assert changes[2][0] == Change("R", "2024/c.md", "a.md", 100)
    assert changes[2][1].status == "R" and changes[2][1].old == "b.md" and 50 < changes[2][1].similarity < 100
    assert changes[4] == [Change("A", "a.md"), Change("A", "b.md")]


def test_the_pass_is_kept_while_head_stays_and_read_again_after_a_commit(repo: tuple[Path, list[str]]) -> None:
    docs, _ = repo
    first = git_log.read(docs)
    assert git_log.read(docs) is first
    _write(docs, "new.md", "new\n")
    head = commit_all(docs.parent, "Add new", "2024-07-01T00:00:00Z")
    again = git_log.read(docs)
    assert again is not first and again is not None and again.head == head and again.commits[0].subject == "Add new"


def test_renames_are_derived_from_the_same_pass(repo: tuple[Path, list[str]]) -> None:
    docs, _ = repo
    assert renamed_from(docs) == renames_in(git_log.read(docs)) == {"2024/c.md": {"a.md"}, "d.md": {"b.md"}}


def test_a_brief_keeps_the_commits_of_its_earlier_paths(repo: tuple[Path, list[str]]) -> None:
    docs, shas = repo
    log = git_log.read(docs)
    assert log is not None
    found = histories(log)
    c, d = found["2024/c.md"], found["d.md"]
    assert [(r.sha, r.message, r.content) for r in c.revisions] == [
        (shas[3], "Edit c", True), (shas[2], "Move briefs", False), (shas[0], "Add a and b", True),
    ]  # fmt: skip
    assert [(r.sha, r.content) for r in d.revisions] == [(shas[2], True), (shas[1], True), (shas[0], True)]
    # The last change of the text: not the move alone, not the commit that added the file.
    assert (c.modified, d.modified) == (dt.date(2024, 4, 1), dt.date(2024, 3, 1))
    assert "a.md" not in found and "b.md" not in found and "gone.md" not in found


def test_a_file_added_where_another_was_deleted_or_moved_away_starts_its_own_history(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    _write(root, "x.md", "first x\n" * 10)
    _write(root, "y.md", "first y\n" * 10)
    commit_all(root, "Add x and y", DAY1)
    (root / "x.md").unlink()
    commit_all(root, "Delete x", DAY2)
    _write(root, "x.md", "second x, another text altogether\n")
    git(root, "mv", "y.md", "z.md")
    added = commit_all(root, "Add x again, move y", DAY3)
    _write(root, "y.md", "third: a new y at the old path, nothing like the first\n")
    new_y = commit_all(root, "A new y", DAY4)
    log = git_log.read(root)
    assert log is not None
    found = histories(log)
    assert [r.sha for r in found["x.md"].revisions] == [added]
    assert [r.sha for r in found["y.md"].revisions] == [new_y]
    assert [r.message for r in found["z.md"].revisions] == ["Add x again, move y", "Add x and y"]
    assert found["x.md"].modified is None and found["z.md"].modified is None


def test_no_repository_no_history_and_no_error(tmp_path: Path) -> None:
    assert git_log.read(tmp_path) is None
    git(tmp_path, "init", "-q")  # a repository without a commit
    assert git_log.read(tmp_path) is None
    corpus = Corpus(str(tmp_path), (Brief("a.md", "a", "A", dt.date(2024, 1, 1), "", (), (), ()),))
    assert with_revisions(corpus, None) is corpus
    assert renamed_from(tmp_path) == {}


def test_a_shallow_clone_says_so(repo: tuple[Path, list[str]], tmp_path: Path) -> None:
    docs, shas = repo
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{docs.parent}", str(clone))
    log = git_log.read(clone / "briefs")
    # The one commit there is (it changed nothing under briefs/) seems to add every file.
    assert log is not None and log.shallow and [c.sha for c in log.commits] == [shas[-1]]
    found = histories(log)
    # Every file seems added by the oldest commit there is: none of that dates a change.
    assert all(history.modified is None for history in found.values())


@pytest.mark.parametrize(
    ("repo_url", "link"),
    [
        ("https://github.com/owner/briefs", "https://github.com/owner/briefs/commit/"),
        ("https://github.com/owner/briefs/", "https://github.com/owner/briefs/commit/"),
        ("https://github.com/owner/briefs.git", "https://github.com/owner/briefs/commit/"),
        ("https://codeberg.org/owner/briefs", "https://codeberg.org/owner/briefs/commit/"),
        ("https://gitea.example.org/owner/briefs", "https://gitea.example.org/owner/briefs/commit/"),
        ("https://gitlab.com/group/sub/briefs", "https://gitlab.com/group/sub/briefs/-/commit/"),
        ("https://gitlab.example.org/group/briefs", "https://gitlab.example.org/group/briefs/-/commit/"),
        ("https://bitbucket.org/owner/briefs", "https://bitbucket.org/owner/briefs/commits/"),
        ("http://git.example.org/owner/briefs", "http://git.example.org/owner/briefs/commit/"),
        ("git@github.com:owner/briefs.git", ""),
        ("ssh://git@github.com/owner/briefs", ""),
        ("javascript:alert(1)", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_commit_links_follow_the_host(repo_url: str | None, link: str) -> None:
    assert commit_link(repo_url) == link


def test_every_file_of_a_larger_history_keeps_all_its_commits(tmp_path: Path) -> None:
    """Speed is measured by the benchmarks; this checks the one pass over many files and commits is complete."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    for commit in range(3):
        for n in range(500):
            _write(root, f"{n // 100}/{n}.md", f"brief {n}\n" * (5 + commit))
        commit_all(root, f"Commit {commit}", f"2024-0{commit + 1}-01T00:00:00Z")
    log = git_log.read(root)
    assert log is not None
    found = histories(log)
    assert len(found) == 500 and all(len(history.revisions) == 3 for history in found.values())
    assert {history.modified for history in found.values()} == {dt.date(2024, 3, 1)}


def test_a_second_load_keeps_the_briefs_it_gave_a_history(repo: tuple[Path, list[str]]) -> None:
    """Serve's loads keep unchanged briefs as the same objects; giving them their history must not copy them."""
    docs, _ = repo
    day = dt.date(2024, 1, 1)
    briefs = tuple(Brief(path, path, "A brief", day, "", (), (), ()) for path in ("2024/c.md", "d.md", "new.md"))
    corpus = Corpus(str(docs), briefs)
    log = git_log.read(docs)
    first = with_revisions(corpus, log)
    again = with_revisions(corpus, log)
    dated = [brief for brief in first.briefs if brief.revisions]
    assert dated and all(a is b for a, b in zip(first.briefs, again.briefs, strict=True))


def _state(root: Path) -> SiteState:
    result = load(root, CoreConfig())
    assert not result.has_errors, [d.as_text() for d in result.diagnostics]
    index = SiteIndex.build(with_revisions(result.corpus, git_log.read(root)), include_drafts=True)
    pages = {spec.src_uri: spec for spec in plan_pages(index, home_title="Home", home_body=None)}
    return SiteState(index, ViewBuilder(index, commit_link=commit_link("https://github.com/o/r")), pages)


def test_serve_renders_again_the_page_of_a_brief_whose_history_alone_changed(tmp_path: Path) -> None:
    """Serve's rebuilds find what to render from the briefs that changed (`site.changes`): a brief whose file is
    as it was, but whose history has a new commit, is one, and the other pages print what they printed."""
    root = write_site(tmp_path / "briefs", {"2024/a.md": VALID_BRIEF, "2024/b.md": VALID_BRIEF.replace("Body", "B")})
    git(root, "init", "-q")
    commit_all(root, "Add", DAY1)
    (root / "2024/a.md").write_text(VALID_BRIEF.replace("Body text.", "Body text, edited."))
    before = _state(root)
    commit_all(root, "Edit a", "2030-01-01T00:00:00Z")  # after the brief's date: it dates its last change
    after = _state(root)
    changed = changed_briefs(before.index.corpus, after.index.corpus)
    assert changed == {"2024/a.md"}
    change = site_change(before, after, changed)
    rendered = {spec.src_uri for spec in change.render}
    assert "2024/a.md" in rendered and "2024/b.md" not in rendered
    for src_uri, spec in after.pages.items():
        if src_uri not in rendered:
            assert before.pages[src_uri] == spec and before.views.for_page(spec) == after.views.for_page(spec)
    # Its feed entries' <updated> changed: the feeds that list it are written again, and briefs.json with them.
    assert {"feed.xml", "briefs.json"} <= change.data_files


def test_a_clone_made_whole_is_read_again_at_the_same_head(repo: tuple[Path, list[str]], tmp_path: Path) -> None:
    docs, shas = repo
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{docs.parent}", str(clone))
    shallow = git_log.read(clone / "briefs")
    git(clone, "fetch", "-q", "--unshallow")
    whole = git_log.read(clone / "briefs")
    assert shallow is not None and whole is not None and shallow.head == whole.head == shas[-1]
    assert not whole.shallow and len(whole.commits) == 5
