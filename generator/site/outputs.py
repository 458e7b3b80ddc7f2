"""Where the site writes each page and file, and which of them would land on the same place.

A brief saved as `briefs/search.md` is a valid brief whose page would be written to
`search/index.html`, where the search page goes; `briefs/feed.xml.md` would need a folder named
`feed.xml` where the site's feed is a file. Source names do not show that; output paths do. So
every page of the plan, every data file and every other file of the site is listed by the path it
is written to, and any two that meet are an error located at the author's file, naming the other.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..base.diagnostics import Diagnostic, DiagnosticSink
from ..corpus.loader import LoadResult
from . import urls
from .index import SiteIndex
from .plan import PageSpec, data_file_paths, plan_pages
from .redirects import plan_redirects, redirect_diagnostics

# Files every build writes besides pages and data files, and the folder Pagefind owns.
THEME_FILES = ("404.html", "sitemap.xml", "sitemap.xml.gz")


@dataclass(frozen=True)
class Output:
    path: str  # relative to the site folder; ending in '/', a whole folder the site owns
    what: str  # how a reader of the error knows it: "the search page", "2024/a.md"
    source: str | None = None  # the author's file that makes it (relative to docs_dir), if any


def page_outputs(pages: Iterable[PageSpec]) -> list[Output]:
    return [Output(spec.output, spec.src_uri if not spec.generated else describe(spec),
                   None if spec.generated else spec.src_uri) for spec in pages]  # fmt: skip


def generated_outputs(index: SiteIndex, *, search: bool = True) -> list[Output]:
    """The data files, the theme's files and the search folder: what no author's file may land on."""
    outputs = [Output(path, _describe_data_file(path)) for path in data_file_paths(index, redirects=False)]
    outputs += [Output(path, f"the site's {path}") for path in (*THEME_FILES, urls.REDIRECTS)]
    outputs.append(Output(urls.PERMALINKS, "the folder of the briefs' permanent links"))
    if search:
        outputs.append(Output(urls.SEARCH_INDEX, "the search index's folder"))
    return outputs


def describe(spec: PageSpec) -> str:
    kinds = {
        "home": "the home page",
        "actor": f"the page of {spec.title}",
        "country": f"the page of country {spec.key}",
        "topic": f"the page of topic '{spec.title}'",
        "pair": f"the page of the pair {spec.title}",
        "search": "the search page",
        "archive": f"the archive of {spec.key}" if spec.key else "the archive",
        "listing": f"the index of {spec.title.lower()}",
    }
    return kinds.get(spec.kind, f"the page {spec.path}")


def _describe_data_file(path: str) -> str:
    if path.endswith(urls.FEED):
        folder = path.removesuffix(urls.FEED)
        return f"the Atom feed of {folder}" if folder else "the site's Atom feed"
    return f"the site's {path}"


def collisions(outputs: Iterable[Output]) -> list[Diagnostic]:
    """An error at each author's file whose output another output takes, or needs as a folder.

    Linear in the number of outputs times their depth: each path is looked up, and so is each folder above it.
    """
    by_path: dict[str, list[Output]] = {}
    for output in outputs:
        by_path.setdefault(output.path, []).append(output)
    diagnostics: list[Diagnostic] = []
    for path, sharing in by_path.items():
        if len(sharing) > 1:
            for output in sharing:
                others = [o for o in sharing if o is not output]
                diagnostics += _report(
                    output, path, f"which {_names(others)} also write{'s' if len(others) == 1 else ''}"
                )
        for folder in _folders(path):
            for holder in by_path.get(folder, ()):  # a folder the site owns whole (pagefind/)
                diagnostics += _report(sharing[0], path, f"inside {holder.what}")
            for holder in by_path.get(folder.removesuffix("/"), ()):  # a file where this needs a folder
                diagnostics += _report(sharing[0], path, f"but {holder.what} is the file {holder.path}")
                diagnostics += _report(holder, holder.path, f"where {sharing[0].what} needs a folder")
    return diagnostics


def _folders(path: str) -> Iterable[str]:
    """Each folder above ``path``: 'a/b/c.html' -> 'a/', 'a/b/'."""
    at = path.find("/")
    while 0 <= at < len(path) - 1:
        yield path[: at + 1]
        at = path.find("/", at + 1)


def _names(outputs: list[Output]) -> str:
    return " and ".join(o.what for o in outputs)


def _report(output: Output, path: str, conflict: str) -> list[Diagnostic]:
    if output.source is None:  # two generated outputs cannot meet; nothing an author could fix
        return []
    sink = DiagnosticSink(output.source)
    sink.error(1, 1, "output-conflict", f"this file would be written to {path}, {conflict}",
               "rename or move the file so that it has a place of its own in the site")  # fmt: skip
    return sink.items


def conflicts(planned: list[PageSpec], index: SiteIndex, others: Iterable[Output], *, search: bool) -> list[Diagnostic]:
    """Every output conflict of a site: its planned pages, its data files and ``others`` (every other file
    the site writes: ordinary pages, static files, the theme's; a file the plan already holds as an
    authored page is counted once, as that page); and every old address of a brief that one of them holds."""
    authored = {spec.src_uri for spec in planned if not spec.generated}
    others = [other for other in others if other.source is None or other.source not in authored]
    outputs = page_outputs(planned) + generated_outputs(index, search=search) + others
    taken = {output.path: output.what for output in outputs}
    redirects = redirect_diagnostics(plan_redirects(index.members), taken)
    return _source_clashes(planned, others) + collisions(outputs) + redirects


def _source_clashes(planned: list[PageSpec], others: list[Output]) -> list[Diagnostic]:
    """An author's file whose name a generated page goes by, though written elsewhere (an actor named
    `actors/index.md` is not the index of actors). Where the outputs meet too, `collisions` reports it."""
    generated = {spec.src_uri: spec for spec in planned if spec.generated}
    authored = [(spec.src_uri, spec.output) for spec in planned if not spec.generated]
    authored += [(other.source, other.path) for other in others if other.source is not None]
    diagnostics: list[Diagnostic] = []
    for source, output in authored:
        spec = generated.get(source)
        if spec is not None and spec.output != output:
            sink = DiagnosticSink(source)
            sink.error(1, 1, "output-conflict", f"this file's name is reserved for {describe(spec)}",
                       "rename or move the file")  # fmt: skip
            diagnostics += sink.items
    return diagnostics


def output_diagnostics(result: LoadResult, *, pair_min_briefs: int = 2) -> list[Diagnostic]:
    """The checker's view: drafts included, since `mkdocs serve` gives them pages too; the search folder
    reserved, since search is on by default; the pair pages of the site's threshold."""
    index = SiteIndex.build(result.corpus, include_drafts=True, pair_min_briefs=pair_min_briefs)
    home = result.home
    planned = plan_pages(index, home_title="", home_body=home.body if home is not None else None)
    pages = [Output(urls.output_path(urls.page_path(src)), src, src) for src in result.files.pages]
    return conflicts(planned, index, pages, search=True)
