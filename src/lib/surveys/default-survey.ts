import type { Kysely } from "kysely";
import type { Database } from "~/lib/db/schema";
import { BANK_FILTERS } from "./bank-filters";

export const DEFAULT_SURVEY_SLUG = "feeling-safe";

// One topic per page, in the order a resident thinks about them. A page of questions that share
// a stem ("How worried are you about…") shows the stem once.
const PAGES: { questions: string[] }[] = [
  { questions: ["safe_after_dark"] },
  { questions: ["crime_change_local"] },
  { questions: ["asb_noisy_neighbours", "asb_teenagers_hanging_around", "asb_rubbish_litter", "asb_vandalism_graffiti", "asb_drug_use_dealing", "asb_drunk_rowdy", "asb_abandoned_cars"] },
  { questions: ["asb_experienced"] },
  { questions: ["worry_burglary", "worry_mugged", "worry_attacked_strangers", "worry_attacked_identity"] },
  { questions: ["has_household_car"] },
  { questions: ["worry_car_stolen", "worry_from_car"] },
  { questions: ["police_council_dealing", "police_good_job"] },
  { questions: ["age_band", "sex", "disability", "ethnic_group"] },
];

/**
 * Publishes "Feeling safe in your neighbourhood" from the question bank when it does not exist
 * yet, so that a fresh `npm start` has a survey for a resident to answer. It opens with the
 * current reporting period and has no close date; administrators edit or close it later.
 */
export async function seedDefaultSurvey(db: Kysely<Database>, partnershipName: string, opensOn: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom("survey").select("id").where("slug", "=", DEFAULT_SURVEY_SLUG).executeTakeFirst();
    if (existing) return false;
    const questions = await trx.selectFrom("question").select(["id", "key"]).execute();
    const questionId = new Map(questions.map((q) => [q.key, q.id]));
    const needed = PAGES.flatMap((p) => p.questions);
    if (needed.some((key) => !questionId.has(key))) return false; // an administrator removed a bank question

    const survey = await trx.insertInto("survey").values({ slug: DEFAULT_SURVEY_SLUG }).returning("id").executeTakeFirstOrThrow();
    const version = await trx
      .insertInto("survey_version")
      .values({
        survey_id: survey.id,
        version_number: 1,
        status: "published",
        title: "Feeling safe in your neighbourhood",
        title_cy: "Teimlo’n ddiogel yn eich cymdogaeth",
        introduction:
          `${partnershipName} wants to know how safe you feel where you live, and what worries you about crime and anti-social behaviour. ` +
          "Your answers are counted for your ward, so that the partnership can see where things are getting better or worse.",
        privacy_notice:
          "You do not give your name, address, email address or phone number, and we do not record your IP address or location. " +
          "If you use your postcode to find your ward, we use it only to find the ward and then forget it. " +
          "We keep your answers, your ward, the hour you answered and the language you used. " +
          "Answers you have not finished are deleted after 24 hours. Finished answers cannot be traced back to you; " +
          `they are kept to show trends over the years, for as long as ${partnershipName} has set, and deleted after that.`,
        opens_at: new Date(`${opensOn}T00:00:00Z`),
        closes_at: null,
        published_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();

    const conditionOption = async (key: string) => {
      const filter = BANK_FILTERS[key];
      if (!filter) return null;
      const option = await trx
        .selectFrom("response_option")
        .select("id")
        .where("question_id", "=", questionId.get(filter.questionKey)!)
        .where("key", "=", filter.optionKey)
        .executeTakeFirstOrThrow();
      return option.id;
    };
    let position = 0;
    for (const [index, page] of PAGES.entries()) {
      for (const key of page.questions) {
        await trx
          .insertInto("survey_question")
          .values({ survey_version_id: version.id, question_id: questionId.get(key)!, page_number: index + 1, position: ++position, asked_if_option_id: await conditionOption(key) })
          .execute();
      }
    }
    return true;
  });
}
