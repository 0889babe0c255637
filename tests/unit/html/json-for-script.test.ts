import { describe, expect, it } from "vitest";
import { jsonForScript } from "~/lib/html/json-for-script";

describe("jsonForScript", () => {
  it("cannot close its script element, and reads back unchanged", () => {
    const title = "Safe at night</script><script>alert(1)</script><!--";
    const json = jsonForScript({ title });
    expect(json).not.toContain("<");
    expect(JSON.parse(json)).toEqual({ title });
  });
});
