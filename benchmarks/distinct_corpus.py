"""A corpus of N distinct press releases, made by recombining paragraphs of corpus/ and the devset.

    python benchmarks/distinct_corpus.py OUT_DIR --docs 2000 [--seed 1]

Each document is a seed-style text: a title, a date line (2015..2026), then 3 to 8 paragraphs drawn from
the paragraphs of corpus/*.txt and ../shared/data/factrueval2016/devset/*.txt (when it is there), in a
random order; no two documents are equal. They are saved as OUT_DIR/YYYY/MM/DD/NNNNNN.txt, the layout
daily scrapes have. The same --docs and --seed give the same files.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.io.load import decode  # noqa: E402

DEVSET = ROOT.parent / "shared" / "data" / "factrueval2016" / "devset"


def paragraphs() -> list[str]:
    """Every paragraph (a line of 60+ characters that is not a title, date or trailer) of the sources."""
    found: list[str] = []
    for path in sorted((ROOT / "corpus").glob("*.txt")) + sorted(DEVSET.glob("*.txt")):
        if path.name.lower().startswith("readme"):
            continue
        text = decode(path.read_bytes(), str(path))
        for line in text.splitlines():
            line = line.strip()
            if len(line) >= 60 and not line.startswith(("Адрес страницы", "[", "#")):
                found.append(line)
    return sorted(set(found))


def build(out: Path, n_docs: int, seed: int = 1) -> int:
    """Write n_docs distinct documents under `out`; returns their total size in characters."""
    rng = random.Random(seed)
    pool = paragraphs()
    seen: set[tuple[int, ...]] = set()
    chars = 0
    start = dt.date(2015, 1, 1)
    for n in range(n_docs):
        while True:
            picks = tuple(rng.sample(range(len(pool)), rng.randint(3, 8)))
            if picks not in seen:
                seen.add(picks)
                break
        day = start + dt.timedelta(days=rng.randrange(12 * 365))
        title = pool[picks[0]].split(".")[0][:120]
        text = f"{title}\n{day:%d.%m.%Y}\n\n" + "\n\n".join(pool[i] for i in picks) + "\n"
        path = out / f"{day:%Y/%m/%d}" / f"{n:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    chars = build(args.out, args.docs, args.seed)
    print(f"{args.docs} documents, {chars:,} characters, {len(paragraphs())} distinct paragraphs, in {args.out}")


if __name__ == "__main__":
    main()
