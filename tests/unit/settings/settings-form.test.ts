import { describe, expect, it } from "vitest";
import { toFormErrors } from "~/lib/forms/form-errors";
import { SETTINGS_FIELDS, settingsFormSchema, settingsFormValues } from "~/lib/settings/settings-form";
import { retentionCutoff } from "~/lib/settings/apply-retention";

const form = (overrides: Record<string, string | undefined> = {}) => ({ suppressionThreshold: "50", confidenceLevel: "95", responseRetentionMonths: "", ...overrides });
const messages = (values: Record<string, unknown>) => {
  const parsed = settingsFormSchema.safeParse(values);
  return parsed.success ? null : toFormErrors(parsed.error, SETTINGS_FIELDS).byField;
};

describe("the settings form", () => {
  it("reads whole numbers, a confidence level as a proportion, and blank retention as keep", () => {
    expect(settingsFormSchema.parse(form())).toEqual({ suppressionThreshold: 50, confidenceLevel: 0.95, responseRetentionMonths: null });
    expect(settingsFormSchema.parse(form({ suppressionThreshold: " 30 ", confidenceLevel: "99", responseRetentionMonths: "36" })))
      .toEqual({ suppressionThreshold: 30, confidenceLevel: 0.99, responseRetentionMonths: 36 });
    expect(settingsFormSchema.parse(form({ suppressionThreshold: "100", confidenceLevel: "90", responseRetentionMonths: "240" })).confidenceLevel).toBe(0.9);
  });

  it("names the field and how to fix it for each wrong answer", () => {
    expect(messages(form({ suppressionThreshold: "" }))).toEqual({ suppressionThreshold: "Enter the suppression threshold" });
    expect(messages(form({ suppressionThreshold: "12.5" }))).toEqual({ suppressionThreshold: "Suppression threshold must be a whole number, like 50" });
    expect(messages(form({ suppressionThreshold: "29" }))).toEqual({ suppressionThreshold: "Suppression threshold must be between 30 and 100" });
    expect(messages(form({ suppressionThreshold: "101" }))).toEqual({ suppressionThreshold: "Suppression threshold must be between 30 and 100" });
    expect(messages(form({ suppressionThreshold: "-50" }))).toEqual({ suppressionThreshold: "Suppression threshold must be between 30 and 100" });
    expect(messages(form({ confidenceLevel: undefined }))).toEqual({ confidenceLevel: "Select a confidence level" });
    expect(messages(form({ confidenceLevel: "0.95" }))).toEqual({ confidenceLevel: "Select a confidence level" });
    expect(messages(form({ responseRetentionMonths: "11" }))).toEqual({ responseRetentionMonths: "Response retention must be between 12 and 240 months, or left blank to keep responses" });
    expect(messages(form({ responseRetentionMonths: "three years" }))).toEqual({ responseRetentionMonths: "Response retention must be a whole number of months, like 36, or left blank" });
  });

  it("reports every wrong field at once, in page order", () => {
    const parsed = settingsFormSchema.safeParse({ responseRetentionMonths: "1", suppressionThreshold: "x" });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(toFormErrors(parsed.error, SETTINGS_FIELDS).summary.map((s) => s.href)).toEqual(["#suppressionThreshold", "#confidenceLevel", "#responseRetentionMonths"]);
  });

  it("fills the form from the settings in force, and reads that back unchanged", () => {
    const settings = { suppressionThreshold: 40, confidenceLevel: 0.99, responseRetentionMonths: 60 } as const;
    expect(settingsFormValues(settings)).toEqual({ suppressionThreshold: "40", confidenceLevel: "99", responseRetentionMonths: "60" });
    expect(settingsFormSchema.parse(settingsFormValues(settings))).toEqual(settings);
    expect(settingsFormValues({ ...settings, responseRetentionMonths: null }).responseRetentionMonths).toBe("");
  });
});

describe("retentionCutoff", () => {
  it("goes back whole calendar months, to the same time of day", () => {
    expect(retentionCutoff(new Date("2026-11-25T10:37:00Z"), 12).toISOString()).toBe("2025-11-25T10:37:00.000Z");
    expect(retentionCutoff(new Date("2026-02-15T00:00:00Z"), 3).toISOString()).toBe("2025-11-15T00:00:00.000Z");
    expect(retentionCutoff(new Date("2026-11-25T10:37:00Z"), 240).toISOString()).toBe("2006-11-25T10:37:00.000Z");
  });

  it("uses the month's last day when it is shorter, so nothing goes early", () => {
    expect(retentionCutoff(new Date("2026-03-31T12:00:00Z"), 1).toISOString()).toBe("2026-02-28T12:00:00.000Z");
    expect(retentionCutoff(new Date("2028-03-31T12:00:00Z"), 13).toISOString()).toBe("2027-02-28T12:00:00.000Z");
    expect(retentionCutoff(new Date("2028-03-31T12:00:00Z"), 1).toISOString()).toBe("2028-02-29T12:00:00.000Z");
  });

  it("refuses a period that is not a whole number of months", () => {
    expect(() => retentionCutoff(new Date(), 0)).toThrow(RangeError);
    expect(() => retentionCutoff(new Date(), 1.5)).toThrow(RangeError);
  });
});
