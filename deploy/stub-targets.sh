#!/bin/sh
# Used by deploy/Dockerfile's dependency layer: create a stub `fn main() {}` for every build
# target that Cargo.toml declares ([lib], [[bin]], [[test]], [[bench]], [[example]]) and that is
# not on disk, because cargo refuses to load a manifest whose declared targets are missing.
# Explicit `path = ...` wins; otherwise cargo's default location for the target's name is used.
set -eu
manifest="${1:-Cargo.toml}"
awk '
  function flush() {
    if (kind == "") return
    if (path == "") {
      if (kind == "lib") path = "src/lib.rs"
      else if (kind == "bin") path = "src/bin/" name ".rs"
      else if (kind == "test") path = "tests/" name ".rs"
      else if (kind == "bench") path = "benches/" name ".rs"
      else if (kind == "example") path = "examples/" name ".rs"
    }
    print path
  }
  /^\[/ { flush(); kind = ""; name = ""; path = "" }
  /^\[lib\]/ { kind = "lib" }
  /^\[\[(bin|test|bench|example)\]\]/ { kind = $0; gsub(/[\[\] ]/, "", kind) }
  kind != "" && /^name *=/ { v = $0; sub(/^name *= *"/, "", v); sub(/".*/, "", v); name = v }
  kind != "" && /^path *=/ { v = $0; sub(/^path *= *"/, "", v); sub(/".*/, "", v); path = v }
  END { flush(); print "src/main.rs" }
' "$manifest" | while read -r f; do
  mkdir -p "$(dirname "$f")"
  [ -f "$f" ] || echo 'fn main() {}' > "$f"
done
