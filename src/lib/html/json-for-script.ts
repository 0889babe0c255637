/**
 * JSON to put inside a `<script type="application/json">` element. Every "<" is escaped as
 * \u003c, so that no text in the data (an administrator's indicator title, say) can close the
 * element with "</script>" or open a comment; JSON.parse reads the escape back as "<".
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
