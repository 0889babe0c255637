import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  // An upload that has been checked and previewed but not yet saved. Without JavaScript the file
  // cannot be posted again from the preview page, so the checked contents wait here and only a
  // random id goes back in the form. The table keeps the id's SHA-256, as for one-time links, so a
  // leaked row cannot be saved by someone else. `kind` lets other previews share the table.
  await db.schema
    .createTable("pending_upload")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "jsonb", (c) => c.notNull())
    .addColumn("created_by", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pending_upload_expires_idx").on("pending_upload").column("expires_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("pending_upload").execute();
}
