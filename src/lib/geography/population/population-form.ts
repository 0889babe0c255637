import { z } from "zod";
import { wholeNumberText } from "~/lib/forms/whole-number-text";
import { FIRST_YEAR, LAST_YEAR } from "./read-population-csv";

/** In the order they appear on the population page. */
export const POPULATION_FIELDS = ["populationFile", "year", "source"] as const;

/** The text fields beside the upload; the file itself is checked by loadPopulationEstimates. */
export const populationFormSchema = z.object({
  year: wholeNumberText(FIRST_YEAR, LAST_YEAR, {
    empty: null,
    notWhole: "Year of the estimates must be a year, like 2022",
    outOfRange: `Year of the estimates must be from ${FIRST_YEAR} to ${LAST_YEAR}`,
  }),
  source: z
    .unknown()
    .transform((input) => (typeof input === "string" ? input.trim() : ""))
    .pipe(z.string().max(200, { error: "Source must be 200 characters or fewer" })),
});

/** What is recorded as the rows' source when the administrator names none. */
export const defaultPopulationSource = (fileName: string) => `Uploaded file ${fileName}`.slice(0, 200);
