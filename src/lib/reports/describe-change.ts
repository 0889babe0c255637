import type { DifferenceInterval } from "~/lib/stats/newcombe-difference";

/** A change in words a board member can read aloud: real only when its interval excludes zero. */
export function describeChange(change: DifferenceInterval | null, previousLabel: string | null, confidence: number): string {
  if (change === null || previousLabel === null) return "No comparison available";
  const points = Math.round(Math.abs(change.difference) * 100);
  const percent = Math.round(confidence * 100);
  if (!change.isSignificant) return `No clear change since ${previousLabel}`;
  return `${change.difference > 0 ? "Up" : "Down"} ${points} ${points === 1 ? "point" : "points"} since ${previousLabel}, a real change at ${percent}% confidence`;
}

export const percent = (value: number) => `${(value * 100).toFixed(0)}%`;
export const interval = (lower: number, upper: number) => `${(lower * 100).toFixed(0)}% to ${(upper * 100).toFixed(0)}%`;
