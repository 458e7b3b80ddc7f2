"""The search page's view: the facets it offers beyond the fixed ones, its languages, its script's words, its shards."""

from __future__ import annotations

import json

from ..base.roles import RoleVocabulary
from . import urls
from .index import SiteIndex
from .locale import Strings
from .search_shards import plan_shards, shards_json
from .translations import search_languages
from .view_types import SearchFacet, SearchView


def search_view(index: SiteIndex, roles: RoleVocabulary, strings: Strings, shard_size: int) -> SearchView:
    """The search page's role facets (a role no brief gives offers nothing to filter by), languages and shards."""
    facets = []
    for kind, by_role in (("actor", index.by_actor_role), ("country", index.by_country_role)):
        given = {role for roles in by_role.values() for role in roles}
        facets += [SearchFacet(urls.search_filter(kind, role.key), strings.t(f"search.facet_{kind}", role=role.label), role.plural)
                   for role in roles.of(kind).values() if role.key in given]  # fmt: skip
    return SearchView(tuple(facets), search_languages(index), script_strings_json(strings),
                      shards_json(plan_shards(index.members, shard_size), strings.date))  # fmt: skip


def script_strings_json(strings: Strings) -> str:
    """The search page script's words (``search_js.*``) as JSON: what the page hands assets/search.js."""
    prefix = "search_js."
    words = {key.removeprefix(prefix): value for key, value in strings.messages.items() if key.startswith(prefix)}
    return json.dumps(words, ensure_ascii=False)
