"""Synthetic briefing sites for benchmarks: N briefs, a registry of actors, realistic bodies."""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

COUNTRIES = ["US", "CN", "RU", "GB", "DE", "FR", "CA", "JP", "IN", "AU", "KR", "TW", "UA", "IR", "BR", "ZA", "TR",
             "IL", "SA", "EG", "NG", "MX", "IT", "ES", "PL", "NL", "SE", "NO", "FI", "PK"]  # fmt: skip
# Only for sites that ask for more than 30 countries (the scale shape): the default sites stay byte-identical.
MORE_COUNTRIES = ["AR", "ID", "VN", "PH", "EE", "LT", "GR", "HU", "CZ", "BE"]
TOPICS = ["election interference", "espionage", "diplomacy", "sanctions", "cyber", "trade", "technology",
          "surveillance", "energy", "military", "public inquiry", "human rights"]  # fmt: skip
# The most common words of news prose, then a long tail of made-up ones: word frequencies follow
# Zipf's law, as in real text, so search index chunks have realistic sizes.
COMMON = ("the of and to in a said on for that with as by at from was minister government officials talks "
          "security report policy investigation statement sources visit summit economic cooperation "
          "pressure response analysts warned parliament committee evidence network companies").split()  # fmt: skip
SYLLABLES = ["ba", "ke", "lor", "mi", "nus", "ta", "ven", "dro", "sel", "pha", "gri", "ton", "wel", "qua", "rix"]


def vocabulary(size: int = 6000) -> tuple[list[str], list[float]]:
    words = list(COMMON)
    seen = set(words)
    for a in SYLLABLES:
        for b in SYLLABLES:
            for c in SYLLABLES:
                word = a + b + c
                if len(words) < size and word not in seen:
                    seen.add(word)
                    words.append(word)
    weights = [1 / rank for rank in range(1, len(words) + 1)]
    cumulative, total = [], 0.0
    for weight in weights:
        total += weight
        cumulative.append(total)
    return words, cumulative


FIRST = ["Anna", "Boris", "Chen", "Dmitri", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kwame", "Lena",
         "Mateo", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tariq"]  # fmt: skip
LAST = ["Alvarez", "Brandt", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ivanova", "Jensen",
        "Kowalski", "Li", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tanaka"]  # fmt: skip
# Surnames beyond the first 400 actors (the scale shape has 600): appended, so smaller registries are unchanged.
MORE_LAST = ["Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zhou", "Abara", "Berg", "Castillo", "Dahl"]

# The shape of the sites issue 13 measured at scale: bodies of about 450 words (8 paragraphs of 40-70 words,
# with the summary and headings), 600 actors, 40 countries. benchmarks/scale_bench.py and the slow scale test use it.
SCALE_SHAPE: dict[str, int] = {"actors": 600, "countries": 40, "body_paragraphs": 8}


# Roles as interference reporting gives them: about half the names in a brief have one.
ACTOR_ROLES = ("perpetrator", "target", "attributor", "responder")
COUNTRY_ROLES = ("origin", "target", "responder")


def with_roles(names: list[str], roles: tuple[str, ...], rng: random.Random) -> list[str]:
    """The list entries of ``names``: about half as `Name: role`, each role at most once in a brief."""
    free = list(roles)
    rng.shuffle(free)
    return [f"{name}: {free.pop()}" if free and rng.random() < 0.5 else name for name in names]


def scratch_dir() -> str | None:
    """A memory-backed folder when there is one: disk latency on shared machines swamps what we measure."""
    shm = Path("/dev/shm")  # noqa: S108 - a scratch folder for throwaway benchmark sites
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def build_env() -> dict[str, str]:
    """This environment for a build run in a site's folder, with PYTHONPATH's relative entries made absolute.

    `PYTHONPATH=. python benchmarks/...` names the working tree's generator; resolved from the site's folder, "."
    would name nothing, and the build would import the installed package instead."""
    env = dict(os.environ)
    if env.get("PYTHONPATH"):
        env["PYTHONPATH"] = os.pathsep.join(str(Path(entry).resolve()) if entry else entry
                                            for entry in env["PYTHONPATH"].split(os.pathsep))  # fmt: skip
    return env


def actor_names(count: int) -> list[str]:
    names = [f"{first} {last}" for last in LAST + MORE_LAST for first in FIRST]
    if count > len(names):
        raise ValueError(f"at most {len(names)} synthetic actors")
    return names[:count]


def write_site(root: Path, briefs: int, *, actors: int = 200, seed: int = 7, body_paragraphs: int = 4,
               countries: int = 30) -> Path:  # fmt: skip
    """Write briefs/ under ``root`` (briefs, ``actors`` profiles, the first ``countries`` codes); returns the folder."""
    codes = (COUNTRIES + MORE_COUNTRIES)[:countries]
    if len(codes) < countries:
        raise ValueError(f"at most {len(codes)} synthetic countries")
    rng = random.Random(seed)
    docs = root / "briefs"
    (docs / "actors").mkdir(parents=True, exist_ok=True)
    names = actor_names(actors)
    for name in names:
        slug = name.lower().replace(" ", "-")
        country = rng.choice(codes)
        (docs / "actors" / f"{slug}.md").write_text(
            f"---\nname: {name}\nkind: person\ncountry: {country}\nrole: Official\n---\n{name} is an official.\n"
        )
    (docs / "index.md").write_text("---\ntitle: Home\n---\nA synthetic briefing site.\n")
    words_list, cumulative = vocabulary()
    # Roles come from a generator of their own, so the rest of the site is the same as before roles existed.
    roles_rng = random.Random(seed * 7919 + 1)
    start = dt.date(2015, 1, 1)
    for number in range(briefs):
        day = start + dt.timedelta(days=rng.randrange(3650))
        who = rng.sample(names, rng.randint(1, 3))
        where = rng.sample(codes, rng.randint(1, 3))
        topics = rng.sample(TOPICS, rng.randint(0, 2))
        paragraphs = []
        for _ in range(body_paragraphs):
            words = rng.choices(words_list, cum_weights=cumulative, k=rng.randint(40, 70))
            words[rng.randrange(len(words))] = who[0]
            text = " ".join(words)
            paragraphs.append(text[0].upper() + text[1:] + ".")
        folder = docs / str(day.year)
        folder.mkdir(exist_ok=True)
        (folder / f"brief-{number:06d}.md").write_text(
            "---\n"
            f"title: Brief {number} on {who[0]} and {where[0]}\n"
            f"date: {day.isoformat()}\n"
            f"summary: {' '.join(rng.choices(words_list, cum_weights=cumulative, k=25)).capitalize()}.\n"
            f"actors: [{', '.join(with_roles(who, ACTOR_ROLES, roles_rng))}]\n"
            f"countries: [{', '.join(with_roles(where, COUNTRY_ROLES, roles_rng))}]\n"
            f"topics: [{', '.join(topics)}]\n"
            "sources:\n  - publisher: Agency\n    url: https://example.org/report\n"
            "---\n" + "\n\n## Details\n\n".join(paragraphs) + "\n"
        )
    return docs


MKDOCS_YML = """site_name: Synthetic briefs
site_url: https://example.org/
docs_dir: briefs
use_directory_urls: true
theme:
  name: null
  custom_dir: {templates}
  static_templates: [sitemap.xml, 404.html]
nav:
  - index.md
not_in_nav: |
  /*
plugins:
{plugins}
"""


def write_config(root: Path, templates: Path, *, plugin: bool, search: bool = True, name: str | None = None) -> Path:
    """A config using our plugin, or plain MkDocs (with its built-in search) on the same Markdown."""
    if plugin:
        plugins = f"  - briefing:\n      check_mentions: true\n      search: {str(search).lower()}"
        theme = str(templates)
        text = MKDOCS_YML.format(templates=theme, plugins=plugins)
    else:
        plugins = "  - search" if search else "  []"
        text = MKDOCS_YML.replace(
            "theme:\n  name: null\n  custom_dir: {templates}\n  static_templates: [sitemap.xml, 404.html]",
            "theme:\n  name: mkdocs",
        ).format(plugins=plugins)
        if not search:
            text = text.replace("plugins:\n  []", "plugins: []")
    path = root / (name or ("mkdocs.yml" if plugin else "mkdocs-plain.yml"))
    path.write_text(text)
    return path
