"""How fast is a warm load (a `mkdocs serve` rebuild's)? One cache kept between loads, after each kind of edit.

    python benchmarks/load_bench.py [N] [--default]     (default: 10000 briefs, 400 actors)

Loads as the plugin does when serving (`ParseCache(trust_stat=True)`; with --default, a cache that reads
every file, as builds do): a cold load, then five warm loads after no change, after editing one brief's body,
after adding a brief, and after editing an actor's aliases (which resolves every brief again). Each last
warm load is compared with a cold one. Prints medians; machines here are shared and noisy.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import scratch_dir, write_site

from generator.base.config import CoreConfig
from generator.corpus.loader import LoadResult, ParseCache, load

RUNS = 5
CORE = replace(CoreConfig(), check_mentions=False)  # as the plugin loads: mentions are checked beside the render


def snapshot(result: LoadResult) -> tuple[object, ...]:
    return result.corpus, [d.as_text() for d in result.diagnostics], result.listings, result.home, result.files


def main(size: int, *, trust_stat: bool) -> None:
    with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
        docs = write_site(Path(tmp), size, actors=400)
        cache = ParseCache(trust_stat=trust_stat)

        def timed() -> float:
            start = time.perf_counter()
            load(docs, CORE, cache=cache)
            return time.perf_counter() - start

        print(f"{size} briefs, {'trust_stat' if trust_stat else 'reading every file'}: cold {timed():.3f}s")
        target = sorted(docs.glob("20*/*.md"))[size // 2]
        text = target.read_text(encoding="utf-8")
        actor = sorted(docs.glob("actors/*.md"))[0]
        actor_text = actor.read_text(encoding="utf-8")
        edits = {
            "no change": lambda run: None,
            "one body edited": lambda run: target.write_text(f"{text}\nEdit {run}.\n", encoding="utf-8"),
            "one brief added": lambda run: (target.parent / f"added-{run}.md").write_text(text, encoding="utf-8"),
            "one actor's aliases": lambda run: actor.write_text(
                actor_text.replace("kind:", f"aliases: [Alias {run}]\nkind:", 1), encoding="utf-8"
            ),
        }
        for label, edit in edits.items():
            runs = []
            for run in range(RUNS):
                edit(run)
                runs.append(timed())
            print(f"  {label:<20} median {statistics.median(runs):.3f}s  ({' '.join(f'{r:.3f}' for r in runs)})")
        assert snapshot(load(docs, CORE, cache=cache)) == snapshot(load(docs, CORE)), "a warm load differs"


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(int(arguments[0]) if arguments else 10000, trust_stat="--default" not in sys.argv)
