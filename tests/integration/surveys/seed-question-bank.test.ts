import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { migrateToLatest } from "~/lib/db/migrate";
import { STANDARD_QUESTIONS } from "~/lib/surveys/question-bank";
import { STANDARD_INDICATORS } from "~/lib/surveys/standard-indicators";
import { seedQuestionBank } from "~/lib/surveys/seed-question-bank";
import { testDatabases } from "../../support/test-databases";

const optionCount = STANDARD_QUESTIONS.reduce((n, q) => n + q.options.length, 0);

async function countRows(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const { count } = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(count);
}

async function countedOptionKeys(db: Kysely<Database>, indicatorKey: string): Promise<string[]> {
  const rows = await db
    .selectFrom("indicator_counted_option")
    .innerJoin("indicator", "indicator.id", "indicator_counted_option.indicator_id")
    .innerJoin("response_option", "response_option.id", "indicator_counted_option.response_option_id")
    .select("response_option.key")
    .where("indicator.key", "=", indicatorKey)
    .orderBy("response_option.position")
    .execute();
  return rows.map((r) => r.key);
}

describe.each(testDatabases())("seeding the question bank on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
  });
  afterAll(() => close());

  it("adds every standard question, option and indicator", async () => {
    const seeded = await seedQuestionBank(db);
    expect(seeded).toEqual({ questionsAdded: STANDARD_QUESTIONS.length, optionsAdded: optionCount, indicatorsAdded: STANDARD_INDICATORS.length });
    expect(await countRows(db, "question")).toBe(STANDARD_QUESTIONS.length);
    expect(await countRows(db, "response_option")).toBe(optionCount);
    expect(await countRows(db, "indicator")).toBe(STANDARD_INDICATORS.length);
    expect(await countRows(db, "indicator_question")).toBe(STANDARD_INDICATORS.reduce((n, i) => n + i.questionKeys.length, 0));
  });

  it("stores the wording, order, scores and flags of the scales", async () => {
    const safe = await db
      .selectFrom("response_option")
      .innerJoin("question", "question.id", "response_option.question_id")
      .select(["question.text", "question.is_national", "response_option.key", "response_option.position", "response_option.is_dont_know"])
      .where("question.key", "=", "safe_after_dark")
      .orderBy("response_option.position")
      .execute();
    expect(safe[0]?.text).toBe("How safe do you feel walking alone in this area after dark?");
    expect(safe.map((o) => o.key)).toEqual(["very_safe", "fairly_safe", "a_bit_unsafe", "very_unsafe", "never_walk_alone", "dont_know"]);
    expect(safe.map((o) => o.position)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(safe.every((o) => o.is_national)).toBe(true);
    expect(safe.filter((o) => o.is_dont_know).map((o) => o.key)).toEqual(["dont_know"]);
    const scores = await db
      .selectFrom("response_option")
      .innerJoin("question", "question.id", "response_option.question_id")
      .select("response_option.score")
      .where("question.key", "=", "asb_drunk_rowdy")
      .orderBy("response_option.position")
      .execute();
    expect(scores.map((o) => o.score)).toEqual([3, 2, 1, 0, null]);
  });

  it("counts exactly very safe and fairly safe for feeling safe after dark, with its base settings", async () => {
    expect(await countedOptionKeys(db, "feel_safe_after_dark")).toEqual(["very_safe", "fairly_safe"]);
    const indicator = await db.selectFrom("indicator").selectAll().where("key", "=", "feel_safe_after_dark").executeTakeFirstOrThrow();
    expect(indicator).toMatchObject({ calculation: "share_of_options", is_national: true });
    expect(indicator.settings).toEqual({ dontKnowInBase: true, excludedFromBase: ["never_walk_alone"] });
  });

  it("links the violent-crime composite to very worried on each of its three questions", async () => {
    expect(await countedOptionKeys(db, "very_worried_violent_crime")).toEqual(["very_worried", "very_worried", "very_worried"]);
    const high = await db.selectFrom("indicator").select("settings").where("key", "=", "high_perceived_asb").executeTakeFirstOrThrow();
    expect(high.settings).toMatchObject({ threshold: 11, dontKnowScore: 0 });
  });

  it("adds nothing when seeded again", async () => {
    expect(await seedQuestionBank(db)).toEqual({ questionsAdded: 0, optionsAdded: 0, indicatorsAdded: 0 });
    expect(await countRows(db, "question")).toBe(STANDARD_QUESTIONS.length);
    expect(await countRows(db, "response_option")).toBe(optionCount);
    expect(await countRows(db, "indicator_counted_option")).toBe(
      STANDARD_INDICATORS.reduce((n, i) => n + i.questionKeys.length * i.countedOptionKeys.length, 0),
    );
  });

  it("keeps an administrator's relabelled option and removed counted option when seeded again", async () => {
    const fairlySafe = await db
      .selectFrom("response_option")
      .innerJoin("question", "question.id", "response_option.question_id")
      .select("response_option.id")
      .where("question.key", "=", "safe_after_dark")
      .where("response_option.key", "=", "fairly_safe")
      .executeTakeFirstOrThrow();
    await db.updateTable("response_option").set({ label: "Quite safe" }).where("id", "=", fairlySafe.id).execute();
    const burglaryWorry = await db.selectFrom("indicator").select("id").where("key", "=", "very_worried_burglary").executeTakeFirstOrThrow();
    await db.deleteFrom("indicator_counted_option").where("indicator_id", "=", burglaryWorry.id).execute();

    await seedQuestionBank(db);

    const relabelled = await db.selectFrom("response_option").select("label").where("id", "=", fairlySafe.id).executeTakeFirstOrThrow();
    expect(relabelled).toEqual({ label: "Quite safe" });
    expect(await countedOptionKeys(db, "very_worried_burglary")).toEqual([]);
  });
});

describe.each(testDatabases())("seeding over a hand-made question on $name", (target) => {
  let db: Kysely<Database>;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ db, close } = await target.open());
    await migrateToLatest(db);
  });
  afterAll(() => close());

  it("refuses, writing nothing, when a hand-made question lacks an option a standard indicator counts", async () => {
    const handMade = await db
      .insertInto("question")
      .values({ key: "safe_after_dark", text: "Do you feel safe after dark?", answer_type: "single", topic: "safety" })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db.insertInto("response_option").values({ question_id: handMade.id, key: "yes", label: "Yes", position: 1, score: null }).execute();

    await expect(seedQuestionBank(db)).rejects.toThrow(/feel_safe_after_dark counts "very_safe" on question safe_after_dark/);
    expect(await countRows(db, "question")).toBe(1);
    expect(await countRows(db, "response_option")).toBe(1);
    expect(await countRows(db, "indicator")).toBe(0);
  });
});
