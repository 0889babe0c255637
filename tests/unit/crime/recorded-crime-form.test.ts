import { describe, expect, it } from "vitest";
import { loadFormSchema, uploadProblem, undoFormSchema } from "~/lib/crime/recorded-crime-form";

describe("the recorded crime forms", () => {
  it("reads the replace checkbox as chosen only when it is ticked", () => {
    expect(loadFormSchema.parse({ intent: "load", upload: "abc" })).toEqual({ upload: "abc", replace: false });
    expect(loadFormSchema.parse({ upload: "abc", replace: "yes" })).toEqual({ upload: "abc", replace: true });
    expect(loadFormSchema.parse({})).toEqual({ upload: "", replace: false });
  });

  it("reads the batch to undo as a whole number", () => {
    expect(undoFormSchema.safeParse({ batch: "12" })).toMatchObject({ success: true, data: { batch: 12 } });
    expect(undoFormSchema.safeParse({ batch: "x" }).success).toBe(false);
  });

  it("links every upload problem to the file input, naming months as GOV.UK writes them", () => {
    const { errors } = uploadProblem({ kind: "NoWardsForMonths", months: ["2019-03", "2019-04"] });
    expect(errors.summary).toEqual([{ href: "#crimeFiles", text: expect.stringMatching(/^No wards are recorded for March 2019 and April 2019\. /) }]);
    expect(uploadProblem({ kind: "MixedForces", forces: ["British Transport Police", "West Mercia Police"] }).errors.byField.crimeFiles)
      .toBe("The files are from more than one force (British Transport Police and West Mercia Police). Load each force's files separately");
  });
});
