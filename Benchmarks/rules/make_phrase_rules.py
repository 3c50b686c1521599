#!/usr/bin/env python3
"""Writes a rules file with N phrase patterns for measuring the `rules` extractor.

The phrases are the distinct entity strings of WikiNEuRal (French and English, train and dev,
from ../shared/data/ner), then, to reach N, person names made by pairing their first and last
words (deterministic order, no randomness). Labels: the gold label of each string (PER for the
pairs).

    python3 Benchmarks/rules/make_phrase_rules.py ../shared/data/ner 100000 /tmp/rules-100k
    # writes /tmp/rules-100k/phrases.yaml (phrases inline in YAML)
    #    and /tmp/rules-100k/file.yaml + per-label .txt files (phrases in plain-text files)
"""
import gzip
import json
import os
import sys


def main():
    data, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    seen, phrases = set(), []
    for name in sorted(os.listdir(data)):
        if not name.startswith("wikineural-") or not name.endswith(".jsonl.gz"):
            continue
        with gzip.open(os.path.join(data, name), "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                for entity in record["entities"]:
                    text = record["text"][entity["start"]:entity["end"]]
                    if text not in seen and not text.startswith(("#", "@")):
                        seen.add(text)
                        phrases.append((text, entity["label"]))
    people = [text.split() for text, label in phrases if label == "PER" and len(text.split()) >= 2]
    firsts = sorted({words[0] for words in people})
    lasts = sorted({words[-1] for words in people})
    for last in lasts:
        for first in firsts:
            if len(phrases) >= count:
                break
            text = f"{first} {last}"
            if text not in seen:
                seen.add(text)
                phrases.append((text, "PER"))
        if len(phrases) >= count:
            break
    phrases = phrases[:count]
    os.makedirs(out, exist_ok=True)
    labels = sorted({label for _, label in phrases})

    def quoted(text):
        return json.dumps(text, ensure_ascii=False)

    with open(os.path.join(out, "phrases.yaml"), "w", encoding="utf-8") as yaml:
        yaml.write("overlap: keep-longest\nphrase_lists:\n")
        for label in labels:
            yaml.write(f"  - id: {label.lower()}\n    label: {label}\n    phrases:\n")
            for text, phrase_label in phrases:
                if phrase_label == label:
                    yaml.write(f"      - {quoted(text)}\n")
    with open(os.path.join(out, "file.yaml"), "w", encoding="utf-8") as yaml:
        yaml.write("overlap: keep-longest\nphrase_lists:\n")
        for label in labels:
            yaml.write(f"  - {{id: {label.lower()}, label: {label}, file: {label.lower()}.txt}}\n")
            with open(os.path.join(out, f"{label.lower()}.txt"), "w", encoding="utf-8") as text_file:
                for text, phrase_label in phrases:
                    if phrase_label == label:
                        text_file.write(text + "\n")
    print(f"{len(phrases)} phrases ({', '.join(f'{l}: {sum(1 for _, x in phrases if x == l)}' for l in labels)}) in {out}")


if __name__ == "__main__":
    main()
