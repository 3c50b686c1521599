// Trawl — main.swift
// The `trawl` executable: the command line with the built-in extractors and `rules`.

import TrawlCommandLine
import TrawlRules

TrawlCommand.main(registry: .builtInWithRules)
