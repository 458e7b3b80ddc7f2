"""JSON-LD as a ``<script type="application/ld+json">`` body: the one place structured data is serialized.

The script element ends at the first ``</script`` the HTML parser meets, whatever JSON says, and HTML escaping
cannot be used inside it (the JSON parser would read ``&lt;`` literally). So every ``<``, ``>`` and ``&`` is
written as a JSON escape (``\\u003c``...): no front-matter value can close the element or open a comment, and the
JSON still parses to the original strings. U+2028 and U+2029 are escaped too, for consumers that read JSON as
JavaScript source. Only the result of this escaping is marked safe.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

# What json.dumps(data, ensure_ascii=False, separators=(",", ":")) makes for each call, made once.
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(data: dict[str, Any]) -> Markup:
    """``data`` as the text of a JSON-LD script element, safe to print unescaped."""
    # These characters can only stand inside JSON strings (keys and values), where the escapes mean the same.
    text = _ENCODER.encode(data)
    for character, escaped in _ESCAPES:  # str.replace scans at memchr speed; str.translate looks up each character
        text = text.replace(character, escaped)
    return Markup(text)  # noqa: S704 - escaped above: no '<', '>' or '&' is left
