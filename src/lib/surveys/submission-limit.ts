import { parseConfig } from "~/lib/config/config";

const WINDOW_MS = 10 * 60 * 1000;
const MAX_CLIENTS = 50_000;

/**
 * Limits how many responses one client network sends in 10 minutes, against ballot-stuffing.
 * Keyed by `clientKey` (a salted hash that changes daily), never by an address, and held in this
 * process's memory only: several server processes each apply their own limit.
 */
export class SubmissionLimit {
  readonly #sent = new Map<string, number[]>();
  constructor(readonly perClient: number) {}

  /** Records a submission if it is allowed; otherwise says how long to wait. */
  take(clientKey: string, now: Date): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const time = now.getTime();
    const recent = (this.#sent.get(clientKey) ?? []).filter((at) => at > time - WINDOW_MS);
    if (recent.length >= this.perClient) {
      return { allowed: false, retryAfterSeconds: Math.ceil((recent[0]! + WINDOW_MS - time) / 1000) };
    }
    recent.push(time);
    this.#sent.delete(clientKey);
    this.#sent.set(clientKey, recent);
    // Oldest clients are forgotten first, so a flood of keys cannot exhaust memory.
    for (const key of this.#sent.keys()) {
      if (this.#sent.size <= MAX_CLIENTS) break;
      this.#sent.delete(key);
    }
    return { allowed: true };
  }
}

const holder = globalThis as typeof globalThis & { __submissionLimit?: SubmissionLimit };

/** The one limit for this process, sized by SUBMISSIONS_PER_CLIENT. */
export const submissionLimit = () => (holder.__submissionLimit ??= new SubmissionLimit(parseConfig(process.env).submissionsPerClient));
