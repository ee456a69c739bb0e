#!/usr/bin/env python3
"""Trains the fallback event-class model (config/models/quad_class.json).

The coder's rules leave some sentences uncoded although they report an event between two
actors. For those, src/extract/quad_model.rs asks this model which class of event the
sentence reports: the quad classes of ../shared/eval/README.md (0 statement or appeal, 1 verbal
cooperation, 2 material cooperation, 3 verbal conflict) with material conflict split by CAMEO
root (4 protest, 14; 5 coercion, 17; 6 assault, 18; 7 fighting, 19-20), so that the generic
code emitted for the guess says what kind of conflict it is.

The model is a multinomial logistic regression over the sentence's words (lowercased ASCII
letter and digit runs, as quad_model.rs splits them) and adjacent word pairs, hashed (64-bit
FNV-1a, modulo BUCKETS): the file holds numbered buckets and their weights, no text from the
data. It is fitted by full-batch gradient descent on a weighted cross-entropy with an L2
penalty. A label may allow several classes (a ConfliBERT "material conflict" sentence is any
of 4-7): the loss is then minus the log of their summed probability.

It is trained on the development halves only (items at even indexes, as tests/eval_external
numbers them) of the external sets in ../shared/eval, read at training time and never copied
into the repository: ConfliBERT's labelled sentences, PLOVER-GSR's sentences (their category
gives the class) and ACLED's notes (their event type gives the class; down-weighted, as they
are many and all of material conflict).

Deterministic: the same data gives the same file, byte for byte (no randomness, sorted keys,
weights rounded). `make train-quad-class` runs it; `--cv` first prints 5-fold
cross-validation on the development halves for the choices listed in cross_validate().

Needs numpy. Usage: python3 config/models/train_quad_class.py [--data DIR] [--out FILE] [--cv]
"""

import argparse
import csv
import io
import json
import os
import re
import sys
from datetime import datetime
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]

CLASSES = 8
MATERIAL_CONFLICT = (4, 5, 6, 7)
# Fitting: passes, step size, L2 penalty, features kept if seen in this many items.
EPOCHS = 400
RATE = 2.0
L2 = 1e-4
MIN_COUNT = 2
BIGRAMS = True
# Weight of one ACLED note against one sentence of the other sets.
ACLED_WEIGHT = 0.1
# Hash buckets of the features.
BUCKETS = 1 << 18
# Weights smaller than this in every class are dropped from the file.
PRUNE = 5e-3

# PLOVER v0.5 category -> the classes of its CAMEO codes (CONCEDE is CAMEO 08, yield, and
# SANCTION is CAMEO 16, reduce relations: material cooperation and verbal conflict in the
# quad scheme; MOBILIZE, CAMEO 15, is material conflict of no root split out here).
PLOVER_CLASSES = {
    "AGREE": (1,), "CONSULT": (1,), "SUPPORT": (1,),
    "CONCEDE": (2,), "COOPERATE": (2,), "AID": (2,), "RETREAT": (2,),
    "DEMAND": (3,), "DISAPPROVE": (3,), "INVESTIGATE": (3,), "REJECT": (3,),
    "THREATEN": (3,), "SANCTION": (3,),
    "PROTEST": (4,), "COERCE": (5,), "ASSAULT": (6,), "FIGHT": (7,),
    "MOBILIZE": MATERIAL_CONFLICT,
}

WORD = re.compile(rb"[a-z0-9]+")


def words(text):
    """Lowercased runs of ASCII letters and digits; every other character separates."""
    return [w.decode() for w in WORD.findall(text.encode("utf-8").lower())]


def fnv1a(text):
    """64-bit FNV-1a of the UTF-8 bytes."""
    h = 0xCBF29CE484222325
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def features(text, bigrams):
    """The buckets of the sentence's distinct features: its words and, if asked, its adjacent
    word pairs (joined by one space)."""
    ws = words(text)
    out = set(ws)
    if bigrams:
        out.update(f"{a} {b}" for a, b in zip(ws, ws[1:]))
    return sorted({fnv1a(f) % BUCKETS for f in out})


def conflibert(data):
    """(sentence, classes) in file order, as tests/eval_external/sets.rs reads them."""
    items = []
    path = data / "conflibert-cameo" / "cameo_class_train.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" not in line:
            continue
        sentence, label = line.rsplit("\t", 1)
        try:
            label = int(label.strip())
        except ValueError:
            continue
        items.append((sentence.strip(), MATERIAL_CONFLICT if label == 4 else (label,)))
    return items


def plover(data):
    """(sentence, classes) of PLOVER-GSR in file order, documentation entries left out."""
    path = data / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    raw = json.loads(path.read_text(encoding="utf-8"))
    return [
        (r["text"], PLOVER_CLASSES.get(r["event"]))
        for r in raw
        if r.get("event") != "DOCUMENT" and r.get("text")
    ]


def acled_classes(event_type):
    """The classes of an ACLED event type; None for the types the protocol does not score."""
    t = event_type.lower()
    if t.startswith("battle"):
        return (7,)
    if t.startswith("remote violence"):
        return (6, 7)
    if t.startswith("violence against civilians"):
        return (5, 6)
    if t.startswith("riots"):
        return (4,)
    return None


def acled(data):
    """(note, classes) of the scored ACLED rows in file order, as sets.rs filters them."""
    path = data / "acled-africa-2016-q1" / "acled_africa_2016_to_march.csv"
    rows = csv.DictReader(io.StringIO(path.read_bytes().decode("latin-1"), newline=""))
    items = []
    for row in rows:
        classes = acled_classes(row["EVENT_TYPE"].strip())
        note = row["NOTES"].strip()
        if classes is None or not note:
            continue
        try:
            datetime.strptime(row["EVENT_DATE"].strip(), "%d/%m/%Y")
        except ValueError:
            continue
        items.append((note, classes))
    return items


def even(items):
    """The development half: items at even indexes, unlabelled ones left out."""
    return [it for i, it in enumerate(items) if i % 2 == 0 and it[1] is not None]


class Model:
    """Weights per bucket and class, and a bias per class."""

    def __init__(self, buckets, weights, bias):
        self.buckets = buckets
        self.weights = weights
        self.bias = bias

    def probabilities(self, text):
        z = self.bias.copy()
        for f in features(text, BIGRAMS):
            i = self.buckets.get(f)
            if i is not None:
                z = z + self.weights[i]
        p = np.exp(z - z.max())
        return p / p.sum()

    def predict(self, text):
        return int(np.argmax(self.probabilities(text)))


def fit(items, l2=L2, min_count=MIN_COUNT, epochs=EPOCHS):
    """Full-batch gradient descent on the weighted mean loss plus an L2 penalty. `items` are
    (text, classes, weight)."""
    docs = [features(t, BIGRAMS) for t, _, _ in items]
    counts = {}
    for feats in docs:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows = [[index[f] for f in feats if f in index] for feats in docs]
    cols = np.array([i for r in rows for i in r], dtype=np.int64)
    doc_of = np.array([d for d, r in enumerate(rows) for _ in r], dtype=np.int64)
    allowed = np.zeros((len(items), CLASSES))
    for d, (_, classes, _) in enumerate(items):
        allowed[d, list(classes)] = 1.0
    weight = np.array([w for _, _, w in items])
    weight = weight / weight.sum()
    w = np.zeros((len(vocab), CLASSES))
    b = np.zeros(CLASSES)
    for _ in range(epochs):
        z = np.tile(b, (len(items), 1))
        np.add.at(z, doc_of, w[cols])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        # The gradient of -log(sum of the allowed classes' probabilities).
        q = p * allowed
        q /= q.sum(axis=1, keepdims=True)
        g = (p - q) * weight[:, None]
        gw = np.zeros_like(w)
        np.add.at(gw, cols, g[doc_of])
        b -= RATE * g.sum(axis=0)
        w -= RATE * (gw + l2 * w)
    return Model(index, w, b)


def quad(c):
    """The quad class (ConfliBERT scheme) of a model class."""
    return min(c, 4)


def cross_validate(data):
    """5-fold cross-validation on the development halves: the quad class of the prediction
    against ConfliBERT's label, and the prediction among ACLED's allowed classes."""
    sets = {
        "conflibert": even(conflibert(data)),
        "plover": even(plover(data)),
        "acled": even(acled(data)),
    }
    choices = [
        ("ConfliBERT + PLOVER-GSR", dict(acled=0.0)),
        ("+ ACLED at 0.1", dict(acled=0.1)),
        ("+ ACLED at 0.25", dict(acled=0.25)),
        ("+ ACLED at 1", dict(acled=1.0)),
        ("+ ACLED at 0.1, L2 1e-3", dict(acled=0.1, l2=1e-3)),
        ("+ ACLED at 0.1, min count 3", dict(acled=0.1, min_count=3)),
    ]
    print("5-fold cross-validation on the development halves")
    print(f"  {'choice':<32} ConfliBERT quad   ACLED class")
    for name, options in choices:
        acled_weight = options.pop("acled")
        right = {"conflibert": 0, "acled": 0}
        for k in range(5):
            train, test = [], {}
            for s, items in sets.items():
                share = acled_weight if s == "acled" else 1.0
                train += [(t, c, share) for i, (t, c) in enumerate(items) if i % 5 != k and share]
                test[s] = [it for i, it in enumerate(items) if i % 5 == k]
            model = fit(train, **options)
            right["conflibert"] += sum(
                quad(model.predict(t)) == quad(c[0]) for t, c in test["conflibert"])
            right["acled"] += sum(model.predict(t) in c for t, c in test["acled"])
        cb = right["conflibert"] / len(sets["conflibert"])
        ac = right["acled"] / len(sets["acled"])
        print(f"  {name:<32} {cb:.3f}             {ac:.3f}")
        sys.stdout.flush()


def probability_bands(data):
    """Out-of-fold share right per band of the winning class's probability, for the chosen
    configuration: where a guess stops being worth emitting (MIN_PROBABILITY in
    quad_model.rs)."""
    sets = {
        "conflibert": even(conflibert(data)),
        "plover": even(plover(data)),
        "acled": even(acled(data)),
    }
    scored = {"conflibert": [], "acled": []}
    for k in range(5):
        train = []
        for s, items in sets.items():
            share = ACLED_WEIGHT if s == "acled" else 1.0
            train += [(t, c, share) for i, (t, c) in enumerate(items) if i % 5 != k]
        model = fit(train)
        for s, out in scored.items():
            for t, c in (it for i, it in enumerate(sets[s]) if i % 5 == k):
                p = model.probabilities(t)
                best = int(np.argmax(p))
                right = quad(best) == quad(c[0]) if s == "conflibert" else best in c
                out.append((float(p[best]), right))
    print("out of fold, by the winning class's probability: items, share right")
    print("  probability   ConfliBERT (quad)   ACLED")
    for band in range(1, 10):
        cells = []
        for s in ("conflibert", "acled"):
            r = [ok for p, ok in scored[s] if band / 10 <= p < (band + 1) / 10]
            cells.append(f"{len(r):>4} {sum(r) / max(len(r), 1):.2f}")
        print(f"  {band / 10:.1f}-{(band + 1) / 10:.1f}       {cells[0]}           {cells[1]}")
    sys.stdout.flush()


def write(model, path, trained_on):
    weights = {}
    for f in sorted(model.buckets):
        w = [round(float(v), 4) + 0.0 for v in model.weights[model.buckets[f]]]
        if max(abs(v) for v in w) >= PRUNE:
            weights[str(f)] = w
    doc = {
        "about": (
            "Fallback event-class model of demarche (src/extract/quad_model.rs): multinomial "
            "logistic regression over a sentence's lowercased words and word pairs, hashed "
            "(FNV-1a) into numbered buckets; classes 0 statement or appeal, 1 verbal "
            "cooperation, 2 material cooperation, 3 verbal conflict, 4 protest, 5 coercion, "
            "6 assault, 7 fighting. Generated by config/models/train_quad_class.py "
            f"({trained_on}); do not edit by hand."
        ),
        "bigrams": BIGRAMS,
        "buckets": BUCKETS,
        "bias": [round(float(v), 4) + 0.0 for v in model.bias],
        "weights": weights,
    }
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    # One bucket per line keeps diffs between retrainings readable.
    text = text.replace('],"', '],\n"')
    path.write_text(text + "\n", encoding="utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default_data = os.environ.get("DEMARCHE_EVAL_DATA", str(ROOT / "../shared/eval"))
    parser.add_argument("--data", default=default_data, help="the external sets")
    parser.add_argument("--out", default=str(ROOT / "config/models/quad_class.json"))
    parser.add_argument("--cv", action="store_true", help="print cross-validation first")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "README.md").is_file():
        sys.exit(f"train_quad_class: the external sets are not at {data} (use --data)")
    if args.cv:
        cross_validate(data)
        probability_bands(data)
    cb, pl, ac = even(conflibert(data)), even(plover(data)), even(acled(data))
    items = [(t, c, 1.0) for t, c in cb + pl] + [(t, c, ACLED_WEIGHT) for t, c in ac]
    model = fit(items)
    trained_on = (
        f"{len(cb)} ConfliBERT sentences, {len(pl)} PLOVER-GSR sentences and {len(ac)} ACLED "
        "notes, the even-indexed halves of ../shared/eval"
    )
    write(model, Path(args.out), trained_on)
    print(f"train_quad_class: {args.out} written ({trained_on})")


if __name__ == "__main__":
    main()
