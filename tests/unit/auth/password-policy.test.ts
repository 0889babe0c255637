import { describe, expect, it } from "vitest";
import {
  PASSWORD_MAX_LENGTH,
  checkNewPassword,
  isCommonPassword,
  passwordErrorMessage,
  type PasswordError,
} from "~/lib/auth/password-policy";

/** 256 letters with no repeating period that divides 256 and no deny-listed word. */
const longest = Array.from({ length: PASSWORD_MAX_LENGTH }, (_, i) => "abcdefghijklmnopqrstuvwxyz"[(i * i + 3 * i) % 26]).join("");

describe("checkNewPassword: length", () => {
  it("rejects a password of 11 characters", () => {
    expect(checkNewPassword("tigerlilyro")).toEqual({ ok: false, error: "TooShort" });
  });

  it("accepts a password of 12 characters", () => {
    expect(checkNewPassword("tigerlilyrow")).toEqual({ ok: true });
  });

  it("counts characters, not UTF-16 units", () => {
    expect(checkNewPassword("😀😃😄😁😆😅🤣😂🙂🙃😉")).toEqual({ ok: false, error: "TooShort" });
    expect(checkNewPassword("😀😃😄😁😆😅🤣😂🙂🙃😉😊")).toEqual({ ok: true });
  });

  it("counts a decomposed accent as part of its letter", () => {
    expect(checkNewPassword("cafe\u0301 au lait")).toEqual({ ok: true });
    expect(checkNewPassword("cafe\u0301 au lai")).toEqual({ ok: false, error: "TooShort" });
  });

  it("accepts 256 characters and rejects 257", () => {
    expect(checkNewPassword(longest)).toEqual({ ok: true });
    expect(checkNewPassword(`${longest}q`)).toEqual({ ok: false, error: "TooLong" });
  });
});

describe("checkNewPassword: no composition rules", () => {
  it.each(["tigerlilyrowboat", "coffee train fish", "TIGERLILYROWBOAT"])("accepts %s with no digits or symbols", (password) => {
    expect(checkNewPassword(password)).toEqual({ ok: true });
  });

  it("accepts a passphrase with a common word inside it", () => {
    expect(checkNewPassword("purple monkey dishwasher")).toEqual({ ok: true });
  });
});

describe("checkNewPassword: common passwords", () => {
  it("denies a long password that is on the deny-list, in any case", () => {
    expect(checkNewPassword("unbelievable")).toEqual({ ok: false, error: "Common" });
    expect(checkNewPassword("UnBelievable")).toEqual({ ok: false, error: "Common" });
  });

  it.each([
    "password1234",
    "Password123!",
    "qwertyuiop12",
    "iloveyou!!!!",
    "2024football!",
    "!!letmein2024",
    "monkey 123456",
  ])("denies a common password padded with digits or symbols: %s", (password) => {
    expect(checkNewPassword(password)).toEqual({ ok: false, error: "Common" });
  });

  it.each(["123456789012", "111111111111", "098765432109"])("denies a common run of digits extended: %s", (password) => {
    expect(checkNewPassword(password)).toEqual({ ok: false, error: "Common" });
  });

  it.each(["passwordpassword", "abcabcabcabc", "dragon1dragon1", "xyxyxyxyxyxy"])("denies a repeated short or common unit: %s", (password) => {
    expect(checkNewPassword(password)).toEqual({ ok: false, error: "Common" });
  });

  it("does not treat a common word with letters added as common", () => {
    expect(isCommonPassword("passwordsafe")).toBe(false);
  });

  it("does not look for deny-listed words shorter than 4 letters inside padding", () => {
    expect(isCommonPassword("abc483920175")).toBe(false);
  });
});

describe("checkNewPassword: email address", () => {
  const email = "Jane.Smith@council.example.gov.uk";

  it.each(["jane.smith@council.example.gov.uk!", "Jane.Smith-rocks-99", "janesmith-rocks-99"])(
    "rejects a password that includes the email address or its local part: %s",
    (password) => {
      expect(checkNewPassword(password, { email })).toEqual({ ok: false, error: "ContainsEmail" });
    },
  );

  it("ignores a local part too short to matter", () => {
    expect(checkNewPassword("jovial mango kite", { email: "jo@example.org" })).toEqual({ ok: true });
  });

  it("accepts a password unrelated to the email address", () => {
    expect(checkNewPassword("coffee train fish", { email })).toEqual({ ok: true });
  });
});

describe("passwordErrorMessage", () => {
  const errors: PasswordError[] = ["TooShort", "TooLong", "Common", "ContainsEmail"];

  it("gives the length limits in the GOV.UK style", () => {
    expect(passwordErrorMessage("TooShort")).toBe("Password must be 12 characters or more");
    expect(passwordErrorMessage("TooLong")).toBe("Password must be 256 characters or fewer");
  });

  it.each(errors)("names the field and avoids 'please', 'invalid' and 'valid' for %s", (error) => {
    const message = passwordErrorMessage(error);
    expect(message).toMatch(/^Password /);
    expect(message).not.toMatch(/please|valid/i);
  });
});
