// CustomExtractor — main.swift
// `trawl-emails`: the whole `trawl` command line, with the `emails` extractor registered next to
// the built-in ones (`extract`, `bench` and `extractors` all see it).

import EmailExtractor
import Trawl
import TrawlCommandLine
import TrawlExtractors

var registry = ExtractorRegistry.builtIn
registry.register(EmailExtractor.descriptor)
TrawlCommand.main(registry: registry)
