#!/usr/bin/env bash
# `demarche extract` on an analyst's corpus: N generated articles (default 10,000) in a folder of
# day subfolders, as .jsonl, .jsonl.gz and one-article .json files, 2% of them re-sent copies.
# Codes it with the release binary to a TSV and a CSV table, prints the summary (articles/s),
# and checks with pandas, read as the README says, that each table has the documented columns
# and one row per event.
#   bash benches/extract_corpus.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
n="${1:-10000}"
work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-corpus.XXXXXX")"
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --bin demarche >&2
venv="$root/.tools/pandas-venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import pandas' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "pandas>=2,<3"
fi
py="$venv/bin/python"

"$py" benches/extract_corpus.py generate "$work/corpus" --count "$n"
for format in tsv csv; do
    echo "== demarche extract --format $format $work/corpus"
    /usr/bin/time -f "wall %e s (dictionaries loaded first), CPU %P, max RSS %M KB" \
        target/release/demarche extract --format "$format" --report "$work/report.jsonl" \
        "$work/corpus" >"$work/events.$format" 2>"$work/summary.$format"
    cat "$work/summary.$format"
    events="$(grep -o '^[0-9]* inputs: [0-9]* events' "$work/summary.$format" | awk '{print $3}')"
    "$py" benches/extract_corpus.py check "$work/events.$format" --format "$format" --events "$events"
done
