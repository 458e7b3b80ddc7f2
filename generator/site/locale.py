"""The theme's own words: every string the theme prints, from a locale file, and dates formatted for the locale.

A locale file is ``locales/<language>.yml`` in one of the theme's folders (a theme override can add one), else in
the theme this project ships (``templates/locales``). Keys are grouped by area (``nav.home``, ``count.briefs``);
a plural string is a mapping of CLDR plural categories (``{one: ..., other: ...}``); placeholders are named
(``{count}``, ``{name}``). ``date.*`` keys hold Babel date patterns.

English is the reference: another locale must have the same keys and the same placeholders in each. A missing key
takes the English text, with a warning; so does a string whose placeholders differ (a missing or unknown
placeholder would otherwise fail or print nothing when the page renders).

Each locale is read, checked and prepared once per process (`load_locales`); a page's strings are then
dictionary look-ups, and each date is formatted once.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError
from markupsafe import Markup, escape

from ..base.diagnostics import Diagnostic, Severity
from .day_format import DayFormat

DEFAULT = "en"
FOLDER = "locales"
# The theme shipped with the project: where a locale is looked up last, so a theme override needs no copy of it.
SHIPPED = Path(__file__).resolve().parents[2] / "templates" / FOLDER
PLURAL_CATEGORIES = frozenset({"zero", "one", "two", "few", "many", "other"})

Message = str | Mapping[str, str]  # a plain string, or a plural string by CLDR category


class LocaleError(Exception):
    """The English locale file, which every other falls back to, cannot be used."""


def _placeholders(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


@cache
def _named_only(text: str) -> bool:
    """Whether every placeholder of ``text`` is a bare name (``{name}``: no conversion, format or index)."""
    try:
        return all(name is None or (name.isidentifier() and not spec and conversion is None)
                   for _, name, spec, conversion in string.Formatter().parse(text))  # fmt: skip
    except ValueError:
        return False


def _fill(text: str, values: Mapping[str, object]) -> Markup:
    """``text`` escaped, its placeholders filled with ``values`` escaped (markup as it is): what
    ``escape(text).format(**values)`` gives. Markup's formatter runs in Python, some 60 µs a string, and every page
    prints one (its feed's title): bare names are filled by ``str.format``, each value escaped first."""
    if not _named_only(text):
        return escape(text).format(**values)
    return Markup(str(escape(text)).format(**{name: escape(value) for name, value in values.items()}))  # noqa: S704 - escaped


def _is_plural(value: object) -> bool:
    return isinstance(value, dict) and "other" in value and set(value) <= PLURAL_CATEGORIES


@dataclass
class Strings:
    """One locale's strings (``language``: the file's; ``code``: the locale asked for, whose region, if any, Babel
    formats dates for). `t` and `plural` give plain text; templates get `template_words` (as ``t``), which escapes."""

    code: str
    language: str
    messages: Mapping[str, Message]
    babel: Locale
    _dates: dict[tuple[dt.date, str], str] = field(default_factory=dict, repr=False)
    _formats: dict[str, DayFormat] = field(default_factory=dict, repr=False)  # by `date.*` key
    # A template asks for some twenty strings a page: each plain one is escaped once, each count's plural
    # category looked up once (Babel's rule is behind a locale-data look-up).
    _escaped: dict[str, Markup] = field(default_factory=dict, repr=False)
    _categories: dict[int, str] = field(default_factory=dict, repr=False)
    _words: TemplateWords | None = field(default=None, repr=False)

    @property
    def template_words(self) -> TemplateWords:
        """``t`` in templates (`TemplateWords`)."""
        if self._words is None:
            self._words = TemplateWords(self)
        return self._words

    @property
    def html_lang(self) -> str:
        """The locale as ``<html lang>`` wants it: "en", "fr-CA"."""
        return self.code.replace("_", "-")

    def t(self, key: str, **values: object) -> str:
        message = self.messages[key]
        if not isinstance(message, str):
            raise TypeError(f"locale key {key!r} is a plural string: use plural()")
        return message.format(**values) if values else message

    def plural(self, key: str, count: int, **values: object) -> str:
        """The form of ``key`` for ``count`` (in the locale's plural rules), ``{count}`` filled in."""
        forms = self.messages[key]
        if isinstance(forms, str):
            raise TypeError(f"locale key {key!r} is not a plural string: use t()")
        form = forms.get(self._category(count), forms["other"])
        return form.format(count=count, **values)

    def _category(self, count: int) -> str:
        category = self._categories.get(count)
        if category is None:
            category = self._categories[count] = self.babel.plural_form(count)
        return category

    def template_t(self, key: str, count: int | None = None, **values: object) -> Markup:
        """``t`` in templates: ``t("nav.search")``, ``t("count.briefs", count=n)``. The text is escaped, and so is
        each value unless it is markup already (a ``<time>`` element made by the template)."""
        if count is None and not values:
            found = self._escaped.get(key)
            if found is not None:
                return found
        forms = self.messages[key]
        if isinstance(forms, str):
            text = forms
        else:
            if count is None:
                raise TypeError(f"locale key {key!r} is a plural string: give count=")
            text = forms.get(self._category(count), forms["other"])
        if count is not None:
            values["count"] = count
        if values:
            return _fill(text, values)
        self._escaped[key] = escape(text)
        return self._escaped[key]

    def date(self, day: dt.date, pattern: str = "date.day") -> str:
        """``day`` in the locale's ``pattern`` (a ``date.*`` key): "16 April 2024", "16 avril 2024"."""
        shown = self._dates.get((day, pattern))
        if shown is None:
            formats = self._formats.get(pattern)
            if formats is None:
                formats = self._formats[pattern] = DayFormat(self.messages[pattern], self.babel)  # type: ignore[arg-type]
            shown = self._dates[(day, pattern)] = formats(day)
        return shown

    def month(self, year: int, month: int, pattern: str = "date.month") -> str:
        """A month of a year: "April 2024" (``date.month``), "Apr 2024" (``date.month_short``)."""
        return self.date(dt.date(year, month, 1), pattern)


class TemplateWords(dict[str, Markup]):
    """``t`` in templates: ``t["nav.search"]`` for a plain string, ``t("count.briefs", count=n)`` or
    ``t("entity.briefs_naming", name=...)`` for one with values; both escaped (`Strings.template_t`).

    Pages print some twenty strings each: a subscript is a dictionary look-up for Jinja, where a call goes through
    its checks for context-passing functions, which cost more than the look-up itself over 10,000 pages. The
    words are a dict, each plain string kept escaped once asked for: a look-up runs no Python code of ours."""

    __slots__ = ("_strings",)

    def __init__(self, strings: Strings) -> None:
        super().__init__()
        self._strings = strings

    def __missing__(self, key: str) -> Markup:
        # A plural string or an unknown key raises, as Strings.template_t does: Jinja prints it as undefined.
        found = self[key] = self._strings.template_t(key)
        return found

    def __call__(self, key: str, count: int | None = None, **values: object) -> Markup:
        return self._strings.template_t(key, count, **values)

    # One object per locale: two locales with the same strings are still two `t`s (and dict equality would
    # compare every string).
    __eq__ = object.__eq__
    __ne__ = object.__ne__
    __hash__ = object.__hash__  # type: ignore[assignment]


@dataclass(frozen=True)
class Locales:
    """The site's locale and every other one its theme ships, loaded once per build."""

    site: Strings
    available: tuple[str, ...]  # the languages with a file, sorted
    diagnostics: tuple[Diagnostic, ...]
    dirs: tuple[str, ...] = ()

    def locale_for(self, lang: str | None) -> Strings:
        """The strings for a page in ``lang`` (a language code, maybe with a region): its language's file if there
        is one, else the site's."""
        if not lang:
            return self.site
        language = _language(lang)
        if language == self.site.language and lang.replace("-", "_") == self.site.code:
            return self.site
        if language not in self.available:
            return self.site
        return load_strings(language, lang.replace("-", "_"), self.dirs)[0]


def _language(code: str) -> str:
    return code.replace("-", "_").split("_", 1)[0].lower()


def locale_file(language: str, dirs: Sequence[str]) -> Path | None:
    """The first ``locales/<language>.yml`` in the theme's ``dirs``, then in the shipped theme."""
    for folder in (*dirs, str(SHIPPED.parent)):
        path = Path(folder) / FOLDER / f"{language}.yml"
        if path.is_file():
            return path
    return None


def available(dirs: Sequence[str]) -> tuple[str, ...]:
    found = {p.stem for folder in (*dirs, str(SHIPPED.parent)) for p in (Path(folder) / FOLDER).glob("*.yml")}
    return tuple(sorted(found))


def load_locales(code: str | None, dirs: Sequence[str] = ()) -> Locales:
    """The locale ``code`` (MkDocs' ``theme.locale``: "fr", "fr_CA"; None or '' for English) from the theme's
    ``dirs``. A locale with no file is English, with a ``locale-unknown`` warning naming those there are."""
    code = (code or DEFAULT).replace("-", "_")
    dirs = tuple(dirs)
    languages = available(dirs)
    language = _language(code)
    problems: list[Diagnostic] = []
    if language not in languages:
        problems.append(Diagnostic("mkdocs.yml", 1, 1, Severity.WARNING, "locale-unknown",
                                   f"theme.locale '{code}': the theme has no locale file for '{language}'; "
                                   "its strings are in English",
                                   f"use one of: {', '.join(languages)}, or add {FOLDER}/{language}.yml to the theme"))  # fmt: skip
        language, code = DEFAULT, DEFAULT
    strings, found = load_strings(language, code, dirs)
    return Locales(strings, languages, (*problems, *found), dirs)


@cache
def load_strings(language: str, code: str, dirs: tuple[str, ...]) -> tuple[Strings, tuple[Diagnostic, ...]]:
    """A locale's strings, checked against English's (read once per process for each locale and theme)."""
    english = _english(dirs)
    babel = _babel(code) or _babel(language) or Locale.parse(DEFAULT)  # a language Babel lacks: English's rules
    if language == DEFAULT:
        return Strings(code, language, english, babel), ()
    path = locale_file(language, dirs)
    assert path is not None  # noqa: S101 - only called for a language `available` found
    messages, problems = read_locale(path)
    checked, more = check_against(messages, english, str(path), problems)
    return Strings(code, language, checked, babel), (*problems, *more)


def _babel(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return None


@cache
def _english(dirs: tuple[str, ...]) -> dict[str, Message]:
    path = locale_file(DEFAULT, dirs)
    if path is None:
        raise LocaleError(f"the theme has no {FOLDER}/{DEFAULT}.yml")
    messages, problems = read_locale(path)
    if problems:
        raise LocaleError("; ".join(p.as_text() for p in problems))
    return {key: value for key, (value, _) in messages.items()}


def read_locale(path: Path) -> tuple[dict[str, tuple[Message, int]], list[Diagnostic]]:
    """A locale file's strings by dotted key, each with its line; its problems as diagnostics."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return {}, [Diagnostic(str(path), 1, 1, Severity.WARNING, "locale-invalid",
                               f"the locale file cannot be read: {exc}".splitlines()[0])]  # fmt: skip
    messages, problems = _parse_locale(path, text)
    return dict(messages), list(problems)


# A build reads English twice, for the theme's folders and for the core's default (`english`): parsed once, by
# content (an edit while serving is parsed again). Callers get copies.
@lru_cache(maxsize=16)
def _parse_locale(path: Path, text: str) -> tuple[dict[str, tuple[Message, int]], list[Diagnostic]]:
    problems: list[Diagnostic] = []
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(Diagnostic(str(path), line, 1, Severity.WARNING, "locale-invalid",
                                   f"the locale file cannot be read: {exc}".splitlines()[0]))  # fmt: skip
        return {}, problems
    messages: dict[str, tuple[Message, int]] = {}

    def walk(node: Any, prefix: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            problems.append(_invalid(path, node, f"'{prefix or 'the file'}' should be a mapping of strings"))
            return
        for key_node, value_node in node.value:
            key = f"{prefix}{key_node.value}"
            if isinstance(value_node, yaml.ScalarNode):
                messages[key] = (str(value_node.value), key_node.start_mark.line + 1)
            elif isinstance(value_node, yaml.MappingNode) and _plural_node(value_node):
                forms = {k.value: str(v.value) for k, v in value_node.value}
                messages[key] = (forms, key_node.start_mark.line + 1)
            else:
                walk(value_node, f"{key}.")

    if root is not None:
        walk(root, "")
    return messages, problems


def _plural_node(node: yaml.MappingNode) -> bool:
    keys = {k.value for k, _ in node.value}
    return "other" in keys and keys <= PLURAL_CATEGORIES and all(isinstance(v, yaml.ScalarNode) for _, v in node.value)


def _invalid(path: Path, node: Any, message: str) -> Diagnostic:
    return Diagnostic(str(path), node.start_mark.line + 1, node.start_mark.column + 1, Severity.WARNING,
                      "locale-invalid", message)  # fmt: skip


def check_against(messages: Mapping[str, tuple[Message, int]], english: Mapping[str, Message], path: str,
                  problems: Sequence[Diagnostic] = ()) -> tuple[dict[str, Message], list[Diagnostic]]:  # fmt: skip
    """``messages`` completed from ``english``: a missing key, a string of the wrong shape or with other
    placeholders takes English's text, with a warning at its line."""
    found: list[Diagnostic] = []
    checked: dict[str, Message] = {}
    for key, reference in english.items():
        if key not in messages:
            found.append(Diagnostic(path, 1, 1, Severity.WARNING, "locale-missing-key",
                                    f"no string for '{key}': the English one is used",
                                    f"add it, like English's: {_shown(reference)}"))  # fmt: skip
            checked[key] = reference
            continue
        value, line = messages[key]
        problem = _mismatch(value, reference)
        if problem:
            found.append(Diagnostic(path, line, 1, Severity.WARNING, "locale-placeholders",
                                    f"'{key}' {problem}: the English string is used",
                                    f"English's: {_shown(reference)}"))  # fmt: skip
            checked[key] = reference
        else:
            checked[key] = value
    for key, (_, line) in messages.items():
        if key not in english and not problems:
            found.append(Diagnostic(path, line, 1, Severity.WARNING, "locale-unknown-key",
                                    f"'{key}' is no string of the theme (English has none)"))  # fmt: skip
    return checked, found


def _mismatch(value: Message, reference: Message) -> str:
    if isinstance(reference, str) != isinstance(value, str):
        return "should be a plural mapping ({one: ..., other: ...})" if isinstance(value, str) else "should be a string"
    wanted = _placeholders(reference) if isinstance(reference, str) else _placeholders(reference["other"])
    forms = [value] if isinstance(value, str) else list(value.values())
    for form in forms:
        got = _placeholders(form)
        # A plural form may leave out {count} ("une note" for one): the number is in the words.
        if got - wanted or (wanted - got) - ({"count"} if not isinstance(value, str) else set()):
            shown = ", ".join(f"{{{name}}}" for name in sorted(wanted)) or "none"
            return f"has other placeholders than English's ({shown})"
    return ""


def _shown(message: Message) -> str:
    return repr(message) if isinstance(message, str) else repr(dict(message))


def english() -> Strings:
    """The shipped English strings: what the core uses when no locale is given (tests, the checker)."""
    return load_strings(DEFAULT, DEFAULT, ())[0]
