"""Language tags: what `lang:` and the theme's locale name, read with Babel's CLDR data.

Tags are kept in BCP 47 form with a hyphen ("pt-BR"), as HTML's ``lang``, ``hreflang`` and Pagefind take them;
Babel writes locales with an underscore ("pt_BR"), which is turned round here and nowhere else.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError, localedata

from .text import did_you_mean

DEFAULT = "en"
HINT = "write a BCP 47 tag such as fr, de or pt-BR"


class LanguageError(ValueError):
    """A tag that names no language: ``malformed`` when it is not even shaped like one."""

    def __init__(self, message: str, suggestion: str | None) -> None:
        super().__init__(message)
        self.suggestion = suggestion


@lru_cache(maxsize=256)
def canonical(tag: str) -> str:
    """The tag in its canonical form ("pt-br" -> "pt-BR", "FR" -> "fr"); `LanguageError` if it names no language."""
    written = tag.strip().replace("_", "-")
    try:
        locale = Locale.parse(written, sep="-")
    except UnknownLocaleError:
        raise LanguageError(f"'{tag}' is not a language Babel knows", _suggest(written)) from None
    except (ValueError, TypeError):
        raise LanguageError(f"'{tag}' is not a language tag", _suggest(written)) from None
    return _tag(locale)


def _tag(locale: Locale) -> str:
    return "-".join(part for part in (locale.language, locale.script, locale.territory, locale.variant) if part)


def _suggest(written: str) -> str | None:
    """A tag for what looks like a language's English name ("French", "Portugese"): two-letter codes are too
    alike for a closest match among them to mean anything."""
    names = _english_names()
    match = did_you_mean(written, names, cutoff=0.75)
    return names[match] if match else None


@lru_cache(maxsize=1)
def _english_names() -> dict[str, str]:
    """English name -> tag, for the languages Babel has data for."""
    known = set(localedata.locale_identifiers())
    return {name: code for code, name in Locale("en").languages.items() if code in known}


def site_language(locale: object) -> str:
    """The site's language from MkDocs' ``theme.locale`` (a Babel-like locale, a string, or nothing)."""
    if not locale:
        return DEFAULT
    try:
        return canonical(str(locale))
    except LanguageError:
        return DEFAULT


@lru_cache(maxsize=256)
def display_name(tag: str) -> str:
    """The language's name in itself, capitalised: "Français", "English", "Português (Brasil)"."""
    name = Locale.parse(tag, sep="-").get_display_name(Locale.parse(tag, sep="-")) or tag
    return name[:1].upper() + name[1:]
