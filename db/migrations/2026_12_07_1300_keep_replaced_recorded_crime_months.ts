import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // Which batch held a month before a load replaced it, so that undoing the replacing load can
  // give the month back: the older batch's counts were never deleted, only stopped counting.
  // A row is taken (deleted) when its month is given back, or when the replacing load is undone.
  await db.schema
    .createTable("recorded_crime_month_replaced")
    .addColumn("replaced_by_batch_id", "integer", (c) => c.notNull().references("recorded_crime_batch.id").onDelete("cascade"))
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("batch_id", "integer", (c) => c.notNull().references("recorded_crime_batch.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("recorded_crime_month_replaced_pk", ["replaced_by_batch_id", "force", "month"])
    .addCheckConstraint("recorded_crime_month_replaced_first_day", sql`extract(day from month) = 1`)
    .addCheckConstraint("recorded_crime_month_replaced_other_batch", sql`batch_id <> replaced_by_batch_id`)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("recorded_crime_month_replaced").execute();
}
