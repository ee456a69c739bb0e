#!/usr/bin/env bash
# No two files of src/kafka/ import each other: each part of the Kafka side depends on the
# parts below it, never back. For each file (tests excluded: everything from `#[cfg(test)]`
# on), reads the paths it names, in `use` lines and inline: `super::NAME`,
# `super::super::NAME`, `crate::kafka::NAME[::NAME]`, and in a mod.rs its children's names;
# resolves each to a file, and reports every pair of files that name each other.
# Exits 1 if there is one. Usage: no-import-cycles.sh [DIR] (default src/kafka).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=${1:-src/kafka}
root=mod

# The file of module `$1` (a path under $dir without .rs; `mod` is the root), if it exists.
file_of() {
  if [ "$1" = "$root" ]; then echo "$dir/mod.rs"
  elif [ -f "$dir/$1.rs" ]; then echo "$dir/$1.rs"
  elif [ -f "$dir/$1/mod.rs" ]; then echo "$dir/$1/mod.rs"
  fi
}
# The child `$2` of module `$1` if it is a file, else `$1` itself (an item of it).
child() {
  local m
  if [ "$1" = "$root" ]; then m=$2; else m=$1/$2; fi
  if [ -n "$(file_of "$m")" ]; then echo "$m"; else echo "$1"; fi
}
parent() { case $1 in */*) echo "${1%/*}" ;; *) echo "$root" ;; esac; }

edges=$(mktemp)
trap '[ -n "${KEEP_EDGES:-}" ] && sort -u "$edges" >&2; rm -f "$edges"' EXIT
files=$(find "$dir" -name '*.rs' | sort)
for f in $files; do
  rel=${f#"$dir"/}
  rel=${rel%.rs}
  case $rel in
    mod) self=$root; is_mod=1 ;;
    */mod) self=${rel%/mod}; is_mod=1 ;;
    *) self=$rel; is_mod=0 ;;
  esac
  up=$(parent "$self")
  # Comments name modules without importing them; tests may import anything.
  code=$(sed -e '/#\[cfg(test)\]/,$d' -e 's://.*$::' -e 's/super::super::/SUPER2::/g' "$f")
  targets=()
  for name in $(grep -oE 'SUPER2::[a-z_][a-z0-9_]*' <<<"$code" | sed 's/.*:://' || true); do
    targets+=("$(child "$(parent "$up")" "$name")")
  done
  for name in $(grep -oE '(^|[^A-Za-z0-9_])super::[a-z_][a-z0-9_]*' <<<"$code" | sed 's/.*:://' || true); do
    targets+=("$(child "$up" "$name")")
  done
  if grep -qE '(^|[^A-Za-z0-9_])super::(\{|[A-Z])' <<<"$code"; then targets+=("$up"); fi
  for path in $(grep -oE 'crate::kafka::[a-z_][a-z0-9_]*(::[a-z_][a-z0-9_]*)?' <<<"$code" || true); do
    IFS=: read -r _ _ _ _ first _ second <<<"$path"
    m=$(child "$root" "$first")
    if [ -n "${second:-}" ] && [ "$m" != "$root" ]; then m=$(child "$m" "$second"); fi
    targets+=("$m")
  done
  if [ "$is_mod" = 1 ]; then
    # A mod.rs names its children directly (`input::InputLoop`, `use offsets::...`).
    for name in $(grep -oE '(^|[^A-Za-z0-9_:])[a-z_][a-z0-9_]*::' <<<"$code" |
      sed -E 's/^[^a-z_]//; s/::$//' | sort -u || true); do
      m=$(child "$self" "$name")
      [ "$m" != "$self" ] && targets+=("$m")
    done
  fi
  for to in "${targets[@]}"; do
    [ "$to" != "$self" ] && echo "$self $to" >>"$edges"
  done
done
status=0
while read -r from to; do
  if [[ "$from" < "$to" ]] && grep -qx "$to $from" "$edges"; then
    echo "import cycle: $(file_of "$from") and $(file_of "$to") import each other" >&2
    status=1
  fi
done < <(sort -u "$edges")
if [ "$status" = 0 ]; then
  echo "no import cycles in $dir/: $(sort -u "$edges" | wc -l) imports between $(wc -w <<<"$files") files"
fi
exit "$status"
