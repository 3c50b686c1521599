#!/usr/bin/env bash
# Packs the trawl binary with its resource bundle (entity models, lexicons) into one archive for
# `spark-submit --archives ARCHIVE#trawl` or Hadoop Streaming `-archives ARCHIVE#trawl`: the
# binary finds the bundle beside itself, so both must travel together.
# Usage: package.sh [BUILD_DIR] [ARCHIVE]
#   BUILD_DIR  where `trawl` was built (default: .build-static/release, from
#              `swift build -c release --static-swift-stdlib --product trawl --scratch-path .build-static`)
#   ARCHIVE    the archive to write (default: trawl-linux-x86_64.tar.gz)
set -euo pipefail
build_dir=${1:-.build-static/release}
archive=${2:-trawl-linux-x86_64.tar.gz}
bundle=trawl_TrawlExtractors.resources
for needed in "$build_dir/trawl" "$build_dir/$bundle"; do
    if [ ! -e "$needed" ]; then
        echo "package.sh: $needed is missing; build trawl first (see README, 'Running on a cluster')" >&2
        exit 1
    fi
done
tar -czf "$archive" -C "$build_dir" trawl "$bundle"
echo "package.sh: wrote $archive ($(du -h "$archive" | cut -f1)): trawl and $bundle"
