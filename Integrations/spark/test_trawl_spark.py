#!/usr/bin/env python3
"""Tests of trawl_spark.py in Spark local mode against `trawl extract` on one machine.

Run from anywhere: python3 Integrations/spark/test_trawl_spark.py
The trawl binary is $TRAWL_BIN, else .build/debug/trawl (then .build/release/trawl) in the
repository. Skips, with the reason printed, when pyspark or Java is missing.
"""

import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
JOB = os.path.join(HERE, "trawl_spark.py")
FIXTURES = os.path.join(ROOT, "Tests", "TrawlArchiveTests", "Fixtures")
# Small real archives (copies of ../shared/corpus/warc): gzip per record, plain WARC, ARC, ARC.gz,
# a 29-page ClueWeb sample, records truncated or corrupt, an unsupported Content-Encoding, and an
# archive with no document at all.
FIXTURE_NAMES = [
    "resiliparse-clueweb-quirk.warc.gz", "warcio-example.warc.gz", "warcio-example.arc",
    "warcio-example.arc.gz", "warcio-example-trunc.warc", "warcio-bad.arc",
    "ukwa-transfer_compression_brotli.warc.gz", "ukwa-IAH-20080430204825-00000-blackbook-truncated.warc.gz",
    "jwarc-gzip_extra_sl.warc.gz",
]
MISSING = os.path.join(FIXTURES, "no-such-file.warc.gz")
MASTER = "local[2,2]"  # two threads, each task tried twice

sys.path.insert(0, HERE)
import trawl_spark  # noqa: E402


def skip_reason():
    """Why the Spark tests cannot run here, or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install pyspark)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "no Java runtime (apt-get install openjdk-17-jre-headless)"
    return None


def trawl_binary():
    """The trawl binary the tests run."""
    candidates = [os.environ.get("TRAWL_BIN")] if os.environ.get("TRAWL_BIN") else [
        os.path.join(ROOT, ".build", "debug", "trawl"), os.path.join(ROOT, ".build", "release", "trawl")]
    for candidate in candidates:
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError(f"no trawl binary among {candidates}: run `swift build --product trawl` first")


def fixture_paths():
    """The fixture archives, as paths relative to the repository root, and a missing one."""
    return [os.path.relpath(os.path.join(FIXTURES, name), ROOT) for name in FIXTURE_NAMES] + \
        [os.path.relpath(MISSING, ROOT)]


def trawl_extract(paths):
    """`trawl extract` on one machine: (records, skipped records, exit status)."""
    run = subprocess.run([trawl_binary(), "extract", "--no-progress", *paths], cwd=ROOT,
                         capture_output=True, check=False)
    summary = trawl_spark.parse_summary(run.stderr.decode())
    assert summary is not None, run.stderr.decode()
    records = [json.loads(line) for line in run.stdout.decode().splitlines() if line]
    return records, summary["skipped"], run.returncode


def exact(value):
    """A JSON text for comparison: the same value, keys sorted (line order across files differs)."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def canonical(value):
    """A JSON text for comparison: keys sorted, numbers as floats, null members dropped (Parquet
    reads an absent member back as null, and Spark's JSON writer drops nulls)."""
    def clean(node):
        if isinstance(node, dict):
            return {k: clean(v) for k, v in node.items() if v is not None}
        if isinstance(node, list):
            return [clean(v) for v in node]
        if isinstance(node, (int, float)) and not isinstance(node, bool):
            return float(node)
        return node
    return json.dumps(clean(value), sort_keys=True, ensure_ascii=False)


def renamed(record, name):
    """A copy of `record` naming its file `name` (as the job names a URI read by Spark or Hadoop)
    in the id, the source path and the error message."""
    path = record["source"]["path"]
    record = json.loads(json.dumps(record))
    record["id"] = name + record["id"][len(path):]
    record["source"]["path"] = name
    if "error" in record:
        record["error"]["message"] = record["error"]["message"].replace(f"'{path}'", f"'{name}'", 1)
    return record


def read_results(directory):
    """Every line of a JSON Lines result directory (partitioned or not), with its partition values."""
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, "**", "part-*"), recursive=True)):
        partition = dict(part.split("=", 1) for part in os.path.relpath(os.path.dirname(path), directory).split(os.sep)
                         if "=" in part)
        with open(path, encoding="utf-8") as handle:
            rows.extend((json.loads(line), partition) for line in handle if line.strip())
    return rows


def read_summary(directory):
    """The per-file summary rows, keyed by input."""
    rows = {}
    for path in glob.glob(os.path.join(directory, "part-*.json")):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                rows[row["input"]] = row
    return rows


@unittest.skipIf(skip_reason() is not None, skip_reason())
class SparkJobTests(unittest.TestCase):
    """The job in local mode: equivalence with trawl extract, Spark-read URIs, retries."""

    @classmethod
    def setUpClass(cls):
        from pyspark.sql import SparkSession
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        cls.spark = (SparkSession.builder.master(MASTER).appName("trawl-tests")
                     .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                     .config("spark.sql.shuffle.partitions", "2")
                     .getOrCreate())
        cls.spark.sparkContext.setLogLevel("ERROR")
        cls.spark.sparkContext.addPyFile(JOB)
        cls.work = tempfile.mkdtemp(prefix="trawl-spark-test-")
        cls.expected, cls.expected_skipped, cls.expected_status = trawl_extract(fixture_paths())

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        shutil.rmtree(cls.work, ignore_errors=True)

    def run_job(self, arguments):
        """Runs the job in this process's Spark session; returns its exit status."""
        return trawl_spark.run(self.spark, trawl_spark.parse_arguments(arguments))

    def test_spark_submit_output_equals_trawl_extract(self):
        output = os.path.join(self.work, "submit")
        archive = os.path.join(self.work, "trawl-linux-x86_64.tar.gz")
        subprocess.run([os.path.join(HERE, "package.sh"), os.path.dirname(trawl_binary()), archive], check=True)
        environment = dict(os.environ, PYSPARK_PYTHON=sys.executable)
        run = subprocess.run(["spark-submit", "--master", MASTER, "--conf", "spark.ui.showConsoleProgress=false",
                              "--archives", archive + "#trawl", JOB,
                              "--output", output, "--partition-by", "lang,status", *fixture_paths(),
                              "--", "--offsets", "scalar"],
                             cwd=ROOT, env=environment, capture_output=True, check=False)
        log = run.stderr.decode(errors="replace")
        self.assertEqual(run.returncode, 1, "exit 1: some inputs are error records\n" + log[-3000:])
        self.assertEqual(self.expected_status, 1)
        rows = read_results(os.path.join(output, "results"))
        self.assertEqual(sorted(exact(r) for r, _ in rows), sorted(exact(r) for r in self.expected))
        self.assertGreater(len(rows), 30)
        for record, partition in rows:
            self.assertEqual(partition["lang"], record.get("lang", "__HIVE_DEFAULT_PARTITION__"))
            self.assertEqual(partition["status"], "error" if "error" in record else "ok")

        summary = read_summary(os.path.join(output, "summary"))
        self.assertEqual(sorted(summary), sorted(fixture_paths()))
        self.assertEqual(sum(row["documents"] for row in summary.values()), len(self.expected))
        self.assertEqual(sum(row["skipped"] for row in summary.values()), self.expected_skipped)
        self.assertGreater(self.expected_skipped, 0)
        for path, row in summary.items():
            mine = [r for r in self.expected if r["source"].get("path") == path]
            errors = sum("error" in r for r in mine)
            self.assertEqual((row["documents"], row["errors"], row["extracted"]), (len(mine), errors, len(mine) - errors), path)
            self.assertEqual(row["status"], "errors" if errors else "ok", path)
            self.assertEqual(row["attempts"], 1, path)
            self.assertGreaterEqual(row["cpu_seconds"], 0.0)
        self.assertEqual(summary[os.path.relpath(MISSING, ROOT)]["errors"], 1)
        self.assertIn("warc:warcinfo", summary[fixture_paths()[0]]["skipped_reasons"])

    def test_uris_read_by_spark_to_parquet_equal_trawl_extract(self):
        output = os.path.join(self.work, "parquet")
        present = fixture_paths()[:-1]
        uris = ["file://" + os.path.join(ROOT, path) for path in present]
        missing_uri = "file://" + MISSING
        status = self.run_job(["--trawl", trawl_binary(), "--output", output, "--format", "parquet",
                               "--partition-by", "lang", *uris, missing_uri])
        self.assertEqual(status, 1, "a URI that matches nothing is an error record, as a missing path in trawl extract")

        expected = [renamed(r, "file:" + os.path.join(ROOT, r["source"]["path"])) for r in self.expected
                    if r["source"]["path"] in present]
        expected.append({"id": missing_uri, "source": {"path": missing_uri},
                         "error": {"kind": "not_found", "message": f"no file matches '{missing_uri}'"}})
        frame = self.spark.read.parquet(os.path.join(output, "results"))
        actual = [json.loads(line) for line in frame.toJSON().collect()]
        self.assertEqual(sorted(canonical(r) for r in actual), sorted(canonical(r) for r in expected))
        summary = read_summary(os.path.join(output, "summary"))
        self.assertEqual((summary[missing_uri]["status"], summary[missing_uri]["errors"]), ("errors", 1))
        self.assertEqual(len(summary), len(uris) + 1)

    def test_failed_file_is_retried_then_reported(self):
        directory = os.path.join(self.work, "crash")
        os.makedirs(directory)
        source = os.path.join(FIXTURES, "warcio-example.warc.gz")
        once, always = os.path.join(directory, "crash-once.warc.gz"), os.path.join(directory, "crash-always.warc.gz")
        shutil.copy(source, once)
        shutil.copy(source, always)
        wrapper = os.path.join(directory, "crashing-trawl")
        with open(wrapper, "w", encoding="utf-8") as handle:
            handle.write(f"""#!/bin/sh
# Simulates trawl crashing: always on crash-always*, on the first attempt only on crash-once*.
for last; do :; done
case "$last" in
  *crash-always*) kill -SEGV $$ ;;
  *crash-once*) if [ ! -e "{directory}/crashed" ]; then : > "{directory}/crashed"; kill -SEGV $$; fi ;;
esac
exec "{trawl_binary()}" "$@"
""")
        os.chmod(wrapper, 0o755)
        output = os.path.join(directory, "out")
        print("\n(the task errors Spark logs next are the simulated crashes)", file=sys.stderr)
        status = self.run_job(["--trawl", wrapper, "--output", output, once, always])
        self.assertEqual(status, 3)
        summary = read_summary(os.path.join(output, "summary"))
        self.assertEqual((summary[once]["status"], summary[once]["attempts"], summary[once]["documents"]), ("ok", 2, 1))
        self.assertEqual((summary[always]["status"], summary[always]["attempts"]), ("failed", 2))
        self.assertIn("killed by signal 11", summary[always]["message"])
        rows = [record for record, _ in read_results(os.path.join(output, "results"))]
        expected, _, _ = trawl_extract([once])
        self.assertEqual([exact(r) for r in rows if r["id"].startswith(once)], [exact(r) for r in expected])
        failed = [r for r in rows if r["id"] == always]
        self.assertEqual(len(failed), 1)
        self.assertEqual(failed[0]["error"]["kind"], "failed")


class LineHandlingTests(unittest.TestCase):
    """The job reads partition values and renames records from standard input on the bytes of
    trawl's lines, in the writer's key order, without parsing them: the same values as parsing."""

    NAME = 'hdfs://nn/a "quoted"\\b name\twith\x08controls\x1f é'

    def outputs(self, stdin):
        """trawl's output on each fixture archive, read by path or from standard input."""
        for name in FIXTURE_NAMES:
            path = os.path.join(FIXTURES, name)
            with open(path, "rb") as handle:
                run = subprocess.run([trawl_binary(), "extract", "--no-progress", "-" if stdin else path],
                                     stdin=handle if stdin else subprocess.DEVNULL, capture_output=True)
            yield name, run.stdout

    def test_partition_values_read_from_line_heads(self):
        lines = [line for _, output in self.outputs(False) for line in output.splitlines()]
        self.assertGreater(sum(b'"error":{"kind"' in line for line in lines), 3)
        for line in lines:
            self.assertIsNotNone(trawl_spark.LINE_HEAD_RE.match(line), line[:200])
            self.assertEqual(trawl_spark.line_partition_values(line), trawl_spark.partition_values(json.loads(line)))
        reordered = b'{"lang":"fr","id":"x","source":{},"format":"html"}'
        self.assertIsNone(trawl_spark.LINE_HEAD_RE.match(reordered))
        self.assertEqual(trawl_spark.line_partition_values(reordered), {"lang": "fr", "format": "html", "status": "ok"})

    def test_stdin_records_renamed_in_their_bytes(self):
        renamed_messages = 0
        for name, output in self.outputs(True):
            expected = [trawl_spark.rename_stdin(json.loads(line), self.NAME) for line in output.splitlines()]
            self.assertEqual(trawl_spark.STDIN_ID_RE.subn(b"", output)[1], len(expected), f"{name}: fast path")
            block = trawl_spark.rename_stdin_block(output, self.NAME)
            self.assertEqual([json.loads(line) for line in block.splitlines()], expected, name)
            messages = sum(record.get("error", {}).get("message", "").startswith(f"'{self.NAME}'")
                           for record in expected)
            # Escaped as trawl escapes (\u0008, where json.dumps writes \b): renamed in the bytes.
            self.assertEqual(block.count(b"\\u0008controls"), 2 * len(expected) + messages, name)
            renamed_messages += messages
        self.assertGreater(renamed_messages, 2)
        reordered = b'{"source":{"path":"-"},"id":"-#7","error":{"kind":"corrupt","message":"\'-\', byte 7"}}\n'
        self.assertEqual(json.loads(trawl_spark.rename_stdin_block(reordered, self.NAME)),
                         {"source": {"path": self.NAME}, "id": self.NAME + "#7",
                          "error": {"kind": "corrupt", "message": f"'{self.NAME}', byte 7"}})


class HadoopStreamingMapperTests(unittest.TestCase):
    """hadoop_mapper.py under a shell pipeline that emulates Hadoop Streaming (Hadoop itself is not
    run): the shipped archive unpacked as ./trawl, NLineInputFormat lines, `hdfs dfs -cat` faked."""

    def test_mapper_output_equals_trawl_extract(self):
        with tempfile.TemporaryDirectory(prefix="trawl-mapper-test-") as work:
            archive = os.path.join(work, "trawl-linux-x86_64.tar.gz")
            subprocess.run([os.path.join(HERE, "package.sh"), os.path.dirname(trawl_binary()), archive], check=True,
                           capture_output=True)
            task = os.path.join(work, "task")
            os.makedirs(os.path.join(task, "trawl"))
            subprocess.run(["tar", "-xzf", archive, "-C", os.path.join(task, "trawl")], check=True)
            tools = os.path.join(work, "bin")
            os.makedirs(tools)
            with open(os.path.join(tools, "hdfs"), "w", encoding="utf-8") as handle:
                handle.write('#!/bin/sh\n[ "$1 $2" = "dfs -cat" ] || exit 2\nexec cat "${3#hdfs://namenode}"\n')
            os.chmod(os.path.join(tools, "hdfs"), 0o755)
            local, remote = os.path.join(FIXTURES, FIXTURE_NAMES[0]), os.path.join(FIXTURES, FIXTURE_NAMES[4])
            environment = dict(os.environ, PATH=tools + os.pathsep + os.environ["PATH"])
            mapper = [sys.executable, os.path.join(HERE, "hadoop_mapper.py"), "--", "--offsets", "utf16"]
            lines = f"0\t{local}\n57\thdfs://namenode{remote}\n"
            run = subprocess.run(mapper, input=lines.encode(), cwd=task, env=environment, capture_output=True)
            self.assertEqual(run.returncode, 0, run.stderr.decode())
            expected_run = subprocess.run([trawl_binary(), "extract", "--no-progress", "--offsets", "utf16", local,
                                           remote], capture_output=True)
            expected = [json.loads(line) for line in expected_run.stdout.decode().splitlines()]
            expected = [renamed(r, "hdfs://namenode" + remote) if r["source"]["path"] == remote else r
                        for r in expected]
            actual = [json.loads(line) for line in run.stdout.decode().splitlines()]
            self.assertEqual([exact(r) for r in actual], [exact(r) for r in expected])
            summaries = [json.loads(line.split(" ", 1)[1]) for line in run.stderr.decode().splitlines()
                         if line.startswith("trawl_summary ")]
            self.assertEqual([row["input"] for row in summaries], [local, "hdfs://namenode" + remote])
            self.assertEqual(sum(row["documents"] for row in summaries), len(expected))
            self.assertIn("reporter:counter:trawl,files,1", run.stderr.decode())

            missing = subprocess.run(mapper, input=b"hdfs://namenode/no/such.warc.gz\n", cwd=task, env=environment,
                                     capture_output=True)
            self.assertEqual(missing.returncode, 1, "a file that cannot be read fails the task, for Hadoop to retry")
            self.assertIn("hdfs dfs -cat hdfs://namenode/no/such.warc.gz failed", missing.stderr.decode())


def main():
    """Runs the tests and ends with a 'N passed, N failed, N skipped' line."""
    reason = skip_reason()
    if reason:
        print(f"skipping the Spark tests: {reason}")
    result = unittest.TextTestRunner(verbosity=2).run(unittest.defaultTestLoader.loadTestsFromName("__main__"))
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    print(f"spark: {result.testsRun - failed - skipped} passed, {failed} failed, {skipped} skipped")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
