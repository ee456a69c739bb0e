#!/usr/bin/env bash
# A Python virtual environment with the Kafka client the local tools use, in .tools/venv.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.tools/venv"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import confluent_kafka' 2>/dev/null; then
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet "confluent-kafka>=2.6,<3"
fi
echo "$venv/bin/python"
