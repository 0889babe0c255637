import type { Kysely, Transaction } from "kysely";
import type { Database } from "~/lib/db/schema";

export type AuditAction =
  | "sign_in"
  | "sign_in_failed"
  | "sign_in_throttled"
  | "sign_out"
  | "sign_out_everywhere"
  | "two_factor_enabled"
  | "two_factor_failed"
  | "recovery_code_used"
  | "password_changed"
  | "first_administrator_created"
  | "invitation_created"
  | "invitation_accepted"
  | "role_changed"
  | "user_disabled"
  | "user_enabled"
  | "partner_source_added"
  | "postcode_lookup_loaded"
  | "area_loaded"
  | "boundary_change_recorded"
  | "setting_changed"
  | "population_loaded"
  | "retention_deletion"
  | "access_codes_generated"
  | "survey_created"
  | "survey_version_drafted"
  | "survey_version_published"
  | "survey_closed"
  | "question_added"
  | "import_committed"
  | "import_undone"
  | "indicators_published"
  | "recorded_crime_loaded"
  | "recorded_crime_replaced"
  | "recorded_crime_undone"
  | "recorded_crime_restored"
  | "national_figure_recorded"
  | "national_figure_removed";

export type AuditEvent = {
  actor: { id: number; email: string } | null;
  action: AuditAction;
  object?: { type: string; id: string | number };
  detail?: Record<string, string | number | boolean | null>;
};

/** Who did what, when, on which object. Never holds a password, token or client address. */
export async function recordAuditEvent(db: Kysely<Database> | Transaction<Database>, event: AuditEvent): Promise<void> {
  await db
    .insertInto("audit_event")
    .values({
      actor_user_id: event.actor?.id ?? null,
      actor_email: event.actor?.email ?? null,
      action: event.action,
      object_type: event.object?.type ?? null,
      object_id: event.object === undefined ? null : String(event.object.id),
      detail: JSON.stringify(event.detail ?? {}),
    })
    .execute();
}

export type AuditEntry = {
  id: number;
  occurredAt: Date;
  actorEmail: string | null;
  action: string;
  object: string | null;
  detail: Record<string, unknown>;
};

export const AUDIT_PAGE_SIZE = 50;

/** The newest events first, a page at a time. */
export async function listAuditEvents(db: Kysely<Database>, page: number): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom("audit_event")
    .selectAll()
    .orderBy("id", "desc")
    .limit(AUDIT_PAGE_SIZE + 1)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .execute();
  return {
    entries: rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({
      id: Number(row.id),
      occurredAt: row.occurred_at,
      actorEmail: row.actor_email,
      action: row.action,
      object: row.object_type === null ? null : `${row.object_type} ${row.object_id ?? ""}`.trim(),
      detail: row.detail,
    })),
    hasMore: rows.length > AUDIT_PAGE_SIZE,
  };
}
