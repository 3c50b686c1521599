/* Trawl — shim.h
 * The libxml2 headers the HTML reader uses, plus inline helpers reading the parser's state. */
#ifndef TRAWL_CLIBXML2_SHIM_H
#define TRAWL_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so encoding.h would include the system's ICU headers,
 * which clash with the copy Foundation ships. The reader never touches the ICU fields of
 * xmlCharEncodingHandler (it feeds UTF-8 and handles encoders only by pointer), so leave ICU
 * out. */
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

/* The parser's position in the bytes fed so far: inside a SAX callback for character data it
 * is one past the last byte of that data. */
static inline long trawl_input_offset(const xmlParserCtxt *context) {
    const xmlParserInput *input = context->input;
    if (input == NULL || input->cur == NULL || input->base == NULL) return -1;
    return (long)(input->cur - input->base) + (long)input->consumed;
}

/* Whether the parser has used every byte fed so far and is inside the open element named by
 * the `length` bytes at `name`, in content: for `script` and `style`, libxml2 then reads the
 * next bytes as the element's raw text, up to its closing tag. */
static inline int trawl_awaits_body(const xmlParserCtxt *context, const unsigned char *name, long length) {
    const xmlParserInput *input = context->input;
    return context->instate == XML_PARSER_CONTENT && context->token == 0 && context->name != NULL
        && strlen((const char *)context->name) == (size_t)length && memcmp(context->name, name, (size_t)length) == 0
        && input != NULL && input->cur != NULL && input->cur == input->end;
}

/* With the bytes fed so far ending with the `<` of a start tag: 1 when the parser has used
 * every byte but that `<`, in content outside script and style (fed the rest of the tag, it
 * parses the tag from the `<`); 0 when it has not reached the `<` (it waits for the end of a
 * comment, of a tag...) or reads a script or style body; -1 when it has used the `<` too, which
 * a clean stop never does: it parsed something past it that its lookahead took as complete. */
static inline int trawl_state_at_start_tag(const xmlParserCtxt *context) {
    const xmlParserInput *input = context->input;
    if (input == NULL || input->cur == NULL || input->end == NULL) return 0;
    const char *name = (const char *)context->name;
    int rawText = context->instate == XML_PARSER_CONTENT && name != NULL
        && (strcmp(name, "script") == 0 || strcmp(name, "style") == 0);
    if (input->cur >= input->end) return rawText ? 0 : -1;
    return context->instate == XML_PARSER_CONTENT && context->token == 0 && !rawText
        && input->end - input->cur == 1 && input->cur[0] == '<';
}
#endif
