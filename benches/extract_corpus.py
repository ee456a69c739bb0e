"""`demarche extract` on an analyst's corpus (benches/extract_corpus.sh drives it).

  generate DIR --count N   write N generated articles (benches/corpus.py) as a corpus folder:
                           one subfolder per publication day (28 days), chunks of 50 articles as
                           .jsonl, .jsonl.gz or a folder of one-article .json files; 2% are
                           copies of a recent story (another id and URL, the same text)
  check TABLE --format F   read the table with pandas as the README says and check it: the
                           documented columns in order, one row per event, values in range;
                           --events N is the event count the summary gave
"""
import argparse
import csv
import gzip
import json
import pathlib
import random
import re
import sys

from corpus import article

CHUNK = 50
ROOT = pathlib.Path(__file__).resolve().parent.parent


def generate(args):
    rng = random.Random(11)
    stories, days = [], []
    for i in range(args.count):
        # Chronological, as a crawl is: the publication day rises through the corpus, and a
        # copy re-sends one of the last few hundred stories (within the dedup window).
        day = 1 + i * 28 // args.count
        if i > 100 and rng.random() < 0.02:
            story = json.loads(stories[rng.randrange(max(0, i - 300), i)])
            story["id"], story["url"] = f"copy-{i}", f"https://mirror.example.net/copy/{i}"
        else:
            story = json.loads(article(i, rng, "corpus"))
            story["published_at"] = f"2024-06-{day:02d}T{i % 24:02d}:00:00Z"
        stories.append(json.dumps(story))
        days.append(day)
    root = pathlib.Path(args.dir)
    layouts = {"jsonl": 0, "jsonl.gz": 0, "json files": 0}
    for k in range(0, len(stories), CHUNK):
        chunk = stories[k:k + CHUNK]
        day = root / f"2024-06-{days[k]:02d}"
        day.mkdir(parents=True, exist_ok=True)
        lines = "".join(s + "\n" for s in chunk).encode()
        layout = ("jsonl.gz", "jsonl", "json files")[(k // CHUNK) % 3]
        layouts[layout] += 1
        if layout == "jsonl.gz":
            (day / f"chunk-{k:06d}.jsonl.gz").write_bytes(gzip.compress(lines))
        elif layout == "jsonl":
            (day / f"chunk-{k:06d}.jsonl").write_bytes(lines)
        else:
            folder = day / f"chunk-{k:06d}"
            folder.mkdir(exist_ok=True)
            for j, story in enumerate(chunk):
                (folder / f"{k + j:06d}.json").write_text(story)
    size = sum(p.stat().st_size for p in root.rglob("*") if p.is_file())
    print(f"generated {len(stories)} articles in {root}: {size / 1e6:.1f} MB on disk; chunks of "
          f"{CHUNK}: " + ", ".join(f"{n} as {layout}" for layout, n in layouts.items()))


def documented_columns():
    """The column names of the README's table schema, in order."""
    readme = (ROOT / "README.md").read_text()
    table = readme.split("| column | meaning |", 1)[1].split("\n\n", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", table, re.MULTILINE)


def read_table(path, fmt):
    """The table as the README tells an analyst to read it."""
    import pandas as pd

    if fmt == "tsv":
        return pd.read_csv(path, sep="\t", quoting=csv.QUOTE_NONE, dtype=str,
                           keep_default_na=False)
    return pd.read_csv(path, dtype={"cameo_code": str, "cameo_root": str})


def check(args):
    import pandas as pd

    frame = read_table(args.table, args.format)
    failures = []
    columns = documented_columns()
    if list(frame.columns) != columns:
        failures.append(f"columns {list(frame.columns)} are not the README's {columns}")
    if args.events is not None and len(frame) != args.events:
        failures.append(f"{len(frame)} rows, but the summary counted {args.events} events")
    numbers = {name: pd.to_numeric(frame[name], errors="coerce")
               for name in ("quad_class", "goldstein", "confidence")}
    ranges = {"quad_class": (1, 4), "goldstein": (-10, 10), "confidence": (0, 1)}
    for name, (low, high) in ranges.items():
        bad = (~numbers[name].between(low, high)).sum()
        if bad:
            failures.append(f"{bad} rows with {name} outside {low}..{high}")
    if not frame["cameo_code"].str.fullmatch(r"\d{2,4}").all():
        failures.append("cameo_code not 2 to 4 digits (leading zeros lost?)")
    if not (frame["cameo_code"].str[:2] == frame["cameo_root"]).all():
        failures.append("cameo_root is not the first two digits of cameo_code")
    date_text = frame["event_date"].fillna("").astype(str)
    dates = pd.to_datetime(date_text.where(date_text != ""), format="%Y-%m-%d", errors="coerce")
    bad_dates = ((date_text != "") & dates.isna()).sum()
    if bad_dates:
        failures.append(f"{bad_dates} event dates that are not YYYY-MM-DD")
    if frame["event_id"].duplicated().any():
        failures.append("event ids repeat")
    if (frame["evidence"].astype(str).str.len() == 0).any():
        failures.append("empty evidence")
    print(f"pandas {pd.__version__} read {args.table} ({args.format}): {len(frame)} rows x "
          f"{len(frame.columns)} columns, the README's columns in order; "
          f"{frame['article_id'].nunique()} articles, quad classes "
          f"{dict(sorted(numbers['quad_class'].value_counts().astype(int).items()))}")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    sys.exit(1 if failures else 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("generate")
    gen.add_argument("dir")
    gen.add_argument("--count", type=int, default=10000)
    chk = commands.add_parser("check")
    chk.add_argument("table")
    chk.add_argument("--format", choices=["tsv", "csv"], default="tsv")
    chk.add_argument("--events", type=int)
    args = parser.parse_args()
    {"generate": generate, "check": check}[args.command](args)


if __name__ == "__main__":
    main()
