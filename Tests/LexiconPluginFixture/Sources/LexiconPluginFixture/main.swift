// LexiconPluginFixture — reads `Lexicons.ministries`, compiled from `Lexicons/ministries.lexicon`
// by the LexiconCompiler plugin of the `trawl` package.

import Foundation
import Trawl
import TrawlExtractors

let text = "Le Ministère des affaires étrangères et le Pentagone ont répondu."
let analysis = TextAnalyzer().analyze(text: text)
let found = Lexicons.ministries.matches(in: analysis).map {
    "\(analysis.string($0.span))/\(Lexicons.ministries.entries[$0.entry].label)"
}
print(found.joined(separator: "\n"))
guard found == ["Ministère des affaires étrangères/ORG", "Pentagone/ORG"] else {
    print("unexpected matches")
    exit(1)
}
