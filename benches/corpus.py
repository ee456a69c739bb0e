"""The generated news articles of the benchmarks: sentence shapes from corpus.json filled with two
states, a number and a weekday (the same shapes benches/pipeline.rs reads). No Kafka client is
needed, so that offline scripts (extract_corpus.py) can use it too."""
import json
import pathlib

CORPUS = json.loads((pathlib.Path(__file__).parent / "corpus.json").read_text())
STATES, SHAPES, DAYS = CORPUS["states"], CORPUS["shapes"], CORPUS["days"]


def article(i, rng, prefix="bench"):
    sentences = []
    for _ in range(rng.randint(4, 9)):
        a, b = rng.sample(STATES, 2)
        shape = rng.choice(SHAPES)
        sentences.append(shape.format(A=a, B=b, n=rng.randint(2, 9999), day=rng.choice(DAYS)))
    return news_json(f"{prefix}-{i}", f"https://news.example.org/bench/{i}", f"Report {i}",
                     sentences, f"2024-06-{1 + i % 28:02d}T12:00:00Z")


def news_json(article_id, url, title, sentences, published_at):
    """A JSON article of the generated feeds: sentences two to a paragraph."""
    paragraphs = [" ".join(sentences[k:k + 2]) for k in range(0, len(sentences), 2)]
    return json.dumps({
        "id": article_id,
        "url": url,
        "source": "Example Wire",
        "title": title,
        "body": "\n\n".join(paragraphs),
        "published_at": published_at,
        "language": "en",
    })
