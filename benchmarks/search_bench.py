"""What does Pagefind's index cost, alone? The floor under any build that writes the search index.

    python benchmarks/search_bench.py [N ...]        (default: 10000)

For each size, a synthetic site is loaded and its search records made (as a build makes them), then
Pagefind indexes them RUNS times (default 3) through `SearchIndexer`, as the build's background job
does, and writes the index to a scratch folder. Prints the median of: making the records, Pagefind's
whole job (records sent, index built, files written), and that per record. Pagefind has no
incremental mode (upstream issue Pagefind/pagefind#71): every build that changes one record pays
the whole job, so it bounds what a build cache can save.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from synth import scratch_dir, write_site

from generator.base.config import CoreConfig
from generator.build.search_index import SearchIndexer
from generator.corpus.loader import load
from generator.site.index import SiteIndex
from generator.site.search_records import SearchRecord, markdown_text, search_records

RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def index_seconds(records: list[SearchRecord], output: Path) -> float:
    start = time.perf_counter()
    indexer = SearchIndexer(language="en")
    for record in records:
        indexer.add_record(record)
    indexer.start_writing(output)
    indexer.finish()
    return time.perf_counter() - start


def main(size: int) -> None:
    with tempfile.TemporaryDirectory(dir=scratch_dir()) as tmp:
        docs = write_site(Path(tmp), size)
        index = SiteIndex.build(load(docs, CoreConfig()).corpus)
        making, indexing = [], []
        for run in range(RUNS):
            markdown_text.cache_clear()  # as a build's first (and only) pass makes them
            start = time.perf_counter()
            records = list(search_records(index))
            making.append(time.perf_counter() - start)
            indexing.append(index_seconds(records, Path(tmp) / f"pagefind-{run}"))
        pagefind = statistics.median(indexing)
        print(f"{size} briefs, {len(records)} records ({RUNS} runs, medians): records made in "
              f"{statistics.median(making):.1f} s; Pagefind indexed and wrote them in {pagefind:.1f} s "
              f"({pagefind / len(records) * 1000:.2f} ms a record)")  # fmt: skip


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["10000"]:
        main(int(argument))
