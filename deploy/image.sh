#!/usr/bin/env bash
# `make image`: builds deploy/Dockerfile with podman, on a machine without a Docker engine or a
# container registry (only Debian's packages are needed).
#
#   deploy/image.sh [BINARY] [TAG]
#
# BINARY (default target/release/demarche, built if missing) is copied into the runtime stage
# (--build-arg BINARY_SOURCE=prebuilt): it must have been built on Debian bookworm or an older
# glibc. The base image debian:bookworm-slim is used if podman has it; otherwise one is made
# from Debian's packages with mmdebstrap (minbase, with ca-certificates) and imported under that
# name. podman, runc and mmdebstrap are installed with apt-get when missing (as root).
# With a registry at hand, `docker build -f deploy/Dockerfile .` compiles in the image instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
binary="${1:-target/release/demarche}"
tag="${2:-localhost/demarche:dev}"
base="docker.io/library/debian:bookworm-slim"
# This machine refuses to raise resource limits: containers and RUN steps get these.
limits=(--ulimit nofile=1024:1024 --ulimit nproc=1024:1024)

install_tools() {
    local missing=()
    for tool in podman runc mmdebstrap; do
        command -v "$tool" >/dev/null || missing+=("$tool")
    done
    [ ${#missing[@]} -eq 0 ] && return
    echo "== installing ${missing[*]} from Debian's packages" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        podman runc mmdebstrap uidmap >/dev/null
}

make_base() {
    if podman image exists "$base"; then return; fi
    echo "== making $base from Debian's packages (mmdebstrap)" >&2
    local work
    work="$(mktemp -d "${TMPDIR:-/tmp}/demarche-base.XXXXXX")"
    mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$work/rootfs.tar"
    podman import --quiet "$work/rootfs.tar" "$base" >/dev/null
    rm -rf "$work"
}

install_tools
make_base
if [ ! -x "$binary" ]; then
    echo "== building $binary" >&2
    cargo build --release --locked --bin demarche
fi

# The context holds only what the runtime stage copies, and the binary.
context="$(mktemp -d "${TMPDIR:-/tmp}/demarche-image.XXXXXX")"
trap 'rm -rf "$context"' EXIT
mkdir -p "$context/prebuilt" "$context/deploy"
cp "$binary" "$context/prebuilt/demarche"
cp -r config "$context/config"
cp deploy/healthcheck.sh deploy/stub-targets.sh "$context/deploy/"

echo "== podman build $tag" >&2
# --format docker keeps the HEALTHCHECK (the OCI format has no such field); --network host lets
# a RUN step reach Debian's mirrors if the base lacks CA certificates.
podman build --runtime runc "${limits[@]}" --network host --pull=never --format docker \
    --build-arg BINARY_SOURCE=prebuilt -f deploy/Dockerfile -t "$tag" "$context"
echo "$tag"
