// `npm run postcodes:load -- path/to/NSPL_UK.csv`: replace the area's postcode-to-ward lookup
// from the ONS National Statistics Postcode Lookup. The whole-UK file (about 1 GB) is too big to
// upload through the admin page, so it is loaded here.
import { createReadStream } from "node:fs";
import { access } from "node:fs/promises";
import path from "node:path";
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { loadPostcodeLookup } from "~/lib/geography/load-postcode-lookup";
import { runOrExplain } from "./run-or-explain";

await runOrExplain(async () => {
  const file = process.argv[2];
  if (file === undefined || file.trim() === "") {
    throw new Error("Name the CSV file of the National Statistics Postcode Lookup: npm run postcodes:load -- path/to/NSPL_UK.csv");
  }
  await access(file).catch(() => {
    throw new Error(`Cannot read ${path.resolve(file)}: check the path to the CSV file`);
  });
  const config = parseConfig(process.env);
  const prepared = await getPreparedDatabase();
  try {
    console.log(`Loading postcodes from ${file} into ${describeDatabase(config.database)}…`);
    const loaded = await loadPostcodeLookup(prepared.db, createReadStream(file), {
      fileName: path.basename(file),
      onProgress: (rowsRead) => console.log(`  ${rowsRead.toLocaleString("en-GB")} rows read`),
    });
    if (!loaded.ok) {
      console.error(`\n${loaded.error.message}. The postcode lookup was not changed.`);
      process.exitCode = 1;
      return;
    }
    const counts = loaded.value;
    console.log(`Read ${counts.rowsRead.toLocaleString("en-GB")} rows.`);
    console.log(`Live postcodes stored: ${counts.rowsInArea.toLocaleString("en-GB")}, in ${counts.wardsCovered} of the area's wards.`);
    console.log(`Terminated postcodes in the area left out: ${counts.rowsTerminated.toLocaleString("en-GB")}.`);
    if (counts.wardsWithoutPostcodes.length > 0) console.log(`Wards with no postcodes: ${counts.wardsWithoutPostcodes.join(", ")}.`);
    if (counts.unrecognisedWardCodes.length > 0) {
      console.log(`Ward codes in the file that match no current ward (a boundary change?): ${counts.unrecognisedWardCodes.join(", ")}.`);
    }
  } finally {
    await prepared.db.destroy();
  }
});
