import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // One load of a force's data.police.uk street-level files: where it came from, who loaded it,
  // and what happened to its rows. It stays as history after it is undone or replaced.
  await db.schema
    .createTable("recorded_crime_batch")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("months", sql`text[]`, (c) => c.notNull())
    .addColumn("file_names", sql`text[]`, (c) => c.notNull())
    .addColumn("file_sha256s", sql`text[]`, (c) => c.notNull())
    .addColumn("loaded_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("rows_read", "integer", (c) => c.notNull())
    .addColumn("rows_placed", "integer", (c) => c.notNull())
    .addColumn("rows_without_location", "integer", (c) => c.notNull())
    .addColumn("rows_outside_area", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull().defaultTo("committed"))
    .addColumn("undone_at", "timestamptz")
    .addColumn("undone_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("replaced_by_batch_id", "integer", (c) => c.references("recorded_crime_batch.id"))
    .addCheckConstraint("recorded_crime_batch_force", sql`length(trim(force)) between 1 and 200`)
    .addCheckConstraint("recorded_crime_batch_months",
      sql`cardinality(months) > 0 and array_to_string(months, ',') ~ '^[0-9]{4}-(0[1-9]|1[0-2])(,[0-9]{4}-(0[1-9]|1[0-2]))*$'`)
    .addCheckConstraint("recorded_crime_batch_files",
      sql`cardinality(file_names) > 0 and cardinality(file_names) = cardinality(file_sha256s)
        and array_to_string(file_sha256s, ',') ~ '^[0-9a-f]{64}(,[0-9a-f]{64})*$'`)
    .addCheckConstraint("recorded_crime_batch_rows",
      sql`rows_placed >= 0 and rows_without_location >= 0 and rows_outside_area >= 0
        and rows_read = rows_placed + rows_without_location + rows_outside_area`)
    .addCheckConstraint("recorded_crime_batch_status", sql`status in ('committed', 'undone', 'replaced')`)
    // Undone and replaced batches say when; a replaced one says by which batch.
    .addCheckConstraint("recorded_crime_batch_ended", sql`(status = 'committed') = (undone_at is null)`)
    .addCheckConstraint("recorded_crime_batch_replaced", sql`(status = 'replaced') = (replaced_by_batch_id is not null)`)
    .execute();

  // Which batch each force's month is counted from now: at most one, so a month can never be
  // counted twice. Undoing a batch deletes its rows here; loading a month again moves the row
  // to the new batch. A batch's counts count only for the months it still holds here.
  await db.schema
    .createTable("recorded_crime_month")
    .addColumn("force", "text", (c) => c.notNull())
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("batch_id", "integer", (c) => c.notNull().references("recorded_crime_batch.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("recorded_crime_month_pk", ["force", "month"])
    .addCheckConstraint("recorded_crime_month_first_day", sql`extract(day from month) = 1`)
    .execute();
  await db.schema.createIndex("recorded_crime_month_batch_idx").on("recorded_crime_month").columns(["batch_id", "month"]).execute();

  // Rows placed in a ward, counted by month and crime type ("Anti-social behaviour" among them,
  // kept apart by reports). The month is its first day, so it compares with reporting periods.
  await db.schema
    .createTable("recorded_crime_count")
    .addColumn("batch_id", "integer", (c) => c.notNull().references("recorded_crime_batch.id").onDelete("cascade"))
    .addColumn("ward_id", "integer", (c) => c.notNull().references("ward.id"))
    .addColumn("month", "date", (c) => c.notNull())
    .addColumn("crime_type", "text", (c) => c.notNull())
    .addColumn("count", "integer", (c) => c.notNull())
    .addPrimaryKeyConstraint("recorded_crime_count_pk", ["batch_id", "month", "ward_id", "crime_type"])
    .addCheckConstraint("recorded_crime_count_month_first_day", sql`extract(day from month) = 1`)
    .addCheckConstraint("recorded_crime_count_crime_type", sql`length(crime_type) between 1 and 100`)
    .addCheckConstraint("recorded_crime_count_positive", sql`count > 0`)
    .execute();
  await db.schema.createIndex("recorded_crime_count_ward_month_idx").on("recorded_crime_count").columns(["ward_id", "month"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["recorded_crime_count", "recorded_crime_month", "recorded_crime_batch"]) {
    await db.schema.dropTable(table).execute();
  }
}
