import type { SaveProblem } from "./save-survey";

/** Which field a refused survey belongs to, in words an administrator can act on. */
export function saveProblemMessage(problem: SaveProblem): Record<string, string> {
  switch (problem) {
    case "SlugTaken":
      return { slug: "Another survey already uses this web address: choose a different one" };
    case "UnknownQuestion":
      return { questions: "A chosen question is no longer in the bank: reload the page and choose again" };
    case "UnknownWard":
      return { wardCodes: "A chosen ward is no longer current: reload the page and choose again" };
    case "NotADraft":
      return { questions: "This version has been published and cannot change: start a new version to edit it" };
    case "FilterNotBefore":
      return { questions: "Put the car crime questions on a later page than “Does anyone in your household own, or have the use of, a car or van?”" };
  }
}
