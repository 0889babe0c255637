import { describe, expect, it } from "vitest";
import { accessCodeCountSchema } from "~/lib/surveys/access-code-usage";
import { accessCodesCsv, accessCodesFileName } from "~/lib/surveys/access-codes-csv";

describe("access codes for a mail merge", () => {
  it("writes a header and one line per code with the survey's address, CRLF, with a byte order mark for Excel", () => {
    const csv = accessCodesCsv(["ABCD-EFGH", "JKMN-PQRS"], "https://pulse.example/surveys/feeling-safe");
    expect(csv).toBe("\uFEFFaccess_code,survey_address\r\nABCD-EFGH,https://pulse.example/surveys/feeling-safe\r\nJKMN-PQRS,https://pulse.example/surveys/feeling-safe\r\n");
  });

  it("names the file after the survey and the minute it was made", () => {
    expect(accessCodesFileName("feeling-safe", new Date("2026-11-25T14:37:59Z"))).toBe("feeling-safe-access-codes-2026-11-25-1437.csv");
  });

  it("asks for a whole number of codes from 1 to 20,000", () => {
    expect(accessCodeCountSchema.parse({ count: " 5,000 " })).toEqual({ count: 5000 });
    expect(accessCodeCountSchema.parse({ count: "20000" })).toEqual({ count: 20000 });
    const message = (count: unknown) => {
      const parsed = accessCodeCountSchema.safeParse({ count });
      return parsed.success ? null : parsed.error.issues[0]?.message;
    };
    expect(message("")).toBe("Enter how many access codes to make");
    expect(message(undefined)).toBe("Enter how many access codes to make");
    expect(message("ten")).toBe("Number of access codes must be a whole number, like 500");
    expect(message("0")).toBe("Number of access codes must be between 1 and 20,000");
    expect(message("20001")).toBe("Number of access codes must be between 1 and 20,000");
  });
});
