import type { ColumnType, Generated, Selectable, Insertable } from "kysely";
import type { Role } from "~/lib/auth/roles";

/** A date column: PostgreSQL returns `date` as a Date (pg) or string (PGlite); we write ISO strings. */
type DateColumn = ColumnType<Date | string, string, string>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type CreatedAt = ColumnType<Date, never, never>;
type Json<T> = ColumnType<T, string, string>;

export interface LocalAreaTable {
  id: Generated<number>;
  gss_code: string;
  name: string;
  partnership_name: string;
  boundary_attribution: string;
  created_at: CreatedAt;
}

export interface WardTable {
  id: Generated<number>;
  local_area_id: number;
  gss_code: string;
  name: string;
  name_cy: string | null;
  /** A GeoJSON Polygon or MultiPolygon in WGS84 longitude/latitude. */
  boundary: Json<WardBoundary>;
  valid_from: DateColumn;
  valid_to: DateColumn | null;
  created_at: CreatedAt;
}

export type WardBoundary =
  | { type: "Polygon"; coordinates: number[][][] }
  | { type: "MultiPolygon"; coordinates: number[][][][] };

export interface ReportingPeriodTable {
  id: Generated<number>;
  label: string;
  starts_on: DateColumn;
  ends_before: DateColumn;
}

export interface QuestionTable {
  id: Generated<number>;
  key: string;
  text: string;
  text_cy: string | null;
  hint: string | null;
  hint_cy: string | null;
  answer_type: "single" | "multiple";
  topic: string;
  is_national: Generated<boolean>;
  is_about_you: Generated<boolean>;
  created_at: CreatedAt;
}

export interface ResponseOptionTable {
  id: Generated<number>;
  question_id: number;
  key: string;
  label: string;
  label_cy: string | null;
  position: number;
  score: number | null;
  is_dont_know: Generated<boolean>;
  is_prefer_not_to_say: Generated<boolean>;
}

export type IndicatorCalculation = "share_of_options" | "any_question_option" | "score_at_least";

export interface IndicatorTable {
  id: Generated<number>;
  key: string;
  title: string;
  title_cy: string | null;
  calculation: IndicatorCalculation;
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  is_national: Generated<boolean>;
  created_at: CreatedAt;
}

export interface IndicatorQuestionTable {
  indicator_id: number;
  question_id: number;
}

export interface IndicatorCountedOptionTable {
  indicator_id: number;
  response_option_id: number;
}

export interface PartnerSourceTable {
  id: Generated<number>;
  name: string;
  agency: string;
  tool: string | null;
  created_at: CreatedAt;
}

export interface SurveyTable {
  id: Generated<number>;
  slug: string;
  created_at: CreatedAt;
}

export type SurveyVersionStatus = "draft" | "published" | "closed";

export interface SurveyVersionTable {
  id: Generated<number>;
  survey_id: number;
  version_number: number;
  status: ColumnType<SurveyVersionStatus, SurveyVersionStatus | undefined, SurveyVersionStatus>;
  title: string;
  title_cy: string | null;
  introduction: ColumnType<string, string | undefined, string>;
  introduction_cy: string | null;
  privacy_notice: ColumnType<string, string | undefined, string>;
  privacy_notice_cy: string | null;
  opens_at: Timestamp | null;
  closes_at: Timestamp | null;
  published_at: Timestamp | null;
  requires_access_code: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: CreatedAt;
}

export interface SurveyQuestionTable {
  survey_version_id: number;
  question_id: number;
  page_number: number;
  position: number;
  asked_if_option_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface ImportBatchTable {
  id: Generated<number>;
  partner_source_id: number;
  kind: "responses" | "aggregate";
  tool_recognised: string;
  original_file_name: string;
  file_sha256: string;
  mapping: Json<Record<string, unknown>>;
  imported_by: number | null;
  status: ColumnType<"committed" | "undone", "committed" | "undone" | undefined, "committed" | "undone">;
  rows_read: ColumnType<number, number | undefined, number>;
  rows_imported: ColumnType<number, number | undefined, number>;
  rows_skipped: ColumnType<number, number | undefined, number>;
  created_at: CreatedAt;
  undone_at: Timestamp | null;
  undone_by: number | null;
}

export type ImportJobStatus = "mapping" | "checking" | "checked" | "committing" | "committed" | "failed" | "cancelled";

export interface ResponseRollupLayoutTable {
  key: string;
  last_used_at: ColumnType<Date, Date | undefined, Date>;
}

/** One response's answers rolled up for one layout of the indicators' bits (response-rollups.ts). */
export interface ResponseRollupTable {
  layout_key: string;
  survey_response_id: number;
  in_bits: string[];
  yes_bits: string[];
  scores: number[];
  age_option: number | null;
  sex_option: number | null;
}

export interface NationalFigureTable {
  indicator_id: number;
  /** A percentage, 0 to 100, as published. */
  percent: number;
  period: string;
  source: string;
  source_url: string | null;
  recorded_by: number | null;
  recorded_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ImportJobTable {
  id: Generated<number>;
  kind: ColumnType<ImportKind, ImportKind | undefined, ImportKind>;
  partner_source_id: number;
  created_by: number;
  status: ImportJobStatus;
  original_file_name: string;
  file_sha256: string;
  /** bigint: read back as a number (see client.ts). */
  file_bytes: number;
  file_path: string | null;
  file_format: "csv" | "xlsx";
  tool_recognised: string;
  profile: Json<unknown>;
  mapping: Json<unknown> | null;
  template_applied: ColumnType<boolean, boolean | undefined, boolean>;
  rows_total: number;
  rows_processed: ColumnType<number, number | undefined, number>;
  summary: Json<unknown> | null;
  failure: string | null;
  import_batch_id: number | null;
  heartbeat_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface ImportStagedResponseTable {
  job_id: number;
  row_number: number;
  response_id: number;
  ward_id: number;
  reporting_period_id: number;
  partner_respondent_id: string | null;
  submitted_hour: Timestamp;
  question_ids: number[];
  response_option_ids: number[];
  comparabilities: Comparability[];
}

export type ImportKind = "responses" | "aggregate";

export interface AggregateCountTable {
  import_batch_id: number;
  partner_source_id: number;
  ward_id: number;
  reporting_period_id: number;
  question_id: number;
  response_option_id: number;
  count: number;
  comparability: Comparability;
}

export interface ImportStagedCountTable {
  job_id: number;
  row_number: number;
  ward_id: number;
  reporting_period_id: number;
  question_id: number;
  response_option_id: number;
  count: number;
  comparability: Comparability;
}

export interface ImportProblemTable {
  job_id: number;
  row_number: number;
  column_title: string;
  value: string;
  reason: string;
}

export interface ImportTemplateTable {
  partner_source_id: number;
  shape_key: string;
  mapping: Json<unknown>;
  updated_by: number | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type ResponseChannel = "web" | "paper" | "import";

export interface SurveyResponseTable {
  /** bigserial, read as a number by both drivers (see client.ts). */
  id: ColumnType<number, never, never>;
  channel: ResponseChannel;
  ward_id: number;
  reporting_period_id: number;
  survey_version_id: number | null;
  partner_source_id: number | null;
  import_batch_id: number | null;
  partner_respondent_id: string | null;
  submitted_hour: Timestamp;
  language: ColumnType<Language, Language | undefined, Language>;
}

export type Language = "en" | "cy";

export interface PostcodeWardTable {
  /** Upper case with no spaces, e.g. HR11AA. */
  postcode: string;
  ward_id: number;
}

export interface AccessCodeTable {
  id: Generated<number>;
  survey_id: number;
  code_hash: string;
  created_at: CreatedAt;
  used_at: Timestamp | null;
}

export interface SurveyDraftTable {
  token_hash: string;
  survey_version_id: number;
  ward_id: number | null;
  access_code_id: number | null;
  answers: ColumnType<Record<string, string | string[]>, string | undefined, string>;
  language: ColumnType<Language, Language | undefined, Language>;
  created_at: CreatedAt;
  expires_at: Timestamp;
  submitted_at: Timestamp | null;
  channel: ColumnType<"web" | "paper", "web" | "paper" | undefined, "web" | "paper">;
  partner_source_id: number | null;
}

export type Comparability = "same" | "equivalent" | "not_comparable";

export interface AnswerTable {
  survey_response_id: ColumnType<number, number, never>;
  question_id: number;
  response_option_id: number;
  comparability: ColumnType<Comparability, Comparability | undefined, Comparability>;
}


export interface AppUserTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  totp_key: Uint8Array | null;
  totp_last_used_step: number | null;
  password_changed_at: Timestamp;
  disabled_at: Timestamp | null;
  created_at: CreatedAt;
}

export interface UserPartnerSourceTable {
  user_id: number;
  partner_source_id: number;
}

export interface AuthSessionTable {
  id: string;
  secret_hash: Uint8Array;
  user_id: number;
  is_two_factor_verified: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
  last_verified_at: Timestamp;
}

export interface OneTimeLinkTable {
  token_hash: string;
  purpose: "first_administrator" | "invitation";
  role: Role;
  email: string | null;
  partner_source_ids: ColumnType<number[], number[] | undefined, number[]>;
  created_by: number | null;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface RecoveryCodeTable {
  user_id: number;
  code_hash: string;
  used_at: Timestamp | null;
}

export interface AuditEventTable {
  id: ColumnType<number, never, never>;
  occurred_at: CreatedAt;
  actor_user_id: number | null;
  actor_email: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  updated_by: number | null;
}

export interface SurveyVersionWardTable {
  survey_version_id: number;
  ward_id: number;
}

export interface SurveyPublishedIndicatorTable {
  survey_id: number;
  indicator_id: number;
}

export interface PopulationEstimateTable {
  ward_id: number;
  year: number;
  /** An option key of the bank's age_band question, e.g. age_16_24. */
  age_band: string;
  /** An option key of the bank's sex question. */
  sex: string;
  population: number;
  source: string;
}

export interface PendingUploadTable {
  /** SHA-256 hex of the random id posted back from the preview page. */
  id_hash: string;
  kind: string;
  payload: Json<unknown>;
  created_by: number;
  created_at: CreatedAt;
  expires_at: Timestamp;
}

export type RecordedCrimeBatchStatus = "committed" | "undone" | "replaced";

export interface RecordedCrimeBatchTable {
  id: Generated<number>;
  /** The force that reported the rows, as data.police.uk names it ("West Mercia Police"). */
  force: string;
  /** 'YYYY-MM', in order. */
  months: string[];
  file_names: string[];
  file_sha256s: string[];
  loaded_by: number | null;
  created_at: CreatedAt;
  rows_read: number;
  rows_placed: number;
  rows_without_location: number;
  rows_outside_area: number;
  status: ColumnType<RecordedCrimeBatchStatus, RecordedCrimeBatchStatus | undefined, RecordedCrimeBatchStatus>;
  undone_at: Timestamp | null;
  undone_by: number | null;
  replaced_by_batch_id: number | null;
}

export interface RecordedCrimeMonthTable {
  force: string;
  /** The month's first day. */
  month: DateColumn;
  batch_id: number;
}

/** The batch that held a month before `replaced_by_batch_id` replaced it, to give it back on undo. */
export interface RecordedCrimeMonthReplacedTable {
  replaced_by_batch_id: number;
  force: string;
  /** The month's first day. */
  month: DateColumn;
  batch_id: number;
}

export interface RecordedCrimeCountTable {
  batch_id: number;
  ward_id: number;
  /** The month's first day. */
  month: DateColumn;
  crime_type: string;
  count: number;
}

/** The one map of table names to table types: every query in the product goes through it. */
export interface Database {
  local_area: LocalAreaTable;
  ward: WardTable;
  reporting_period: ReportingPeriodTable;
  question: QuestionTable;
  response_option: ResponseOptionTable;
  indicator: IndicatorTable;
  indicator_question: IndicatorQuestionTable;
  indicator_counted_option: IndicatorCountedOptionTable;
  partner_source: PartnerSourceTable;
  survey: SurveyTable;
  survey_version: SurveyVersionTable;
  survey_question: SurveyQuestionTable;
  import_batch: ImportBatchTable;
  survey_response: SurveyResponseTable;
  answer: AnswerTable;
  app_user: AppUserTable;
  user_partner_source: UserPartnerSourceTable;
  auth_session: AuthSessionTable;
  one_time_link: OneTimeLinkTable;
  recovery_code: RecoveryCodeTable;
  audit_event: AuditEventTable;
  postcode_ward: PostcodeWardTable;
  access_code: AccessCodeTable;
  survey_draft: SurveyDraftTable;
  setting: SettingTable;
  survey_version_ward: SurveyVersionWardTable;
  survey_published_indicator: SurveyPublishedIndicatorTable;
  population_estimate: PopulationEstimateTable;
  pending_upload: PendingUploadTable;
  import_job: ImportJobTable;
  import_staged_response: ImportStagedResponseTable;
  import_problem: ImportProblemTable;
  import_template: ImportTemplateTable;
  aggregate_count: AggregateCountTable;
  import_staged_count: ImportStagedCountTable;
  recorded_crime_batch: RecordedCrimeBatchTable;
  recorded_crime_month: RecordedCrimeMonthTable;
  recorded_crime_month_replaced: RecordedCrimeMonthReplacedTable;
  recorded_crime_count: RecordedCrimeCountTable;
  national_figure: NationalFigureTable;
  response_rollup_layout: ResponseRollupLayoutTable;
  response_rollup: ResponseRollupTable;
}

export type WardRow = Selectable<WardTable>;
export type NewWard = Insertable<WardTable>;
export type ReportingPeriodRow = Selectable<ReportingPeriodTable>;
