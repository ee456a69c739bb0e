#!/usr/bin/env python3
"""Structure checks of deploy/ that need no Docker and no cluster (called by check.sh).

    check_deploy.py dashboard|rules|compose|kubernetes|dockerfile

Exit 0: pass; 1: fail (reasons on stdout); 77: skipped (PyYAML missing for a YAML check).
"""
import json
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEPLOY = os.path.join(ROOT, "deploy")
SKIP = 77

# The metrics contract (README "Monitor"); dashboards and rules may use nothing else.
CONTRACT = {
    "demarche_build_info", "demarche_messages_consumed_total", "demarche_outcomes_total",
    "demarche_dead_letters_total", "demarche_duplicates_total", "demarche_events_published_total",
    "demarche_stage_duration_seconds", "demarche_end_to_end_latency_seconds",
    "demarche_consumer_lag", "demarche_in_flight_messages", "demarche_producer_errors_total",
    "demarche_consume_errors_total", "demarche_commit_errors_total",
    "demarche_processing_errors_total", "demarche_offsets_committed_total", "demarche_ready",
    "demarche_dedup_index_entries", "demarche_changelog_records_applied_total",
    "demarche_aggregate_mentions_total", "demarche_aggregate_table", "demarche_aggregate_lag",
    "demarche_aggregate_restore_seconds",
    "process_resident_memory_bytes", "process_cpu_seconds_total", "up",
}
HISTOGRAM_SUFFIXES = ("_bucket", "_sum", "_count")
ALERTS = ["DemarcheConsumerLagHigh", "DemarcheNoEventsPublished", "DemarcheDeadLetterRateHigh",
          "DemarcheProcessingErrors", "DemarcheProducerErrors", "DemarcheConsumeErrors",
          "DemarcheCommitErrors", "DemarcheInstanceDown",
          "DemarcheNotReady"]
TOPICS = {"articles.raw": "6", "events.diplomatic": "6", "articles.dlq": "1", "demarche.dedup-state": "1"}

problems = []


def expect(ok, message):
    if not ok:
        problems.append(message)
    return ok


def load_yaml(path, all_docs=False):
    import yaml  # imported here so that non-YAML checks run without PyYAML
    with open(path) as f:
        return list(yaml.safe_load_all(f)) if all_docs else yaml.safe_load(f)


def metric_names(expr):
    """Metric names used in a PromQL expression (identifiers with our prefixes, and `up`)."""
    names = set(re.findall(r"\b((?:demarche|process)_[a-z0-9_]+)\b", expr))
    if re.search(r"\bup\s*[{=]", expr):
        names.add("up")
    return names


def known(name):
    if name in CONTRACT:
        return True
    return any(name.endswith(s) and name[: -len(s)] in CONTRACT for s in HISTOGRAM_SUFFIXES)


def check_dashboard():
    path = os.path.join(DEPLOY, "grafana", "dashboards", "demarche.json")
    dash = json.load(open(path))
    expect(dash.get("uid") == "demarche", "dashboard uid must be 'demarche'")
    panels = [p for p in dash["panels"]] + [c for p in dash["panels"] for c in p.get("panels", [])]
    ids = [p["id"] for p in panels]
    expect(len(ids) == len(set(ids)), "panel ids must be unique")
    exprs = []
    for p in panels:
        for t in p.get("targets", []):
            expect(bool(t.get("expr")), f"panel '{p['title']}' has a target without expr")
            exprs.append(t.get("expr", ""))
    text = "\n".join(exprs)
    for name in sorted(set().union(*map(metric_names, exprs))):
        expect(known(name), f"dashboard uses {name}, which is not in the metrics contract")
    for needle in ["demarche_messages_consumed_total", "demarche_events_published_total",
                   'outcome="duplicate"', "by (outcome)", "by (root)", "by (quad_class)",
                   "by (topic, partition)", "histogram_quantile(0.5,", "histogram_quantile(0.95,",
                   "histogram_quantile(0.99,", "demarche_stage_duration_seconds_bucket",
                   "by (reason)", "process_resident_memory_bytes", "process_cpu_seconds_total"]:
        expect(needle in text, f"dashboard lacks a query with {needle!r}")
    ds = load_yaml(os.path.join(DEPLOY, "grafana", "provisioning", "datasources", "prometheus.yaml"))
    uids = [d.get("uid") for d in ds["datasources"]]
    var = next(v for v in dash["templating"]["list"] if v["type"] == "datasource")
    expect(var["current"]["value"] in uids, "dashboard's default datasource is not the provisioned one")
    load_yaml(os.path.join(DEPLOY, "grafana", "provisioning", "dashboards", "demarche.yaml"))


def check_rules():
    """Every alert: severity, summary, description, runbook_url to its README anchor."""
    rules = {}
    for name in os.listdir(os.path.join(DEPLOY, "prometheus", "rules")):
        doc = load_yaml(os.path.join(DEPLOY, "prometheus", "rules", name))
        for group in doc["groups"]:
            for rule in group["rules"]:
                rules[rule.get("alert") or rule.get("record")] = rule
                for m in metric_names(rule["expr"]):
                    expect(known(m), f"rule uses {m}, not in the metrics contract")
    for alert in ALERTS:
        rule = rules.get(alert)
        if not expect(rule is not None, f"alert {alert} is missing"):
            continue
        expect(rule.get("labels", {}).get("severity") in ("warning", "critical"), f"{alert}: severity")
        ann = rule.get("annotations", {})
        for key in ("summary", "description"):
            expect(bool(ann.get(key)), f"{alert}: no {key}")
        expect(ann.get("runbook_url", "").endswith("#runbook-" + alert.lower()), f"{alert}: runbook_url anchor")
    readme = os.path.join(ROOT, "README.md")
    text = open(readme).read() if os.path.exists(readme) else ""
    if "Runbook: Demarche" in text:  # once the runbook is in the README, its anchors must exist
        for alert in ALERTS:
            expect(f"Runbook: {alert}" in text, f"README has no heading 'Runbook: {alert}'")


def check_compose():
    path = os.path.join(DEPLOY, "compose.yaml")
    doc = load_yaml(path)
    services = doc["services"]
    for name in ["kafka", "kafka-init", "demarche", "feeder", "prometheus", "grafana"]:
        expect(name in services, f"compose: no service {name}")
    for name, svc in services.items():
        image = svc.get("image", "")
        expect(not image.endswith(":latest") and (":" in image or "build" in svc), f"compose: {name} image not pinned")
        for vol in svc.get("volumes", []):
            src = vol.split(":")[0]
            if src.startswith("."):
                expect(os.path.exists(os.path.join(DEPLOY, src)), f"compose: {name} mounts missing {src}")
    build = services["demarche"]["build"]
    context = os.path.normpath(os.path.join(DEPLOY, build["context"]))
    expect(context == ROOT, "compose: demarche must build with the repo root as context")
    expect(os.path.exists(os.path.join(context, build["dockerfile"])), "compose: Dockerfile not found")
    expect("DEMARCHE__KAFKA__BROKERS" in services["demarche"].get("environment", {}), "compose: brokers env")
    expect("9898:9898" in services["demarche"].get("ports", []), "compose: port 9898")
    script = "\n".join(services["kafka-init"]["command"])
    for topic, partitions in TOPICS.items():
        expect(re.search(rf"topic {re.escape(topic)} {partitions}\b", script), f"compose: topic {topic} x{partitions}")
    expect("cleanup.policy=compact" in script, "compose: changelog topic not compacted")
    for line in open(os.path.join(DEPLOY, "sample", "articles.jsonl")):
        art = json.loads(line)
        expect(set(art) == {"id", "url", "source", "title", "body", "published_at", "language"},
               f"sample article {art.get('id')}: fields")


def check_kubernetes():
    kdir = os.path.join(DEPLOY, "kubernetes")
    kust = load_yaml(os.path.join(kdir, "kustomization.yaml"))
    files = list(kust.get("resources", []))
    for gen in kust.get("configMapGenerator", []):
        files += [f.split("=")[-1] for f in gen.get("files", [])]
    kinds = {}
    for f in files:
        p = os.path.join(kdir, f)
        if not expect(os.path.exists(p), f"kustomization lists missing {f}"):
            continue
        if f.endswith((".yaml", ".yml")):
            for doc in load_yaml(p, all_docs=True):
                kinds[doc["kind"]] = doc
    for kind in ["Deployment", "Service", "PodMonitor", "PodDisruptionBudget"]:
        expect(kind in kinds, f"kubernetes: no {kind}")
    if "Deployment" in kinds:
        pod = kinds["Deployment"]["spec"]["template"]["spec"]
        c = pod["containers"][0]
        expect(pod.get("terminationGracePeriodSeconds", 30) > 30, "grace period must exceed the 30 s deadline")
        expect(pod.get("securityContext", {}).get("runAsNonRoot") is True, "runAsNonRoot")
        expect(c.get("securityContext", {}).get("readOnlyRootFilesystem") is True, "readOnlyRootFilesystem")
        expect(c.get("livenessProbe", {}).get("httpGet", {}).get("path") == "/healthz", "liveness /healthz")
        expect(c.get("readinessProbe", {}).get("httpGet", {}).get("path") == "/readyz", "readiness /readyz")
        expect({"requests", "limits"} <= set(c.get("resources", {})), "requests and limits")
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        mounts = {m["mountPath"] for m in c.get("volumeMounts", [])}
        expect(env.get("DEMARCHE_CONFIG") in mounts, "DEMARCHE_CONFIG must name the mounted file")
    if "PodDisruptionBudget" in kinds:
        expect(kinds["PodDisruptionBudget"]["spec"].get("selector", {}).get("matchLabels"),
               "PDB needs an explicit selector (an empty one selects every pod)")
    if shutil.which("kubectl"):
        out = subprocess.run(["kubectl", "kustomize", kdir], capture_output=True, text=True)
        expect(out.returncode == 0, f"kubectl kustomize failed: {out.stderr.strip()}")


def check_dockerfile():
    """Every COPY source exists and is let through by .dockerignore; the runtime basics."""
    text = open(os.path.join(DEPLOY, "Dockerfile")).read()
    ignore = open(os.path.join(ROOT, ".dockerignore")).read().split("\n")
    allowed = {line[1:] for line in ignore if line.startswith("!")}
    ignored = [line.rstrip("/") for line in ignore if line and not line.startswith(("#", "!"))]
    for m in re.finditer(r"^COPY (?!--from)(.+) (\S+)$", text, re.M):
        # prebuilt/ is not in the repository: deploy/image.sh puts the binary there.
        for src in (w for w in m.group(1).split()
                    if not w.startswith("--") and not w.startswith("prebuilt/")):
            expect(os.path.exists(os.path.join(ROOT, src)), f"Dockerfile copies missing {src}")
            top = src.split("/")[0]
            expect(src in allowed or top not in ignored, f".dockerignore excludes {src}")
    for needle in ["EXPOSE 9898", "HEALTHCHECK", "USER 10001", 'CMD ["run"]']:
        expect(needle in text, f"Dockerfile lacks {needle}")


CHECKS = {"dashboard": check_dashboard, "rules": check_rules, "compose": check_compose,
          "kubernetes": check_kubernetes, "dockerfile": check_dockerfile}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        sys.exit(__doc__)
    try:
        CHECKS[sys.argv[1]]()
    except ImportError as err:
        print(f"skipped: {err}")
        sys.exit(SKIP)
    for p in problems:
        print(p)
    sys.exit(1 if problems else 0)
