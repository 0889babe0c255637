import { sql, type Kysely } from "kysely";

// Frozen in time: never import app code here, and never edit this file once it is on main.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("app_user")
    .addColumn("id", "serial", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("totp_key", "bytea")
    // The last TOTP time step accepted, so a code cannot be replayed within its window.
    .addColumn("totp_last_used_step", "bigint")
    .addColumn("password_changed_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("disabled_at", "timestamptz")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint("app_user_role", sql`role in ('administrator', 'engagement_officer', 'csp_member')`)
    .addCheckConstraint("app_user_email_lower", sql`email = lower(email)`)
    .execute();

  // An engagement officer imports and undoes only their own partner sources' batches.
  await db.schema
    .createTable("user_partner_source")
    .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("partner_source_id", "integer", (c) => c.notNull().references("partner_source.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("user_partner_source_pk", ["user_id", "partner_source_id"])
    .execute();

  // Only the SHA-256 of the token's secret is kept (the Lucia guide), so a leaked table
  // cannot be replayed as cookies.
  await db.schema
    .createTable("auth_session")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("secret_hash", "bytea", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("is_two_factor_verified", "boolean", (c) => c.notNull().defaultTo(false))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("last_verified_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex("auth_session_user_idx").on("auth_session").column("user_id").execute();

  // Single-use links: the first administrator's set-up link and invitations.
  await db.schema
    .createTable("one_time_link")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull())
    .addColumn("email", "text")
    .addColumn("partner_source_ids", sql`integer[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn("created_by", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addCheckConstraint("one_time_link_purpose", sql`purpose in ('first_administrator', 'invitation')`)
    .addCheckConstraint("one_time_link_role", sql`role in ('administrator', 'engagement_officer', 'csp_member')`)
    .execute();

  await db.schema
    .createTable("recovery_code")
    .addColumn("user_id", "integer", (c) => c.notNull().references("app_user.id").onDelete("cascade"))
    .addColumn("code_hash", "text", (c) => c.notNull())
    .addColumn("used_at", "timestamptz")
    .addPrimaryKeyConstraint("recovery_code_pk", ["user_id", "code_hash"])
    .execute();

  // Who did what, when, to which object. The actor's email is copied in so the record
  // survives the account's deletion.
  await db.schema
    .createTable("audit_event")
    .addColumn("id", "bigserial", (c) => c.primaryKey())
    .addColumn("occurred_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("actor_user_id", "integer", (c) => c.references("app_user.id").onDelete("set null"))
    .addColumn("actor_email", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("object_type", "text")
    .addColumn("object_id", "text")
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  await db.schema.createIndex("audit_event_occurred_idx").on("audit_event").column("occurred_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ["audit_event", "recovery_code", "one_time_link", "auth_session", "user_partner_source", "app_user"]) {
    await db.schema.dropTable(table).execute();
  }
}
