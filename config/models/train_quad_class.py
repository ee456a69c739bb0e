#!/usr/bin/env python3
"""Trains the fallback event-class model (config/models/quad_class.json).

The coder's rules leave some sentences uncoded although they report an event between two
actors. For those, src/extract/quad_model asks this model which class of event the sentence
reports: one class per PLOVER category (appeals counted with statements, fighting apart from
other violence), each named in the file by the generic CAMEO code a guess of it is coded with.

The model is a multinomial logistic regression over the sentence's words (lowercased ASCII
letter and digit runs, as quad_model/features.rs splits them) and adjacent word pairs, hashed
(64-bit FNV-1a, modulo BUCKETS): the file holds numbered buckets and their weights, no text from
the data. It is fitted by full-batch gradient descent on a weighted cross-entropy with an L2
penalty. A label may allow several classes: ConfliBERT's quad classes allow any category of
their class, ACLED's event types the roots of their family, PLOVER-GSR's categories name one.
The loss is then minus the log of the allowed classes' summed probability.

It is trained on the development halves only (items at even indexes, as tests/eval_external
numbers them) of the external sets in ../shared/eval, read at training time and never copied
into the repository: ConfliBERT's labelled sentences, PLOVER-GSR's sentences (up-weighted, as
they alone tell the categories of a quad class apart) and ACLED's notes (down-weighted, as they
are many and all of material conflict). It reads all of each half, whatever the rules code:
a change to the rules needs no retraining.

Deterministic: the same data gives the same file, byte for byte (no randomness, sorted keys,
weights rounded). `make train-quad-class` runs it; `--cv` first prints 5-fold
cross-validation on the development halves for the choices in CHOICES (several minutes).

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

# Fitting: passes, step size, L2 penalty, features kept if seen in this many items.
EPOCHS = 400
RATE = 2.0
L2 = 1e-4
MIN_COUNT = 2
BIGRAMS = True
# Weight of one ACLED note and of one PLOVER-GSR sentence against one ConfliBERT sentence.
ACLED_WEIGHT = 0.1
PLOVER_WEIGHT = 2.0
# Hash buckets of the features.
BUCKETS = 1 << 18
# Weights smaller than this in every class are dropped from the file.
PRUNE = 5e-3
# The least probability of a guess the coder emits (MIN_PROBABILITY in quad_model).
MIN_PROBABILITY = 0.3

# The event categories a label may name, each by the CAMEO code an event of it is coded with
# when nothing more specific is known (src/extract/quad_model/classes.rs knows the same codes),
# its quad class (ConfliBERT scheme: 0 statement or appeal, 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict) and its PLOVER category (current names;
# None for a bare statement).
CATEGORIES = {
    "010": (0, None), "020": (0, "REQUEST"),
    "030": (1, "AGREE"), "040": (1, "CONSULT"), "050": (1, "SUPPORT"),
    "060": (2, "COOPERATE"), "070": (2, "AID"), "080": (2, "CONCEDE"), "084": (2, "RETREAT"),
    "100": (3, "REQUEST"), "110": (3, "ACCUSE"), "120": (3, "REJECT"), "130": (3, "THREATEN"),
    "160": (3, "SANCTION"),
    "140": (4, "PROTEST"), "150": (4, "MOBILIZE"), "170": (4, "COERCE"), "180": (4, "ASSAULT"),
    "190": (4, "ASSAULT"),
}

# The model's classes: which categories it tells apart. A category without a class of its own
# belongs to the class listed for it in MERGED. The file lists the classes' codes, in weight
# order.
SCHEMES = {
    # The quad classes, material conflict split by root.
    "quad": (
        ["010", "040", "060", "110", "140", "170", "180", "190"],
        {"020": "010", "030": "040", "050": "040", "070": "060", "080": "060", "084": "060",
         "100": "110", "120": "110", "130": "110", "160": "110"},
    ),
    # A class per PLOVER category (FIGHT apart from ASSAULT, appeals apart from statements).
    "plover": (
        ["010", "020", "030", "040", "050", "060", "070", "080", "084",
         "100", "110", "120", "130", "160", "140", "170", "180", "190"],
        {},
    ),
    # The same, appeals counted as statements.
    "plover without appeals": (
        ["010", "030", "040", "050", "060", "070", "080", "084",
         "100", "110", "120", "130", "160", "140", "170", "180", "190"],
        {"020": "010"},
    ),
    # The quad classes, with cooperation and verbal conflict split by PLOVER category.
    "conflict split": (
        ["010", "040", "060", "070", "080", "084",
         "100", "110", "120", "130", "160", "140", "170", "180", "190"],
        {"020": "010", "030": "040", "050": "040"},
    ),
}
SCHEME = "plover without appeals"
# How a guess is chosen: "class", the most probable class; "quad", the most probable class of
# the most probable quad class (with that quad class's probability).
DECISION = "class"

# The categories of each label. ConfliBERT's quad classes allow any category of the class;
# PLOVER v0.5 categories name one (MOBILIZE, CAMEO 15, has no class: any material conflict);
# ACLED's event types the roots of their family.
QUAD_LABELS = {
    0: ("010", "020"),
    1: ("030", "040", "050"),
    2: ("060", "070", "080", "084"),
    3: ("100", "110", "120", "130", "160"),
    4: ("140", "170", "180", "190"),
}
PLOVER_LABELS = {
    "AGREE": ("030",), "CONSULT": ("040",), "SUPPORT": ("050",),
    "COOPERATE": ("060",), "AID": ("070",), "CONCEDE": ("080",), "RETREAT": ("084",),
    "DEMAND": ("100",), "DISAPPROVE": ("110",), "INVESTIGATE": ("110",), "REJECT": ("120",),
    "THREATEN": ("130",), "SANCTION": ("160",),
    "PROTEST": ("140",), "COERCE": ("170",), "ASSAULT": ("180",), "FIGHT": ("190",),
    "MOBILIZE": QUAD_LABELS[4],
}
# PLOVER-GSR's old names, as tests/eval_external/sets.rs renames them.
PLOVER_RENAMED = {
    "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
}
ACLED_LABELS = {
    "battle": ("190",),
    "remote violence": ("180", "190"),
    "violence against civilians": ("170", "180"),
    "riots": ("140",),
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
    """(sentence, label) in file order, as tests/eval_external/sets.rs reads them; the label's
    categories are any of its quad class."""
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
        items.append((sentence.strip(), Label(QUAD_LABELS[label], quad=label)))
    return items


def plover(data):
    """(sentence, label) of PLOVER-GSR in file order, documentation entries left out."""
    path = data / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    raw = json.loads(path.read_text(encoding="utf-8"))
    items = []
    for r in raw:
        if r.get("event") == "DOCUMENT" or not r.get("text"):
            continue
        event = r.get("event")
        categories = PLOVER_LABELS.get(event)
        label = None
        if categories:
            label = Label(categories, plover=PLOVER_RENAMED.get(event, event))
        items.append((r["text"], label))
    return items


def acled(data):
    """(note, label) of the scored ACLED rows in file order, as sets.rs filters them."""
    path = data / "acled-africa-2016-q1" / "acled_africa_2016_to_march.csv"
    rows = csv.DictReader(io.StringIO(path.read_bytes().decode("latin-1"), newline=""))
    items = []
    for row in rows:
        kind = row["EVENT_TYPE"].strip().lower()
        categories = next((c for t, c in ACLED_LABELS.items() if kind.startswith(t)), None)
        note = row["NOTES"].strip()
        if categories is None or not note:
            continue
        try:
            datetime.strptime(row["EVENT_DATE"].strip(), "%d/%m/%Y")
        except ValueError:
            continue
        items.append((note, Label(categories)))
    return items


class Label:
    """The categories an item's label allows, and what it says for scoring: the quad class
    (ConfliBERT) or the PLOVER category under current names (PLOVER-GSR)."""

    def __init__(self, categories, quad=None, plover=None):
        self.categories = categories
        self.quad = quad
        self.plover = plover


def even(items):
    """The development half: items at even indexes, unlabelled ones left out."""
    return [it for i, it in enumerate(items) if i % 2 == 0 and it[1] is not None]


def development_sets(data):
    return {
        "conflibert": even(conflibert(data)),
        "plover": even(plover(data)),
        "acled": even(acled(data)),
    }


class Options:
    """The choices cross-validation compares; the defaults are the ones the file is built
    with."""

    def __init__(self, **changes):
        self.scheme = SCHEME
        self.l2 = L2
        self.min_count = MIN_COUNT
        self.bigrams = BIGRAMS
        self.acled = ACLED_WEIGHT
        self.plover = PLOVER_WEIGHT
        self.epochs = EPOCHS
        self.decision = DECISION
        for key, value in changes.items():
            if not hasattr(self, key):
                raise KeyError(key)
            setattr(self, key, value)

    def classes(self):
        return SCHEMES[self.scheme][0]

    def class_of(self, category):
        """The index of the class a category belongs to."""
        codes, merged = SCHEMES[self.scheme]
        return codes.index(merged.get(category, category))


class Model:
    """Weights per bucket and class, and a bias per class."""

    def __init__(self, classes, bigrams, buckets, weights, bias):
        self.classes = classes
        self.bigrams = bigrams
        self.buckets = buckets
        self.weights = weights
        self.bias = bias

    def probabilities(self, text):
        z = self.bias.copy()
        for f in features(text, self.bigrams):
            i = self.buckets.get(f)
            if i is not None:
                z = z + self.weights[i]
        p = np.exp(z - z.max())
        return p / p.sum()

    def guess(self, text, decision="class"):
        """The code of the most probable class, and its probability (the first of equal ones
        wins, as in quad_model). With decision "quad", the most probable class of the most
        probable quad class, and the quad class's probability."""
        p = self.probabilities(text)
        if decision == "quad":
            quads = [CATEGORIES[c][0] for c in self.classes]
            mass = [sum(p[k] for k, q in enumerate(quads) if q == quad) for quad in range(5)]
            quad = int(np.argmax(mass))
            best = max((k for k, q in enumerate(quads) if q == quad), key=lambda k: p[k])
            return self.classes[best], float(mass[quad])
        best = int(np.argmax(p))
        return self.classes[best], float(p[best])


def fit(items, options):
    """Full-batch gradient descent on the weighted mean loss plus an L2 penalty. `items` are
    (text, label, weight)."""
    classes = options.classes()
    docs = [features(t, options.bigrams) for t, _, _ in items]
    counts = {}
    for feats in docs:
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
    vocab = sorted(f for f, n in counts.items() if n >= options.min_count)
    index = {f: i for i, f in enumerate(vocab)}
    rows = [[index[f] for f in feats if f in index] for feats in docs]
    cols = np.array([i for r in rows for i in r], dtype=np.int64)
    doc_of = np.array([d for d, r in enumerate(rows) for _ in r], dtype=np.int64)
    allowed = np.zeros((len(items), len(classes)))
    for d, (_, label, _) in enumerate(items):
        allowed[d, [options.class_of(c) for c in label.categories]] = 1.0
    weight = np.array([w for _, _, w in items])
    weight = weight / weight.sum()
    w = np.zeros((len(vocab), len(classes)))
    b = np.zeros(len(classes))
    by_doc = Sums(doc_of, len(items), len(classes))
    by_feature = Sums(cols, len(vocab), len(classes))
    for _ in range(options.epochs):
        z = b + by_doc.of(w[cols])
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        # The gradient of -log(sum of the allowed classes' probabilities).
        q = p * allowed
        q /= q.sum(axis=1, keepdims=True)
        g = (p - q) * weight[:, None]
        gw = by_feature.of(g[doc_of])
        b -= RATE * g.sum(axis=0)
        w -= RATE * (gw + options.l2 * w)
    return Model(classes, options.bigrams, index, w, b)


class Sums:
    """Sums of rows grouped by an index: np.add.at(out, index, values), by one np.bincount over
    the flattened values (several times faster, and as deterministic)."""

    def __init__(self, index, rows, columns):
        self.flat = (index[:, None] * columns + np.arange(columns)).ravel()
        self.shape = (rows, columns)

    def of(self, values):
        size = self.shape[0] * self.shape[1]
        return np.bincount(self.flat, weights=values.ravel(), minlength=size).reshape(self.shape)


def training_items(sets, options, keep=lambda i: True):
    """(text, label, weight) of the development sets' items whose index `keep` accepts."""
    share = {"conflibert": 1.0, "plover": options.plover, "acled": options.acled}
    return [
        (t, label, share[s])
        for s, items in sets.items()
        if share[s]
        for i, (t, label) in enumerate(items)
        if keep(i)
    ]


def right(name, code, label):
    """Whether a guess is right for an item of set `name`: the quad class for ConfliBERT, the
    PLOVER category for PLOVER-GSR, one of the allowed roots for ACLED."""
    if name == "conflibert":
        return CATEGORIES[code][0] == label.quad
    if name == "plover":
        return CATEGORIES[code][1] == label.plover
    return code in label.categories


def out_of_fold(sets, options):
    """5-fold cross-validation on the development halves: per set, (probability, right) of
    every item's guess by the model trained on the other folds."""
    scored = {s: [] for s in sets}
    for k in range(5):
        model = fit(training_items(sets, options, lambda i: i % 5 != k), options)
        for s, items in sets.items():
            for t, label in (it for i, it in enumerate(items) if i % 5 == k):
                code, p = model.guess(t, options.decision)
                scored[s].append((p, right(s, code, label)))
    return scored


# The choices cross_validate() compares, the file's own first.
CHOICES = [
    ("as built", {}),
    ("quad classes", dict(scheme="quad", plover=1.0)),
    ("quad classes, GSR at 2", dict(scheme="quad")),
    ("with appeals", dict(scheme="plover")),
    ("conflict split only", dict(scheme="conflict split")),
    ("decided by quad", dict(decision="quad")),
    ("PLOVER-GSR at 1", dict(plover=1.0)),
    ("PLOVER-GSR at 3", dict(plover=3.0)),
    ("L2 3e-4", dict(l2=3e-4)),
    ("L2 3e-5", dict(l2=3e-5)),
    ("min count 1", dict(min_count=1)),
    ("min count 3", dict(min_count=3)),
    ("no word pairs", dict(bigrams=False)),
    ("ACLED at 0.05", dict(acled=0.05)),
    ("ACLED at 0.25", dict(acled=0.25)),
]


def cross_validate(data, only=None):
    """Prints out-of-fold accuracy per set for each choice: ConfliBERT's quad class, PLOVER-GSR's
    category, ACLED's allowed roots; and, for guesses at or above MIN_PROBABILITY (what the
    coder emits), how many and how many right."""
    sets = development_sets(data)
    print("5-fold cross-validation on the development halves (share right; emitted, right)")
    print(f"  {'choice':<24} ConfliBERT quad     PLOVER category     ACLED root")
    for name, changes in CHOICES:
        if only and name not in only:
            continue
        scored = out_of_fold(sets, Options(**changes))
        cells = []
        for s in ("conflibert", "plover", "acled"):
            all_right = sum(ok for _, ok in scored[s]) / len(scored[s])
            emitted = [ok for p, ok in scored[s] if p >= MIN_PROBABILITY]
            share = sum(emitted) / max(len(emitted), 1)
            cells.append(f"{all_right:.3f} ({len(emitted):>4}, {share:.2f})")
        print(f"  {name:<24} {'  '.join(cells)}")
        sys.stdout.flush()


def probability_bands(data, changes=None):
    """Out-of-fold share right per band of the winning class's probability, for the file's
    choices: where a guess stops being worth emitting (MIN_PROBABILITY in quad_model)."""
    scored = out_of_fold(development_sets(data), Options(**(changes or {})))
    print("out of fold, by the winning class's probability: items, share right")
    print("  probability   ConfliBERT (quad)   PLOVER (category)   ACLED")
    for band in range(1, 10):
        cells = []
        for s in ("conflibert", "plover", "acled"):
            r = [ok for p, ok in scored[s] if band / 10 <= p < (band + 1) / 10]
            cells.append(f"{len(r):>4} {sum(r) / max(len(r), 1):.2f}")
        print(f"  {band / 10:.1f}-{(band + 1) / 10:.1f}       {'          '.join(cells)}")
    sys.stdout.flush()


def rounded(values):
    return [round(float(v), 4) + 0.0 for v in values]


def write(model, path, trained_on):
    weights = {}
    for f in sorted(model.buckets):
        w = rounded(model.weights[model.buckets[f]])
        if max(abs(v) for v in w) >= PRUNE:
            weights[str(f)] = w
    doc = {
        "about": (
            "Fallback event-class model of demarche (src/extract/quad_model): multinomial "
            "logistic regression over a sentence's lowercased words and word pairs, hashed "
            "(FNV-1a) into numbered buckets; one class per entry of classes, named by the "
            "CAMEO code its guesses are coded with. Generated by "
            f"config/models/train_quad_class.py ({trained_on}); do not edit by hand."
        ),
        "bigrams": model.bigrams,
        "buckets": BUCKETS,
        "classes": model.classes,
        "bias": rounded(model.bias),
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
    parser.add_argument("--only", nargs="*", help="cross-validate only these choices")
    args = parser.parse_args()
    data = Path(args.data)
    if not (data / "README.md").is_file():
        sys.exit(f"train_quad_class: the external sets are not at {data} (use --data)")
    if args.cv:
        cross_validate(data, args.only)
        probability_bands(data)
    sets = development_sets(data)
    options = Options()
    model = fit(training_items(sets, options), options)
    trained_on = (
        f"{len(sets['conflibert'])} ConfliBERT sentences, {len(sets['plover'])} PLOVER-GSR "
        f"sentences and {len(sets['acled'])} ACLED notes, the even-indexed halves of "
        "../shared/eval"
    )
    write(model, Path(args.out), trained_on)
    print(f"train_quad_class: {args.out} written ({trained_on})")


if __name__ == "__main__":
    main()
