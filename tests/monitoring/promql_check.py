#!/usr/bin/env python3
"""Helpers of tests/monitoring/live.sh (standard library only).

    promql_check.py derive-config SRC DST TARGET
        Write a Prometheus config derived from the shipped deploy/prometheus/prometheus.yml:
        the scrape target "demarche:9898" replaced by TARGET, scrape and evaluation intervals
        of 1s. Rule file globs stay relative, so DST's directory must hold a copy of rules/.
    promql_check.py check URL DASHBOARD RULES...
        Against the Prometheus server at URL: wait for the target to be up and scraped a few
        times; evaluate every PromQL expression of the Grafana DASHBOARD and of the loaded
        rules; check that every rule of the RULES files is loaded and healthy; check that the
        key series have data. One line per check, then "N passed, M failed"; exit 1 if M > 0.
"""
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

SHIPPED_TARGET = "demarche:9898"
KEY_SERIES = [
    "demarche_messages_consumed_total",
    "demarche_outcomes_total",
    "demarche_events_published_total",
    "demarche_end_to_end_latency_seconds_bucket",
    "demarche_stage_duration_seconds_bucket",
    "demarche_ready",
    "process_resident_memory_bytes",
]
# Grafana's built-in variables, then any dashboard variable (job, instance, partition, ...).
GRAFANA_BUILTINS = [
    (r"\$\{?__rate_interval\}?", "1m"),
    (r"\$\{?__interval\}?", "1m"),
    (r"\$\{?__range\}?", "1h"),
]
GRAFANA_VARIABLE = re.compile(r"\$\{[A-Za-z0-9_]+(?::[a-z]+)?\}|\[\[[A-Za-z0-9_]+\]\]|\$[A-Za-z_][A-Za-z0-9_]*")
MIN_SCRAPES = 4
WAIT_SECONDS = int(os.environ.get("LIVE_WAIT_SECONDS", "90"))  # the daemon may still be starting
START_SECONDS = 20  # a Prometheus that has not answered by then is not going to


def derive_config(src, dst, target):
    text = open(src).read()
    pattern = r'(targets:\s*\[\s*")' + re.escape(SHIPPED_TARGET) + r'("\s*\])'
    text, n = re.subn(pattern, lambda m: m.group(1) + target + m.group(2), text)
    if n != 1:
        sys.exit(f"{src}: expected one `targets: [\"{SHIPPED_TARGET}\"]`, found {n}")
    for key in ("scrape_interval", "evaluation_interval"):
        text, n = re.subn(rf"(?m)^(\s*{key}:\s*)\S+", r"\g<1>1s", text)
        if n == 0:
            sys.exit(f"{src}: no {key} to shorten")
    open(dst, "w").write(text)


def grafana_to_promql(expr):
    for pattern, value in GRAFANA_BUILTINS:
        expr = re.sub(pattern, value, expr)
    return GRAFANA_VARIABLE.sub(".*", expr)


def dashboard_exprs(path):
    """(panel title, refId, expr) of every target of every panel, rows' nested panels too."""
    def walk(panels):
        for panel in panels:
            yield panel
            yield from walk(panel.get("panels", []))
    dash = json.load(open(path))
    for panel in walk(dash.get("panels", [])):
        for target in panel.get("targets", []):
            if target.get("expr"):
                yield panel.get("title", "?"), target.get("refId", "?"), target["expr"]


def rule_names_in_files(paths):
    """Rule names declared in the rule files, read line by line (no YAML parser needed)."""
    names = []
    for path in paths:
        for line in open(path):
            m = re.match(r"\s*-\s*(alert|record):\s*(\S+)", line)
            if m:
                names.append(m.group(2))
    return names


class Prometheus:
    def __init__(self, url):
        self.url = url.rstrip("/")

    def get(self, path, **params):
        query = ("?" + urllib.parse.urlencode(params)) if params else ""
        try:
            with urllib.request.urlopen(self.url + path + query, timeout=10) as resp:
                return json.load(resp)
        except urllib.error.HTTPError as err:  # 4xx/5xx still carry a JSON error body
            try:
                return json.load(err)
            except ValueError:
                return {"status": "error", "error": f"HTTP {err.code}"}

    def query(self, expr):
        return self.get("/api/v1/query", query=expr)


class Report:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, ok, name, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}{'  (' + detail + ')' if detail else ''}")
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}")
        return ok


def wait_for_scrapes(prom, report):
    started = time.time()
    answered = False
    health, last_error, scrapes, rules_evaluated = "unknown", "", 0, False
    while time.time() < started + WAIT_SECONDS:
        try:
            targets = prom.get("/api/v1/targets").get("data", {}).get("activeTargets", [])
            answered = True
            health = targets[0]["health"] if targets else "no target"
            last_error = targets[0].get("lastError", "") if targets else ""
            if health == "up":
                res = prom.query("max(count_over_time(up[5m]))").get("data", {}).get("result", [])
                scrapes = int(float(res[0]["value"][1])) if res else 0
                groups = prom.get("/api/v1/rules").get("data", {}).get("groups", [])
                rules_evaluated = bool(groups) and all(
                    not g.get("lastEvaluation", "0001").startswith("0001") for g in groups)
                if scrapes >= MIN_SCRAPES and rules_evaluated:
                    break
        except (urllib.error.URLError, OSError, ValueError):
            if not answered and time.time() > started + START_SECONDS:
                break  # Prometheus did not start (see its log)
        time.sleep(1)
    report.check(answered, "prometheus answers", "" if answered else f"no answer in {START_SECONDS}s")
    report.check(health == "up", "scrape target is up", f"health {health} {last_error}".strip())
    report.check(scrapes >= MIN_SCRAPES, f"at least {MIN_SCRAPES} scrapes", f"{scrapes} scrapes")
    report.check(rules_evaluated, "rule groups evaluated", "no evaluation yet")
    return health == "up"


def check_exprs(prom, report, dashboard):
    for title, ref, expr in dashboard_exprs(dashboard):
        promql = grafana_to_promql(expr)
        res = prom.query(promql)
        n = len(res.get("data", {}).get("result", [])) if res.get("status") == "success" else 0
        report.check(res.get("status") == "success", f"dashboard '{title}' {ref}",
                     f"{n} series" if res.get("status") == "success" else f"{res.get('error')}: {promql}")


def check_rules(prom, report, rule_files):
    loaded = {}
    for group in prom.get("/api/v1/rules").get("data", {}).get("groups", []):
        for rule in group.get("rules", []):
            loaded[rule["name"]] = rule
    declared = rule_names_in_files(rule_files)
    missing = [n for n in declared if n not in loaded]
    report.check(bool(declared) and not missing, f"all {len(declared)} rules of the rule files loaded",
                 f"missing {missing}" if missing else "")
    for name, rule in sorted(loaded.items()):
        res = prom.query(rule["query"])
        ok = res.get("status") == "success" and rule.get("health") == "ok"
        detail = (f"{len(res['data']['result'])} series" if ok
                  else f"{res.get('error') or rule.get('lastError') or rule.get('health')}: {rule['query']}")
        report.check(ok, f"{rule['type']} rule {name}", detail)


def check_key_series(prom, report):
    for name in KEY_SERIES:
        res = prom.query(name)
        n = len(res.get("data", {}).get("result", [])) if res.get("status") == "success" else 0
        report.check(n > 0, f"series {name} has data", f"{n} series" if n else res.get("error", "empty"))


def main(argv):
    if len(argv) == 4 and argv[0] == "derive-config":
        derive_config(*argv[1:])
        return 0
    if len(argv) >= 4 and argv[0] == "check":
        prom, report = Prometheus(argv[1]), Report()
        if wait_for_scrapes(prom, report):
            check_exprs(prom, report, argv[2])
            check_rules(prom, report, argv[3:])
            check_key_series(prom, report)
        print(f"{report.passed} passed, {report.failed} failed")
        return 1 if report.failed else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
