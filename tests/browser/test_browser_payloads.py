"""An attacker's site, built for real in each `raw_html` mode and read in Chromium: no payload runs, and no page's
DOM holds an event handler or a script URL.

Every payload, if it ran, would set a global `window.__pwned_<name>`. The payloads cover every class the
generator has been tried with: attribute lists, schemes split or encoded, reference links, mixed case, data
URLs, raw HTML (in sanitize mode; refuse mode rejects it at build), front matter, role labels from mkdocs.yml,
and a file name that reads as a script URL. They sit in every kind of page: briefs, actor and country profiles, the home page, a page
that is not a brief, and the search results.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urljoin

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from tests.browser.support import serve_folder, wait_for_search
from tests.conftest import FIXTURE_CONFIG, TEMPLATES, Build, run_build

pytestmark = pytest.mark.browser

# Markdown without a single '<' or '&' that still produces unsafe HTML (a look at the source cannot tell).
PLAIN_PAYLOADS = """\
![image](x.png){onerror="window.__pwned_attr_img=1"}

## A heading {onmouseover="window.__pwned_attr_heading=1"}

[override](https://example.org/){href="javascript:window.__pwned_attr_href=1"}

A paragraph with a handler.
{: onclick="window.__pwned_plain_block=1" }
"""

# Markdown that produces unsafe HTML without raw HTML: every site gets these.
MARKDOWN_PAYLOADS = (
    PLAIN_PAYLOADS
    + """
[override, encoded](https://example.org/){href="&#x6A;avascript:window.__pwned_attr_href_encoded=1"}
[tab](java&#9;script:window.__pwned_split_tab=1)
[newline](java&#10;script:window.__pwned_split_newline=1)
[mixed case](JaVaScRiPt:window.__pwned_mixed_case=1)
[entities](&#106;avascript&colon;window.__pwned_entities=1)
[leading space]( javascript:window.__pwned_leading_space=1)
[angle](<javascript:window.__pwned_angle=1>)
[escaped](javascript\\:window.__pwned_escaped=1)
[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZF9kYXRhPTE8L3NjcmlwdD4=)
[vbscript](vbscript:msgbox)
[reference][payload] and [reference, encoded][payload-encoded]
<javascript:window.__pwned_autolink=1>

A paragraph with handlers.
{: onclick="window.__pwned_block=1" style="position:fixed;inset:0" }

[payload]: javascript:window.__pwned_reference=1
[payload-encoded]: &#x6a;avascript:window.__pwned_reference_encoded=1
"""
)

# Raw HTML: only sites with `raw_html: sanitize` accept it (and clean it).
RAW_HTML_PAYLOADS = """\
<script>window.__pwned_script=1</script>
<img src="x.png" onerror="window.__pwned_img=1">
<svg onload="window.__pwned_svg=1"><a xlink:href="javascript:window.__pwned_svg_link=1">svg</a></svg>
<iframe srcdoc="<script>parent.__pwned_iframe=1</script>"></iframe>
<a href="javascript:window.__pwned_raw_link=1">raw link</a>
<a href="java
script:window.__pwned_raw_newline=1">raw newline</a>
<details open ontoggle="window.__pwned_toggle=1"><summary>s</summary>d</details>
<form action="javascript:window.__pwned_form=1"><button formaction="javascript:window.__pwned_button=1">go</button></form>
<object data="data:text/html,<script>parent.__pwned_object=1</script>"></object>
<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned_mxss=1"></style></mglyph></table></mtext></math>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned_refresh=1">
<base href="javascript:window.__pwned_base=1/">
<a href="#" style="position:fixed;inset:0" onclick="window.__pwned_overlay=1">overlay</a>
"""

FRONT_MATTER = """\
title: "<script>window.__pwned_title=1</script> Payload brief"
date: 2024-05-0{day}
summary: "<img src=x onerror=window.__pwned_summary=1> in the summary"
actors: [Payload Actor: perpetrator, Antony Blinken]
countries: [CN: origin, US: target]
topics: ["<svg onload=window.__pwned_topic=1>", espionage]
sources:
  - publisher: "<script>window.__pwned_publisher=1</script>"
    title: "\\"><img src=x onerror=window.__pwned_source=1>"
    url: https://example.org/a?q="><script>window.__pwned_url=1</script>
"""

# The fixture sites' config, with a site name that is a payload too.
SITE_NAME = 'site_name: "<script>window.__pwned_site=1</script> Attacked site"'
# Role labels are the site's, printed on brief pages, in the sections by role of actor and country pages, and in
# the directions of pair pages.
ROLES = """\
roles:
  actors:
    perpetrator: {label: "<script>window.__pwned_role_label=1</script>", plural: "<img src=x onerror=window.__pwned_role_plural=1>"}
  countries:
    origin: {label: "<svg onload=window.__pwned_country_role=1>", plural: origins}
    target: {label: "<img src=x onerror=window.__pwned_target_role=1>", plural: targets}
"""
EXTENSIONS = "markdown_extensions: [toc, tables, footnotes, attr_list]\n"


def _write_site(project: Path, mode: str) -> None:
    body = MARKDOWN_PAYLOADS + ("\n" + RAW_HTML_PAYLOADS if mode == "sanitize" else "")
    docs = project / "briefs"
    files = {
        "actors/payload-actor.md": '---\nname: "<img src=x onerror=window.__pwned_actor_name=1> Payload Actor"\n'
        'aliases: [Payload Actor]\nkind: person\ncountry: CN\nrole: "<script>window.__pwned_role=1</script>"\n---\n'
        + body,
        "actors/antony-blinken.md": "---\nname: Antony Blinken\nkind: person\ncountry: US\n---\nProfile.\n",
        "countries/cn.md": "---\ntitle: China\n---\n" + body,
        "index.md": "---\ntitle: Home\n---\n" + body,
        "about.md": "# About\n\n" + body,
        "2024/payload.md": "---\n" + FRONT_MATTER.format(day=1) + "---\n" + body,
        "2024/plain.md": "---\n" + FRONT_MATTER.format(day=3) + "---\n" + PLAIN_PAYLOADS,
        # A file name that reads as a script URL: its links are made from it on the home page, the archive,
        # feeds, related lists, previous/next links and search results.
        "javascript:window.__pwned_file_name=1.md": "---\n" + FRONT_MATTER.format(day=2) + "---\nNamed badly.\n",
    }
    for relative, text in files.items():
        target = docs / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    options = textwrap.indent(f"raw_html: {mode}\nnot_briefs: [about.md]\nparallel_threshold: 0\n{ROLES}", "      ")
    config = FIXTURE_CONFIG.format(templates=TEMPLATES, options=options).replace("site_name: Fixture site", SITE_NAME)
    (project / "mkdocs.yml").write_text(config + EXTENSIONS, encoding="utf-8")


@pytest.fixture(scope="module", params=["sanitize", "refuse"])
def attacked(request: Any, tmp_path_factory: pytest.TempPathFactory) -> Build:
    project = tmp_path_factory.mktemp(f"attacked-{request.param}")
    _write_site(project, request.param)
    build = run_build(project, project / "site")  # not --strict: the checker warns about every payload
    assert build.returncode == 0, build.output
    assert "Traceback" not in build.output
    return build


@pytest.fixture(scope="module")
def attacked_origin(attacked: Build, chromium: Path) -> Iterator[str]:
    with serve_folder(attacked.site, not_found=attacked.site / "404.html") as origin:
        yield origin


# In the page: every global a payload sets, every event handler attribute, and every URL attribute a
# browser would follow to a script or an HTML data URL (resolved as the browser resolves it).
INSPECT = """() => {
    const pwned = Object.keys(window).filter((key) => key.startsWith("__pwned"));
    const unsafe = [];
    const urlAttributes = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcdoc"];
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            if (name.startsWith("on")) unsafe.push(`<${element.localName} ${name}>`);
            if (name === "srcdoc") unsafe.push(`<${element.localName} srcdoc>`);
            if (urlAttributes.includes(name)) {
                let protocol = "";
                try { protocol = new URL(attribute.value, document.baseURI).protocol; } catch (error) { continue; }
                const value = attribute.value.toLowerCase().replace(/[\\s\\u0000-\\u001f]/g, "");
                if (protocol === "javascript:" || protocol === "vbscript:" || value.startsWith("data:text/html")) {
                    unsafe.push(`<${element.localName} ${name}="${attribute.value}">`);
                }
            }
        }
    }
    return { pwned, unsafe, base: document.baseURI };
}"""


def _inspect(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url)
        page.wait_for_load_state("load")
        # Hover and focus everything a reader might: handlers that survived would fire now.
        page.evaluate("() => document.querySelectorAll('details').forEach((d) => { d.open = !d.open; })")
        result: dict[str, Any] = page.evaluate(INSPECT)
        return result
    finally:
        context.close()


def test_the_attacked_site_has_a_page_of_every_kind(attacked: Build) -> None:
    site = attacked.site
    for page in ("2024/payload/", "actors/payload-actor/", "countries/cn/", "", "about/", "search/"):
        assert (site / page / "index.html").is_file(), page
    named_badly = site / "javascript:window.__pwned_file_name=1" / "index.html"
    assert named_badly.is_file()
    # The role labels reach the pages, as text: on the brief's chips and in the actor's and country's sections.
    label = "&lt;script&gt;window.__pwned_role_label=1&lt;/script&gt;"
    assert label in (site / "2024/payload/index.html").read_text(encoding="utf-8")
    assert 'id="role-perpetrator"' in (site / "actors/payload-actor/index.html").read_text(encoding="utf-8")
    assert 'id="role-origin"' in (site / "countries/cn/index.html").read_text(encoding="utf-8")
    # The pair of its briefs' countries, with their direction in the hostile labels; the maps of their countries.
    pair = (site / "pairs/cn-us/index.html").read_text(encoding="utf-8")
    assert (
        "&lt;svg onload=window.__pwned_country_role=1&gt; → &lt;img src=x onerror=window.__pwned_target_role=1&gt;"
        in pair
    )
    assert (site / "pairs/index.html").is_file()
    for page in ("countries/", "countries/cn/", "actors/payload-actor/"):
        assert 'class="map-region' in (site / page / "index.html").read_text(encoding="utf-8"), page


def test_no_payload_runs_and_no_page_holds_a_handler_or_script_url(attacked: Build, attacked_origin: str,
                                                                  browser: Any) -> None:  # fmt: skip
    failures: dict[str, Any] = {}
    files = sorted(attacked.site.rglob("index.html"))
    # Redirect pages (old addresses, permanent links) leave at once: each must lead to a page of the site.
    redirects = [f for f in files if 'http-equiv="refresh"' in f.read_text(encoding="utf-8")]
    assert redirects
    for file in redirects:
        path = quote(str(file.parent.relative_to(attacked.site))) + "/"
        target = _refresh_target(file.read_text(encoding="utf-8"), f"{attacked_origin}/{path}")
        if not target.startswith(f"{attacked_origin}/") or not (attacked.site / unquote(target.removeprefix(
                f"{attacked_origin}/")) / "index.html").is_file():  # fmt: skip
            failures[path] = target
    pages = [str(f.parent.relative_to(attacked.site)) for f in files if f not in redirects]
    assert len(pages) >= 15
    paths = ["" if relative == "." else quote(relative) + "/" for relative in sorted(pages)]
    for path in [*paths, "no-such-page/"]:  # the last: the site's 404 page
        found = _inspect(browser, f"{attacked_origin}/{path}")
        if found["pwned"] or found["unsafe"] or not found["base"].startswith("http://"):
            failures[path] = found
    assert not failures, textwrap.shorten(repr(failures), 3000)


def _refresh_target(html: str, page_url: str) -> str:
    """Where a redirect page's meta refresh leads, resolved as a browser resolves it."""
    meta = HTMLParser(html).css_first('meta[http-equiv="refresh"]')
    assert meta is not None
    _, _, target = (meta.attributes["content"] or "").partition("url=")
    return urljoin(page_url, target)


def test_search_results_link_only_into_the_site(attacked: Build, attacked_origin: str, browser: Any) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{attacked_origin}/search/?q=payload")
        assert wait_for_search(page) >= 3
        links = page.eval_on_selector_all("#search-results a", "links => links.map((a) => a.href)")
        assert links and all(link.startswith(attacked_origin + "/") for link in links), links
        assert any("javascript%3Awindow.__pwned_file_name%3D1/" in link for link in links), links
        found = page.evaluate(INSPECT)
        assert found["pwned"] == [] and found["unsafe"] == [], found
    finally:
        context.close()
