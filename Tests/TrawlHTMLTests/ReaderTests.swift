// Trawl — ReaderTests.swift
// Text and blocks from markup: block kinds, whitespace, inline elements, skipped content, metadata.

import Testing
import Trawl
import TrawlHTML

@Suite struct ReaderTests {
    @Test func blockKindsAndSeparators() throws {
        let document = try readHTML("""
            <html><body><h1>Title</h1><p>First paragraph.</p>
            <ul><li>one</li><li><p>two</p></li></ul><dl><dt>term</dt><dd>definition</dd></dl>
            <table><caption>Table caption</caption><tr><th>head</th><td>cell</td></tr></table>
            <blockquote><p>Quoted words.</p></blockquote><figure><img src=x><figcaption>Figure caption</figcaption></figure>
            <pre>  line one
              line two
            </pre><div>loose text<section>inner</section>tail</div></body></html>
            """)
        #expect(blockTexts(document) == [
            "Title", "First paragraph.", "one", "two", "term", "definition", "Table caption", "head", "cell",
            "Quoted words.", "Figure caption", "  line one\n  line two", "loose text", "inner", "tail",
        ])
        #expect(document.blocks.map(\.kind) == [
            .heading, .paragraph, .listItem, .listItem, .listItem, .listItem, .caption, .tableCell, .tableCell,
            .quote, .caption, .preformatted, .paragraph, .paragraph, .paragraph,
        ])
        #expect(document.text == blockTexts(document).joined(separator: "\n\n"))
    }

    @Test func inlineElementsNeverBreakWords() throws {
        let document = try readHTML("<p>Irak<a href=x>Le Monde</a> and <b>bold</b><i>italic</i> <span>spaced</span></p>")
        #expect(document.text == "IrakLe Monde and bolditalic spaced")
        #expect(document.blocks.count == 1)
    }

    @Test func whitespaceCollapsesButNoBreakSpaceStays() throws {
        let document = try readHTML("<p>\n   Some \t\r\n text   with\u{A0}\u{A0}gaps: 3\u{A0}000 soldats&nbsp;!  </p>")
        #expect(document.text == "Some text with\u{A0}\u{A0}gaps: 3\u{A0}000 soldats\u{A0}!")
    }

    @Test func lineBreakIsNewlineInsideBlock() throws {
        let document = try readHTML("<p><br>Line one<br>  Line two<br><br>\n Line three<br></p><p>Next</p>")
        #expect(document.text == "Line one\nLine two\nLine three\n\nNext")
        #expect(blockTexts(document) == ["Line one\nLine two\nLine three", "Next"])
    }

    @Test func hiddenContentIsDropped() throws {
        let document = try readHTML("""
            <html><head><title>T</title><style>p { color: red }</style><script>var x = function() {};</script>
            <meta name="description" content="meta text"></head><body>
            <p>Visible<script>document.write("hidden")</script> text<!-- a comment --></p>
            <noscript>enable scripts</noscript><template><p>template</p></template>
            <svg><title>svg title</title><text>svg text</text></svg><iframe>frame</iframe>
            <select><option>choice</option></select><p>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字</p></body></html>
            """)
        #expect(document.text == "Visible text\n\n漢字")
        #expect(document.title == "T")
    }

    @Test func scriptInsideBlockDoesNotSplitIt() throws {
        let document = try readHTML("<p>before<noscript><p>no</p></noscript>after</p>")
        #expect(document.text == "beforeafter")
    }

    @Test func scriptAndStyleBodiesAreSkippedWithOffsetsKept() throws {
        let html = """
            <html><head><script type="text/javascript" data-x='a>b'>var s = "</div><p>not text</p>";</script>\
            <style>p{}</STYLE></head><body>
            <p>One<script>if (a < b) { x = "</scr" + "ipt>"; }</SCRIPT >two</p>
            <!-- <script>comment</script> --><p>Three &amp; <script/>four</p>
            <div><script src=x.js></script>Five</div><style media="screen">
            a > b { }</style><p>Six</p><script>unclosed
            """
        let document = try readHTML(html)
        #expect(document.text == "Onetwo\n\nThree & four\n\nFive\n\nSix")
        let check = OffsetCheck(document, source: Array(html.utf8))
        #expect(check.mismatches.isEmpty && check.references == 1, "\(check)")
    }

    /// `<!--->` looks complete to libxml2's lookahead but its comment runs on to the next
    /// `-->`: the reader, which feeds the page in pieces, must parse it as a whole page parses.
    @Test func commentsThatLookClosedSwallowWhatAWholePageParseSwallows() throws {
        let html = """
            <p>one<!---><a href="https://example.org/a/long/path" class="x">two</a> three</p><!-- real -->four\
            <script src="https://example.org/s.js">var a = 1;</script><p data-long-attribute="0123456789abcdef">five</p>
            """
        let document = try readHTML(html)
        #expect(document.text == "onefour\n\nfive")
        let check = OffsetCheck(document, source: Array(html.utf8))
        #expect(check.mismatches.isEmpty, "\(check)")
    }

    @Test func referencesAreDecoded() throws {
        let document = try readHTML("<p>AT&amp;T &eacute;t&eacute; &#8364;5 &#x263A; &lt;tag&gt; &unknown; R&D</p>")
        #expect(document.text == "AT&T été €5 ☺ <tag> &unknown; R&D")
    }

    @Test func titleLanguageAndDate() throws {
        let document = try readHTML("""
            <html lang=" fr-FR "><head><title>  Le   titre\n de la page </title>
            <meta name="date" content="2019-01-02">
            <meta property="article:published_time" content="2020-08-14T10:30:00+02:00"></head>
            <body><p>Texte</p><time datetime="2001-01-01">then</time></body></html>
            """)
        #expect(document.title == "Le titre de la page")
        #expect(document.declaredLanguage == "fr-FR")
        #expect(document.date == "2020-08-14T10:30:00+02:00")
        #expect(document.format == .html)
    }

    @Test func dateFallsBackToTimeThenSource() throws {
        let timed = try readHTML(#"<p>x <time datetime="2021-03-04 05:06">March</time></p>"#, date: "2024-01-01T00:00:00Z")
        #expect(timed.date == "2021-03-04T05:06")
        let untimed = try readHTML(#"<p>x <time datetime="yesterday">then</time></p>"#, date: "2024-01-01T00:00:00Z")
        #expect(untimed.date == "2024-01-01T00:00:00Z")
        #expect(untimed.title == nil)
        #expect(untimed.declaredLanguage == nil)
    }

    @Test func offsetsPointAtSourceBytes() throws {
        let html = "<p>Irak<a>Le Monde</a>   a dit &eacute;t&eacute; <b>Fuad\r\n  Hussein</b></p>\n<p>\u{1}Deux</p>"
        let document = try readHTML(html)
        #expect(document.text == "IrakLe Monde a dit été Fuad Hussein\n\nDeux")
        let source = Array(html.utf8), text = Array(document.text.utf8)
        let map = try #require(document.offsetMap)
        /// The source from where the first occurrence of `word` in the text maps.
        func sourceFrom(_ word: String) -> String {
            let start = text.firstRange(of: Array(word.utf8))!.lowerBound
            return String(decoding: source[map.sourceOffset(forTextOffset: start)...], as: UTF8.self)
        }
        #expect(sourceFrom("Irak").hasPrefix("Irak<a>Le Monde</a>"))
        #expect(sourceFrom("Le Monde").hasPrefix("Le Monde</a>"))
        #expect(sourceFrom("a dit").hasPrefix("a dit"))
        #expect(sourceFrom("été").hasPrefix("&eacute;t&eacute;"))
        #expect(sourceFrom("té").hasPrefix("t&eacute;"))
        #expect(sourceFrom("Fuad").hasPrefix("Fuad"))
        #expect(sourceFrom("Hussein").hasPrefix("Hussein"))
        #expect(sourceFrom("Deux").hasPrefix("Deux"))
        let check = OffsetCheck(document, source: source)
        #expect(check.mismatches.isEmpty && check.references == 2, "\(check)")
    }
}
