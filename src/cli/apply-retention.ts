// `npm run retention:apply`: delete responses older than the retention period an administrator
// set, expired survey drafts, and imports abandoned with a partner's file still on disk. Run it
// from cron (say, nightly) so the period the privacy notice promises holds even when nobody
// presses the button on the settings page.
import { describeDatabase, parseConfig } from "~/lib/config/config";
import { getPreparedDatabase } from "~/lib/db/app-database";
import { ABANDONED_AFTER_DAYS, cancelAbandonedImports } from "~/lib/imports/cancel-abandoned-imports";
import { applyRetention } from "~/lib/settings/apply-retention";
import { runOrExplain } from "./run-or-explain";

await runOrExplain(async () => {
  const config = parseConfig(process.env);
  const prepared = await getPreparedDatabase();
  try {
    console.log(`Applying the response retention period in ${describeDatabase(config.database)}…`);
    const result = await applyRetention(prepared.db, new Date(), null);
    const number = (n: number) => n.toLocaleString("en-GB");
    if (result.months === null || result.cutoff === null) {
      console.log("No retention period is set, so no responses were deleted. An administrator can set one on the settings page.");
    } else {
      console.log(`Retention period: ${result.months} months, so responses submitted before ${result.cutoff.toISOString()} are deleted.`);
      console.log(`Deleted ${number(result.responses)} response(s) and their ${number(result.answers)} answer(s).`);
    }
    console.log(`Deleted ${number(result.drafts)} expired survey draft(s).`);
    const cancelled = await cancelAbandonedImports(prepared.db, new Date());
    console.log(`Cancelled ${number(cancelled)} import(s) left unsaved for more than ${ABANDONED_AFTER_DAYS} days, deleting their uploaded files.`);
  } finally {
    await prepared.db.destroy();
  }
});
