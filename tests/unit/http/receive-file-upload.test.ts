import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cleanFileName, receiveFileUpload } from "~/lib/http/receive-file-upload";

function upload(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }): Request {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  if (file) form.set("exportFile", new File([file.bytes.slice().buffer as ArrayBuffer], file.name, { type: "text/csv" }));
  return new Request("http://localhost/imports", { method: "POST", body: form });
}

describe("receiveFileUpload", () => {
  it("streams the file to disk under a random name, with its size, SHA-256 and the form's other fields", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "np-upload-"));
    const bytes = new TextEncoder().encode("Ward,Answer\r\nKington,Very safe\r\n");
    const received = await receiveFileUpload(upload({ partnerSource: "3" }, { name: "responses.csv", bytes }), { fileField: "exportFile", maxBytes: 1024, folder });
    expect(received.ok).toBe(true);
    if (!received.ok || received.value.file === null) return;
    expect(received.value.fields).toEqual({ partnerSource: "3" });
    expect(received.value.file).toMatchObject({ originalName: "responses.csv", bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") });
    expect(path.dirname(received.value.file.path)).toBe(folder);
    expect(path.basename(received.value.file.path)).toMatch(/^[0-9a-f]{32}\.upload$/);
    expect(readFileSync(received.value.file.path)).toEqual(Buffer.from(bytes));
  });

  it("refuses a file over the limit with its size in the message, and keeps nothing of it", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "np-upload-"));
    const received = await receiveFileUpload(upload({}, { name: "big.csv", bytes: new Uint8Array(3 * 1024 * 1024) }), { fileField: "exportFile", maxBytes: 2 * 1024 * 1024, folder });
    expect(received).toEqual({ ok: false, error: { code: "TooLarge", message: "The selected file must be smaller than 2MB" } });
    expect(readdirSync(folder)).toEqual([]);
  });

  it("gives no file when none was chosen, and refuses a form that is not a file upload", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "np-upload-"));
    expect(await receiveFileUpload(upload({ partnerSource: "1" }), { fileField: "exportFile", maxBytes: 1024, folder })).toEqual({ ok: true, value: { fields: { partnerSource: "1" }, file: null } });
    const urlencoded = new Request("http://localhost/imports", { method: "POST", body: new URLSearchParams({ a: "b" }) });
    const refused = await receiveFileUpload(urlencoded, { fileField: "exportFile", maxBytes: 1024, folder });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe("NotMultipart");
  });

  it("keeps only the last part of a file name, never a path", () => {
    expect(cleanFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanFileName("C:\\Users\\olu\\Desktop\\export.csv")).toBe("export.csv");
    expect(cleanFileName("..")).toBe("upload");
    expect(cleanFileName("re\u0000port\n.csv")).toBe("report.csv");
  });
});
