import type { Migration } from "kysely/migration";
import * as createCoreSchema from "~db/migrations/2026_11_25_1000_create_core_schema.ts";
import * as createAccounts from "~db/migrations/2026_11_25_1100_create_accounts.ts";
import * as createSurveyJourney from "~db/migrations/2026_11_25_1200_create_survey_journey.ts";
import * as createAreaSettings from "~db/migrations/2026_11_25_1300_create_area_settings.ts";
import * as createPendingUpload from "~db/migrations/2026_11_25_1400_create_pending_upload.ts";
import * as addDraftChannel from "~db/migrations/2026_11_25_1500_add_draft_channel.ts";
import * as createImportJobs from "~db/migrations/2026_11_25_1600_create_import_jobs.ts";
import * as answerOptionOfItsQuestion from "~db/migrations/2026_11_25_1610_answer_option_of_its_question.ts";
import * as createAggregateReturns from "~db/migrations/2026_11_25_1620_create_aggregate_returns.ts";
import * as createRecordedCrime from "~db/migrations/2026_11_25_1700_create_recorded_crime.ts";
import * as createNationalFigures from "~db/migrations/2026_11_25_1800_create_national_figures.ts";
import * as createResponseRollups from "~db/migrations/2026_11_25_1900_create_response_rollups.ts";
import * as keepReplacedRecordedCrimeMonths from "~db/migrations/2026_12_07_1300_keep_replaced_recorded_crime_months.ts";

// A static list, not a folder scan: the built server has no .ts files to scan.
// Append new migrations here; a unit test checks that every file in db/migrations is listed.
export const migrations: Record<string, Migration> = {
  "2026_11_25_1000_create_core_schema": createCoreSchema,
  "2026_11_25_1100_create_accounts": createAccounts,
  "2026_11_25_1200_create_survey_journey": createSurveyJourney,
  "2026_11_25_1300_create_area_settings": createAreaSettings,
  "2026_11_25_1400_create_pending_upload": createPendingUpload,
  "2026_11_25_1500_add_draft_channel": addDraftChannel,
  "2026_11_25_1600_create_import_jobs": createImportJobs,
  "2026_11_25_1610_answer_option_of_its_question": answerOptionOfItsQuestion,
  "2026_11_25_1620_create_aggregate_returns": createAggregateReturns,
  "2026_11_25_1700_create_recorded_crime": createRecordedCrime,
  "2026_11_25_1800_create_national_figures": createNationalFigures,
  "2026_11_25_1900_create_response_rollups": createResponseRollups,
  "2026_12_07_1300_keep_replaced_recorded_crime_months": keepReplacedRecordedCrimeMonths,
};
