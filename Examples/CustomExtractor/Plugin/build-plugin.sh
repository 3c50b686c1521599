#!/usr/bin/env bash
# Builds libEmailPlugin.so for `trawl extract --plugin`, against the `trawl` built at the
# repository root with the same configuration, and prints its path.
#   Examples/CustomExtractor/Plugin/build-plugin.sh [debug|release]
set -euo pipefail
configuration=${1:-debug}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
swift build --package-path "$root" -c "$configuration" --product trawl >&2
bin=$(swift build --package-path "$root" -c "$configuration" --show-bin-path)
optimization=-Onone
[ "$configuration" = release ] && optimization=-O
# The lexicons, compiled as the LexiconCompiler build plugin does (the tool is built with trawl).
generated=$(mktemp -d)
trap 'rm -rf "$generated"' EXIT
"$bin/trawl-lexicon-compiler-tool" compile --root "$here/../Sources/EmailExtractor" \
    --output "$generated/Lexicons.swift" --import TrawlExtractors "$here"/../Sources/EmailExtractor/Lexicons/*.lexicon
# Trawl's symbols stay undefined in the library: the executable exports them (--export-dynamic).
swiftc -emit-library -parse-as-library -module-name EmailPlugin "$optimization" -I "$bin/Modules" \
    "$here"/../Sources/EmailExtractor/*.swift "$generated/Lexicons.swift" "$here/EmailPlugin.swift" \
    -o "$bin/libEmailPlugin.so"
echo "$bin/libEmailPlugin.so"
