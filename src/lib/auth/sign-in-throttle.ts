/*
 * Slows password guessing at sign-in, per account and per client. 5 failures within 15 minutes
 * lock an account for 15 minutes: at most 20 guesses an hour per account, well under
 * OWASP ASVS 4.0 2.2.1's ceiling of 100 failed attempts an hour. A lock is temporary because a
 * permanent one would let anyone lock an officer out by typing their email address.
 * A client (one network) may fail 30 times before it is locked: an office of officers shares one
 * address, and one person's typos must not lock out their colleagues.
 *
 * In memory, in one process: it forgets on restart, which is acceptable for a rate limit, and it
 * keeps at most `maxKeys` keys so that a flood of made-up emails cannot exhaust memory. Time is
 * always passed in.
 */
export const SIGN_IN_THROTTLE_POLICY = {
  maxFailures: 5,
  maxClientFailures: 30,
  windowMs: 15 * 60 * 1000,
  lockoutMs: 15 * 60 * 1000,
  maxKeys: 10_000,
} as const;

export type SignInThrottlePolicy = { [K in keyof typeof SIGN_IN_THROTTLE_POLICY]: number };

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** `clientKey` comes from `clientKey(address, now)` in `client-key.ts`, never the raw address. */
export interface SignInAttempt {
  email: string;
  clientKey: string;
}

interface KeyState {
  failures: number[];
  lockedUntil: number;
}

function keysOf(attempt: SignInAttempt): string[] {
  return [`account:${attempt.email.trim().toLowerCase()}`, `client:${attempt.clientKey}`];
}

export class SignInThrottle {
  readonly #policy: SignInThrottlePolicy;
  /** Insertion-ordered: the first key is the one least recently written. */
  readonly #states = new Map<string, KeyState>();

  constructor(policy: SignInThrottlePolicy = SIGN_IN_THROTTLE_POLICY) {
    this.#policy = policy;
  }

  get size(): number {
    return this.#states.size;
  }

  /** Ask before checking the password; if not allowed, do not check it at all. */
  check(attempt: SignInAttempt, now: Date): ThrottleDecision {
    const lockedUntil = Math.max(0, ...keysOf(attempt).map((key) => this.#states.get(key)?.lockedUntil ?? 0));
    if (lockedUntil <= now.getTime()) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.ceil((lockedUntil - now.getTime()) / 1000) };
  }

  /** Call after a wrong email or password; the answer says whether this failure caused a lock. */
  recordFailure(attempt: SignInAttempt, now: Date): ThrottleDecision {
    const time = now.getTime();
    for (const key of keysOf(attempt)) {
      const state = this.#states.get(key) ?? { failures: [], lockedUntil: 0 };
      if (state.lockedUntil <= time) {
        state.failures = state.failures.filter((at) => at > time - this.#policy.windowMs);
        state.failures.push(time);
        const limit = key.startsWith("client:") ? this.#policy.maxClientFailures : this.#policy.maxFailures;
        if (state.failures.length >= limit) {
          state.lockedUntil = time + this.#policy.lockoutMs;
          state.failures = [];
        }
      }
      this.#states.delete(key);
      this.#states.set(key, state);
    }
    this.#evict(time);
    return this.check(attempt, now);
  }

  /**
   * Clears the account's failures. The client key is left alone, so one valid account cannot be
   * used to reset a client that is guessing at other accounts.
   */
  recordSuccess(attempt: Pick<SignInAttempt, "email">): void {
    this.#states.delete(`account:${attempt.email.trim().toLowerCase()}`);
  }

  /**
   * Over the limit, forget first what no longer matters (no lock, no recent failure), then the
   * least recently written unlocked keys, and only then locks, so that churning through made-up
   * emails is not a cheap way to lift a lock.
   */
  #evict(time: number): void {
    const isLocked = (state: KeyState) => state.lockedUntil > time;
    const isStale = (state: KeyState) =>
      !isLocked(state) && state.failures.every((at) => at <= time - this.#policy.windowMs);
    for (const mayForget of [isStale, (state: KeyState) => !isLocked(state), () => true]) {
      for (const [key, state] of this.#states) {
        if (this.#states.size <= this.#policy.maxKeys) return;
        if (mayForget(state)) this.#states.delete(key);
      }
    }
  }
}

/** The one throttle for this process. */
export const signInThrottle = new SignInThrottle();
