import { SaxesParser, type SaxesTagNS } from "saxes";
import { damaged, hasDoctype } from "./xlsx-unreadable";

export type XmlTag = SaxesTagNS;
export type XmlHandlers = {
  open?: (tag: XmlTag) => void;
  close?: (tag: XmlTag) => void;
  /** Character data, CDATA included, with entities and character references resolved. */
  text?: (text: string) => void;
};
export type XmlPartParser = { write(bytes: Uint8Array): void; close(): void };

// Transitional (what Excel writes) and Strict (ECMA-376 Part 1, "Strict" conformance) namespaces.
const SPREADSHEETML = new Set(["http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main"]);
const RELATIONSHIPS = new Set(["http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships"]);
export const PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships";

/**
 * Parses one part of a workbook as it is inflated: UTF-8 bytes in, events out. Any part with a
 * DOCTYPE is refused (HasDoctype): Excel never writes one, and refusing it is simpler than
 * trusting every parser downstream to ignore entity declarations (XXE, "billion laughs"). saxes
 * itself resolves only the five predefined entities and character references, and fetches
 * nothing. Bytes that are not UTF-8 and XML that is not well-formed are Damaged.
 */
export function createXmlPartParser(partName: string, handlers: XmlHandlers): XmlPartParser {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parser = new SaxesParser({ xmlns: true, position: false });
  parser.on("doctype", () => {
    throw hasDoctype(partName);
  });
  parser.on("error", (error) => {
    throw damaged(`${partName} is not well-formed XML`, error);
  });
  if (handlers.open !== undefined) parser.on("opentag", handlers.open);
  if (handlers.close !== undefined) parser.on("closetag", handlers.close);
  if (handlers.text !== undefined) {
    parser.on("text", handlers.text);
    parser.on("cdata", handlers.text);
  }
  const decode = (bytes?: Uint8Array): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
    } catch (error) {
      throw damaged(`${partName} is not UTF-8 text`, error);
    }
  };
  return {
    write: (bytes) => void parser.write(decode(bytes)),
    close: () => void parser.write(decode()).close(),
  };
}

/** Feeds a whole part to a parser built from `handlers`: for the small parts read before the worksheet. */
export async function parsePart(chunks: AsyncIterable<Uint8Array>, partName: string, handlers: XmlHandlers): Promise<void> {
  const parser = createXmlPartParser(partName, handlers);
  for await (const chunk of chunks) parser.write(chunk);
  parser.close();
}

export function isSpreadsheetElement(tag: XmlTag, local: string): boolean {
  return tag.local === local && SPREADSHEETML.has(tag.uri);
}

/** An attribute without a prefix, as SpreadsheetML writes its own (r="C5", t="s"). */
export function attributeOf(tag: XmlTag, name: string): string | undefined {
  return tag.attributes[name]?.value;
}

/** r:id, whatever prefix the workbook binds to the relationships namespace. */
export function relationshipIdOf(tag: XmlTag): string | undefined {
  return Object.values(tag.attributes).find((attribute) => attribute.local === "id" && RELATIONSHIPS.has(attribute.uri))?.value;
}
