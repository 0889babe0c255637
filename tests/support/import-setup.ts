import { createHash } from "node:crypto";
import { copyFileSync, createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Kysely } from "kysely";
import type { SessionUser } from "~/lib/auth/auth-session";
import { migrateToLatest } from "~/lib/db/migrate";
import type { Database } from "~/lib/db/schema";
import { readAreaConfig } from "~/lib/geography/area-config";
import { loadArea } from "~/lib/geography/load-area";
import { loadPostcodeLookup } from "~/lib/geography/load-postcode-lookup";
import type { ReceivedFile } from "~/lib/http/receive-file-upload";
import { ensureReportingPeriods } from "~/lib/periods/ensure-reporting-periods";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";

export const IMPORT_FIXTURES = "tests/fixtures/imports";

/** Herefordshire's wards, the question bank, reporting periods, the sample postcode lookup, and an officer importing for one partner source. */
export async function prepareImportDatabase(db: Kysely<Database>, today: string): Promise<{ officer: SessionUser; administrator: SessionUser; partnerSourceId: number }> {
  await migrateToLatest(db);
  await loadArea(db, await readAreaConfig("db/reference/herefordshire/area.json"));
  await seedQuestionBank(db);
  await ensureReportingPeriods(db, "2024-04-01", today);
  await loadPostcodeLookup(db, createReadStream("tests/fixtures/nspl/nspl-herefordshire-sample.csv"));
  const partner = await db.insertInto("partner_source").values({ name: "West Mercia Police", agency: "police" }).returning("id").executeTakeFirstOrThrow();
  const user = (email: string, role: "engagement_officer" | "administrator") => db.insertInto("app_user")
    .values({ email, display_name: email.split("@")[0]!, role, password_hash: "x", password_changed_at: new Date() })
    .returning("id").executeTakeFirstOrThrow();
  const officer = await user("olu@example.test", "engagement_officer");
  const administrator = await user("ada@example.test", "administrator");
  await db.insertInto("user_partner_source").values({ user_id: officer.id, partner_source_id: partner.id }).execute();
  return {
    officer: { id: officer.id, email: "olu@example.test", displayName: "olu", role: "engagement_officer", hasTwoFactor: false },
    administrator: { id: administrator.id, email: "ada@example.test", displayName: "ada", role: "administrator", hasTwoFactor: true },
    partnerSourceId: partner.id,
  };
}

/** A fixture as the upload receiver would leave it: a copy in a folder of its own, hashed. */
export function receivedCopyOf(fixture: string, name = path.basename(fixture)): ReceivedFile {
  const folder = mkdtempSync(path.join(tmpdir(), "np-import-test-"));
  const target = path.join(folder, "upload");
  copyFileSync(fixture, target);
  return { path: target, originalName: name, bytes: statSync(target).size, sha256: createHash("sha256").update(readFileSync(target)).digest("hex") };
}

/** Text written to a file as the upload receiver would leave it. */
export function receivedText(text: string | Uint8Array, name = "export.csv"): ReceivedFile {
  const folder = mkdtempSync(path.join(tmpdir(), "np-import-test-"));
  const target = path.join(folder, "upload");
  writeFileSync(target, text);
  return receivedCopyOf(target, name);
}
