/**
 * One set of type parsers for both engines, so a row reads the same from PGlite and from a
 * PostgreSQL server: int8 → number (counts and ids stay far below 2^53), numeric → string
 * (exact decimals, never floats), date → 'YYYY-MM-DD' (a calendar day has no time zone),
 * timestamptz → Date, json/jsonb → parsed.
 */
export const TYPE_OIDS = { int8: 20, numeric: 1700, date: 1082 } as const;

export const sharedParsers: Record<number, (value: string) => unknown> = {
  [TYPE_OIDS.int8]: (value) => Number(value),
  [TYPE_OIDS.numeric]: (value) => value,
  [TYPE_OIDS.date]: (value) => value,
};
