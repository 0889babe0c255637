import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { StreetCrimeZipUnreadable, type ZipLimits } from "~/lib/crime/street-crime-zip";
import type { StreetCrimeFile } from "~/lib/crime/tally-street-crime";
import { streetCrimeFilesOf } from "~/lib/crime/uploaded-street-crime-files";
import { deflateZipEntry, zipArchive, type ZipEntry } from "~/lib/xlsx/zip-archive";

const POLICE = "tests/fixtures/police";
const fixtureFile = (name: string) => new File([readFileSync(`${POLICE}/${name}`)], name);
const zipFile = (name: string, entries: ZipEntry[]) => new File([Buffer.from(zipArchive(entries))], name);
const limits = (bytes: number, maxEntries = 100): ZipLimits => ({ maxEntries, budget: { limitBytes: bytes, remainingBytes: bytes } });
const csv = (month: string) => Buffer.from(`Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context\n,${month},West Mercia Police,West Mercia Police,,,No Location,,,Drugs,,\n`);

/** Reads every file to the end, as the tally does, keeping names and bytes read. */
async function readAll(files: AsyncIterable<StreetCrimeFile>): Promise<{ name: string; text: string }[]> {
  const read: { name: string; text: string }[] = [];
  for await (const file of files) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of file.bytes) chunks.push(chunk);
    read.push({ name: file.name, text: Buffer.concat(chunks).toString("utf8") });
  }
  return read;
}
async function refusal(files: AsyncIterable<StreetCrimeFile>): Promise<{ message: string; bytesRead: number }> {
  let bytesRead = 0;
  try {
    for await (const file of files) for await (const chunk of file.bytes) bytesRead += chunk.length;
  } catch (error) {
    if (error instanceof StreetCrimeZipUnreadable) return { message: error.message, bytesRead };
    throw error;
  }
  throw new Error("expected the ZIP to be refused");
}

describe("streetCrimeFilesOf with ZIP files", () => {
  it("reads the street files of a data.police.uk month-range ZIP, and leaves its other files unopened", async () => {
    const read = await readAll(streetCrimeFilesOf([fixtureFile("west-mercia-2024-03-to-2024-04.zip")]));
    expect(read.map((file) => file.name)).toEqual([
      "west-mercia-2024-03-to-2024-04.zip/2024-03/2024-03-west-mercia-street.csv",
      "west-mercia-2024-03-to-2024-04.zip/2024-04/2024-04-west-mercia-street.csv",
    ]);
    expect(read[0]!.text).toBe(readFileSync(`${POLICE}/2024-03-west-mercia-street.csv`, "utf8"));
    expect(read[1]!.text).toBe(readFileSync(`${POLICE}/2024-04-west-mercia-street.csv`, "utf8"));
  });

  it("reads CSV files as they are, beside a ZIP, knowing a ZIP by its first bytes rather than its name", async () => {
    const renamed = new File([readFileSync(`${POLICE}/west-mercia-2024-03-to-2024-04.zip`)], "download.csv");
    const read = await readAll(streetCrimeFilesOf([fixtureFile("2024-03-west-mercia-street.csv"), renamed]));
    expect(read.map((file) => file.name)).toEqual(["2024-03-west-mercia-street.csv", "download.csv/2024-03/2024-03-west-mercia-street.csv", "download.csv/2024-04/2024-04-west-mercia-street.csv"]);
  });

  it("refuses street files whose declared sizes add up past the limit, before unpacking any", async () => {
    const bomb = zipFile("big.zip", [deflateZipEntry("2024-03/2024-03-x-street.csv", Buffer.alloc(600, 65)), deflateZipEntry("2024-04/2024-04-x-street.csv", Buffer.alloc(600, 65))]);
    const refused = await refusal(streetCrimeFilesOf([bomb], limits(1_000)));
    expect(refused).toEqual({ message: expect.stringMatching(/^The street-level files in big\.zip unpack to more than 0 MB, so nothing was loaded/), bytesRead: 0 });
  });

  it("counts the limit across every ZIP of an upload", async () => {
    const first = zipFile("a.zip", [deflateZipEntry("2024-03/2024-03-x-street.csv", csv("2024-03"))]);
    const second = zipFile("b.zip", [deflateZipEntry("2024-04/2024-04-x-street.csv", csv("2024-04"))]);
    const refused = await refusal(streetCrimeFilesOf([first, second], limits(csv("2024-03").length + 10)));
    expect(refused.message).toMatch(/^The street-level files in b\.zip unpack to more than/);
  });

  it("stops a zip bomb that declares a small size, within a chunk of the size it declared", async () => {
    const honest = deflateZipEntry("2024-03/2024-03-x-street.csv", Buffer.alloc(50_000_000));
    const lying: ZipEntry = { ...honest, size: 1_000 };
    const refused = await refusal(streetCrimeFilesOf([zipFile("bomb.zip", [lying])], limits(600_000_000)));
    expect(refused.message).toBe("bomb.zip is damaged: 2024-03/2024-03-x-street.csv cannot be unpacked, or unpacks to more than the ZIP says it holds, so nothing was loaded. Download it from data.police.uk again");
    expect(refused.bytesRead).toBeLessThanOrEqual(1_000);
  });

  it("refuses a ZIP with too many files, with no street files, or with a file twice", async () => {
    const many = zipFile("many.zip", Array.from({ length: 6 }, (_, i) => deflateZipEntry(`2024-0${i + 1}/2024-0${i + 1}-x-street.csv`, csv(`2024-0${i + 1}`))));
    expect((await refusal(streetCrimeFilesOf([many], limits(1e6, 5)))).message).toMatch(/^many\.zip holds more than 5 files/);
    const outcomes = zipFile("outcomes.zip", [deflateZipEntry("2024-03/2024-03-x-outcomes.csv", csv("2024-03"))]);
    expect((await refusal(streetCrimeFilesOf([outcomes], limits(1e6)))).message)
      .toBe("outcomes.zip holds no street-level crime files (names ending “-street.csv”). Files found: 2024-03/2024-03-x-outcomes.csv");
    const twice = zipFile("twice.zip", [deflateZipEntry("a-street.csv", csv("2024-03")), deflateZipEntry("a-street.csv", csv("2024-04"))]);
    expect((await refusal(streetCrimeFilesOf([twice], limits(1e6)))).message).toMatch(/^twice\.zip is damaged: it holds a-street\.csv twice/);
  });

  it("refuses a password-protected ZIP and one cut short", async () => {
    const bytes = Buffer.from(zipArchive([deflateZipEntry("a-street.csv", csv("2024-03"))]));
    // General purpose bit 0, "encrypted", in the local and the central header (APPNOTE 4.4.4).
    bytes[6]! |= 1;
    bytes[bytes.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8]! |= 1;
    expect((await refusal(streetCrimeFilesOf([new File([bytes], "locked.zip")], limits(1e6)))).message).toMatch(/^locked\.zip is password protected/);
    const cut = new File([bytes.subarray(0, 40)], "cut.zip");
    expect((await refusal(streetCrimeFilesOf([cut], limits(1e6)))).message).toMatch(/^cut\.zip is damaged: it is not a ZIP archive, or its list of files is missing or cut short/);
  });
});
