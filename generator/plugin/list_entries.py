"""Template globals that print the entries of a list, each entry rendered once a build: `brief_items` (a brief
list's entries, ``partials/brief_item.html``) and `chip_items` (chips, ``partials/chip_item.html``).

Entity pages list every brief that names them and brief pages show the same actors' chips, so one entry is printed
on dozens of pages, and escaping its fields again each time was the largest share of the theme's cost. An entry's
HTML depends on its item (a frozen view), on the list's one option (``show_summary``, ``show_counts``), on the
page's words (``t``: a brief's page may be in another language) and, through the ``url`` filter, on the page's
depth (``base_url``). The entry is a macro that sees those and nothing else of the page, so the memo is keyed by
everything it can print. Except for a URL the ``url`` filter's shortcut does not take (a file name with capitals,
say): MkDocs spells it from the page's own URL, so an entry holding one is rendered on each page, with the page. The theme stays the source of the markup: each entry's macro is a template of its own,
overridable like any other, and the list around it stays in its partial.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, pass_context
from markupsafe import Markup

from .url_filter import Fallbacks

# Some 600 bytes a brief entry, 200 a chip: tens of MB at most. Lists are printed at one or two depths, so a site
# of 10,000 briefs keeps about 10,000 brief entries; past the bound a memo starts again rather than growing.
MAX_ENTRIES = 60_000


@dataclass(frozen=True)
class EntryMacro:
    """An entry's macro: ``macro(item, option)`` in ``template``. ``by_identity``: its items are made once a build
    (the views keep them), so an item's identity stands for its fields, and is cheaper to hash than they are."""

    template: str
    macro: str
    by_identity: bool


BRIEF_ITEM = EntryMacro("partials/brief_item.html", "brief_item", by_identity=True)
CHIP_ITEM = EntryMacro("partials/chip_item.html", "chip_item", by_identity=False)


def list_entries_global(env: Environment, entry: EntryMacro, fallbacks: Fallbacks) -> Callable[..., Markup]:
    """``name(items, option)`` for ``env``'s templates: ``entry``'s macro printed for each of ``items``, as Markup.
    ``fallbacks`` counts the URLs ``env``'s ``url`` filter leaves to MkDocs' (see `url_filter`).

    The memo is the environment's: a whole build (and serve's rebuild after a template edit) makes a new one. It
    keeps each item (and ``t``) alive: an identity in a key is never another object's while the entry is kept,
    and an edited brief gets a new ref, hence a new entry."""
    # An entry, or None for one that depends on the page (see the module's docstring).
    entries: dict[tuple[object, bool, str, int], tuple[object, object, str | None]] = {}
    # The macro's module for a language and a depth: calling a macro costs far less than rendering a template.
    modules: dict[tuple[int, str], tuple[object, Any]] = {}

    def macro(words: object, base: str, page: object = None) -> Any:
        if page is not None:
            made = env.get_template(entry.template).make_module({"t": words, "base_url": base, "page": page})
            return getattr(made, entry.macro)
        module = modules.get((id(words), base))
        if module is None:
            made = env.get_template(entry.template).make_module({"t": words, "base_url": base, "page": None})
            module = modules[(id(words), base)] = (words, getattr(made, entry.macro))
        return module[1]

    @pass_context
    def list_entries(context: Any, items: Iterable[object], option: bool = True) -> Markup:
        words, base, flag = context.get("t"), context.get("base_url"), bool(option)
        on_page = None  # the macro with the page's URL, made for the first entry that needs it
        shown = []
        for item in items:
            key = (id(item) if entry.by_identity else item, flag, base, id(words))
            found = entries.get(key)
            if found is None:
                if len(entries) >= MAX_ENTRIES:
                    entries.clear()
                before = fallbacks.count
                html = macro(words, base)(item, flag)
                found = entries[key] = (item, words, html if fallbacks.count == before else None)
            if found[2] is None:
                on_page = on_page or macro(words, base, context.get("page"))
                shown.append(on_page(item, flag))
            else:
                shown.append(found[2])
        return Markup("".join(shown))  # noqa: S704 - each entry is its macro's output, escaped by Jinja

    return list_entries
