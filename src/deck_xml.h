/* deck_xml.h - the XML of the deck's parts, written into a ByteBuf.
 *
 * Every piece of text that comes from the data, the spec or the
 * language tables goes through deck_xml_text (element content) or
 * deck_xml_attr (attribute values): the one escaping function behind
 * both makes '&', '<', '>', '"' and '\'' entities, drops the control
 * characters XML 1.0 forbids (all below 0x20 but tab, newline and
 * carriage return) and replaces bytes that are not UTF-8 with U+FFFD, so
 * no input can make a part malformed. Markup itself (element names, the
 * namespaces, numbers) is written raw with deck_xml_raw and
 * deck_xml_fmt. */
#ifndef AIGROWTH_DECK_XML_H
#define AIGROWTH_DECK_XML_H

#include <stddef.h>

#include "bytebuf.h"

/* The XML declaration every part starts with. */
#define DECK_XML_DECL \
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

/* Appends s escaped, for element content or a quoted attribute value. */
void deck_xml_escape(ByteBuf *b, const char *s);

/* Appends markup as it is: only literal strings of our own. */
void deck_xml_raw(ByteBuf *b, const char *markup);

/* Appends printf output as it is: markup with numbers, never text. */
void deck_xml_fmt(ByteBuf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Appends <tag>escaped text</tag>. */
void deck_xml_element(ByteBuf *b, const char *tag, const char *text);

/* Appends  name="escaped value"  (a leading space included). */
void deck_xml_attr(ByteBuf *b, const char *name, const char *value);

#endif
