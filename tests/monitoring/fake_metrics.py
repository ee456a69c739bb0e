#!/usr/bin/env python3
"""A fake demarche /metrics endpoint, for the self-test of tests/monitoring/live.sh only.

It is NOT a test of the daemon: it serves the metric names of the metrics contract (README,
"Monitor") with plausible, growing values, so that live.sh can be developed and checked without
building demarche. tests/monitoring/selftest.sh runs live.sh against it.

    python3 tests/monitoring/fake_metrics.py [--listen 127.0.0.1:0] [--port-file FILE]

Serves /metrics, /healthz (200) and /readyz (200). With port 0 it picks a free port and writes
"host:port" to --port-file (and stdout) once listening. Standard library only.
"""
import argparse
import os
import resource
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

START = time.time()
TOPIC = "articles.raw"
OUTCOME_SHARE = {"published": 0.55, "no_events": 0.25, "duplicate": 0.12,
                 "unsupported_language": 0.07, "dead_letter": 0.01}
DEAD_LETTER_SHARE = {"invalid_json": 0.6, "empty_body": 0.3, "too_large": 0.1}
ROOTS = {"01": 0.2, "03": 0.15, "04": 0.25, "05": 0.1, "11": 0.12, "12": 0.08, "17": 0.05, "19": 0.05}
QUAD = {"01": 1, "03": 1, "04": 1, "05": 2, "11": 3, "12": 3, "17": 4, "19": 4}
STAGE_SPEED = {"normalize": 0.0004, "dedup": 0.0002, "extract": 0.003}
BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
RATE = 4.0  # input records per second


def labels(**kv):
    return "{" + ",".join(f'{k}="{v}"' for k, v in kv.items()) + "}" if kv else ""


class Exposition:
    def __init__(self):
        self.lines = []

    def family(self, name, kind, help_text):
        self.lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]

    def sample(self, name, value, **kv):
        self.lines.append(f"{name}{labels(**kv)} {value:.6g}" if isinstance(value, float)
                          else f"{name}{labels(**kv)} {value}")

    def histogram(self, name, count, typical, **kv):
        # Latencies spread around `typical`: the share under bound b is b / (b + typical).
        for b in BUCKETS:
            self.sample(f"{name}_bucket", int(count * b / (b + typical)), **kv, le=str(b))
        self.sample(f"{name}_bucket", int(count), **kv, le="+Inf")
        self.sample(f"{name}_sum", count * typical * 1.3, **kv)
        self.sample(f"{name}_count", int(count), **kv)


def render():
    t = time.time() - START
    consumed = int(RATE * t)
    e = Exposition()
    e.family("demarche_build_info", "gauge", "Build and dictionary versions.")
    e.sample("demarche_build_info", 1, version="0.1.0", dictionary_version="2024.1")
    e.family("demarche_messages_consumed_total", "counter", "Input records consumed.")
    e.sample("demarche_messages_consumed_total", consumed, topic=TOPIC)
    e.family("demarche_outcomes_total", "counter", "How each input ended.")
    for outcome, share in OUTCOME_SHARE.items():
        e.sample("demarche_outcomes_total", int(consumed * share), outcome=outcome)
    dead = consumed * OUTCOME_SHARE["dead_letter"]
    e.family("demarche_dead_letters_total", "counter", "Dead letters by reason.")
    for reason, share in DEAD_LETTER_SHARE.items():
        e.sample("demarche_dead_letters_total", int(dead * share), reason=reason)
    dup = consumed * OUTCOME_SHARE["duplicate"]
    e.family("demarche_duplicates_total", "counter", "Duplicates by kind.")
    e.sample("demarche_duplicates_total", int(dup * 0.7), kind="exact")
    e.sample("demarche_duplicates_total", int(dup * 0.3), kind="near")
    events = consumed * OUTCOME_SHARE["published"] * 1.8
    e.family("demarche_events_published_total", "counter", "Events acknowledged by the broker.")
    for root, share in ROOTS.items():
        e.sample("demarche_events_published_total", int(events * share), root=root, quad_class=QUAD[root])
    e.family("demarche_stage_duration_seconds", "histogram", "Time per pure pipeline stage.")
    for stage, typical in STAGE_SPEED.items():
        e.histogram("demarche_stage_duration_seconds", consumed, typical, stage=stage)
    e.family("demarche_end_to_end_latency_seconds", "histogram", "Record timestamp to acknowledgement.")
    e.histogram("demarche_end_to_end_latency_seconds", consumed, 0.08)
    e.family("demarche_consumer_lag", "gauge", "Messages behind the high watermark.")
    for p in range(6):
        e.sample("demarche_consumer_lag", int(5 + 3 * p + 4 * ((t + p) % 3)), topic=TOPIC, partition=p)
    e.family("demarche_in_flight_messages", "gauge", "Inputs not yet fully acknowledged.")
    e.sample("demarche_in_flight_messages", int(t) % 7)
    e.family("demarche_producer_errors_total", "counter", "Produce / delivery failures.")
    e.sample("demarche_producer_errors_total", 0, kind="queue_full")
    e.family("demarche_consume_errors_total", "counter", "Consume errors.")
    e.sample("demarche_consume_errors_total", 0, kind="unknown_topic_or_partition")
    e.family("demarche_commit_errors_total", "counter", "Failed offset commits.")
    e.sample("demarche_commit_errors_total", 0)
    e.family("demarche_processing_errors_total", "counter", "Internal pipeline errors.")
    for stage in STAGE_SPEED:
        e.sample("demarche_processing_errors_total", 0, stage=stage)
    e.family("demarche_offsets_committed_total", "counter", "Successful offset commits.")
    e.sample("demarche_offsets_committed_total", int(t / 5))
    e.family("demarche_ready", "gauge", "1 once assigned and restored.")
    e.sample("demarche_ready", 1)
    e.family("demarche_dedup_index_entries", "gauge", "Fingerprints in the dedup index.")
    e.sample("demarche_dedup_index_entries", 1000 + int(consumed * 0.8))
    e.family("demarche_changelog_records_applied_total", "counter", "Changelog records applied.")
    e.sample("demarche_changelog_records_applied_total", 1000 + int(consumed * 0.8))
    # Real figures of this process, like the prometheus crate's process collector.
    usage = resource.getrusage(resource.RUSAGE_SELF)
    e.family("process_cpu_seconds_total", "counter", "CPU time.")
    e.sample("process_cpu_seconds_total", float(usage.ru_utime + usage.ru_stime))
    e.family("process_resident_memory_bytes", "gauge", "Resident memory.")
    e.sample("process_resident_memory_bytes", resident_bytes())
    e.family("process_start_time_seconds", "gauge", "Start time since the epoch.")
    e.sample("process_start_time_seconds", float(int(START)))
    return "\n".join(e.lines) + "\n"


def resident_bytes():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 30_000_000


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/metrics":
            self.reply(200, render(), "text/plain; version=0.0.4; charset=utf-8")
        elif self.path in ("/healthz", "/readyz"):
            self.reply(200, "ok\n", "text/plain")
        else:
            self.reply(404, "not found\n", "text/plain")

    def reply(self, code, body, ctype):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep test output clean
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that hangs up early (the health check does) is not an error here


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--listen", default="127.0.0.1:0", help="host:port (port 0: any free port)")
    ap.add_argument("--port-file", help="write the bound host:port here once listening")
    args = ap.parse_args()
    host, _, port = args.listen.rpartition(":")
    server = Server((host, int(port)), Handler)
    bound = f"{host}:{server.server_address[1]}"
    if args.port_file:
        with open(args.port_file + ".tmp", "w") as f:
            f.write(bound + "\n")
        os.replace(args.port_file + ".tmp", args.port_file)
    print(bound, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
