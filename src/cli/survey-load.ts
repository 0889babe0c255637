import { sha256 } from "@oslojs/crypto/sha2";
import { encodeHexLowerCase } from "@oslojs/encoding";

/*
 * Residents answering the default survey over HTTP, as a browser without JavaScript would: start,
 * choose a ward, answer each question page, and press "Send answers" on the check page. Used by
 * `npm run test:load`, `npm run bench` and the server-level tests.
 *
 * A submission is *sent* when the "Send answers" POST leaves, and *acknowledged* when the server
 * answers it with the redirect to the confirmation page. Each acknowledged submission's draft
 * token is kept, so a test can look for that exact response's draft in the database afterwards
 * (the response itself is anonymous by design and carries nothing of the resident's).
 */

export const LOAD_SURVEY = "/surveys/feeling-safe";
const WARD = "E05009438";

/** Fields to post on each question page, learnt from the pages themselves. */
export type SurveyPages = Map<string, Record<string, string>>;

export type LoadResult = {
  clients: number;
  seconds: number;
  sent: number;
  acknowledged: number;
  /** SHA-256 (hex) of each acknowledged submission's draft token, as survey_draft stores it. */
  acknowledgedTokenHashes: string[];
  /** Milliseconds from "Send answers" to its acknowledgement, sorted. */
  sendLatencies: number[];
  /** Milliseconds for every request of every journey, sorted. */
  requestLatencies: number[];
  failures: Map<string, number>;
};

const hashToken = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** One resident: their draft cookie, and the servers they are spread over, request by request. */
export class Resident {
  cookie = "";
  token = "";
  #turn = 0;
  constructor(readonly bases: string[], readonly requestLatencies: number[] = []) {
    this.#turn = Math.floor(Math.random() * bases.length);
  }

  /** Posts a form and expects the 303 that every successful step answers with; returns its Location. */
  async post(pathname: string, form: Record<string, string>): Promise<string> {
    const base = this.bases[this.#turn++ % this.bases.length]!;
    const started = performance.now();
    const response = await fetch(base + pathname, {
      method: "POST",
      redirect: "manual",
      headers: { origin: base, cookie: this.cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(120_000),
    });
    const set = response.headers.get("set-cookie");
    if (set?.startsWith("np_draft=")) {
      this.cookie = set.split(";")[0]!;
      this.token = this.cookie.slice("np_draft=".length);
    }
    await response.arrayBuffer();
    this.requestLatencies.push(performance.now() - started);
    if (response.status !== 303) throw new Error(`POST ${pathname.replace(/\/questions\/\d+/, "/questions/N")} answered ${response.status}`);
    return new URL(response.headers.get("location") ?? "", base).pathname;
  }

  async get(pathname: string): Promise<string> {
    const base = this.bases[this.#turn++ % this.bases.length]!;
    const response = await fetch(base + pathname, { headers: { cookie: this.cookie }, signal: AbortSignal.timeout(120_000) });
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`);
    return body;
  }

  /** Everything up to, but not including, "Send answers"; returns the check page's path. */
  async answer(pages: SurveyPages): Promise<string> {
    await this.post(LOAD_SURVEY, {});
    let next = await this.post(`${LOAD_SURVEY}/ward/confirm`, { ward: WARD });
    while (next.includes("/questions/")) next = await this.post(next, pages.get(next) ?? {});
    return next;
  }

  /** "Send answers": true when the server acknowledged with the confirmation page. */
  async send(): Promise<boolean> {
    const done = await this.post(`${LOAD_SURVEY}/check`, { website: "" });
    return done.endsWith("/done");
  }
}

/** Walks the survey once, choosing each question's first option, without sending it. */
export async function learnSurvey(base: string): Promise<SurveyPages> {
  const resident = new Resident([base]);
  const pages: SurveyPages = new Map();
  await resident.post(LOAD_SURVEY, {});
  let next = await resident.post(`${LOAD_SURVEY}/ward/confirm`, { ward: WARD });
  while (next.includes("/questions/")) {
    const body = await resident.get(next);
    const form: Record<string, string> = {};
    for (const match of body.matchAll(/name="([a-z_]+)" type="radio" value="([a-z0-9_]+)"/g)) form[match[1]!] ??= match[2]!;
    pages.set(next, form);
    next = await resident.post(next, form);
  }
  if (pages.size === 0) throw new Error(`Could not learn the survey at ${base}${LOAD_SURVEY}: no question pages`);
  return pages;
}

/**
 * `clients` residents, each answering and sending one survey after another until `seconds` have
 * passed or `shouldStop` says so. Bounded in time by construction: no journey starts after the
 * deadline (one under way is finished), and every request times out after two minutes.
 */
export async function runSurveyLoad(options: LoadOptions): Promise<LoadResult> {
  return startSurveyLoad(options).done;
}

type LoadOptions = {
  bases: string[];
  pages: SurveyPages;
  clients: number;
  seconds: number;
  shouldStop?: () => boolean;
  /** After a failed journey a resident waits this long before the next (a dead server is not hammered). */
  pauseAfterFailureMs?: number;
};

/** As runSurveyLoad, with the figures readable while it runs (a fault test kills the server mid-way). */
export function startSurveyLoad(options: LoadOptions): { live: LoadResult; done: Promise<LoadResult> } {
  const { bases, pages, clients, seconds } = options;
  const result: LoadResult = { clients, seconds, sent: 0, acknowledged: 0, acknowledgedTokenHashes: [], sendLatencies: [], requestLatencies: [], failures: new Map() };
  const started = performance.now();
  const end = started + seconds * 1000;
  const stopping = () => performance.now() >= end || (options.shouldStop?.() ?? false);
  const done = Promise.all(
    Array.from({ length: clients }, async () => {
      while (!stopping()) {
        const resident = new Resident(bases, result.requestLatencies);
        let sending = false;
        try {
          // A journey begun before the deadline is finished: a resident half-way through sends.
          await resident.answer(pages);
          const sentAt = performance.now();
          sending = true;
          result.sent++;
          const acknowledged = await resident.send();
          if (!acknowledged) throw new Error("Send answers did not lead to the confirmation page");
          result.sendLatencies.push(performance.now() - sentAt);
          result.acknowledged++;
          result.acknowledgedTokenHashes.push(hashToken(resident.token));
        } catch (error) {
          const cause = (error as Error & { cause?: { code?: string } }).cause?.code;
          const reason = `${sending ? "sending" : "answering"}: ${(error as Error).message}${cause ? ` (${cause})` : ""}`;
          result.failures.set(reason, (result.failures.get(reason) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, options.pauseAfterFailureMs ?? 100));
        }
      }
    }),
  ).then(() => {
    result.seconds = (performance.now() - started) / 1000;
    result.sendLatencies.sort((a, b) => a - b);
    result.requestLatencies.sort((a, b) => a - b);
    return result;
  });
  return { live: result, done };
}

/** One line of figures for a finished load. */
export function describeLoad(name: string, load: LoadResult, stored: number): string {
  const ms = (values: number[], p: number) => `${percentile(values, p).toFixed(0)}`;
  return (
    `${name}: ${load.clients} concurrent residents for ${load.seconds.toFixed(1)} s: sent ${load.sent}, acknowledged ${load.acknowledged}, stored ${stored}` +
    `${load.sent === load.acknowledged && load.acknowledged === stored ? " (all equal)" : "  <-- NOT EQUAL"}; ` +
    `${(load.acknowledged / load.seconds).toFixed(1)} submissions/s (${(load.requestLatencies.length / load.seconds).toFixed(0)} requests/s); ` +
    `send latency p50 ${ms(load.sendLatencies, 50)} ms, p95 ${ms(load.sendLatencies, 95)} ms, p99 ${ms(load.sendLatencies, 99)} ms; ` +
    `any request p50 ${ms(load.requestLatencies, 50)} ms, p95 ${ms(load.requestLatencies, 95)} ms, p99 ${ms(load.requestLatencies, 99)} ms`
  );
}
