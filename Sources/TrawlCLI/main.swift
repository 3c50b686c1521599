// Trawl — main.swift
// The `trawl` executable: the command line with the built-in extractors.

import TrawlCommandLine
import TrawlExtractors

TrawlCommand.main(registry: .builtIn)
