#!/usr/bin/env python3
"""Scaling of Trawl's cost with document size, document count and cores.

Builds documents from the corpus and runs `trawl bench` (a release build) on them:

  1. size:   one document of 1 KB ... 10 MB, as French text and as HTML, processed enough times
             to take about a second; the CPU cost per MB should stay flat if the cost is linear;
  2. count:  1 ... 1000 real pages of the corpus in one run; the cost per page should stay flat;
  3. cores:  the same pages with --jobs 1 and --jobs 2 (or more, up to the cores present).

Writes scaling.md (tables) and scaling.png (matplotlib, if installed) or scaling.svg (a plain SVG
written by this script otherwise) into this folder. Python 3 standard library only; matplotlib is
optional (`pip install matplotlib`).

Usage, from the repository root, after `swift build -c release --scratch-path .build-bench`:

  python3 Benchmarks/scaling/run_scaling.py [--trawl .build-bench/release/trawl]
      [--corpus ../shared/corpus/html] [--rounds 3] [--quick]

Every figure is the median of --rounds runs. The machine's load average is recorded with the
results: on a shared machine, wall-clock figures move with the load, CPU time less so.
"""

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

KB = 1000
MB = 1000 * 1000
SIZES = [1 * KB, 4 * KB, 16 * KB, 64 * KB, 256 * KB, 1 * MB, 4 * MB, 10 * MB]
COUNTS = [1, 10, 30, 100, 300, 1000]


def parse_bench(output):
    """The figures of one `trawl bench` report."""
    result = {"stages": {}}
    match = re.search(r"input ([\d.]+) MB, text ([\d.]+) MB, (\d+) words per pass", output)
    if match:
        result["input_mb"], result["text_mb"], result["words"] = float(match[1]), float(match[2]), int(match[3])
    match = re.search(r"^(\d+) documents × (\d+) repeats", output, re.M)
    if match:
        result["documents"], result["repeats"] = int(match[1]), int(match[2])
    match = re.search(r"total: ([\d.]+) s wall, ([\d.]+) s cpu", output)
    if not match:
        raise RuntimeError("unexpected `trawl bench` output:\n" + output)
    result["wall"], result["cpu"] = float(match[1]), float(match[2])
    match = re.search(r"peak memory: ([\d.]+) MB", output)
    result["peak_mb"] = float(match[1]) if match else None
    for line in output.splitlines():
        row = re.match(r"^(.+?)\s+(\d+\.\d+)\s+([\d.]+)%\s+", line)
        if row and not line.startswith("total"):
            result["stages"][row[1].strip()] = float(row[2])
    return result


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


STARTUP = {"cpu": 0.0}


def run_bench(trawl, inputs, repeats, jobs, extra=()):
    """One `trawl bench` run: its report's figures, plus `process_cpu`, the CPU time the process
    used (user + system, from rusage) less the start-up cost measured by `measure_startup`."""
    command = [str(trawl), "bench", "--repeat", str(repeats), "--jobs", str(jobs), *extra, *map(str, inputs)]
    before = children_cpu()
    stdout, stderr, returncode, peak = run_watching_memory(command)
    used = children_cpu() - before
    if returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{stderr}")
    result = parse_bench(stdout)
    result["process_cpu"] = max(used - STARTUP["cpu"], 1e-6)
    # `trawl bench` reports getrusage's ru_maxrss, which on Linux keeps the high-water mark of the
    # process it was forked from (this script): use the child's own VmHWM instead.
    result["peak_mb"] = peak
    return result


def run_watching_memory(command):
    """Runs `command`, sampling its VmHWM (peak resident set of its own address space) every
    10 ms; returns stdout, stderr, the exit status and the last VmHWM seen, in MB."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err)
        peak = None
        status = Path(f"/proc/{process.pid}/status")
        while process.poll() is None:
            try:
                for line in status.read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = int(line.split()[1]) / 1024
            except (OSError, ValueError):
                pass
            time.sleep(0.01)
        out.seek(0)
        err.seek(0)
        return out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"), process.returncode, peak


def measure_startup(trawl, work):
    """CPU time of `trawl bench` on one tiny text: start-up and model loading, taken off later."""
    tiny = work / "tiny.txt"
    tiny.write_text("Le 3 mai 2021, Emmanuel Macron a reçu 12 ministres à Paris.\n", encoding="utf-8")
    values = []
    for _ in range(3):
        before = children_cpu()
        subprocess.run([str(trawl), "bench", "--jobs", "1", str(tiny)], capture_output=True, text=True, check=True)
        values.append(children_cpu() - before)
    STARTUP["cpu"] = statistics.median(values)
    tiny.unlink()


def median_run(trawl, inputs, repeats, jobs, rounds, extra=()):
    """Runs `rounds` times and keeps, for every figure, the median."""
    runs = [run_bench(trawl, inputs, repeats, jobs, extra) for _ in range(rounds)]
    merged = dict(runs[0])
    for key in ("wall", "cpu", "process_cpu", "peak_mb"):
        values = [run[key] for run in runs if run.get(key) is not None]
        merged[key] = statistics.median(values) if values else None
    merged["stages"] = {name: statistics.median(run["stages"].get(name, 0.0) for run in runs)
                        for name in runs[0]["stages"]}
    return merged


def corpus_pages(corpus, languages=None):
    """Real pages of the corpus (optionally of some languages only, from MANIFEST.tsv)."""
    manifest = corpus.parent / "MANIFEST.tsv"
    wanted = None
    if languages and manifest.exists():
        wanted = set()
        for line in manifest.read_text(encoding="utf-8").splitlines()[1:]:
            fields = line.split("\t")
            if len(fields) > 6 and fields[6] == "page" and fields[3] in languages:
                wanted.add(Path(fields[0]).name)
    pages = sorted(p for p in corpus.glob("*.html") if wanted is None or p.name in wanted)
    if not pages:
        raise SystemExit(f"no pages in {corpus}")
    return pages


def extract_texts(trawl, pages):
    """The text Trawl reads out of `pages` (`trawl extract --include-text`)."""
    completed = subprocess.run([str(trawl), "extract", "--include-text", "--extractors", "dates", *map(str, pages)],
                               capture_output=True, text=True)
    texts = []
    for line in completed.stdout.split("\n"):  # not splitlines(): texts hold U+2028 and U+0085
        if not line.strip():
            continue
        record = json.loads(line)
        if record.get("text"):
            texts.append(record["text"])
    if not texts:
        raise SystemExit("trawl extract gave no text:\n" + completed.stderr)
    return texts


def cut_after_word(data, size):
    """The first `size` bytes of `data`, cut back to the last space or newline."""
    data = data[:size]
    cut = max(data.rfind(b" "), data.rfind(b"\n"))
    return data[:cut] if cut > size // 2 else data


def cycle_to(parts, size):
    """`parts` (bytes) concatenated, cycling, until at least `size` bytes."""
    out, total, index = [], 0, 0
    while total < size:
        out.append(parts[index % len(parts)])
        total += len(out[-1])
        index += 1
    return b"".join(out)


def text_documents(texts, size, total):
    """Consecutive chunks of `size` bytes of the cycled French texts, `total` bytes in all (at least
    one chunk): every size covers the same text, cut into documents of that size."""
    base = cycle_to([text.encode("utf-8") + b"\n\n" for text in texts], max(size, total) + size)
    documents, offset = [], 0
    while offset < max(size, total) and offset < len(base):
        chunk = cut_after_word(base[offset:], size)
        documents.append(chunk.decode("utf-8", errors="ignore").encode("utf-8"))
        offset += len(chunk)
    return documents


BODY = re.compile(rb"<body[^>]*>(.*?)(?:</body>|$)", re.S | re.I)
HEAD = b'<!DOCTYPE html><html><head><meta charset="utf-8"><title>scaling</title></head><body>\n'
TAIL = b"\n</body></html>\n"


def html_documents(pages, size, total):
    """Pages of `size` bytes whose body is a consecutive chunk of the real pages' bodies (cycled,
    cut before a tag), `total` bytes in all (at least one page)."""
    bodies = [match[1] for match in (BODY.search(page.read_bytes()) for page in pages) if match]
    room = max(size - len(HEAD) - len(TAIL), 256)
    base = cycle_to(bodies, max(size, total) + size)
    documents, offset = [], 0
    while offset < max(size, total) and offset < len(base):
        chunk = base[offset:offset + room]
        cut = chunk.rfind(b"<")
        if cut > room // 2:
            chunk = chunk[:cut]
        documents.append(HEAD + chunk + TAIL)
        offset += len(chunk)
    return documents


def load_average():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "unknown"


def cpu_model():
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def fmt(value, digits=2):
    return "–" if value is None else f"{value:.{digits}f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trawl", type=Path, default=ROOT / ".build-bench/release/trawl")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/html",
                        help="a folder of HTML pages (default ../shared/corpus/html; falls back to Benchmarks/Data/html)")
    parser.add_argument("--rounds", type=int, default=3, help="runs per point; the median is kept")
    parser.add_argument("--target-mb", type=float, default=4.0,
                        help="bytes processed per size point, in MB (repeats = this / size)")
    parser.add_argument("--quick", action="store_true", help="fewer, smaller points (a smoke test)")
    parser.add_argument("--out", type=Path, default=HERE)
    parser.add_argument("--replot", action="store_true",
                        help="only rewrite scaling.md and the plot from the scaling.json of --out")
    args = parser.parse_args()
    if args.replot:
        saved = json.loads((args.out / "scaling.json").read_text())
        write_markdown(args.out / "scaling.md", saved["machine"], saved["size"], saved["count"], saved["jobs"],
                       saved["count"][-1]["count"], saved["machine"].get("rounds", args.rounds))
        plot(args.out, saved["size"], saved["count"], saved["jobs"])
        return

    trawl = args.trawl.absolute()
    if not trawl.exists():
        raise SystemExit(f"{trawl} not found: build it with `swift build -c release --scratch-path .build-bench`")
    corpus = args.corpus if args.corpus.is_dir() else HERE.parent / "Data/html"
    sizes = SIZES[:5] if args.quick else SIZES
    counts = COUNTS[:4] if args.quick else COUNTS
    rounds = 1 if args.quick else args.rounds
    target = args.target_mb * MB
    cores = os.cpu_count() or 1
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    loads = [load_average()]
    print(f"trawl: {trawl}\ncorpus: {corpus}\nload average: {loads[0]}", file=sys.stderr)

    french_pages = corpus_pages(corpus, {"fr"})
    all_pages = corpus_pages(corpus)
    texts = extract_texts(trawl, french_pages)
    work = Path(tempfile.mkdtemp(prefix="trawl-scaling-"))
    rows_size = []
    try:
        measure_startup(trawl, work)
        print(f"start-up CPU (taken off every run): {STARTUP['cpu']:.3f} s", file=sys.stderr)
        # 1. Document size: the same text (or HTML), cut into documents of each size.
        for kind in ("text", "html"):
            for size in sizes:
                folder = work / f"{kind}-{size}"
                folder.mkdir()
                documents = (text_documents(texts, size, target) if kind == "text"
                             else html_documents(french_pages, size, target))
                for index, data in enumerate(documents):
                    (folder / f"{index:06d}.{'txt' if kind == 'text' else 'html'}").write_bytes(data)
                total = sum(len(data) for data in documents)
                repeats = max(1, round(target / total))
                result = median_run(trawl, [folder], repeats, 1, rounds)
                per_mb = result["process_cpu"] / (total * repeats / MB)
                stages = {name: value / (total * repeats / MB) for name, value in result["stages"].items()}
                rows_size.append({"kind": kind, "size": total // len(documents), "documents": len(documents),
                                  "bytes": total, "repeats": repeats, "wall": result["wall"],
                                  "cpu": result["process_cpu"], "thread_time": result["cpu"],
                                  "cpu_per_mb": per_mb, "peak_mb": result["peak_mb"],
                                  "words": result.get("words", 0), "stages_per_mb": stages})
                print(f"size {kind:4} {total // len(documents):>9} B × {len(documents):<5} docs ×{repeats:<3} "
                      f"cpu {result['process_cpu']:.3f} s  {per_mb:.3f} s/MB  peak {fmt(result['peak_mb'], 1)} MB",
                      file=sys.stderr)
                shutil.rmtree(folder)
        loads.append(load_average())

        # 2. Document count: real pages (all languages), cycling through the corpus.
        rows_count = []
        for count in counts:
            folder = work / f"pages-{count}"
            folder.mkdir()
            total = 0
            for index in range(count):
                page = all_pages[index % len(all_pages)]
                target_path = folder / f"{index:05d}-{page.name}"
                shutil.copyfile(page, target_path)
                total += page.stat().st_size
            repeats = max(1, round(20 * MB / total)) if not args.quick else 1
            result = median_run(trawl, [folder], repeats, 1, rounds)
            per_page = result["process_cpu"] / (count * repeats)
            rows_count.append({"count": count, "bytes": total, "repeats": repeats, "wall": result["wall"],
                               "cpu": result["process_cpu"], "thread_time": result["cpu"], "ms_per_page": per_page * 1000,
                               "cpu_per_mb": result["process_cpu"] / (total * repeats / MB), "peak_mb": result["peak_mb"]})
            print(f"count {count:>5} pages {total / MB:7.2f} MB ×{repeats:<4} cpu {result['process_cpu']:.3f} s "
                  f"{per_page * 1000:.2f} ms/page", file=sys.stderr)
        loads.append(load_average())

        # 3. Cores: the largest page set, --jobs 1 … all cores.
        folder = work / f"pages-{counts[-1]}"
        total = sum(p.stat().st_size for p in folder.iterdir())
        repeats = max(1, round(40 * MB / total)) if not args.quick else 1
        rows_jobs = []
        for jobs in range(1, cores + 1):
            result = median_run(trawl, [folder], repeats, jobs, rounds)
            mbps = total * repeats / MB / result["wall"]
            rows_jobs.append({"jobs": jobs, "wall": result["wall"], "cpu": result["process_cpu"],
                              "thread_time": result["cpu"], "mbps": mbps, "peak_mb": result["peak_mb"],
                              "load": load_average()})
            print(f"jobs {jobs}: wall {result['wall']:.3f} s, {mbps:.1f} MB/s", file=sys.stderr)
        loads.append(load_average())
    finally:
        shutil.rmtree(work, ignore_errors=True)

    machine = {"cpu": cpu_model(), "cores": cores, "date": started, "loads": loads, "startup_cpu": STARTUP["cpu"],
               "trawl": str(trawl.relative_to(ROOT) if trawl.is_relative_to(ROOT) else trawl),
               "target_mb": args.target_mb, "rounds": rounds}
    write_markdown(args.out / "scaling.md", machine, rows_size, rows_count, rows_jobs, counts[-1], rounds)
    (args.out / "scaling.json").write_text(json.dumps(
        {"machine": machine, "size": rows_size, "count": rows_count, "jobs": rows_jobs}, indent=1) + "\n")
    plot(args.out, rows_size, rows_count, rows_jobs)


def linear_fit_note(xs, ys):
    """Slope of log(y) against log(x): 1 means linear."""
    import math
    points = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x > 0 and y > 0]
    if len(points) < 2:
        return None
    mean_x = sum(p[0] for p in points) / len(points)
    mean_y = sum(p[1] for p in points) / len(points)
    num = sum((x - mean_x) * (y - mean_y) for x, y in points)
    den = sum((x - mean_x) ** 2 for x, _ in points)
    return num / den if den else None


def write_markdown(path, machine, rows_size, rows_count, rows_jobs, pages, rounds):
    lines = [
        "# Scaling of Trawl's cost",
        "",
        f"Generated by `python3 Benchmarks/scaling/run_scaling.py` on {machine['date']}: {machine['cpu']}, "
        f"{machine['cores']} cores, load average (1, 5, 15 min) {' → '.join(machine['loads'])} during the run; "
        f"binary `{machine['trawl']}`; median of {rounds} run(s) per point. CPU s is the CPU time (user + "
        "system) of the `trawl bench` process less its start-up cost (loading the models, measured on a "
        f"one-sentence text: {machine['startup_cpu']:.3f} s); it includes loading the inputs into memory. Peak "
        "memory is the process's VmHWM (sampled every 10 ms), inputs loaded in memory included. "
        "The per-stage columns are `trawl bench`'s own stage timings (CPU time of the worker thread).",
        "",
        "## Document size (`--jobs 1`)",
        "",
        "The same input cut into documents of each size: text, French page texts (what "
        "`trawl extract --include-text` reads out of the corpus's French pages) concatenated and cut "
        "after a word; HTML, the `<body>` of the French pages concatenated and cut before a tag, each "
        "piece wrapped in a small page. About the same number of bytes per point (fewer documents as "
        "they grow). CPU s per MB should stay flat if the cost is linear in the size; the stage columns "
        "split it (reading, analysis, and each extractor).",
        "",
    ]
    stage_names = []
    for row in rows_size:
        for name in row["stages_per_mb"]:
            if name not in stage_names:
                stage_names.append(name)
    short = [name.split(" (")[0].replace("extractor: ", "") for name in stage_names]
    lines.append("| input | document size | documents | repeats | CPU s | CPU s per MB | MB/s | "
                 + " | ".join(f"{name} s/MB" for name in short) + " | peak memory MB |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in short) + " | ---: |")
    for row in rows_size:
        lines.append(f"| {row['kind']} | {human(row['size'])} | {row['documents']} | {row['repeats']} | "
                     f"{row['cpu']:.3f} | {row['cpu_per_mb']:.3f} | {1 / row['cpu_per_mb']:.1f} | "
                     + " | ".join(f"{row['stages_per_mb'].get(name, 0):.3f}" for name in stage_names)
                     + f" | {fmt(row['peak_mb'], 1)} |")
    for kind in ("text", "html"):
        rows = [r for r in rows_size if r["kind"] == kind]
        slope = linear_fit_note([r["size"] for r in rows], [per_document(r) for r in rows])
        if slope is not None:
            lines.append("")
            lines.append(f"{kind}: log–log slope of CPU time per document against document size = "
                         f"**{slope:.2f}** (1.00 is linear).")
    lines += [
        "",
        "## Number of documents (real corpus pages, all languages, `--jobs 1`)",
        "",
        "| pages | MB | repeats | CPU s | ms per page | CPU s per MB | peak memory MB |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows_count:
        lines.append(f"| {row['count']} | {row['bytes'] / MB:.2f} | {row['repeats']} | {row['cpu']:.3f} | "
                     f"{row['ms_per_page']:.2f} | {row['cpu_per_mb']:.3f} | {fmt(row['peak_mb'], 1)} |")
    slope = linear_fit_note([r["count"] for r in rows_count], [r["cpu"] / r["repeats"] for r in rows_count])
    if slope is not None:
        lines.append("")
        lines.append(f"Log–log slope of CPU time per pass against the number of pages = **{slope:.2f}** "
                     "(the first points hold few, unequal pages: the per-page cost there depends on which pages).")
    lines += [
        "",
        f"## Cores ({pages} pages, `--jobs N`)",
        "",
        "Wall-clock throughput of the processing (inputs already in memory). On a shared machine the "
        "speed-up is bounded by the cores the other processes leave free: see the load average.",
        "",
        "| jobs | wall s | process CPU s | MB/s of HTML (wall) | speed-up | load average after | peak memory MB |",
        "| ---: | ---: | ---: | ---: | ---: | --- | ---: |",
    ]
    for row in rows_jobs:
        lines.append(f"| {row['jobs']} | {row['wall']:.3f} | {row['cpu']:.3f} | {row['mbps']:.1f} | "
                     f"{row['mbps'] / rows_jobs[0]['mbps']:.2f}× | {row['load']} | {fmt(row['peak_mb'], 1)} |")
    lines += ["", "![scaling](scaling.png)" if has_matplotlib() else "![scaling](scaling.svg)", ""]
    path.write_text("\n".join(lines))
    print(f"wrote {path}", file=sys.stderr)


def per_document(row):
    """CPU seconds per document of a size row."""
    return row["cpu"] / (row["repeats"] * row["documents"])


def human(size):
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{size / KB:.1f} KB"


def has_matplotlib():
    try:
        import matplotlib  # noqa: F401
        return True
    except ImportError:
        return False


def plot(out, rows_size, rows_count, rows_jobs):
    if has_matplotlib():
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        figure, axes = plt.subplots(1, 3, figsize=(15, 4.5))
        for kind, marker in (("text", "o"), ("html", "s")):
            rows = [r for r in rows_size if r["kind"] == kind]
            axes[0].loglog([r["size"] for r in rows], [per_document(r) * 1000 for r in rows],
                           marker=marker, label=f"{kind}: CPU ms per document")
        xs = [r["size"] for r in rows_size if r["kind"] == "text"]
        if xs:
            last = [r for r in rows_size if r["kind"] == "text"][-1]
            per_byte = per_document(last) * 1000 / last["size"]
            axes[0].loglog(xs, [x * per_byte for x in xs], linestyle=":", color="grey", label="linear (slope 1)")
        axes[0].set_xlabel("document size (bytes)")
        axes[0].set_ylabel("CPU ms per document")
        axes[0].set_title("cost against document size")
        axes[0].legend()
        axes[1].loglog([r["count"] for r in rows_count], [r["cpu"] / r["repeats"] for r in rows_count], marker="o",
                       label="CPU s per pass")
        axes[1].set_xlabel("pages")
        axes[1].set_ylabel("CPU s")
        axes[1].set_title("cost against number of pages")
        axes[1].legend()
        axes[2].plot([r["jobs"] for r in rows_jobs], [r["mbps"] for r in rows_jobs], marker="o", label="measured")
        axes[2].plot([r["jobs"] for r in rows_jobs], [rows_jobs[0]["mbps"] * r["jobs"] for r in rows_jobs],
                     linestyle=":", color="grey", label="ideal")
        axes[2].set_xlabel("--jobs")
        axes[2].set_ylabel("MB/s of HTML (wall clock)")
        axes[2].set_xticks([r["jobs"] for r in rows_jobs])
        axes[2].set_title("throughput against cores (load average %s)" % rows_jobs[-1].get("load", "?").split()[0],
                          fontsize=10)
        axes[2].legend()
        figure.tight_layout()
        figure.savefig(out / "scaling.png", dpi=110)
        print(f"wrote {out / 'scaling.png'}", file=sys.stderr)
    else:
        write_svg(out / "scaling.svg", rows_size)
        print(f"wrote {out / 'scaling.svg'} (matplotlib not installed)", file=sys.stderr)


def write_svg(path, rows_size):
    """A minimal log–log plot of CPU time per document against size, without matplotlib."""
    import math
    width, height, margin = 640, 420, 60
    points = [(r["size"], per_document(r), r["kind"]) for r in rows_size]
    xs = [math.log10(p[0]) for p in points]
    ys = [math.log10(max(p[1], 1e-9)) for p in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)

    def sx(v):
        return margin + (v - x0) / ((x1 - x0) or 1) * (width - 2 * margin)

    def sy(v):
        return height - margin - (v - y0) / ((y1 - y0) or 1) * (height - 2 * margin)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             'font-size="12"><rect width="100%" height="100%" fill="white"/>',
             f'<text x="{width / 2}" y="20" text-anchor="middle">CPU time per document against size (log–log)</text>',
             f'<line x1="{margin}" y1="{height - margin}" x2="{width - margin}" y2="{height - margin}" stroke="black"/>',
             f'<line x1="{margin}" y1="{margin}" x2="{margin}" y2="{height - margin}" stroke="black"/>']
    for kind, colour in (("text", "#1f77b4"), ("html", "#d62728")):
        series = [(sx(x), sy(y)) for x, y, p in zip(xs, ys, points) if p[2] == kind]
        if series:
            parts.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>'
                         % (colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in series)))
            parts.append(f'<text x="{series[-1][0] - 40:.1f}" y="{series[-1][1] - 8:.1f}" fill="{colour}">{kind}</text>')
    parts.append(f'<text x="{width / 2}" y="{height - 15}" text-anchor="middle">size: {human(min(p[0] for p in points))}'
                 f' … {human(max(p[0] for p in points))}</text>')
    parts.append("</svg>")
    path.write_text("\n".join(parts))


if __name__ == "__main__":
    main()
