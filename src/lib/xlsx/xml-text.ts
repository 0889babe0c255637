// Characters XML 1.0 does not allow at all (section 2.2, Char): C0 controls other than tab, line
// feed and carriage return, U+FFFE and U+FFFF, and surrogates that are not part of a pair.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text with the characters XML 1.0 forbids taken out: they cannot be written, even escaped. */
export function withoutForbiddenCharacters(text: string): string {
  return text.replace(FORBIDDEN, "");
}

/**
 * Text escaped for element content. A carriage return becomes a character reference, as a
 * parser turns a literal one into a line feed (XML 1.0, 2.11); ">" is escaped so "]]>" is safe.
 */
export function xmlText(text: string): string {
  return withoutForbiddenCharacters(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c] ?? c);
}

/** Text escaped for a double-quoted attribute, where tabs and line breaks would become spaces (XML 1.0, 3.3.3). */
export function xmlAttribute(text: string): string {
  return withoutForbiddenCharacters(text).replace(/[&<>"\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

const TEXT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': "&quot;", "\t": "&#9;", "\n": "&#10;" };
