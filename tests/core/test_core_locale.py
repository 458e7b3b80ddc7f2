"""The theme's locales: every shipped file says what English says, plurals follow the language, dates its calendar."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.dates import format_date
from markupsafe import Markup, escape

from generator.site.day_format import DayFormat
from generator.site.locale import SHIPPED, _fill, available, load_locales, load_strings, read_locale
from generator.site.views import display_date


def _placeholders(message: object) -> set[str]:
    import string

    forms = [message] if isinstance(message, str) else list(message.values())  # type: ignore[union-attr]
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


@pytest.mark.parametrize("language", [p.stem for p in sorted(SHIPPED.glob("*.yml")) if p.stem != "en"])
def test_every_shipped_locale_has_english_keys_and_placeholders(language: str) -> None:
    english, problems = read_locale(SHIPPED / "en.yml")
    other, other_problems = read_locale(SHIPPED / f"{language}.yml")
    assert not problems and not other_problems
    assert set(other) == set(english)
    for key, (message, _) in english.items():
        wanted = _placeholders(message) - ({"count"} if not isinstance(message, str) else set())
        assert wanted <= _placeholders(other[key][0]), key
        assert isinstance(message, str) == isinstance(other[key][0], str), key
    assert load_locales(language).diagnostics == ()


def test_plurals_follow_the_language() -> None:
    english, french = load_locales("en").site, load_locales("fr").site
    assert [english.plural("count.briefs", n) for n in (0, 1, 2)] == ["0 briefs", "1 brief", "2 briefs"]
    assert [french.plural("count.briefs", n) for n in (0, 1, 2)] == ["0 note", "1 note", "2 notes"]


def test_dates_are_the_locales() -> None:
    day = dt.date(2024, 4, 16)
    assert display_date(day) == "16 April 2024"
    assert load_locales("fr").site.date(day) == "16 avril 2024"
    assert load_locales("en").site.month(2024, 4) == "April 2024"
    assert load_locales("fr_CA").site.date(day) == "16 avril 2024"


@pytest.mark.parametrize("pattern", ["d MMMM y", "MMM y", "EEEE d MMMM y", "dd/MM/yy", "'le' d 'de' LLLL u", "e c",
                                     "y G", "w", "long"])  # fmt: skip
@pytest.mark.parametrize("code", ["en", "fr_CA", "ru", "ar"])
def test_dates_by_field_are_babels(pattern: str, code: str) -> None:
    """`DayFormat` asks Babel for each field once per value (the others, the era or week, whole): the same text."""
    locale = Locale.parse(code)
    formats = DayFormat(pattern, locale)
    days = [dt.date(2023, 12, 25) + dt.timedelta(days=n) for n in range(0, 800, 3)]
    assert [formats(day) for day in days] == [format_date(day, pattern, locale=locale) for day in days]


def test_a_malformed_date_pattern_fails_as_in_babel() -> None:
    with pytest.raises(ValueError, match="Invalid length"):
        DayFormat("d MMMMMMM y", Locale.parse("en"))


@pytest.mark.parametrize(
    ("code", "language", "lang"), [("en_GB", "en", "en-GB"), ("fr_CA", "fr", "fr-CA"), ("fr", "fr", "fr")]
)
def test_a_region_uses_its_languages_file(code: str, language: str, lang: str) -> None:
    locales = load_locales(code)
    assert (locales.site.language, locales.site.html_lang, locales.diagnostics) == (language, lang, ())


def test_an_unknown_locale_is_english_with_a_warning_naming_those_there_are() -> None:
    locales = load_locales("de")
    assert locales.site.language == "en"
    (warning,) = locales.diagnostics
    assert warning.code == "locale-unknown" and "en, fr" in warning.hint


def test_a_page_language_chooses_its_strings_falling_back_to_the_sites() -> None:
    locales = load_locales("en")
    assert locales.locale_for("fr").t("nav.search") == "Rechercher"
    assert locales.locale_for("fr-CA").html_lang == "fr-CA"
    assert locales.locale_for("de").t("nav.search") == "Search"
    assert locales.locale_for(None) is locales.site


def test_template_strings_escape_their_text_and_values_but_markup() -> None:
    from markupsafe import Markup

    t = load_locales("en").site.template_t
    assert str(t("entity.feed_link", name="<b>&")) == "Atom feed of briefs: &lt;b&gt;&amp;"
    assert str(t("entity.on_day", date=Markup("<time>x</time>"))) == "on <time>x</time>"
    assert str(t("count.briefs", count=1)) == "1 brief"


@pytest.mark.parametrize("text", ["<a>{name} & {count}", "{name}{name}", "{{x}} {name}", "{count:d} {name}",
                                  "{name!r}", "{0}", "{name.real}", "{name[0]}", "} {"])  # fmt: skip
@pytest.mark.parametrize("name", ["<b>'\"&", Markup("<time>x</time>"), 7, None])
def test_strings_with_values_are_filled_as_markups_formatter_fills_them(text: str, name: object) -> None:
    """Bare names are filled by str.format, each value escaped; any other placeholder by Markup's formatter."""
    values = {"name": name, "count": 3}
    try:
        expected: object = escape(text).format(**values)
    except Exception as exc:  # the same failure is expected of _fill
        with pytest.raises(type(exc)):
            _fill(text, values)
        return
    filled = _fill(text, values)
    assert (filled, type(filled)) == (expected, Markup)


def test_templates_look_plain_strings_up_and_call_for_the_others() -> None:
    words = load_locales("fr").site.template_words
    assert words["nav.search"] == words("nav.search") == "Rechercher"
    assert isinstance(words["nav.search"], Markup)  # escaped once, printed as it is
    assert str(words("count.briefs", count=0)) == "0 note"  # French: 0 is singular
    assert words("entity.feed_link", name="<i>") == "Flux Atom des notes : &lt;i&gt;"


def test_a_plain_look_up_of_an_unknown_or_plural_key_raises_and_keeps_nothing() -> None:
    words = load_locales("en").site.template_words
    with pytest.raises(KeyError):
        words["no.such_key"]
    with pytest.raises(TypeError):
        words["count.briefs"]
    assert "no.such_key" not in words and "count.briefs" not in words


def test_a_theme_locale_file_is_checked_against_english(tmp_path: Path) -> None:
    (tmp_path / "locales").mkdir()
    (tmp_path / "locales" / "xx.yml").write_text(
        'nav:\n  home: Start\n  search: "Find {what}"\ncount:\n  briefs: plain\n', encoding="utf-8"
    )
    assert "xx" in available([str(tmp_path)])
    strings, problems = load_strings("xx", "xx", (str(tmp_path),))
    codes = {(p.code, p.line) for p in problems}
    assert ("locale-placeholders", 3) in codes and ("locale-placeholders", 5) in codes
    assert any(code == "locale-missing-key" for code, _ in codes)
    assert strings.t("nav.home") == "Start"
    assert strings.t("nav.search") == "Search"  # English's, as the file's had another placeholder
    assert strings.plural("count.briefs", 2) == "2 briefs"


def _js_message(source: str) -> object:
    """One value of search.js's ENGLISH: a string, or its plural forms."""
    if source.startswith("{"):
        return {name: json.loads(text) for name, text in re.findall(r'(\w+): ("(?:[^"\\]|\\.)*")', source)}
    return json.loads(source)


def test_the_search_scripts_english_is_the_locale_files() -> None:
    script = (SHIPPED.parent / "assets" / "search.js").read_text(encoding="utf-8")
    block = script.split("const ENGLISH = {", 1)[1].split("\n};", 1)[0]
    parts = re.split(r"^  (\w+):", block, flags=re.MULTILINE)[1:]  # an entry per line, or two when long
    pairs = zip(parts[::2], parts[1::2], strict=True)
    fallback = {key: _js_message(value.strip().rstrip(",")) for key, value in pairs}
    english = load_locales("en").site.messages
    wanted = {key.removeprefix("search_js."): value for key, value in english.items() if key.startswith("search_js.")}
    assert set(fallback) == set(wanted)
    for key, message in wanted.items():
        if isinstance(message, str):
            assert fallback[key] == message, key
        else:  # a form English's rules never choose may be left out
            assert isinstance(fallback[key], dict) and fallback[key]["other"] == message["other"], key  # type: ignore[index]
            assert fallback[key].items() <= dict(message).items(), key  # type: ignore[union-attr]
