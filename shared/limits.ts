/** Limits shared by forms and server, in one place. */
export const LIMITS = {
  usernameMax: 64,
  passwordMin: 8,
  passwordMax: 256,
  /** Failed sign-ins in a row before the account is locked. */
  signInMaxFailures: 5,
  signInLockMinutes: 15,
  /** Extra delay per failed attempt in a row, capped: slows guessing before the lock. */
  signInDelayStepMs: 300,
  signInDelayMaxMs: 2000,
  /** Sign-in attempts per client address per window, whatever the account. */
  signInPerIpPerWindow: 30,
  signInIpWindowMinutes: 10,
  /** Public comments per client address per window (public posting page). */
  publicCommentsPerWindow: 5,
  publicCommentWindowMinutes: 10,
  /** Refused API tokens (register push) per client address per window. */
  apiTokenFailuresPerWindow: 20,
  apiTokenFailureWindowMinutes: 10,
  /** Days a period's bulk documents ZIP stays in the file store for its download. */
  bulkExportKeepDays: 7,
  /** Largest evidence file accepted (tài liệu kiểm chứng), in bytes: 20 MB. */
  evidenceMaxBytes: 20 * 1024 * 1024,
  /** Digits a figure may have before and after the decimal point: far beyond any real count or amount,
   *  and small enough that exact arithmetic on it stays instant. */
  decimalIntegerDigits: 15,
  decimalFractionDigits: 10,
  /** Items in one list of documents (văn bản có hạn) typed into an input. */
  documentsPerInput: 5000,
  /** Shape of any JSON body: nesting depth, keys and array items in total, characters in one string. */
  jsonMaxDepth: 24,
  jsonMaxEntries: 20_000,
  jsonMaxStringLength: 100_000,
} as const;
