"""`brief_items`, the template global that prints the entries of a brief list, each entry rendered once a build.

Entity pages list every brief that names them, so a brief is printed on dozens of lists, and escaping its fields
again each time was the largest share of the theme's cost. An entry's HTML depends on its BriefRef, on
``show_summary``, on the page's words (``t``: a brief's page may be in another language) and, through the ``url``
filter, on the page's depth (``base_url``): the entry template sees those and nothing else of the page, so the memo
is keyed by all it can print. The theme stays the source of the markup: the entry is ``partials/brief_item.html``,
overridable like any template, and the list around it ``partials/brief_list.html``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import Environment, pass_context
from markupsafe import Markup

ITEM_TEMPLATE = "partials/brief_item.html"
# Some 600 bytes an entry: at most ~40 MB. Lists are printed at one or two depths, so a site of 10,000 briefs
# keeps about 10,000; past the bound the memo starts again rather than growing.
MAX_ENTRIES = 60_000


def brief_items_global(env: Environment) -> Callable[..., Markup]:
    """``brief_items(briefs, show_summary)`` for ``env``'s templates: the entries of a list of BriefRef, as Markup.

    The memo is the environment's: a whole build (and serve's rebuild after a template edit) makes a new one. It
    is keyed by the identity of each ref and of ``t``, both frozen, and keeps them alive so that no other object
    takes their identity while the entry is kept; an edited brief gets a new ref, hence a new entry."""
    entries: dict[tuple[int, bool, str, int], tuple[object, object, Markup]] = {}

    @pass_context
    def brief_items(context: Any, briefs: Iterable[object], show_summary: bool = True) -> Markup:
        words, base, summary = context.get("t"), context.get("base_url"), bool(show_summary)
        shown = []
        for ref in briefs:
            key = (id(ref), summary, base, id(words))
            found = entries.get(key)
            if found is None:
                if len(entries) >= MAX_ENTRIES:
                    entries.clear()
                html = env.get_template(ITEM_TEMPLATE).render(b=ref, show_summary=summary, t=words, base_url=base)
                found = entries[key] = (ref, words, html)
            shown.append(found[2])
        return Markup("".join(shown))

    return brief_items
