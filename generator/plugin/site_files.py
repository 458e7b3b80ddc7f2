"""The page plan, handed to MkDocs as its Files: generated pages added, authored ones moved and primed."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from ..base.diagnostics import Diagnostic
from ..site import urls
from ..site.index import SiteIndex
from ..site.outputs import Output, conflicts
from ..site.plan import PageSpec


def output_conflicts(planned: list[PageSpec], index: SiteIndex, files: Files, docs_dir: Path, *,
                     search: bool) -> list[Diagnostic]:  # fmt: skip
    """The plan's pages, the data files, and every other file MkDocs writes (pages, static files, the theme's)."""
    others = [
        Output(file.dest_uri, file.src_uri, file.src_uri) if file.src_dir == str(docs_dir)
        else Output(file.dest_uri, f"{file.generated_by or 'the theme'}'s {file.dest_uri}")
        for file in files if not file.inclusion.is_excluded()
    ]  # fmt: skip
    return conflicts(planned, index, others, search=search)


def place_pages(planned: list[PageSpec], files: Files, config: MkDocsConfig) -> dict[str, PageSpec]:
    """Make ``files`` hold every planned page where the plan puts it; the plan's pages by source path."""
    pages = {}
    for spec in planned:
        existing = files.get_file_from_path(spec.src_uri)
        if spec.generated:
            if existing is not None:
                raise PluginError(f"briefing: {spec.src_uri} is reserved for a generated page; rename that file")
            files.append(File.generated(config, spec.src_uri, content=""))
        elif existing is not None:
            _prime(existing if existing.dest_uri == spec.output else _moved(existing, spec.output, files), spec)
        pages[spec.src_uri] = spec
    return pages


def _prime(file: File, spec: PageSpec) -> None:
    """An authored file as MkDocs should take it: the body already parsed, a safe edit link, drafts as drafts."""
    # Hand MkDocs the body we already parsed, so it neither re-reads the file nor re-parses its front
    # matter (MkDocs' own parse swallows YAML errors). The newline keeps a body that starts with
    # '---' from being taken for front matter.
    file.content_string = "\n" + spec.body
    # MkDocs joins the source path to edit_uri unencoded: a file named 'javascript:x.md' must not
    # make its edit link a script URL.
    file.edit_uri = urls.encoded(spec.src_uri)
    if spec.brief is not None and spec.brief.is_draft:
        file.inclusion = InclusionLevel.DRAFT  # MkDocs previews drafts in serve, leaves them out of build


def _moved(file: File, dest_uri: str, files: Files) -> File:
    """The same source file written where the plan puts its page (an actor file in a subfolder of actors/)."""
    moved = File(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, dest_uri=dest_uri,
                 inclusion=file.inclusion)  # fmt: skip
    files.remove(file)
    files.append(moved)
    return moved


def in_build_order(files: Files, planned: list[PageSpec], config: MkDocsConfig) -> Files:
    """``files`` in the order a whole build makes them: MkDocs' walk of the docs folder, the theme's files, then
    the plan's generated and moved pages (see `place_pages`). The sitemap lists pages in this order."""
    placed = {spec.src_uri for spec in planned if spec.generated or spec.output != _default_output(spec.src_uri)}
    docs_dir = config.docs_dir
    walked, theme, made = [], [], {}
    for file in files:
        if file.src_uri in placed:
            made[file.src_uri] = file
        elif file.generated_by is None and file.src_dir == docs_dir:
            walked.append(file)
        else:
            theme.append(file)
    walked.sort(key=_walk_order)
    return Files([*walked, *theme, *(made[uri] for spec in planned if (uri := spec.src_uri) in made)])


def _walk_order(file: File) -> tuple[list[str], bool, str]:
    """MkDocs' ``file_sort_key`` (the order of its walk: folders last, a folder's index first), for ten
    thousand files without a path object each."""
    *folders, name = file.src_uri.split("/")
    stem = name.rpartition(".")[0] or name
    return folders, stem not in ("index", "README"), name


def _default_output(src_uri: str) -> str:
    """Where MkDocs writes a Markdown file's page unless told otherwise."""
    return urls.output_path(urls.page_path(src_uri))
