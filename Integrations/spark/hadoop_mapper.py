#!/usr/bin/env python3
"""Hadoop Streaming mapper: runs `trawl extract` on each WARC/ARC path it reads.

Input: one path per line (with NLineInputFormat the line arrives as "offset<TAB>path"; the last
field is the path). A plain path is opened by trawl; a URI (hdfs://, s3a://…) is streamed to
trawl's standard input by `hdfs dfs -cat URI`, and the records name the URI.
Output: trawl's JSON lines, unchanged, on standard output (a map-only job: -numReduceTasks 0).
On standard error: one "trawl_summary {json}" line per file (the Spark job's summary fields;
bytes is null for a streamed URI) and Hadoop counters (group trawl: files, documents, errors,
skipped).
A file whose trawl run or `hdfs dfs -cat` fails makes the mapper exit with status 1, so Hadoop
retries the task (mapreduce.map.maxattempts) and reports it failed if every attempt fails.

Arguments after `--` are passed to `trawl extract`; --trawl names the binary (default:
trawl/trawl from `-archives trawl-linux-x86_64.tar.gz#trawl`, else trawl on PATH).
"""

import argparse
import json
import subprocess
import sys
import os

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import trawl_spark  # noqa: E402


def counter(name, amount):
    """Reports a Hadoop Streaming counter."""
    print(f"reporter:counter:trawl,{name},{amount}", file=sys.stderr)


def map_file(trawl, trawl_args, jobs, path):
    """Runs trawl on one path; writes its lines to stdout and returns the summary row."""
    fetch = None
    data = None
    if trawl_spark.has_scheme(path):
        fetch = subprocess.Popen(["hdfs", "dfs", "-cat", path], stdout=subprocess.PIPE)
        data = fetch.stdout
    stats = None
    try:
        for kind, value in trawl_spark.run_trawl(trawl, trawl_args, jobs, path, data):
            if kind == "lines":
                sys.stdout.buffer.write(value)
            else:
                stats = value
    finally:
        if fetch is not None:
            fetch.stdout.close()
            if fetch.wait() != 0:
                raise trawl_spark.TrawlFailure(f"hdfs dfs -cat {path} failed with exit status {fetch.returncode}")
    attempt = os.environ.get("mapreduce_task_attempt_id", "").rsplit("_", 1)[-1]
    return trawl_spark.summary_row(path, status="errors" if stats["errors"] else "ok",
                                   bytes=os.path.getsize(path) if fetch is None and os.path.isfile(path) else None,
                                   attempts=int(attempt) + 1 if attempt.isdigit() else 1, **stats)


def main(argv=None):
    """Maps every path on standard input; exit status 1 when one failed."""
    argv = sys.argv[1:] if argv is None else argv
    split = argv.index("--") if "--" in argv else len(argv)
    parser = argparse.ArgumentParser(prog="hadoop_mapper.py", description=__doc__.splitlines()[0])
    parser.add_argument("--trawl", default=None, help="the trawl binary (default: trawl/trawl, else PATH)")
    parser.add_argument("--jobs", type=int, default=1, help="trawl --jobs (default: 1)")
    options = parser.parse_args(argv[:split])
    trawl_args = argv[split + 1:]
    trawl = trawl_spark.find_trawl(options.trawl, [os.getcwd()])
    for line in sys.stdin:
        path = line.rstrip("\n").split("\t")[-1].strip()
        if not path:
            continue
        try:
            row = map_file(trawl, trawl_args, options.jobs, path)
        except trawl_spark.TrawlFailure as error:
            print(f"trawl_mapper: {path}: {error}", file=sys.stderr)
            return 1
        sys.stdout.buffer.flush()
        print("trawl_summary " + json.dumps(row), file=sys.stderr)
        counter("files", 1)
        for name in ("documents", "errors", "skipped"):
            counter(name, row[name])
    return 0


if __name__ == "__main__":
    sys.exit(main())
