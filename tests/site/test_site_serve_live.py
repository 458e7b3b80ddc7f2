"""A real `mkdocs serve` serves what a clean build of the same files gives, after every kind of edit.

`mkdocs serve` runs as authors run it (live reload on) on a copy of a site, with TMPDIR pointing at a
folder of the test's, so the folder it builds into (``mkdocs_*``) is read straight from disk. After
each edit the test waits until serve has rebuilt for it (`Serve.wait_for_rebuild`), builds the same
files cleanly in serve mode in a new process (`REFERENCE`, as serve's own builder does it), and
compares the two folders file by file, byte for byte, outside the search index (``pagefind/``,
rebuilt in the background). Pages fetched over HTTP must be those files too, plus live reload's
script. Serve's rebuilds may be incremental; what they serve must not show it.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import REPO, TEMPLATES

GOLDEN_SITE = REPO / "tests" / "golden" / "site"
REBUILD_TIMEOUT = 120.0  # seconds without progress before a build counts as stuck (a loaded 2-core machine)
QUIET = 0.6  # seconds with no new change detected after the last rebuild: more than MkDocs' polling interval (0.5 s)
POLL = 0.05

# MkDocs' log lines (mkdocs/livereload): a change seen, a rebuild served, a rebuild failed.
DETECTED = "Detected file changes"
BODIES_ALONE = "(an edit of bodies alone)"  # `live`'s log line after its fast path
REBUILT = "Reloading browsers"
FAILED = "An error happened during the rebuild"
SERVING = "Serving on "

# Runs in a new process (no module-level cache carries over), in the project folder: one clean build as `mkdocs serve`
# builds (mkdocs/commands/serve.py), into argv[1], for serve's URL argv[2] and --dev-addr argv[3]. A thread is alive,
# as in serve, so nothing forks.
REFERENCE = textwrap.dedent("""
    import logging, sys, threading
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    threading.Thread(target=threading.Event().wait, daemon=True).start()
    logging.basicConfig(format="%(levelname)-7s -  %(message)s")
    dest, url, dev_addr = sys.argv[1:4]
    config = load_config(site_dir=dest, dev_addr=dev_addr)
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = url
    try:
        build(config, serve_url=url, dirty=False)
    finally:
        config.plugins.on_shutdown()
""")


def free_port() -> int:
    try:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            return int(sock.getsockname()[1])
    except OSError as error:
        pytest.skip(f"cannot bind a local port for mkdocs serve: {error}")


def child_env(**extra: str) -> dict[str, str]:
    """The environment of the processes the test starts: this checkout's `generator` first on the path."""
    path = os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))
    return {**os.environ, "PYTHONPATH": path, **extra}


def fetch(url: str, timeout: float = 30) -> tuple[int, bytes]:
    """Status and body of a GET; status 0 when nothing answered in time."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - a local server
            return int(response.status), bytes(response.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, b""


LIVERELOAD = re.compile(rb"<script>\nvar livereload = function\(epoch, requestId\).*?</script>", re.DOTALL)


def without_livereload(html: bytes) -> bytes:
    """A page as served, less the script serve adds before ``</body>`` (mkdocs/livereload)."""
    return LIVERELOAD.sub(b"", html, count=1)


def site_files(root: Path) -> dict[str, bytes]:
    """Every file of a built site by its path, except the search index (``pagefind/``, written in the background)."""
    found: dict[str, bytes] = {}
    for folder, subfolders, names in os.walk(root):
        relative = Path(folder).relative_to(root)
        if relative == Path("."):
            subfolders[:] = [name for name in subfolders if name != "pagefind"]
        for name in names:
            found[(relative / name).as_posix()] = (Path(folder) / name).read_bytes()
    return found


def differences(step: str, served: dict[str, bytes], clean: dict[str, bytes]) -> str:
    """What differs between serve's site and the clean build, for a reader; empty when nothing does."""
    extra = sorted(served.keys() - clean.keys())
    missing = sorted(clean.keys() - served.keys())
    different = sorted(name for name in served.keys() & clean.keys() if served[name] != clean[name])
    if not (extra or missing or different):
        return ""
    lines = [f"after {step}: serve's site differs from a clean build of the same files"]
    lines += [f"  only served: {name}" for name in extra]
    lines += [f"  only in the clean build: {name}" for name in missing]
    lines += [f"  different: {name}" for name in different]
    for name in different:
        try:
            before, after = clean[name].decode("utf-8"), served[name].decode("utf-8")
        except UnicodeDecodeError:
            lines.append(f"  {name}: binary, {len(clean[name])} bytes clean, {len(served[name])} served")
            continue
        diff = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                    f"clean/{name}", f"served/{name}", n=2)  # fmt: skip
        lines.append("".join(list(diff)[:60]))
        break  # the first different text file
    return "\n".join(lines)


class Serve:
    """A `mkdocs serve` process on a project folder, its log, and the folder it builds into."""

    def __init__(self, project: Path, scratch: Path) -> None:
        self.project = project
        self.tmpdir = scratch / "serve-tmp"
        self.log_path = scratch / "serve.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"  # what serve sets as site_url, for a site at the domain's root

    def start(self) -> None:
        """Start serve and wait for its first build to be served; a taken port is tried again with another."""
        for _ in range(3):
            self.port = free_port()
            shutil.rmtree(self.tmpdir, ignore_errors=True)
            self.tmpdir.mkdir(parents=True)
            env = child_env(TMPDIR=str(self.tmpdir))  # serve's site folder: tempfile.mkdtemp(prefix="mkdocs_")
            with self.log_path.open("wb") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{self.port}"],
                    cwd=self.project, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                )  # fmt: skip
            if self._wait_until_serving():
                return
        pytest.fail(f"mkdocs serve could not bind a port three times:\n{self.tail()}")

    def _wait_until_serving(self) -> bool:
        """True once the home page answers; False if serve ended because its port was taken meanwhile."""
        assert self.process is not None
        progress, size = time.monotonic(), -1
        while True:
            log = self.log()
            if SERVING in log and fetch(self.url, timeout=10)[0] == 200:
                return True
            if self.process.poll() is not None:
                if "Address already in use" in self.log():
                    return False
                pytest.fail(f"mkdocs serve ended (exit code {self.process.returncode}) before serving:\n{self.tail()}")
            if len(log) != size:  # still building: the log grows
                progress, size = time.monotonic(), len(log)
            elif time.monotonic() - progress > REBUILD_TIMEOUT:
                pytest.fail(f"mkdocs serve did not serve its first build in {REBUILD_TIMEOUT:.0f} s:\n{self.tail()}")
            time.sleep(POLL)

    def stop(self) -> None:
        """End the serve process (Ctrl-C, as an author does; killed if it does not end)."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)

    def log(self, since: int = 0) -> str:
        """Serve's log (MkDocs logs to stderr), from byte ``since`` on."""
        with self.log_path.open("rb") as log:
            log.seek(since)
            return log.read().decode("utf-8", errors="replace")

    def tail(self, lines: int = 40) -> str:
        return textwrap.indent("\n".join(self.log().splitlines()[-lines:]), "  | ")

    def mark(self) -> int:
        """Where the log ends now: `wait_for_rebuild` reads what comes after."""
        return self.log_path.stat().st_size

    def site_dir(self) -> Path:
        folders = sorted(self.tmpdir.glob("mkdocs_*"))
        assert len(folders) == 1, f"expected one mkdocs_* site folder in {self.tmpdir}, found {folders}"
        return folders[0]

    def wait_for_rebuild(self, mark: int, step: str) -> str:
        """Wait until serve has rebuilt for the edits made since ``mark``; the log since then.

        Done when a change was detected, every detected change has ended in a served rebuild (REBUILT) or
        a failed one (FAILED), and no new change has been detected for QUIET seconds: an edit the
        watcher saw in two polls starts a second rebuild, and that one must end too.
        """
        assert self.process is not None
        counts, changed = (0, 0), time.monotonic()
        while True:
            since = self.log(mark)
            now = (since.count(DETECTED), since.count(REBUILT) + since.count(FAILED))
            if now != counts:
                counts, changed = now, time.monotonic()
            detected, ended = counts
            if detected and ended >= detected and time.monotonic() - changed >= QUIET:
                return since
            if self.process.poll() is not None:
                pytest.fail(f"after {step}: mkdocs serve ended (exit code {self.process.returncode}):\n{self.tail()}")
            if time.monotonic() - changed > REBUILD_TIMEOUT:
                seen = f"{detected} change(s) detected, {ended} rebuild(s) ended"
                pytest.fail(f"after {step}: serve did not finish rebuilding in {REBUILD_TIMEOUT:.0f} s ({seen}):\n"
                            f"{self.tail()}")  # fmt: skip
            time.sleep(POLL)


class Author:
    """Edits files as an editor saves them: whole, in one step (written aside, then moved in place).

    Every written file gets an mtime strictly later than the one it replaces, so MkDocs' polling
    watcher sees each change even within one tick of the file system's clock.
    """

    def __init__(self, project: Path, scratch: Path) -> None:
        self.project = project
        self.docs = project / "briefs"
        self.scratch = scratch / "saving"
        self.scratch.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def unique(self) -> int:
        self.count += 1
        return self.count

    def write(self, path: Path, text: str) -> None:
        before = path.stat().st_mtime_ns if path.exists() else 0
        aside = self.scratch / path.name
        aside.write_text(text, encoding="utf-8")
        later = max(time.time_ns(), before + 10_000_000)  # 10 ms: watchdog compares st_mtime as a float
        os.utime(aside, ns=(later, later))
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(aside, path)

    def replace(self, path: Path, old: str, new: str) -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        self.write(path, text.replace(old, new, 1))

    def append(self, path: Path, text: str) -> None:
        self.write(path, path.read_text(encoding="utf-8") + text)

    def rename(self, path: Path, target: Path) -> None:
        """Same content, another name (the watcher sees the file move: same inode, new path)."""
        target.parent.mkdir(parents=True, exist_ok=True)
        path.rename(target)

    def delete(self, path: Path) -> None:
        path.unlink()

    def front_list(self, path: Path, key: str) -> list[str]:
        """A flow list of the front matter (``actors: [A, B]``), as the fixture sites write them."""
        found = re.search(rf"^{key}: \[(.*)\]$", path.read_text(encoding="utf-8"), re.MULTILINE)
        return [item.strip() for item in found[1].split(",") if item.strip()] if found else []

    def set_front_list(self, path: Path, key: str, items: list[str]) -> None:
        text = path.read_text(encoding="utf-8")
        line = f"{key}: [{', '.join(items)}]"
        if re.search(rf"^{key}: \[.*\]$", text, re.MULTILINE):
            text = re.sub(rf"^{key}: \[.*\]$", line, text, count=1, flags=re.MULTILINE)
        else:
            text = text.replace("\n---\n", f"\n{line}\n---\n", 1)
        self.write(path, text)

    def line_of(self, path: Path, start: str) -> int:
        lines = path.read_text(encoding="utf-8").splitlines()
        return next(number for number, line in enumerate(lines, start=1) if line.startswith(start))


def page_url(docs: Path, source: Path) -> str:
    """A Markdown file's page, relative to the site (directory URLs)."""
    return source.relative_to(docs).with_suffix("").as_posix() + "/"


class LiveSite:
    """A site folder, a `mkdocs serve` on it, and the clean builds each of its states is compared with."""

    def __init__(self, project: Path, scratch: Path) -> None:
        self.project = project
        self.scratch = scratch
        self.serve = Serve(project, scratch)
        self.author = Author(project, scratch)
        self.docs = self.author.docs
        self.template = project / "templates" / "base.html"  # the theme's (custom_dir's) layout, to edit
        self.steps = 0

    def start(self) -> None:
        self.serve.start()
        dest = self.scratch / "clean-00"
        self._compare("the first build", dest, self._reference(dest), "", pages=())

    def close(self) -> None:
        self.serve.stop()

    def _reference(self, dest: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", REFERENCE, str(dest), self.serve.url, f"127.0.0.1:{self.serve.port}"],
            cwd=self.project, env=child_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip

    def _edit(self, step: str, edit: Callable[[], None]) -> tuple[Path, subprocess.Popen[str], str]:
        """Make the edit, start the clean build of the result beside serve's rebuild, wait for the rebuild."""
        self.steps += 1
        dest = self.scratch / f"clean-{self.steps:02d}"
        mark = self.serve.mark()
        edit()
        reference = self._reference(dest)
        try:
            log = self.serve.wait_for_rebuild(mark, step)
        except BaseException:
            reference.kill()
            reference.communicate()
            raise
        return dest, reference, log

    def step(
        self, step: str, edit: Callable[[], None], *, pages: Sequence[Path] = (), bodies_alone: bool = False
    ) -> None:
        """Make an edit, wait for serve's rebuild, and compare what serve serves with a clean build.

        ``pages`` are Markdown files whose pages are also fetched over HTTP (gone ones must answer 404);
        ``bodies_alone``: the edit changes briefs' bodies alone, so the rebuild must take its fast path (`live`)."""
        dest, reference, log = self._edit(step, edit)
        self._compare(step, dest, reference, log, pages=pages)
        fast = BODIES_ALONE in log.rpartition(DETECTED)[2]
        assert fast == bodies_alone, f"after {step}: the fast path for bodies {'not ' * bodies_alone}taken"

    def _compare(self, step: str, dest: Path, reference: subprocess.Popen[str], log: str, *,
                 pages: Sequence[Path]) -> None:  # fmt: skip
        output, _ = reference.communicate(timeout=600)
        assert reference.returncode == 0, f"after {step}: the clean build failed:\n{output}"
        if FAILED in log.rpartition(DETECTED)[2]:
            pytest.fail(f"after {step}: serve's rebuild failed where a clean build succeeds:\n{self.serve.tail()}")
        clean = site_files(dest)
        report = differences(step, site_files(self.serve.site_dir()), clean)
        if report:
            pytest.fail(report, pytrace=False)
        for url in ["", *(page_url(self.docs, page) for page in pages)]:
            status, body = fetch(self.serve.url + url)
            if f"{url}index.html" in clean:
                assert status == 200, f"after {step}: GET /{url} answered {status}"
                assert without_livereload(body) == clean[f"{url}index.html"], f"after {step}: /{url} served differs"
            else:
                assert status == 404, f"after {step}: GET /{url} of a page that is gone answered {status}"
        shutil.rmtree(dest)

    def failing_step(self, step: str, edit: Callable[[], None], located: str) -> None:
        """An edit that makes a brief invalid: serve's log shows ``located`` (path:line:col...), as a clean build's
        does, and serve keeps serving the last good site, every file of it."""
        good = site_files(self.serve.site_dir())
        dest, reference, log = self._edit(step, edit)
        output, _ = reference.communicate(timeout=600)
        assert reference.returncode != 0, f"after {step}: the clean build succeeded:\n{output}"
        assert located in output, f"after {step}: the clean build does not show {located!r}:\n{output}"
        last = log.rpartition(DETECTED)[2]
        assert located in last, f"after {step}: serve's log does not show {located!r}:\n{self.serve.tail()}"
        assert FAILED not in last, (
            f"after {step}: serve's rebuild failed instead of keeping the site:\n{self.serve.tail()}"
        )
        assert site_files(self.serve.site_dir()) == good, f"after {step}: serve's site is not the last good one"
        assert fetch(self.serve.url, timeout=5)[0] == 200, f"after {step}: the home page is not served"
        shutil.rmtree(dest, ignore_errors=True)


MakeLiveSite = Callable[[Callable[[Path], None]], LiveSite]


@pytest.fixture
def live_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MakeLiveSite]:
    """Make a site (a function writes it into the project folder) and start serving it; serve ends with the test."""
    started: list[LiveSite] = []

    def make(write: Callable[[Path], None]) -> LiveSite:
        scratch = tmp_path_factory.mktemp("serve-live")
        project = scratch / "project"
        write(project)
        site = LiveSite(project, scratch)
        started.append(site)
        site.start()
        return site

    yield make
    for site in started:
        site.close()


def golden_site(project: Path) -> None:
    """The golden site, with a copy of the repository's templates as its theme (custom_dir), to be edited."""
    shutil.copytree(GOLDEN_SITE, project)
    shutil.copytree(TEMPLATES, project / "templates")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("custom_dir: ../../../templates", "custom_dir: templates"))
    assert "custom_dir: templates\n" in config.read_text()


def test_every_kind_of_edit_is_served_as_a_clean_build_gives_it(live_site: MakeLiveSite) -> None:
    site = live_site(golden_site)
    edit, docs = site.author, site.docs
    talks, taiwan = docs / "2024/trade-talks.md", docs / "2024/taiwan-statement.md"
    call, balloon = docs / "2024/biden-xi-call.md", docs / "2023/balloon-shot-down.md"
    returns, gone, new = docs / "2024/blinken-returns.md", docs / "2023/blinken-visits-beijing.md", docs / "2024/new.md"
    renamed, moved = docs / "2024/blinken-back-in-beijing.md", docs / "2024/asia/taiwan-statement.md"
    xi, blinken, cn = docs / "actors/xi-jinping.md", docs / "actors/antony-blinken.md", docs / "countries/cn.md"
    template = site.template

    site.step(
        "a body edit",
        lambda: edit.replace(talks, "\n---\n", "\n---\nA sentence added.\n\n"),
        pages=[talks],
        bodies_alone=True,
    )
    site.step("an actor added", lambda: edit.replace(talks, "Jinping]", "Jinping, Antony Blinken]"), pages=[talks])
    site.step("a country removed", lambda: edit.replace(taiwan, "[CN, TW, US]", "[CN, US]"), pages=[taiwan])
    site.step("a topic changed", lambda: edit.replace(call, ", trade]", ", maritime safety]"), pages=[call])
    site.step("a role given", lambda: edit.replace(call, "[US, CN, TW]", "[US: responder, CN, TW]"), pages=[call])
    site.step("a role changed", lambda: edit.replace(returns, "CN: origin", "CN: target"), pages=[returns])
    site.step("a new title", lambda: edit.replace(balloon, "A balloon is", "A balloon was"), pages=[balloon])
    # Redirect pages and _redirects follow old addresses and slugs (a rename or move below moves permanent links).
    site.step("an old address added", lambda: edit.replace(call, "\ntopics: ", "\nredirect_from: /2024/call/\ntopics: "),
              pages=[call])  # fmt: skip
    site.step("a slug pinned", lambda: edit.replace(call, "\ntopics: ", "\nslug: pinned-call\ntopics: "), pages=[call])
    site.step("an old address removed", lambda: edit.replace(balloon, "redirect_from: [/2023/balloon/, ", "redirect_from: ["),
              pages=[balloon])  # fmt: skip
    # The newest brief moves a year back: the archive's years change, and the date of every page without one of its own.
    site.step("a new date", lambda: edit.replace(talks, "date: 2024-07-10", "date: 2023-03-10"), pages=[talks])
    site.step("a new brief", lambda: edit.write(new, returns.read_text().replace("title: ", "title: A ")), pages=[new])
    site.step("a deleted brief", lambda: edit.delete(gone), pages=[gone])
    site.step("a renamed brief", lambda: edit.rename(returns, renamed), pages=[returns, renamed])
    site.step("a brief moved into a subfolder", lambda: edit.rename(taiwan, moved), pages=[taiwan, moved])
    site.step("an actor profile edit", lambda: edit.append(blinken, "\nHe left office in 2025.\n"), pages=[blinken])
    site.step("a country profile edit", lambda: edit.append(cn, "\nIts capital is Beijing.\n"), pages=[cn])
    site.step("an alias added", lambda: edit.replace(xi, "aliases: [Xi]", "aliases: [Xi, President Xi]"), pages=[xi])
    # The old name stays an alias, so the briefs that list it still name a registered actor.
    site.step("an actor renamed", lambda: edit.replace(xi, "name: Xi Jinping\naliases: [", "name: Xi Jin-ping\n"
                                                       "aliases: [Xi Jinping, "), pages=[xi, talks])  # fmt: skip
    line = edit.line_of(talks, "actors:")
    site.failing_step("an unknown actor", lambda: edit.replace(talks, "actors: [", "actors: [Nobody Known, "),
                      located=f"briefs/2024/trade-talks.md:{line}:10: error: 'Nobody Known' is not a registered actor")  # fmt: skip
    # Back to what the last good build had: the front matter is as it was, so the fast path for bodies takes it.
    site.step(
        "the unknown actor fixed", lambda: edit.replace(talks, "Nobody Known, ", ""), pages=[talks], bodies_alone=True
    )
    # A translation: the original's page gains a language switcher, its list entries an "also in".
    french = docs / "2024/trade-talks-fr.md"
    site.step("a translation added", lambda: edit.write(french, talks.read_text().replace(
        "title: ", "lang: fr\ntranslation_of: trade-talks\ntitle: Reprise des ")), pages=[french])  # fmt: skip
    site.step(
        "a translation's body edited",
        lambda: edit.append(french, "\nUne phrase de plus.\n"),
        pages=[french, talks],
        bodies_alone=True,
    )
    site.step("a translation's language changed", lambda: edit.replace(french, "lang: fr", "lang: de"), pages=[french])
    site.step("the original leaves the site's language", lambda: edit.replace(talks, "\ntopics: ", "\nlang: es\ntopics: "),
              pages=[talks])  # fmt: skip
    site.step("its translation takes it", lambda: edit.replace(french, "lang: de", "lang: en"), pages=[french])
    site.step("a translation deleted", lambda: edit.delete(french), pages=[french])
    site.step("a template edit", lambda: edit.replace(template, "<main ", "<!-- edited --><main "), pages=[talks, xi])


# -- edit sequences drawn at random ----------------------------------------------------------------------

KINDS = ("body", "actors changed", "country changed", "topics", "title", "date", "new brief", "deleted brief",
         "renamed brief", "moved brief", "actor profile", "country profile", "alias", "invalid then fixed", "template")  # fmt: skip
EXAMPLES = int(os.environ.get("SERVE_LIVE_EXAMPLES", "3"))  # more to explore further (each example: ~10 s)


def random_edit(site: LiveSite, kind: str, seed: int) -> None:
    """One edit of ``kind``, to a brief (or profile, or template) picked with ``seed``, as a step of ``site``."""
    rng, edit, docs = random.Random(seed), site.author, site.docs  # noqa: S311 - picks test inputs
    n = edit.unique()
    briefs = [path for path in sorted(docs.rglob("*.md")) if path.parent.name not in ("actors", "countries")
              and path != docs / "index.md" and "\nstatus: draft\n" not in path.read_text()]  # fmt: skip
    brief, actor = rng.choice(briefs), rng.choice(sorted(docs.glob("actors/*.md")))
    text = brief.read_text()
    step = f"edit {site.steps + 1}: {kind} ({brief.relative_to(docs).as_posix()}, seed {seed})"
    change: Callable[[], None]
    pages, bodies_alone = [brief], kind == "body"
    if kind == "body":
        name = re.findall(r"^name: (.*)$", actor.read_text(), re.MULTILINE)[0]
        change = partial(edit.append, brief, f"\nEdit {n} names {name} and China.\n")  # autolinks, mention warnings
    elif kind == "actors changed":  # one added, or one removed when all are listed
        names = [re.findall(r"^name: (.*)$", path.read_text(), re.MULTILINE)[0] for path in docs.glob("actors/*.md")]
        listed = edit.front_list(brief, "actors")
        unlisted = sorted(set(names) - set(listed))
        listed = [*listed, rng.choice(unlisted)] if unlisted else rng.sample(listed, len(listed) - 1)
        change = partial(edit.set_front_list, brief, "actors", listed)
    elif kind == "country changed":  # one removed, or the only one replaced
        countries = edit.front_list(brief, "countries")
        others = sorted({"US", "CN", "TW", "GB", "FR"} - set(countries))
        countries = rng.sample(countries, len(countries) - 1) if len(countries) > 1 else [rng.choice(others)]
        change = partial(edit.set_front_list, brief, "countries", countries)
    elif kind == "topics":
        change = partial(edit.set_front_list, brief, "topics", rng.sample(["trade", "cyber", f"topic {n}"], 2))
    elif kind == "title":
        change = partial(edit.write, brief, re.sub(r"^title: .*$", f"title: Retitled {n}", text, count=1, flags=re.M))
    elif kind == "date":  # earlier, so `updated` stays after it; often into another year
        date = re.findall(r"^date: (.*)$", text, re.MULTILINE)[0]
        earlier = dt.date.fromisoformat(date) - dt.timedelta(days=rng.randint(20, 800))
        change = partial(edit.replace, brief, f"date: {date}", f"date: {earlier}")
    elif kind == "new brief":
        pages = [brief.parent / f"new-{n}.md"]
        change = partial(edit.write, pages[0], re.sub(r"^title: .*$", f"title: New {n}", text, count=1, flags=re.M))
    elif kind == "deleted brief":
        change = partial(edit.delete, brief) if len(briefs) > 2 else partial(edit.append, brief, "\nOne of two.\n")
        bodies_alone = len(briefs) <= 2
    elif kind in ("renamed brief", "moved brief"):
        pages.append(brief.parent / (f"renamed-{n}.md" if kind == "renamed brief" else f"folder-{n}/{brief.name}"))
        change = partial(edit.rename, brief, pages[1])
    elif kind == "actor profile":
        pages, change = [actor], partial(edit.append, actor, f"\nProfile edit {n}.\n")
    elif kind == "country profile":
        profile = rng.choice(sorted(docs.glob("countries/*.md")))
        pages, change = [profile], partial(edit.append, profile, f"\nCountry profile edit {n}.\n")
    elif kind == "alias":
        pages, change = [actor], partial(edit.replace, actor, "aliases: [", f"aliases: [Envoy {n}, ")
    elif kind == "invalid then fixed":
        listed, line = edit.front_list(brief, "actors"), edit.line_of(brief, "actors:")
        located = f"{brief.relative_to(site.project)}:{line}:10: error: 'Nobody {n}' is not a registered actor"
        site.failing_step(step, partial(edit.set_front_list, brief, "actors", [f"Nobody {n}", *listed]), located)
        step, change = f"{step}, fixed", partial(edit.set_front_list, brief, "actors", listed)
        bodies_alone = True  # the front matter is as the last good build had it
    elif kind == "template":  # a template, or a stylesheet the theme copies
        base, css = site.project / "templates/base.html", site.project / "templates/assets/briefing.css"
        change = (partial(edit.replace, base, "<main ", f"<!-- template edit {n} --><main ") if rng.random() < 0.5
                  else partial(edit.append, css, f"/* stylesheet edit {n} */\n"))  # fmt: skip
    else:
        raise AssertionError(f"unknown kind of edit: {kind}")
    site.step(step, change, pages=pages, bodies_alone=bodies_alone)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
          phases=(Phase.explicit, Phase.generate), suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(st.lists(st.tuples(st.sampled_from(KINDS), st.integers(0, 2**32)), min_size=3, max_size=6,
                unique_by=lambda edit: edit[0]))  # fmt: skip
def test_random_edit_sequences_are_served_as_clean_builds_give_them(
    live_site: MakeLiveSite, edits: list[tuple[str, int]]
) -> None:
    """Each example runs a serve process of its own, stopped at its end. Derandomized: every run tries the same
    sequences (SERVE_LIVE_EXAMPLES=20 tries more); not shrunk, as each try starts serve again."""
    site = live_site(golden_site)
    try:
        for kind, seed in edits:
            random_edit(site, kind, seed)
    finally:
        site.close()


# -- a larger site ---------------------------------------------------------------------------------------


def synthetic_site(project: Path) -> None:
    """300 briefs from benchmarks/synth.py, with search, served as benchmarks/serve_bench.py serves them."""
    from benchmarks.synth import write_config, write_site

    write_site(project, 300)
    shutil.copytree(TEMPLATES, project / "templates")
    write_config(project, project / "templates", plugin=True, search=True)


@pytest.mark.slow
def test_edits_to_a_larger_site_are_served_as_a_clean_build_gives_them(live_site: MakeLiveSite) -> None:
    site = live_site(synthetic_site)
    edit, docs = site.author, site.docs
    briefs = sorted(docs.glob("[0-9]*/*.md"))
    body, front, gone, moving, new = briefs[150], briefs[100], briefs[75], briefs[60], docs / "2020/new-brief.md"
    moved, actor, template = moving.parent / "moved" / moving.name, docs / "actors/boris-alvarez.md", site.template

    site.step(
        "a body edit", lambda: edit.append(body, "\nA sentence added by an edit.\n"), pages=[body], bodies_alone=True
    )
    site.step("a topic added", lambda: edit.replace(front, "topics: [", "topics: [edited topic, "), pages=[front])
    site.step("a new brief", lambda: edit.write(new, briefs[0].read_text().replace("title:", "title: A")), pages=[new])
    site.step("a deleted brief", lambda: edit.delete(gone), pages=[gone])
    site.step("a moved brief", lambda: edit.rename(moving, moved), pages=[moving, moved])
    site.step("an actor profile edit", lambda: edit.append(actor, "\nMore about them.\n"), pages=[actor])
    site.step("a template edit", lambda: edit.replace(template, "<main ", "<!-- edited --><main "), pages=[body])


def test_the_comparison_names_what_differs_and_ignores_the_search_index(tmp_path: Path) -> None:
    for name, files in {"served": {"a.html": "<p>one</p>\n<p>TWO</p>\n", "new.json": "[]", "pagefind/x.pf": "1"},
                        "clean": {"a.html": "<p>one</p>\n<p>two</p>\n", "gone.xml": "x", "pagefind/x.pf": "2"}}.items():  # fmt: skip
        for path, text in files.items():
            (tmp_path / name / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name / path).write_text(text)
    report = differences("an edit", site_files(tmp_path / "served"), site_files(tmp_path / "clean"))
    assert report.startswith("after an edit: serve's site differs")
    assert "only served: new.json" in report and "only in the clean build: gone.xml" in report
    assert "different: a.html" in report and "-<p>two</p>\n+<p>TWO</p>" in report
    assert "pagefind" not in report
    page = b"<html><body><p>x</p></body></html>"
    served = page.replace(b"</body>", b"<script>\nvar livereload = function(epoch, requestId) {\n};\n</script></body>")
    assert without_livereload(served) == page
