"""Warm loads (`mkdocs serve`'s rebuilds, with one cache kept between them) give exactly what a cold load gives.

The property test edits a small briefs folder as an author would, one random edit after another, and after
each compares a load with a long-lived cache (trusting stats, and not) with a load from scratch. Every
write moves the file's modification time to a new value, as a real edit does a moment later: a cache that
trusts stats cannot see an edit that leaves the stat as it was (see `ParseCache`).
"""

from __future__ import annotations

import itertools
import os
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pytest
from core_support import ACTORS, brief
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import generator.corpus.cache
from generator.base.config import CoreConfig
from generator.base.roles import Role, RoleVocabulary
from generator.corpus.loader import LoadResult, ParseCache, load, mention_diagnostics

# Every write gets its own modification time, a day in the past, one second after the last one.
_CLOCK = itertools.count(time.time_ns() - 86_400 * 10**9, 10**9)


def set_mtime(path: Path) -> None:
    stamp = next(_CLOCK)
    os.utime(path, ns=(stamp, stamp))


def snapshot(result: LoadResult) -> dict[str, Any]:
    """Everything a load gives that a rebuild reads, as comparable values."""
    return {
        "files": result.files,
        "briefs": result.corpus.briefs,
        "actors": result.corpus.actors,
        "countries": result.corpus.countries,
        "diagnostics": [d.as_text() for d in result.diagnostics],
        "listings": result.listings,
        "home": result.home,
        "mentions": [d.as_text() for d in mention_diagnostics(result)],
        "finder": result.mentions.fingerprint,
    }


# --- a small briefs folder, as fields an edit changes ------------------------------------------------

BODIES = (
    "Body text.\n",
    "Putin met Xi Jinping in Beijing; China said so.\n",  # mention warnings
    "A <b>bold</b> claim about Russia.\n",  # raw HTML: an error with raw_html: refuse
    "# A heading\n\nAlias New spoke.\n",  # a level-one heading; a name only an added alias knows
    "Same length body A.\n",
    "Same length body B.\n",
)
ACTOR_LISTS = ((), ("Xi Jinping",), ("Putin", "Xi"), ("Nobody Known",), ("Xi", "Xi Jinping"), ("Alias New",),
               ("Xi Jinping: perpetrator", "Putin: sponsor"), ("Xi: target", "Xi Jinping: attributor"))  # fmt: skip
COUNTRY_LISTS = ((), ("CN",), ("RU", "DE"), ("Narnia",), ("Atlantis",), ("China", "CN"), ("CN: origin", "RU"),
                 ("Atlantis: target",))  # fmt: skip
TOPIC_LISTS = ((), ("trade",), ("trade", "Espionage"), ("!!!",))
TITLES = ("A valid brief", "Another title", None)
DATES = ("2024-05-01", "2023-01-31", "2024-13-01", None)
PATHS = ("2024/a.md", "2024/b.md", "2025/a.md", "2025/deep/c.md", "d.md", "drafts/e.md", "topics/f.md", "2026/g.md")
ALIASES = ((), ("Xi", "President Xi"), ("Alias New",), ("Putin", "Xi"))
NAMES = ("Xi Jinping", "Xi Jinping II", "Vladimir Putin")
CONFIGS = (
    CoreConfig(),
    CoreConfig(country_aliases={"Atlantis": "DE"}),
    CoreConfig(raw_html="refuse"),
    CoreConfig(not_briefs=("drafts/**",), country_aliases={"Atlantis": "GR"}),
    CoreConfig(roles=RoleVocabulary(actors=(Role("sponsor", "sponsor", "sponsors"),), countries=())),
)


@dataclass
class Brief:
    body: str = BODIES[0]
    actors: tuple[str, ...] = ("Xi Jinping",)
    countries: tuple[str, ...] = ("CN",)
    topics: tuple[str, ...] = ()
    title: str | None = TITLES[0]
    date: str | None = DATES[0]
    broken: bool = False  # front matter that is not YAML

    def text(self) -> str:
        if self.broken:
            return "---\ntitle: [unclosed\n---\n" + self.body
        lines = [f"title: {self.title}"] if self.title else []
        lines += [f"date: {self.date}"] if self.date else []
        lines += ["summary: One plain sentence."]
        lines += [f"actors: [{', '.join(self.actors)}]", f"countries: [{', '.join(self.countries)}]"]
        lines += [f"topics: [{', '.join(self.topics)}]"] if self.topics else []
        return brief(*lines, body=self.body)


@dataclass
class Actor:
    name: str
    aliases: tuple[str, ...]

    def text(self) -> str:
        aliases = f"aliases: [{', '.join(self.aliases)}]\n" if self.aliases else ""
        return f"---\nname: {self.name}\n{aliases}kind: person\n---\nAn actor.\n"


@dataclass
class Site:
    root: Path
    briefs: dict[str, Brief] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    config: CoreConfig = CONFIGS[0]

    def write(self, path: str, text: str) -> None:
        file = self.root / path
        created = not file.exists()
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")
        set_mtime(file)
        if created:
            set_mtime(file.parent)

    def remove(self, path: str) -> None:
        (self.root / path).unlink()
        set_mtime((self.root / path).parent)


def new_site(root: Path) -> Site:
    site = Site(root)
    for path, text in ACTORS.items():
        site.write(path, text)
    site.actors = {
        "actors/xi-jinping.md": Actor("Xi Jinping", ALIASES[1]),
        "actors/vladimir-putin.md": Actor("Vladimir Putin", ("Putin",)),
    }
    site.briefs = {
        "2024/a.md": Brief(),
        "2024/b.md": Brief(body=BODIES[1], actors=ACTOR_LISTS[2]),
        "2025/c.md": Brief(body=BODIES[3], countries=COUNTRY_LISTS[4]),  # names an alias yet to come
    }
    for path, entry in site.briefs.items():
        site.write(path, entry.text())
    site.write("index.md", "---\ntitle: Home\n---\nWelcome.\n")
    site.write("countries/de.md", "Germany, as Putin sees it.\n")
    for folder in (root, root / "2024", root / "2025", root / "actors", root / "countries"):
        set_mtime(folder)
    return site


# --- edits ------------------------------------------------------------------------------------------

EDITS = (
    "body", "actors", "countries", "topics", "title", "date", "break", "touch", "same-size", "add", "copy",
    "delete", "move", "actor-aliases", "actor-name", "add-actor", "remove-actor", "profile", "config",
)  # fmt: skip


def apply(site: Site, edit: str, pick: int, choice: int) -> None:
    """One edit an author makes: ``pick`` chooses the file, ``choice`` the new value."""
    paths = sorted(site.briefs)
    path = paths[pick % len(paths)] if paths else None
    entry = site.briefs.get(path) if path else None
    fields = {"body": BODIES, "actors": ACTOR_LISTS, "countries": COUNTRY_LISTS, "topics": TOPIC_LISTS,
              "title": TITLES, "date": DATES}  # fmt: skip
    if edit in fields and entry is not None and path is not None:
        values: tuple[Any, ...] = fields[edit]
        setattr(entry, edit, values[choice % len(values)])
        entry.broken = False  # an edit of the front matter fixes it
        site.write(path, entry.text())
    elif edit == "break" and entry is not None and path is not None:
        entry.broken = not entry.broken  # broken, or fixed again
        site.write(path, entry.text())
    elif edit == "touch" and entry is not None and path is not None:
        site.write(path, entry.text())  # the same bytes, a new stat
    elif edit == "same-size" and entry is not None and path is not None:
        entry.body = BODIES[5] if entry.body == BODIES[4] else BODIES[4]
        site.write(path, entry.text())
    elif edit in ("add", "copy", "move"):
        target = PATHS[choice % len(PATHS)]
        if target in site.briefs:
            return
        added = replace(entry) if edit != "add" and entry is not None else Brief(body=BODIES[choice % len(BODIES)])
        if edit == "move" and path is not None:
            del site.briefs[path]
            site.remove(path)
        site.briefs[target] = added
        site.write(target, added.text())
    elif edit == "delete" and path is not None:
        del site.briefs[path]
        site.remove(path)
    elif edit in ("actor-aliases", "actor-name"):
        actor_path = sorted(site.actors)[pick % len(site.actors)]
        actor = site.actors[actor_path]
        if edit == "actor-aliases":
            actor.aliases = ALIASES[choice % len(ALIASES)]
        else:
            actor.name = NAMES[choice % len(NAMES)]
        site.write(actor_path, actor.text())
    elif edit == "add-actor" and "actors/new-actor.md" not in site.actors:
        site.actors["actors/new-actor.md"] = Actor("New Actor", ALIASES[choice % len(ALIASES)])
        site.write("actors/new-actor.md", site.actors["actors/new-actor.md"].text())
    elif edit == "remove-actor" and "actors/new-actor.md" in site.actors:
        del site.actors["actors/new-actor.md"]
        site.remove("actors/new-actor.md")
    elif edit == "profile":
        profile = site.root / "countries" / "cn.md"
        if profile.exists():
            site.remove("countries/cn.md")
        else:
            site.write("countries/cn.md", BODIES[choice % len(BODIES)])
    elif edit == "config":
        site.config = CONFIGS[choice % len(CONFIGS)]


def assert_warm_equals_cold(site: Site, caches: list[ParseCache]) -> None:
    cold = snapshot(load(site.root, site.config))
    for cache in caches:
        warm = load(site.root, site.config, cache=cache)
        assert snapshot(warm) == cold, f"trust_stat={cache.trust_stat}"
        # Only the current files are kept: a long serve session does not grow.
        assert {path for path, _ in cache.briefs} == set(warm.files.briefs)
        assert cache.paths <= set(warm.files.markdown)


def trusting_now() -> list[ParseCache]:
    """A cache that trusts stats and one that does not; the first trusts even a file changed a moment ago."""
    trusting = ParseCache(trust_stat=True)
    trusting.recent_ns = 0  # every write here gets a distinct modification time (see `set_mtime`)
    return [trusting, ParseCache()]


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 7), st.integers(0, 7)), min_size=1, max_size=12))
def test_a_warm_load_after_any_edits_equals_a_cold_load(edits: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        site = new_site(Path(directory))
        caches = trusting_now()
        assert_warm_equals_cold(site, caches)
        for edit, pick, choice in edits:
            apply(site, edit, pick, choice)
            assert_warm_equals_cold(site, caches)


# --- what a cache that trusts stats reads ---------------------------------------------------------------


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the cache reads, by path."""
    read: list[str] = []
    original = generator.corpus.cache.read_source

    def counting(file: str | Path, shown_as: str) -> bytes:
        read.append(shown_as)
        return original(file, shown_as)

    monkeypatch.setattr(generator.corpus.cache, "read_source", counting)
    return read


def test_trusting_stats_reads_only_the_files_whose_stat_changed(tmp_path: Path, reads: list[str]) -> None:
    site = new_site(tmp_path)
    cache = ParseCache(trust_stat=True)
    cache.recent_ns = 0  # the files were written a moment ago (see the next test)
    load(tmp_path, cache=cache)
    assert len(reads) == 7  # two actors, three briefs, a profile, the home page
    reads.clear()
    load(tmp_path, cache=cache)
    assert reads == []
    site.briefs["2024/a.md"].body = "Changed.\n"
    site.write("2024/a.md", site.briefs["2024/a.md"].text())
    result = load(tmp_path, cache=cache)
    assert reads == ["2024/a.md"]
    assert [b.body for b in result.corpus.briefs if b.path == "2024/a.md"] == ["Changed.\n"]


def test_a_corrupted_file_is_read_again_and_reported_then_fixed(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    cache = ParseCache(trust_stat=True)
    good = load(tmp_path, cache=cache)
    site.write("2024/a.md", "---\ntitle: [\n---\n\xff")
    broken = load(tmp_path, cache=cache)
    assert broken.has_errors
    assert "2024/a.md" not in [b.path for b in broken.corpus.briefs]
    site.write("2024/a.md", site.briefs["2024/a.md"].text())
    assert snapshot(load(tmp_path, cache=cache)) == snapshot(good)


def test_without_trusting_stats_a_change_that_keeps_the_stat_is_seen(tmp_path: Path, reads: list[str]) -> None:
    site = new_site(tmp_path)
    entry = site.briefs["2024/a.md"]
    entry.body = BODIES[4]
    site.write("2024/a.md", entry.text())
    cache = ParseCache()
    load(tmp_path, cache=cache)
    file = tmp_path / "2024" / "a.md"
    before = file.stat()
    entry.body = BODIES[5]  # of the same length
    file.write_text(entry.text(), encoding="utf-8")
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (file.stat().st_size, file.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    reads.clear()
    result = load(tmp_path, cache=cache)
    assert len(reads) == 7  # every file, every time
    assert [b.body for b in result.corpus.briefs if b.path == "2024/a.md"] == [BODIES[5]]


def test_a_file_changed_a_moment_ago_is_read_again_even_if_its_stat_is_as_it_was(tmp_path: Path) -> None:
    # Two saves within one tick of the file system's clock, of the same size, can leave the stat as it was:
    # a cache that trusts stats reads a file changed in the last two seconds again, to see the second.
    site = new_site(tmp_path)
    cache = ParseCache(trust_stat=True)
    file = tmp_path / "2024" / "a.md"
    stamp = file.stat().st_mtime_ns
    file.write_text(site.briefs["2024/a.md"].text().replace("Body text.", "Body text A"), encoding="utf-8")
    os.utime(file, ns=(stamp, stamp))
    load(tmp_path, cache=cache)
    file.write_text(site.briefs["2024/a.md"].text().replace("Body text.", "Body text B"), encoding="utf-8")
    os.utime(file, ns=(stamp, stamp))  # the same modification time and size as the first save
    result = load(tmp_path, cache=cache)
    assert [b.body for b in result.corpus.briefs if b.path == "2024/a.md"] == ["Body text B\n"]


def test_a_file_replaced_by_a_named_pipe_is_reported_without_blocking(tmp_path: Path) -> None:
    site = new_site(tmp_path)
    cache = ParseCache(trust_stat=True)
    load(tmp_path, cache=cache)
    (tmp_path / "2024" / "a.md").unlink()
    os.mkfifo(tmp_path / "2024" / "a.md")
    result = load(tmp_path, cache=cache)
    assert [d.code for d in result.diagnostics if d.file == "2024/a.md"] == ["not-a-regular-file"]
    assert snapshot(result) == snapshot(load(tmp_path))
    (tmp_path / "2024" / "a.md").unlink()
    site.write("2024/a.md", site.briefs["2024/a.md"].text())
    assert snapshot(load(tmp_path, cache=cache)) == snapshot(load(tmp_path))


def test_a_symbolic_link_that_leads_elsewhere_in_an_unchanged_folder_is_followed_again(tmp_path: Path) -> None:
    # 2024/linked.md -> other/x.md; then other/x.md becomes a link out of the folder. 2024/ itself does not
    # change, but what its link leads to does: a folder holding a link is walked again every time.
    new_site(tmp_path)
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "x.md").write_text(brief(), encoding="utf-8")
    (tmp_path / "2024" / "linked.md").symlink_to(tmp_path / "other" / "x.md")
    for folder in (tmp_path, tmp_path / "2024", tmp_path / "other"):
        set_mtime(folder)
    cache = ParseCache(trust_stat=True)
    cache.recent_ns = 0
    first = load(tmp_path, cache=cache)
    assert "2024/linked.md" in first.files.briefs
    outside = tmp_path.parent / f"{tmp_path.name}-outside.md"
    outside.write_text(brief(), encoding="utf-8")
    before = (tmp_path / "2024").stat()
    (tmp_path / "other" / "x.md").unlink()
    (tmp_path / "other" / "x.md").symlink_to(outside)
    assert (tmp_path / "2024").stat().st_mtime_ns == before.st_mtime_ns
    result = load(tmp_path, cache=cache)
    assert ("2024/linked.md", "symlink-outside") in [(d.file, d.code) for d in result.diagnostics]
    assert snapshot(result) == snapshot(load(tmp_path))
