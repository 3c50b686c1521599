#!/usr/bin/env bash
# CI: runs the Spark job in local mode over the committed WARC fixtures and checks it against
# `trawl extract` (Integrations/spark/test_trawl_spark.py). Installs Java 17 (apt) and pyspark
# (pip) when missing; skips, with the reason printed, only when one of them cannot be installed.
# Uses $TRAWL_BIN, else .build/debug/trawl (left by `swift test`), else builds it.
set -uo pipefail
cd "$(dirname "$0")/../.."

skip() {
    echo "Spark integration test skipped: $1"
    echo "spark: 0 passed, 0 failed, 1 skipped"
    exit 0
}

if ! command -v java >/dev/null 2>&1; then
    echo "ci-test.sh: no java; installing openjdk-17-jre-headless"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless; } >/dev/null 2>&1 ||
        skip "Java is missing and openjdk-17-jre-headless could not be installed"
    command -v java >/dev/null 2>&1 || skip "Java is still missing after installing openjdk-17-jre-headless"
fi
python=$(command -v python3) || skip "no python3"
if ! "$python" -c 'import pyspark' >/dev/null 2>&1; then
    echo "ci-test.sh: installing pyspark with pip"
    "$python" -m pip install --quiet pyspark >/dev/null 2>&1 || skip "pyspark could not be installed with pip"
    "$python" -c 'import pyspark' >/dev/null 2>&1 || skip "pyspark does not import after installing it"
fi

if [ -z "${TRAWL_BIN:-}" ]; then
    TRAWL_BIN=.build/debug/trawl
    if [ ! -x "$TRAWL_BIN" ]; then
        swift build --product trawl || { echo "ci-test.sh: cannot build trawl" >&2; exit 1; }
    fi
    export TRAWL_BIN=$PWD/$TRAWL_BIN
fi
exec "$python" Integrations/spark/test_trawl_spark.py
