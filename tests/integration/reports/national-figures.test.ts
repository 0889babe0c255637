import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { readNationalFigures } from "~/lib/reports/national-figures";
import { recordNationalFigure, removeNationalFigure } from "~/lib/reports/record-national-figure";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { testDatabases } from "../../support/test-databases";

const FIGURE = { percent: 76.5, period: "year ending March 2025", source: "ONS, CSEW annual supplementary tables", sourceUrl: null };

describe.each(testDatabases())("national figures on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  let administrator: { id: number; email: string };

  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
    await seedQuestionBank(db);
    const user = await db.insertInto("app_user").values({ email: "ada@example.test", display_name: "Ada", role: "administrator", password_hash: "x", password_changed_at: new Date() }).returning("id").executeTakeFirstOrThrow();
    administrator = { id: user.id, email: "ada@example.test" };
  });
  afterAll(() => close());

  const audit = (action: string) => db.selectFrom("audit_event").select(["object_id", "detail"]).where("action", "=", action).orderBy("id").execute();

  it("records a standard indicator's figure, replaces it, and logs both with what it replaced", async () => {
    expect(await recordNationalFigure(db, administrator, "feel_safe_after_dark", FIGURE)).toEqual({ ok: true, value: undefined });
    expect((await readNationalFigures(db)).get("feel_safe_after_dark")).toEqual({ indicatorKey: "feel_safe_after_dark", ...FIGURE });
    await recordNationalFigure(db, administrator, "feel_safe_after_dark", { ...FIGURE, percent: 74, period: "year ending March 2026", sourceUrl: "https://www.ons.gov.uk/" });
    const figures = await readNationalFigures(db);
    expect(figures.size).toBe(1);
    expect(figures.get("feel_safe_after_dark")).toMatchObject({ percent: 74, period: "year ending March 2026", sourceUrl: "https://www.ons.gov.uk/" });
    const logged = await audit("national_figure_recorded");
    expect(logged).toHaveLength(2);
    expect(logged[1]!.object_id).toBe("feel_safe_after_dark");
    expect(logged[1]!.detail).toMatchObject({ percent: 74, percentBefore: 76.5, periodBefore: "year ending March 2025" });
  });

  it("refuses a local indicator or one that does not exist, storing nothing", async () => {
    const local = await db.insertInto("indicator").values({ key: "feel_safe_in_the_park", title: "% who feel safe in the park", calculation: "share_of_options", is_national: false, settings: JSON.stringify({}) }).returning("id").executeTakeFirstOrThrow();
    expect(await recordNationalFigure(db, administrator, "feel_safe_in_the_park", FIGURE)).toEqual({ ok: false, error: "NotStandard" });
    expect(await recordNationalFigure(db, administrator, "no_such_indicator", FIGURE)).toEqual({ ok: false, error: "NotStandard" });
    expect(await db.selectFrom("national_figure").select("indicator_id").where("indicator_id", "=", local.id).execute()).toEqual([]);
  });

  it("refuses a percentage outside 0 to 100 in the database itself", async () => {
    const indicator = await db.selectFrom("indicator").select("id").where("key", "=", "very_worried_burglary").executeTakeFirstOrThrow();
    await expect(db.insertInto("national_figure").values({ indicator_id: indicator.id, percent: 100.5, period: "x", source: "y" }).execute()).rejects.toThrow(/national_figure_percent/);
  });

  it("removes a figure, logging what it was", async () => {
    await removeNationalFigure(db, administrator, "feel_safe_after_dark");
    expect((await readNationalFigures(db)).size).toBe(0);
    expect((await audit("national_figure_removed"))[0]!.detail).toMatchObject({ percent: 74, period: "year ending March 2026" });
  });
});
