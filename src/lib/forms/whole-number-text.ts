import { z } from "zod";

export type WholeNumberMessages = {
  /** Null when the box may be left blank, which then reads as null. */
  empty: string | null;
  notWhole: string;
  outOfRange: string;
};

/**
 * A text box holding a whole number from min to max, as GOV.UK asks numbers to be entered
 * (a text input with inputmode="numeric", not type="number"). Spaces around it and thousands
 * separators ("5,000") are allowed. "-5" is reported as out of range, not "not a whole number".
 */
export function wholeNumberText(min: number, max: number, messages: WholeNumberMessages) {
  return z.unknown().transform((input, ctx): number | null => {
    const typed = typeof input === "string" ? input.trim() : "";
    const fail = (message: string) => {
      ctx.issues.push({ code: "custom", message, input });
      return z.NEVER;
    };
    if (typed === "") return messages.empty === null ? null : fail(messages.empty);
    const text = /^-?\d{1,3}(?:,\d{3})+$/.test(typed) ? typed.replaceAll(",", "") : typed;
    if (!/^-?\d+$/.test(text)) return fail(messages.notWhole);
    const value = Number(text);
    return value < min || value > max ? fail(messages.outOfRange) : value;
  });
}
