#!/usr/bin/env bash
# No two files of src/kafka/ import each other: each part of the Kafka side depends on the
# parts below it, never back. Reads every `super::NAME` and `crate::kafka::NAME` path (in `use`
# lines and inline) of each file, and in mod.rs every path starting with a child's name, then
# reports each pair of files that name each other. Exits 1 if there is one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=src/kafka
modules=$(for f in "$dir"/*.rs; do basename "$f" .rs; done | grep -vx mod)
edges=$(mktemp)
trap 'rm -f "$edges"' EXIT
for f in "$dir"/*.rs; do
  from=$(basename "$f" .rs)
  # Comments and doc comments name modules without importing them.
  code=$(sed -e 's://.*$::' "$f")
  if [ "$from" = mod ]; then
    # mod.rs names its children directly (`input::InputLoop`, `use offsets::...`).
    names=$(grep -oE '(^|[^A-Za-z0-9_:])[a-z_][a-z0-9_]*::' <<<"$code" |
      sed -E 's/^[^a-z_]//; s/::$//' | sort -u || true)
  else
    names=$(grep -oE '(super|crate::kafka)::[a-z_][a-z0-9_]*' <<<"$code" |
      sed -E 's/^(super|crate::kafka):://' | sort -u || true)
    # `super::Name` (an item of mod.rs) imports mod.rs.
    if grep -qE '(super|crate::kafka)::(\{|[A-Z])' <<<"$code"; then names="$names mod"; fi
  fi
  for to in $names; do
    if [ "$to" != "$from" ] && grep -qx "$to" <<<"$modules"$'\nmod'; then
      echo "$from $to" >>"$edges"
    fi
  done
done
status=0
while read -r from to; do
  if [[ "$from" < "$to" ]] && grep -qx "$to $from" "$edges"; then
    echo "import cycle: $dir/$from.rs and $dir/$to.rs import each other" >&2
    status=1
  fi
done < <(sort -u "$edges")
if [ "$status" = 0 ]; then
  echo "no import cycles in $dir/ ($(wc -l <"$edges") imports between $(wc -w <<<"$modules mod") files)"
fi
exit "$status"
