"""An edit's dependencies, as data: every page and data file `site_change` leaves alone is unchanged.

Random edits (bodies, titles, dates, names listed, the roles given them, topics, drafts, old addresses
(`redirect_from`), pinned slugs, new, deleted and moved briefs, translations added and their languages changed) are made to a small site whose briefs give roles, several at a time; the site model is built
from scratch before and after, and every page `site_change` does not render again must have the same plan
entry and the same view, and every data file it does not write again the same content.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.base.config import CoreConfig
from generator.corpus.loader import load
from generator.site import index as index_module
from generator.site.changes import SiteChange, SiteState, changed_briefs, site_change
from generator.site.index import SiteIndex
from generator.site.plan import plan_data_files, plan_pages
from generator.site.views import ViewBuilder

ACTORS = ["Ana Costa", "Boris Novak", "Chen Li", "Dana Quinn", "Emil Sato"]
COUNTRIES = ["CN", "US", "RU", "DE", "FR", "CA"]
TOPICS = ["cyber", "trade", "espionage", "Cyber"]  # 'Cyber' relabels 'cyber' when its brief comes first
EDITS = ["body", "title", "date", "actors", "countries", "topics", "roles", "draft", "redirect", "slug", "new", "delete",
         "move", "translate", "relang"]  # fmt: skip
LANGUAGES = ["fr", "de", "es", "en-GB"]  # the site's is "en": a member in it is its set's representative
ROLES = {"actors": ["perpetrator", "target", "attributor"], "countries": ["origin", "target"]}


def _brief(rng: random.Random, title: str, *, roles: bool = False) -> str:
    """A random brief; with ``roles``, about a third of its actors and countries are given a role."""
    day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    actors = rng.sample(ACTORS, rng.randint(1, 3))
    countries = rng.sample(COUNTRIES, rng.randint(1, 3))
    topics = rng.sample(TOPICS[:3], rng.randint(0, 2))
    if roles:
        actors = [_maybe_role(rng, name, "actors") for name in actors]
        countries = [_maybe_role(rng, name, "countries") for name in countries]
    # A quarter of the briefs were moved: their old addresses redirect (`redirect_from`).
    extra = [_old_address(rng)] if rng.random() < 0.25 else []
    return _text(title, day, actors, countries, topics, draft=False, body=f"Body of {title}.", extra=extra)


def _old_address(rng: random.Random) -> str:
    return f"redirect_from: [/old/{rng.randrange(10**6)}/]"


def _maybe_role(rng: random.Random, name: str, kind: str) -> str:
    role = rng.choice([None, None, *ROLES[kind]])
    return f"{name}: {role}" if role else name


def _text(title: str, day: dt.date, actors: list[str], countries: list[str], topics: list[str], *, draft: bool,
          body: str, extra: list[str] | None = None) -> str:  # fmt: skip
    """A brief's text; ``extra``: its `redirect_from` and `slug` lines, if any."""
    status = "status: draft\n" if draft else ""
    more = "".join(f"{line}\n" for line in extra or ())
    return (f"---\ntitle: {title}\ndate: {day.isoformat()}\nsummary: About {title}.\nactors: [{', '.join(actors)}]\n"
            f"countries: [{', '.join(countries)}]\ntopics: [{', '.join(topics)}]\n{status}{more}---\n{body}\n")  # fmt: skip


def _write_site(root: Path, briefs: int, seed: int, *, roles: bool = False) -> None:
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    for name in ACTORS:
        slug = name.lower().replace(" ", "-")
        (root / "actors").mkdir(parents=True, exist_ok=True)
        (root / "actors" / f"{slug}.md").write_text(
            f"---\nname: {name}\nkind: person\ncountry: {rng.choice(COUNTRIES)}\n---\nBio.\n"
        )
    for number in range(briefs):
        path = root / f"{2022 + number % 3}" / f"brief-{number:03d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_brief(rng, f"Brief {number}", roles=roles))


def _state(root: Path, pair_min_briefs: int = 2) -> SiteState:
    result = load(root, CoreConfig())
    assert not result.has_errors, [d.as_text() for d in result.diagnostics]
    index = SiteIndex.build(result.corpus, include_drafts=True, pair_min_briefs=pair_min_briefs)
    pages = {spec.src_uri: spec for spec in plan_pages(index, home_title="Home", home_body=None)}
    return SiteState(index, ViewBuilder(index, related_count=3), pages)


def _edit(root: Path, rng: random.Random, kind: str) -> None:
    files = sorted(p for p in root.rglob("*.md") if "actors" not in p.parts)
    path = rng.choice(files)
    text = path.read_text()
    front, body = text.split("---\n")[1], text.split("---\n", 2)[2]
    fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
    title, day = fields["title"], dt.date.fromisoformat(fields["date"])
    listed = {key: [v for v in fields[key].strip("[]").split(", ") if v] for key in ("actors", "countries", "topics")}
    draft = "status" in fields
    extra = {
        key: f"{key}: {fields[key]}" for key in ("redirect_from", "slug", "lang", "translation_of") if key in fields
    }
    translated = _translated(files)
    slug = fields.get("slug", path.stem)
    if kind in ("delete", "slug") and slug in translated:
        return  # its translations would name no brief: an error, which serve does not rebuild past
    if kind == "translate":  # a translation of an original, in a language its set lacks
        if "translation_of" in fields:
            return
        lang = rng.choice([tag for tag in LANGUAGES if tag not in translated.get(slug, ())] or ["fr"])
        target = root / "2023" / f"{path.stem}-{lang.lower()}.md"
        if target.exists():
            return
        target.write_text(_text(f"{title} [{lang}]", day, listed["actors"], listed["countries"], listed["topics"],
                                draft=False, body=f"{body.strip()} ({lang})\n",
                                extra=[f"lang: {lang}", f"translation_of: {slug}"]))  # fmt: skip
        return
    if kind == "relang":  # a translation changes language (one its set does not have)
        if "translation_of" not in fields:
            return
        free = [tag for tag in LANGUAGES if tag not in translated[fields["translation_of"]]]
        if not free:
            return
        extra["lang"] = f"lang: {rng.choice(free)}"
    elif kind == "body":
        body = f"{body.strip()} More.\n"
    elif kind == "title":
        title = f"{title} (revised)"
    elif kind == "date":
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    elif kind in ("actors", "countries", "topics"):
        pool = {"actors": ACTORS, "countries": COUNTRIES, "topics": TOPICS}[kind]
        listed[kind] = rng.sample(pool, rng.randint(1 if kind != "topics" else 0, 3))
        if kind == "topics" and "Cyber" in listed[kind] and "cyber" in listed[kind]:
            listed[kind].remove("cyber")
    elif kind == "roles":  # an entry gains, changes or loses its role: `Chen Li: target`
        names = rng.choice(["actors", "countries"])
        entry = rng.randrange(len(listed[names]))
        name = listed[names][entry].split(": ")[0]
        role = rng.choice([None, *ROLES[names]])
        listed[names][entry] = f"{name}: {role}" if role else name
    elif kind == "draft":
        draft = not draft
    elif kind == "redirect":  # an old address added, changed or removed
        if rng.random() < 0.3:
            extra.pop("redirect_from", None)
        else:
            extra["redirect_from"] = _old_address(rng)
    elif kind == "slug":  # a slug pinned, or pinned to another: its permanent link moves
        extra["slug"] = f"slug: pinned-{rng.randrange(10**6)}"
    elif kind == "new":
        target = root / "2023" / f"new-{rng.randrange(10**6)}.md"
        target.write_text(_brief(rng, f"New {target.stem}", roles=True))
        return
    elif kind == "delete":
        path.unlink()
        return
    elif kind == "move":
        target = root / "moved" / path.name
        target.parent.mkdir(exist_ok=True)
        path.rename(target)
        return
    path.write_text(
        _text(
            title,
            day,
            listed["actors"],
            listed["countries"],
            listed["topics"],
            draft=draft,
            body=body,
            extra=list(extra.values()),
        )
    )


def _translated(files: list[Path]) -> dict[str, set[str]]:
    """The slugs that translations name -> the languages of their translations."""
    found: dict[str, set[str]] = {}
    for file in files:
        front = file.read_text().split("---\n")[1]
        fields = dict(line.split(": ", 1) for line in front.strip().splitlines())
        if "translation_of" in fields:
            found.setdefault(fields["translation_of"], set()).add(fields["lang"])
    return found


def _data_files(state: SiteState) -> dict[str, str]:
    made = plan_data_files(state.index, site_name="Site", site_url="https://example.org/", feed_entries=5)
    return {data.path: data.content for data in made}


def assert_change_is_complete(old: SiteState, new: SiteState) -> None:
    briefs = changed_briefs(old.index.corpus, new.index.corpus)
    change = site_change(old, new, briefs)
    rendered = {spec.src_uri for spec in change.render}
    for src_uri, spec in new.pages.items():
        if src_uri in rendered:
            continue
        assert old.pages[src_uri] == spec, src_uri
        assert old.views.for_page(spec) == new.views.for_page(spec), f"{src_uri} changed but is not rendered again"
    assert {s.src_uri for s in change.removed} == old.pages.keys() - new.pages.keys()
    before, after = _data_files(old), _data_files(new)
    assert change.removed_data_files == before.keys() - after.keys()
    for path, content in after.items():
        if path not in change.data_files:
            assert before.get(path) == content, f"{path} changed but is not written again"


@pytest.fixture(autouse=True)
def narrow_window(monkeypatch: pytest.MonkeyPatch) -> None:
    """A window of 2 makes a site of 60 briefs window its related lists, as a site of thousands does."""
    monkeypatch.setattr(index_module, "RELATED_WINDOW", 2)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), edits=st.lists(st.lists(st.sampled_from(EDITS), min_size=1, max_size=3),
                                                   min_size=1, max_size=3),
       pair_min_briefs=st.sampled_from([1, 2, 5, 7]))  # fmt: skip
def test_pages_left_alone_are_unchanged(tmp_path_factory: pytest.TempPathFactory, seed: int,
                                        edits: list[list[str]], pair_min_briefs: int) -> None:  # fmt: skip
    root = tmp_path_factory.mktemp("site")
    # Roles from the start, so entity pages have sections by role that any kind of edit may change. Pairs of
    # the six countries are named by about five briefs each: thresholds of 5 and 7 make pair pages come and go.
    _write_site(root, 60, seed, roles=True)
    rng = random.Random(seed)  # noqa: S311 - reproducible test data
    old = _state(root, pair_min_briefs)
    for step in edits:
        for kind in step:
            _edit(root, rng, kind)
        new = _state(root, pair_min_briefs)
        assert_change_is_complete(old, new)
        old = new


def _one_edit(root: Path, site_seed: int, edit_seed: int, kind: str) -> tuple[SiteState, SiteChange]:
    """A 60-brief site, one edit of ``kind``: the new site and what `site_change` says changed."""
    _write_site(root, 60, site_seed)
    old = _state(root)
    _edit(root, random.Random(edit_seed), kind)  # noqa: S311
    new = _state(root)
    return new, site_change(old, new, changed_briefs(old.index.corpus, new.index.corpus))


def test_a_body_edit_renders_only_its_page(tmp_path: Path) -> None:
    _, change = _one_edit(tmp_path, 1, 5, "body")
    assert [spec.kind for spec in change.render] == ["brief"]
    assert not change.data_files and not change.removed


def test_a_role_edit_renders_its_page_and_its_names_page_and_rewrites_the_data_files(tmp_path: Path) -> None:
    _write_site(tmp_path, 60, 3)
    old = _state(tmp_path)
    path = tmp_path / "2023" / "brief-001.md"
    path.write_text(re.sub(r"^actors: \[([^,\]]+)", r"actors: [\1: target", path.read_text(), flags=re.MULTILINE))
    new = _state(tmp_path)
    ((actor, _),) = new.index.briefs[new.index.position["2023/brief-001.md"]].actor_roles
    change = site_change(old, new, changed_briefs(old.index.corpus, new.index.corpus))
    # The actor's page gains a section by role; no other page lists roles. The search page offers a facet per
    # role that briefs give: it is rendered again when this is the first brief to give an actor a target.
    first_target = not any("target" in roles for roles in old.index.by_actor_role.values())
    assert "actor_target" in {facet.key for facet in new.views.search().role_facets}
    search = ["search/index.md"] if first_target else []
    assert [spec.src_uri for spec in change.render] == ["2023/brief-001.md", f"actors/{actor}.md", *search]
    assert {"briefs.json", "briefs.csv"} <= change.data_files


def test_a_title_edit_renders_the_pages_that_list_the_brief(tmp_path: Path) -> None:
    new, change = _one_edit(tmp_path, 2, 3, "title")
    kinds = {spec.kind for spec in change.render}
    assert {"brief", "actor", "country", "archive"} <= kinds
    assert len(change.render) < len(new.pages) / 2
    assert "briefs.json" in change.data_files


def test_a_topic_written_in_another_case_rewrites_the_feeds_that_list_the_brief(tmp_path: Path) -> None:
    _write_site(tmp_path, 60, 4)
    old = _state(tmp_path)
    path = next(p for p in sorted(tmp_path.rglob("brief-*.md")) if "topics: [cyber" in p.read_text())
    path.write_text(path.read_text().replace("topics: [cyber", "topics: [Cyber"))
    new = _state(tmp_path)
    change = site_change(old, new, changed_briefs(old.index.corpus, new.index.corpus))
    assert "topics/cyber/feed.xml" in change.data_files  # its entry's category label, and maybe the feed's title
    assert_change_is_complete(old, new)
