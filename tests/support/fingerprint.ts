import { sql, type Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";

/** Every table's row count and an MD5 of all its rows, to compare one database with another. */
export async function fingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`.execute(db);
  const result: Record<string, string> = {};
  for (const { name } of tables.rows) {
    const row = await sql<{ n: number; digest: string | null }>`select count(*)::int as n, md5(string_agg(t::text, ',' order by t::text)) as digest from ${sql.table(name)} t`.execute(db);
    result[name] = `${row.rows[0]!.n} ${row.rows[0]!.digest ?? ""}`;
  }
  return result;
}
