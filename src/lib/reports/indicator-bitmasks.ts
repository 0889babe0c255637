import type { IndicatorDefinition } from "./indicator-definition";

/** Bits per bigint column: 62 keeps every mask positive and clear of the sign bit. */
export const BITS_PER_COLUMN = 62;

/** Where one indicator's bits are: in which column, and which bits. */
export type IndicatorBits = {
  /** The column holding one bit per question of the indicator ("answered it, with an option in the base"). */
  column: number;
  /** All of the indicator's question bits. */
  questionMask: bigint;
  /** Every question must be answered (a score), rather than any one of them. */
  needsEveryQuestion: boolean;
  /** The column and bit saying "answered with a counted option"; null for a score, which sums instead. */
  yes: { column: number; bit: bigint } | null;
  /** The bit (among the yes columns) set by an answer that takes the resident out of the base (askedOnlyOf); null without such a filter. */
  outOfBase: { column: number; bit: bigint } | null;
};

/**
 * Answers turned into bits, so that the database can roll a response's answers up for every
 * indicator at once with a few bit_or() aggregates instead of two expressions per indicator:
 *  - each (indicator, question) pair has a bit; a question sets the bits of every pair it is in;
 *  - an option left out of an indicator's base clears that indicator's bits (an option belongs
 *    to one question, so this clears only the pair of its own question);
 *  - a counted option sets its indicator's "yes" bit;
 *  - an answer elsewhere that says the questions were not for this resident (askedOnlyOf) sets
 *    its indicator's "out of base" bit, kept in the yes columns since it is read the same way.
 * So a response is in an indicator's base when any (or, for a score, every) question bit of the
 * indicator is set after the rollup and its out-of-base bit is not, and is a "yes" when the
 * indicator's yes bit is set.
 * An indicator's question bits never straddle two columns. Pure: the SQL is built elsewhere.
 * Throws a RangeError for an indicator of more than BITS_PER_COLUMN questions.
 */
export function indicatorBitmasks(indicators: readonly IndicatorDefinition[]) {
  const questionBits = new Map<number, bigint[]>();
  const excludedBits = new Map<number, bigint[]>();
  const yesBits = new Map<number, bigint[]>();
  const set = (map: Map<number, bigint[]>, id: number, column: number, bits: bigint) => {
    const row = map.get(id) ?? [];
    while (row.length <= column) row.push(0n);
    row[column] = row[column]! | bits;
    map.set(id, row);
  };
  let column = 0;
  let next = 0;
  let yesColumn = 0;
  let nextYes = 0;
  const placed: IndicatorBits[] = indicators.map((indicator) => {
    const size = indicator.questionIds.length;
    if (size > BITS_PER_COLUMN) throw new RangeError(`indicatorBitmasks: ${indicator.key} has ${size} questions; at most ${BITS_PER_COLUMN} fit`);
    if (next + size > BITS_PER_COLUMN) {
      column += 1;
      next = 0;
    }
    let questionMask = 0n;
    indicator.questionIds.forEach((questionId, q) => {
      const bit = 1n << BigInt(next + q);
      questionMask |= bit;
      set(questionBits, questionId, column, bit);
    });
    for (const optionId of indicator.excludedOptionIds) set(excludedBits, optionId, column, questionMask);
    next += size;
    const needsEveryQuestion = indicator.calculation === "score_at_least";
    const nextYesBit = () => {
      if (nextYes === BITS_PER_COLUMN) {
        yesColumn += 1;
        nextYes = 0;
      }
      nextYes += 1;
      return { column: yesColumn, bit: 1n << BigInt(nextYes - 1) };
    };
    let yes: IndicatorBits["yes"] = null;
    if (!needsEveryQuestion) {
      yes = nextYesBit();
      for (const optionId of indicator.countedOptionIds) {
        if (!indicator.excludedOptionIds.includes(optionId)) set(yesBits, optionId, yes.column, yes.bit);
      }
    }
    let outOfBase: IndicatorBits["outOfBase"] = null;
    if (indicator.askedOnlyOf !== null && indicator.askedOnlyOf.outOfBaseOptionIds.length > 0) {
      outOfBase = nextYesBit();
      for (const optionId of indicator.askedOnlyOf.outOfBaseOptionIds) set(yesBits, optionId, outOfBase.column, outOfBase.bit);
    }
    return { column, questionMask, needsEveryQuestion, yes, outOfBase };
  });
  // A score's points per option, one array per score, so the database sums them by lookup too;
  // any other option adds 0, and whether every question was answered is the question bits' job.
  const scores = indicators.map((indicator) => (indicator.calculation === "score_at_least" ? new Map(indicator.optionScores.map((o) => [o.optionId, o.score])) : null));
  return { indicators: placed, columns: column + 1, yesColumns: yesColumn + 1, questionBits, excludedBits, yesBits, scores };
}

/**
 * Values by id as a PostgreSQL array literal indexed by that id, such as '[3:5]={4,0,1}', so that
 * SQL reads an answer's value as `(literal::bigint[])[a.question_id]`; an id with no value gives
 * 0 and one outside the array null. Never NULL inside: PostgreSQL finds an element of an array
 * without nulls by arithmetic, but walks an array with nulls element by element, for every
 * answer read. Null for no values.
 */
export function arrayLiteralById(values: ReadonlyMap<number, bigint | number>): string | null {
  const ids = [...values.keys()];
  if (ids.length === 0) return null;
  const low = Math.min(...ids);
  const high = Math.max(...ids);
  const items: string[] = [];
  for (let id = low; id <= high; id++) items.push(String(values.get(id) ?? 0));
  return `[${low}:${high}]={${items.join(",")}}`;
}

/** One column of a map of bit columns, for arrayLiteralById. */
export const bitsColumn = (bits: ReadonlyMap<number, readonly bigint[]>, column: number): Map<number, bigint> =>
  new Map([...bits].map(([id, columns]) => [id, columns[column] ?? 0n]));
