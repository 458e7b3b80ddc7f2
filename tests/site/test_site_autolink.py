"""The autolink extension, as Markdown source -> HTML pairs (in the style of Python-Markdown's own tests).

Each case runs a real ``markdown.Markdown`` with the extension and the page's targets, as MkDocs does for a brief.
"""

from __future__ import annotations

import markdown
import pytest

from generator.corpus.mentions import MentionFinder
from generator.plugin.autolink import AutolinkExtension, LinkTargets, _telltale

# Every name of the site; Russia is registered but not a target of the page, so it stays text.
NAMES = [
    ("actor:xi-jinping", "Xi Jinping"),
    ("actor:xi-jinping", "Xi"),
    ("actor:antony-blinken", "Antony Blinken"),
    ("actor:antony-blinken", "Blinken"),
    ("country:CN", "China"),
    ("country:US", "US"),
    ("country:US", "United States"),
    ("country:TW", "Taiwan"),
    ("country:RU", "Russia"),
]
FINDER = MentionFinder(NAMES)
URLS = {
    "actor:xi-jinping": ("../../actors/xi-jinping.md", "Xi Jinping"),
    "actor:antony-blinken": ("../../actors/antony-blinken.md", "Antony Blinken"),
    "country:CN": ("../../countries/cn.md", "China"),
    "country:US": ("../../countries/us.md", "United States"),
    "country:TW": ("../../countries/tw.md", "Taiwan"),
}
TELLTALES = tuple(sorted({_telltale(name) for target, name in NAMES if target in URLS}))


def a(text: str, target: str) -> str:
    url, title = URLS[target]
    return f'<a class="autolink" href="{url}" title="{title}">{text}</a>'


CN, US, TW = (a("China", "country:CN"), a("US", "country:US"), a("Taiwan", "country:TW"))
XI = a("Xi", "actor:xi-jinping")


def render(source: str, *, exclude: tuple[str, ...] = (), telltales: tuple[str, ...] = TELLTALES) -> str:
    extension = AutolinkExtension(exclude=list(exclude))
    md = markdown.Markdown(extensions=[extension, "fenced_code"])
    extension.targets = LinkTargets(dict(URLS), FINDER, telltales)
    return md.convert(source)


FIRST_MENTION_ONLY = [
    ("China and China.", f"<p>{CN} and China.</p>"),
    ("China.\n\nAgain China.", f"<p>{CN}.</p>\n<p>Again China.</p>"),
    (
        "Xi Jinping met Antony Blinken.",
        f"<p>{a('Xi Jinping', 'actor:xi-jinping')} met {a('Antony Blinken', 'actor:antony-blinken')}.</p>",
    ),
    # An alias is a mention of the same target: the first one, whichever name, is linked.
    ("Xi spoke; Xi Jinping listened.", f"<p>{XI} spoke; Xi Jinping listened.</p>"),
    ("- China\n- China and US", f"<ul>\n<li>{CN}</li>\n<li>China and {US}</li>\n</ul>"),
    # Registered, but not a target of this page: left as text.
    ("Russia and China.", f"<p>Russia and {CN}.</p>"),
]

SKIPPED_ELEMENTS = [
    ("`China` and China.", f"<p><code>China</code> and {CN}.</p>"),
    ("    China\n\nChina.", f"<pre><code>China\n</code></pre>\n<p>{CN}.</p>"),
    ("```\nChina\n```\n\nChina.", f"<pre><code>China\n</code></pre>\n<p>{CN}.</p>"),
    ("# China\n\nChina.", f"<h1>China</h1>\n<p>{CN}.</p>"),
    ("### About China\n\nChina.", f"<h3>About China</h3>\n<p>{CN}.</p>"),
    ("[China](x.md) and China.", f'<p><a href="x.md">China</a> and {CN}.</p>'),
    (
        "<https://example.org/China> and China.",
        f'<p><a href="https://example.org/China">https://example.org/China</a> and {CN}.</p>',
    ),
    # Emphasis is text: the link goes inside it, and text after an element (its tail) is linked too.
    ("*China* said.", f"<p><em>{CN}</em> said.</p>"),
    ("**Note:** China said.", f"<p><strong>Note:</strong> {CN} said.</p>"),
    ("**Note:** China and *US*.", f"<p><strong>Note:</strong> {CN} and <em>{US}</em>.</p>"),
]

CASE_AND_WORDS = [
    ("china and CHINA.", "<p>china and CHINA.</p>"),
    ("China's navy.", f"<p>{CN}'s navy.</p>"),
    ("China’s navy.", f"<p>{CN}’s navy.</p>"),
    ("Chinatown, Xiamen, USB, AUS and China.", f"<p>Chinatown, Xiamen, USB, AUS and {CN}.</p>"),
    ("Sino-China? No: China-based.", f"<p>Sino-{CN}? No: China-based.</p>"),
    ("the_China and China.", f"<p>the_China and {CN}.</p>"),
]

LONGER_PROPER_NOUNS = [
    # A capitalised word on each side: the name is part of a longer one; a later mention is linked.
    ("The South China Sea, and China.", f"<p>The South China Sea, and {CN}.</p>"),
    ("In the South\nChina Sea.", "<p>In the South\nChina Sea.</p>"),
    ("East-China-Sea, then China.", f"<p>East-China-Sea, then {CN}.</p>"),
    ("A US Air Force jet over US waters.", f"<p>A US Air Force jet over {US} waters.</p>"),
    ("Inner Taiwan Region and Taiwan.", f"<p>Inner Taiwan Region and {TW}.</p>"),
    # One side is not enough: a title before a name, or a title after a country.
    ("President Xi said.", f"<p>President {XI} said.</p>"),
    ("the US President.", f"<p>the {US} President.</p>"),
    ("the Taiwan Strait.", f"<p>the {TW} Strait.</p>"),
    ("South China.", f"<p>South {CN}.</p>"),
    # Only spaces and hyphens join words: punctuation or a digit ends the proper noun.
    ("North, China, Sea.", f"<p>North, {CN}, Sea.</p>"),
    ("Route 7 China 8.", f"<p>Route 7 {CN} 8.</p>"),
    ("The South China\u2013Sea.", f"<p>The South {CN}\u2013Sea.</p>"),
]

EXCLUDED = ("China Daily", "Bank of China", "Taiwan Strait")
EXCLUDED_PHRASES = [
    ("the China Daily said China.", f"<p>the China Daily said {CN}.</p>"),
    ("the Bank of China and China.", f"<p>the Bank of China and {CN}.</p>"),
    ("the Bank  of\nChina and China.", f"<p>the Bank  of\nChina and {CN}.</p>"),
    ("across the Taiwan Strait; Taiwan said.", f"<p>across the Taiwan Strait; {TW} said.</p>"),
    # Case-sensitive, whole words.
    ("the bank of China.", f"<p>the bank of {CN}.</p>"),
    ("the Taiwan Straits.", f"<p>the {TW} Straits.</p>"),
    ("a Big Bank of China.", "<p>a Big Bank of China.</p>"),
    # An excluded phrase holds only the names inside it.
    ("China Daily reported that US officials.", f"<p>China Daily reported that {US} officials.</p>"),
]


@pytest.mark.parametrize(("source", "expected"), FIRST_MENTION_ONLY + SKIPPED_ELEMENTS + CASE_AND_WORDS)
def test_first_mentions_in_text_are_linked(source: str, expected: str) -> None:
    assert render(source) == expected


@pytest.mark.parametrize(("source", "expected"), LONGER_PROPER_NOUNS)
def test_a_name_inside_a_longer_proper_noun_is_not_linked(source: str, expected: str) -> None:
    assert render(source) == expected


@pytest.mark.parametrize(("source", "expected"), EXCLUDED_PHRASES)
def test_a_name_inside_an_excluded_phrase_is_not_linked(source: str, expected: str) -> None:
    assert render(source, exclude=EXCLUDED) == expected


def test_without_exclusions_the_same_phrases_are_linked() -> None:
    assert render("the China Daily and the Taiwan Strait.") == f"<p>the {CN} Daily and the {TW} Strait.</p>"


@pytest.mark.parametrize("exclude", [(), ("",), ("  ",)])
def test_empty_exclusions_exclude_nothing(exclude: tuple[str, ...]) -> None:
    assert render("China.", exclude=exclude) == f"<p>{CN}.</p>"


def test_a_text_without_a_telltale_word_is_not_scanned() -> None:
    # The finder would find China here; the short-circuit proves the scan was skipped.
    assert render("China and US.", telltales=("Jinping",)) == "<p>China and US.</p>"
    assert render("China and Jinping.", telltales=("Jinping",)) == f"<p>{CN} and Jinping.</p>"


@pytest.mark.parametrize(
    ("name", "telltale"),
    [
        ("Xi Jinping", "Jinping"),
        ("US", "US"),
        ("Antony Blinken", "Blinken"),
        ("J. D. Vance", "Vance"),
        ("A. B.", "A. B."),
    ],
)
def test_the_telltale_is_the_longest_word_or_the_whole_name(name: str, telltale: str) -> None:
    assert _telltale(name) == telltale


@pytest.mark.parametrize("targets", [None, LinkTargets(), LinkTargets({}, FINDER), LinkTargets(dict(URLS), None)])
def test_a_page_without_targets_is_left_alone(targets: LinkTargets | None) -> None:
    extension = AutolinkExtension()
    md = markdown.Markdown(extensions=[extension])
    extension.targets = targets
    assert md.convert("China and Xi.") == "<p>China and Xi.</p>"


def test_the_same_extension_serves_page_after_page() -> None:
    extension = AutolinkExtension()
    for _ in range(2):  # MkDocs builds a Markdown instance per page around the same extension
        md = markdown.Markdown(extensions=[extension])
        extension.targets = LinkTargets({"country:US": URLS["country:US"]}, FINDER, TELLTALES)
        assert md.convert("China and US.") == f"<p>China and {US}.</p>"


def test_exclusions_set_after_construction_apply_to_the_next_page() -> None:
    """The plugin builds its extension before it reads mkdocs.yml, then sets the site's phrases (setConfig)."""
    extension = AutolinkExtension()
    extension.setConfig("exclude", ["China Daily"])
    md = markdown.Markdown(extensions=[extension])
    extension.targets = LinkTargets(dict(URLS), FINDER, TELLTALES)
    assert md.convert("the China Daily and China.") == f"<p>the China Daily and {CN}.</p>"
