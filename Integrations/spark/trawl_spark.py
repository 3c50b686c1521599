#!/usr/bin/env python3
"""Run `trawl extract` over a collection of WARC/ARC files on Apache Spark.

One Spark task per input file. Each task runs the `trawl` binary on its file, yields the JSON
lines trawl writes in blocks of many lines (not parsed one by one: the counts come from trawl's
closing summary line, checked against the number of lines) and reports one summary row for the
file (through an accumulator, so no second pass over the results is needed). The results are
written as a DataFrame (JSON Lines exactly as trawl wrote them, or Parquet), the per-file summary
as JSON Lines by the driver.

Usage (see README, "Running on a cluster"):

    spark-submit --master yarn --archives trawl-linux-x86_64.tar.gz#trawl Integrations/spark/trawl_spark.py \\
        --output hdfs:///trawl/out 'hdfs:///crawl/2026-11/*.warc.gz' -- --extractors entities,quotes

Inputs:
  * a plain path or glob (`/data/crawl/*.warc.gz`) names files every executor can open itself
    (local mode, or a filesystem mounted on every worker): `trawl` opens the file directly;
  * a URI with a scheme (`hdfs://…`, `s3a://…`, `file://…`) is listed by the driver and read by
    Spark's Hadoop filesystem (`binaryFiles`, the whole file in executor memory), then piped to
    `trawl extract -`; ids and `source.path` name the URI as given after glob expansion.
  A directory stands for the *.warc, *.warc.gz, *.arc and *.arc.gz files under it.

Everything after `--` is passed to `trawl extract` (extractors, offsets, content mode…).

Output layout under --output:
  results/   JSON Lines (`--format jsonl`, each line exactly as `trawl extract` wrote it) or Parquet
             (`--format parquet`, schema inferred from the lines); partitioned by --partition-by.
  summary/   part-00000.json, one JSON object per input file: input, status (ok | errors | failed),
             documents, extracted, errors, skipped, skipped_reasons, bytes, seconds, cpu_seconds,
             attempts, message.

A task whose trawl process fails (killed, exit status other than 0 or 1, no summary line, a line
count other than the summary's, output that is not UTF-8) raises, so Spark retries it up to
spark.task.maxFailures times; on the last attempt the file is not dropped: its results so far are
kept, an error record {"id", "source", "error": {"kind": "failed"}} names it, and its summary row
has status "failed". Exit status: 0 when every document was
extracted, 1 when some inputs became error records, 3 when some files failed on every attempt.
"""

import argparse
import fnmatch
import glob
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ARCHIVE_PATTERNS = ("*.warc", "*.warc.gz", "*.arc", "*.arc.gz")
PARTITION_COLUMNS = ("lang", "format", "status")
SUMMARY_RE = re.compile(r"^trawl: (\d+) documents: (\d+) extracted, (\d+) errors")
SKIPPED_RE = re.compile(r"; (\d+) records skipped \(([^)]*)\)")
READ_SIZE = 1 << 20  # bytes of trawl's output read (and handed to Spark) at a time

# The head of every line trawl's JSON Lines writer (Sources/Trawl/Output/ResultWriter.swift) writes,
# in its fixed key order: "id", then "source" (an object of string and integer members), then
# "format" and "lang" for a result or "error" for an error record. Lines that do not match (a
# writer that changed) are parsed as JSON instead.
_STRING = rb'"(?:[^"\\\n]|\\.)*"'
_SOURCE = rb'"source":\{(?:' + _STRING + rb':(?:' + _STRING + rb'|-?[0-9]+),?)*\}'
LINE_HEAD_RE = re.compile(rb'\{"id":' + _STRING + rb',' + _SOURCE +
                          rb',(?:"format":"([^"\\\n]*)","lang":"([^"\\\n]*)"|"error":\{)')
# The three places where a record read from standard input names '-' (see rename_stdin), at the
# start of each line of a block.
STDIN_ID_RE = re.compile(rb'^\{"id":"-(?=[#"])', re.MULTILINE)
STDIN_PATH_RE = re.compile(rb'^(\{"id":' + _STRING + rb',"source":\{(?:"uri":' + _STRING + rb',)?"path":)"-"',
                           re.MULTILINE)
STDIN_MESSAGE_RE = re.compile(rb'^(\{"id":' + _STRING + rb',' + _SOURCE + rb',"error":\{"kind":' + _STRING +
                              rb',"message":")\'-\'', re.MULTILINE)
SUMMARY_PREFIX = "trawl: "


def parse_arguments(argv):
    """Splits argv at `--`: the job's own options before, `trawl extract` options after."""
    if "--" in argv:
        split = argv.index("--")
        own, trawl_args = argv[:split], argv[split + 1:]
    else:
        own, trawl_args = argv, []
    parser = argparse.ArgumentParser(
        prog="trawl_spark.py",
        description="Run `trawl extract` over WARC/ARC files on Spark, one task per file.",
        epilog="Arguments after `--` are passed to `trawl extract`.")
    parser.add_argument("inputs", nargs="+", metavar="INPUT",
                        help="files, globs or directories; plain paths are opened by trawl on the "
                             "executors, URIs (hdfs://, s3a://, file://) are read by Spark")
    parser.add_argument("--output", required=True,
                        help="output directory (any Spark-writable URI); results/ and summary/ go under it")
    parser.add_argument("--format", choices=("jsonl", "parquet"), default="jsonl",
                        help="results format (default: jsonl, the lines exactly as trawl writes them)")
    parser.add_argument("--partition-by", default="",
                        help="comma-separated output partition columns among lang, format, status "
                             "(status is 'ok' or 'error'; default: none)")
    parser.add_argument("--trawl", default=None,
                        help="the trawl binary on the executors (default: trawl/trawl from "
                             "--archives trawl-linux-x86_64.tar.gz#trawl, else 'trawl' on PATH)")
    parser.add_argument("--jobs", type=int, default=1,
                        help="trawl --jobs per task; match it with spark.task.cpus (default: 1)")
    parser.add_argument("--mode", choices=("overwrite", "error"), default="error",
                        help="what to do when the output exists (default: error)")
    options = parser.parse_args(own)
    options.trawl_args = trawl_args
    options.partition_by = [c for c in options.partition_by.split(",") if c]
    unknown = [c for c in options.partition_by if c not in PARTITION_COLUMNS]
    if unknown:
        parser.error(f"--partition-by: unknown column(s) {', '.join(unknown)}; "
                     f"choose among {', '.join(PARTITION_COLUMNS)}")
    if options.jobs < 1:
        parser.error("--jobs must be at least 1")
    reserved = {"-o", "--output", "--format", "--jobs", "-j", "-q", "--quiet", "--progress"}
    clash = [a for a in trawl_args if a.split("=")[0] in reserved]
    if clash:
        parser.error(f"after `--`, {', '.join(clash)} cannot be set: the job sets trawl's output, "
                     "format, jobs and progress itself (use --format and --jobs)")
    return options


def has_scheme(path):
    """True for a URI such as hdfs://nn/x, s3a://bucket/x or file:///x."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", path) is not None or path.startswith("file:")


def is_archive_name(name):
    """True when the file name matches one of the archive patterns trawl walks directories for."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in ARCHIVE_PATTERNS)


def expand_local(path):
    """Expands a plain path: a directory to its archives, a glob to its matches (sorted).

    A path that matches nothing is returned unchanged, so trawl reports it (not_found)."""
    if os.path.isdir(path):
        found = []
        for root, dirs, files in os.walk(path):
            dirs.sort()
            found.extend(os.path.join(root, f) for f in sorted(files) if is_archive_name(f))
        return found
    if glob.has_magic(path):
        return sorted(p for p in glob.glob(path) if os.path.isfile(p)) or [path]
    return [path]


def expand_uri(spark, uri):
    """Expands a URI through Hadoop's FileSystem on the driver: globs and directories.

    Returns (files, missing): `missing` is [uri] when nothing matches."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(uri)
    fs = path.getFileSystem(conf)
    statuses = fs.globStatus(path)
    if statuses is None or len(statuses) == 0:
        return [], [uri]
    files = []
    for status in statuses:
        if status.isDirectory():
            iterator = fs.listFiles(status.getPath(), True)
            listed = []
            while iterator.hasNext():
                child = iterator.next().getPath()
                if is_archive_name(child.getName()):
                    listed.append(child.toString())
            files.extend(sorted(listed))
        else:
            files.append(status.getPath().toString())
    return files, []


def max_task_failures(conf, master):
    """The number of attempts Spark makes per task (local[N,F] sets F; local[N] makes one)."""
    match = re.match(r"^local\[([^,\]]+)(?:,(\d+))?\]$", master or "")
    if master == "local" or (match and match.group(2) is None):
        return 1
    if match:
        return int(match.group(2))
    return int(conf.get("spark.task.maxFailures", "4"))


def find_trawl(explicit, roots):
    """Finds the trawl binary on a worker: the explicit path; else, in each root directory, the
    archive shipped as `trawl` (binary and resource bundle unpacked as trawl/); else `trawl` on
    PATH. (The binary alone is not enough: it loads its models from the bundle beside it.)"""
    if explicit:
        found = shutil.which(explicit) or (explicit if os.path.isfile(explicit) else None)
        if not found:
            raise RuntimeError(f"trawl binary '{explicit}' not found on {os.uname().nodename}")
        return found
    for root in dict.fromkeys(roots):
        candidate = os.path.join(root, "trawl", "trawl")
        if os.path.isfile(candidate):
            if not os.access(candidate, os.X_OK):
                os.chmod(candidate, 0o755)
            return candidate
    found = shutil.which("trawl")
    if not found:
        raise RuntimeError("no trawl binary on " + os.uname().nodename +
                           ": ship trawl-linux-x86_64.tar.gz (Integrations/spark/package.sh) as an archive "
                           "named trawl (spark-submit --archives ARCHIVE#trawl), put trawl on PATH, or pass --trawl")
    return found


def resolve_trawl(explicit):
    """Finds the trawl binary on a Spark executor (the shipped archive is in the SparkFiles root,
    or in the working directory on YARN)."""
    from pyspark import SparkFiles
    return find_trawl(explicit, [SparkFiles.getRootDirectory(), os.getcwd()])


class TrawlFailure(Exception):
    """The trawl process of one file failed (not an error record: a crash or bad output)."""


def parse_summary(stderr_text):
    """Reads trawl's closing summary line ("trawl: N documents: E extracted, F errors …; S records
    skipped (reasons); …"): a dict of documents, extracted, errors, skipped, skipped_reasons, or
    None when there is no such line."""
    lines = [line for line in stderr_text.splitlines() if line.startswith(SUMMARY_PREFIX)]
    if not lines:
        return None
    line = lines[-1]
    counts = SUMMARY_RE.match(line)
    if not counts:
        return None
    skipped = SKIPPED_RE.search(line)
    return {"documents": int(counts.group(1)), "extracted": int(counts.group(2)), "errors": int(counts.group(3)),
            "skipped": int(skipped.group(1)) if skipped else 0,
            "skipped_reasons": skipped.group(2) if skipped else ""}


def json_line(record):
    """One record as a JSON line (for the records the job writes itself), without the newline."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


JSON_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
JSON_ESCAPED_RE = re.compile('["\\\\\x00-\x1f]')


def json_escaped(text):
    """`text` escaped as trawl's writer (JSONBuffer) escapes a JSON string's contents: quote,
    backslash, \\n, \\r, \\t, other control characters as \\u00xx; as UTF-8 bytes."""
    return JSON_ESCAPED_RE.sub(lambda match: JSON_ESCAPES.get(match.group(0)) or f"\\u{ord(match.group(0)):04x}",
                               text).encode("utf-8")


def rename_stdin(record, path):
    """Names `path` instead of '-' in a record read from standard input: its id, source path and
    the file name that leads an error message."""
    identifier = record.get("id", "")
    if identifier == "-" or identifier.startswith("-#"):
        record["id"] = path + identifier[1:]
    source = record.get("source")
    if isinstance(source, dict) and source.get("path") == "-":
        source["path"] = path
    error = record.get("error")
    if isinstance(error, dict) and str(error.get("message", "")).startswith("'-'"):
        error["message"] = f"'{path}'" + error["message"][3:]
    return record


def rename_stdin_block(block, path):
    """`rename_stdin` on every line of a block of trawl's output (whole lines, as bytes), rewriting
    the bytes in place of parsing them. Each line of trawl's reading of standard input has an id
    '-' or '-#…' and a source path '-'; when a block does not show exactly that (a writer that
    changed), its lines are parsed and renamed one by one instead."""
    lines = block.count(b"\n")
    escaped = json_escaped(path)
    renamed, ids = STDIN_ID_RE.subn(lambda _: b'{"id":"' + escaped, block)
    renamed, paths = STDIN_PATH_RE.subn(lambda match: match.group(1) + b'"' + escaped + b'"', renamed)
    renamed, messages = STDIN_MESSAGE_RE.subn(lambda match: match.group(1) + b"'" + escaped + b"'", renamed)
    if ids == lines and paths == lines and messages == block.count(b'"message":"\'-\''):
        return renamed
    return b"".join(json_line(rename_stdin(json.loads(line), path)).encode("utf-8") + b"\n"
                    for line in block.splitlines())


def partition_values(record):
    """The partition columns of one record (None, for lang and format of error records, is
    written by Spark as __HIVE_DEFAULT_PARTITION__)."""
    return {"lang": record.get("lang"), "format": record.get("format"),
            "status": "error" if "error" in record else "ok"}


def line_partition_values(line):
    """`partition_values` of one line of trawl's output (bytes), read from the head of the line
    in the writer's key order; the line is parsed only when its head does not match."""
    head = LINE_HEAD_RE.match(line)
    if head is None:
        return partition_values(json.loads(line))
    if head.group(2) is None:
        return {"lang": None, "format": None, "status": "error"}
    return {"lang": head.group(2).decode("utf-8"), "format": head.group(1).decode("utf-8"), "status": "ok"}


def run_trawl(trawl, trawl_args, jobs, path, data):
    """Runs trawl on one file; yields ('lines', block) for each block of its output, then
    ('done', stats).

    A block is bytes: whole lines, each ending with a newline, as trawl wrote them (renamed from
    '-' to `path` when read from standard input); lines are not parsed. `data` is None (trawl opens
    `path`), or the file's bytes or a binary stream, piped to trawl's standard input. The counts
    in `stats` are those of trawl's closing summary line, checked against the lines written.

    Raises TrawlFailure when the process fails; blocks already yielded stay valid."""
    command = [trawl, "extract", "--no-progress", "--jobs", str(jobs), *trawl_args,
               "-" if data is not None else path]
    with tempfile.TemporaryFile() as stderr_file:
        usage_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.monotonic()
        try:
            process = subprocess.Popen(command, stdin=subprocess.PIPE if data is not None else subprocess.DEVNULL,
                                       stdout=subprocess.PIPE, stderr=stderr_file)
        except OSError as error:
            raise TrawlFailure(f"cannot run {command[0]}: {error}") from error
        feeder = None
        if data is not None:
            def feed():
                try:
                    if isinstance(data, (bytes, bytearray)):
                        process.stdin.write(data)
                    else:
                        shutil.copyfileobj(data, process.stdin, 1 << 20)
                except BrokenPipeError:
                    pass
                finally:
                    process.stdin.close()
            feeder = threading.Thread(target=feed, daemon=True)
            feeder.start()
        lines = 0
        pending = b""
        try:
            while True:
                chunk = process.stdout.read(READ_SIZE)
                if not chunk:
                    break
                end = chunk.rfind(b"\n") + 1
                if end == 0:
                    pending += chunk
                    continue
                block, pending = pending + chunk[:end], chunk[end:]
                lines += block.count(b"\n")
                yield "lines", rename_stdin_block(block, path) if data is not None else block
        finally:
            process.stdout.close()
            status = process.wait()
            if feeder is not None:
                feeder.join()
        seconds = time.monotonic() - started
        usage_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        stderr_file.seek(0)
        stderr_text = stderr_file.read().decode("utf-8", "replace")
    tail = " | ".join(stderr_text.strip().splitlines()[-3:])
    if status not in (0, 1):
        how = f"killed by signal {-status}" if status < 0 else f"exit status {status}"
        raise TrawlFailure(f"trawl {how} after {lines} documents: {tail}")
    if pending:
        raise TrawlFailure(f"trawl's output ends in an unterminated line: {pending[:200]!r}")
    summary = parse_summary(stderr_text)
    if summary is None:
        raise TrawlFailure(f"trawl printed no summary line: {tail}")
    if summary["documents"] != lines:
        raise TrawlFailure(f"trawl reported {summary['documents']} documents but wrote {lines} lines")
    cpu = (usage_after.ru_utime - usage_before.ru_utime) + (usage_after.ru_stime - usage_before.ru_stime)
    yield "done", dict(summary, seconds=round(seconds, 3), cpu_seconds=round(cpu, 3))


def failure_record(path, message):
    """The error record that stands for a file whose trawl run failed on every attempt."""
    return {"id": path, "source": {"path": path}, "error": {"kind": "failed", "message": message}}


SUMMARY_FIELDS = ("input", "status", "documents", "extracted", "errors", "skipped", "skipped_reasons",
                  "bytes", "seconds", "cpu_seconds", "attempts", "message")


def summary_row(path, **values):
    """A per-file summary row: zero counts, status ok, updated with `values`."""
    row = {"input": path, "status": "ok", "documents": 0, "extracted": 0, "errors": 0, "skipped": 0,
           "skipped_reasons": "", "bytes": 0, "seconds": 0.0, "cpu_seconds": 0.0, "attempts": 0,
           "message": None}
    row.update(values)
    return row


def block_rows(block, columns):
    """The output rows of a block of trawl's lines: [text, *partition values]. A row's text holds
    many lines joined by newlines (Spark's text writer ends each row with one, so the files hold
    the lines exactly as trawl wrote them); with partition columns, one row per distinct value
    tuple, its lines in their order."""
    if not columns:
        return [[block[:-1].decode("utf-8")]]
    groups = {}
    for line in block.splitlines():
        values = line_partition_values(line)
        groups.setdefault(tuple(values[c] for c in columns), []).append(line)
    return [[b"\n".join(lines).decode("utf-8"), *key] for key, lines in groups.items()]


def process_file(path, data, settings):
    """One task's work on one file: yields output rows (`block_rows`) and adds the file's summary
    row to the `summaries` accumulator (Spark merges a task's updates only when the task succeeds)."""
    from pyspark import TaskContext
    context = TaskContext.get()
    attempt = context.attemptNumber() if context is not None else 0
    size = len(data) if data is not None else (os.path.getsize(path) if os.path.isfile(path) else 0)
    row = summary_row(path, bytes=size, attempts=attempt + 1)
    columns = settings["partition_by"]
    written = 0
    try:
        trawl = resolve_trawl(settings["trawl"])
        for kind, value in run_trawl(trawl, settings["trawl_args"], settings["jobs"], path, data):
            if kind == "lines":
                written += value.count(b"\n")
                yield from block_rows(value, columns)
            else:
                row.update(value)
                if row["errors"]:
                    row["status"] = "errors"
    except (TrawlFailure, RuntimeError, OSError, UnicodeDecodeError) as error:
        if attempt + 1 < settings["max_failures"]:
            raise
        message = f"{path}: failed on all {attempt + 1} attempt(s): {error}"
        yield record_row(failure_record(path, message), columns)
        row.update({"status": "failed", "documents": written, "extracted": None, "errors": None,
                    "message": message})
    settings["summaries"].add([row])


def record_row(record, columns):
    """The output row of one record the job writes itself."""
    values = partition_values(record)
    return [json_line(record), *(values[c] for c in columns)]


def hadoop_path(spark, uri):
    """The Hadoop Path of `uri` and its FileSystem, on the driver."""
    jvm = spark.sparkContext._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    return path, path.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())


def write_summary(spark, directory, rows, mode):
    """Writes the per-file summary rows as JSON Lines, `directory`/part-00000.json (and an empty
    _SUCCESS), through Hadoop's FileSystem from the driver, which holds the rows already: no Spark
    job for them."""
    path, fs = hadoop_path(spark, directory)
    if fs.exists(path):
        if mode != "overwrite":
            raise RuntimeError(f"{directory} already exists (use --mode overwrite)")
        fs.delete(path, True)
    text = "".join(json.dumps({field: row[field] for field in SUMMARY_FIELDS}, ensure_ascii=False) + "\n"
                   for row in rows)
    stream = fs.create(hadoop_path(spark, directory + "/part-00000.json")[0], False)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()
    fs.create(hadoop_path(spark, directory + "/_SUCCESS")[0], False).close()


def build_tasks(spark, inputs):
    """Expands the inputs; returns the RDD of (path, bytes-or-None) and the missing URIs."""
    context = spark.sparkContext
    local, remote, missing = [], [], []
    for given in inputs:
        if has_scheme(given):
            files, absent = expand_uri(spark, given)
            remote.extend(files)
            missing.extend(absent)
        else:
            local.extend(expand_local(given))
    parts = []
    if local:
        parts.append(context.parallelize([(p, None) for p in local], len(local)))
    if remote:
        parts.append(context.binaryFiles(",".join(remote), minPartitions=len(remote)))
    if not parts:
        return None, missing, 0
    return (parts[0] if len(parts) == 1 else context.union(parts)), missing, len(local) + len(remote)


def run(spark, options):
    """Runs the job; returns the process exit status."""
    from pyspark import AccumulatorParam, StorageLevel
    from pyspark.sql.types import StringType, StructField, StructType

    class RowList(AccumulatorParam):
        """Accumulates summary rows (lists, concatenated)."""
        def zero(self, value):
            return []

        def addInPlace(self, first, second):
            first.extend(second)
            return first

    context = spark.sparkContext
    summaries = context.accumulator([], RowList())
    # Rows carry their partition values for the JSON Lines writer; for Parquet, Spark derives them.
    columns = options.partition_by if options.format == "jsonl" else []
    settings = {"trawl": options.trawl, "trawl_args": options.trawl_args, "jobs": options.jobs,
                "max_failures": max_task_failures(dict(context.getConf().getAll()), context.master),
                "summaries": summaries, "partition_by": columns}
    tasks, missing, file_count = build_tasks(spark, options.inputs)
    rows = tasks.flatMap(lambda pair: process_file(pair[0], pair[1], settings)) if tasks is not None else None
    if missing or rows is None:
        missing_rows = context.parallelize(
            [record_row({"id": uri, "source": {"path": uri},
                         "error": {"kind": "not_found", "message": f"no file matches '{uri}'"}}, columns)
             for uri in missing], 1)
        rows = missing_rows if rows is None else rows.union(missing_rows)

    output = options.output.rstrip("/")
    summary_path, summary_fs = hadoop_path(spark, output + "/summary")
    if options.mode == "error" and summary_fs.exists(summary_path):
        raise RuntimeError(f"{output}/summary already exists (use --mode overwrite)")
    if options.format == "jsonl":
        schema = StructType([StructField(c, StringType(), c != "line") for c in ["line"] + columns])
        # Rows are blocks of lines, already checked by block_rows: no per-row verification.
        frame = spark.createDataFrame(rows, schema, verifySchema=False)
        writer = frame.write.mode(options.mode)
        if columns:
            writer = writer.partitionBy(*columns)
        writer.text(output + "/results")
    else:
        from pyspark.sql import functions
        # Schema inference reads the lines once more: keep them rather than run trawl twice. The
        # blocks are split into lines in the JVM.
        blocks = spark.createDataFrame(rows, StructType([StructField("line", StringType(), False)]),
                                       verifySchema=False)
        texts = blocks.select(functions.explode(functions.split("line", "\n")).alias("value")) \
            .persist(StorageLevel.MEMORY_AND_DISK)
        frame = spark.read.json(texts)
        for column in options.partition_by:
            if column == "status":
                is_error = functions.col("error").isNotNull() if "error" in frame.columns else functions.lit(False)
                frame = frame.withColumn("status", functions.when(is_error, "error").otherwise("ok"))
            elif column not in frame.columns:
                frame = frame.withColumn(column, functions.lit(None).cast("string"))
        writer = frame.write.mode(options.mode)
        if options.partition_by:
            writer = writer.partitionBy(*options.partition_by)
        writer.parquet(output + "/results")
        texts.unpersist()

    # A file's row can arrive twice if its partition was computed again (cache eviction,
    # speculation): keep one per input.
    by_input = {row["input"]: row for row in summaries.value}
    by_input.update((uri, summary_row(uri, status="errors", documents=1, extracted=0, errors=1,
                                      message=f"{uri}: no file matches")) for uri in missing)
    file_rows = [by_input[key] for key in sorted(by_input)]
    write_summary(spark, output + "/summary", file_rows, options.mode)

    totals = {key: sum((row[key] or 0) for row in file_rows) for key in ("documents", "errors", "skipped")}
    failed = [row for row in file_rows if row["status"] == "failed"]
    print(f"trawl_spark: {file_count + len(missing)} files, {totals['documents']} documents, "
          f"{totals['errors']} error records, {totals['skipped']} records skipped, "
          f"{len(failed)} files failed; output in {output}/results, summary in {output}/summary",
          file=sys.stderr)
    for row in failed:
        print(f"trawl_spark: FAILED {row['message']}", file=sys.stderr)
    if failed:
        return 3
    return 1 if totals["errors"] else 0


def main(argv=None):
    """Entry point for spark-submit."""
    options = parse_arguments(sys.argv[1:] if argv is None else argv)
    from pyspark.sql import SparkSession
    spark = SparkSession.builder.appName("trawl").getOrCreate()
    try:
        status = run(spark, options)
    finally:
        spark.stop()
    return status


if __name__ == "__main__":
    sys.exit(main())
