/**
 * The database could not be opened. Its message is one line meant for the person starting
 * the service: it names the host or folder and the cause, never a password.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

type ErrorWithCode = { code?: string; message?: string; errors?: unknown[] };

export function explainPostgresConnectionError(url: string, error: unknown): DatabaseUnavailableError {
  const { hostname, port, pathname, username } = new URL(url);
  const where = `PostgreSQL at ${hostname}:${port || "5432"}`;
  const e = (error ?? {}) as ErrorWithCode;
  // pg wraps a failed dual-stack connect (::1 and 127.0.0.1) in an AggregateError.
  const code = e.code ?? (e.errors?.[0] as ErrorWithCode | undefined)?.code;
  const reasons: Record<string, string> = {
    ECONNREFUSED: "nothing is listening there",
    ENOTFOUND: "the host name does not resolve",
    EAI_AGAIN: "the host name does not resolve",
    ETIMEDOUT: "the connection timed out",
    "28P01": `the password for user "${decodeURIComponent(username)}" was refused`,
    "28000": `user "${decodeURIComponent(username)}" may not connect`,
    "3D000": `database "${decodeURIComponent(pathname.slice(1))}" does not exist`,
  };
  const reason = (code && reasons[code]) ?? (/timeout/i.test(e.message ?? "") ? "the connection timed out" : (e.message ?? String(error)));
  return new DatabaseUnavailableError(`Cannot connect to ${where} (DATABASE_URL): ${reason}.`, { cause: error });
}
