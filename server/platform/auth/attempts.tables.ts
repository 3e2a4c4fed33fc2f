/** Attempt counters shared by every instance (ADR 0020). */
export interface AttemptCountersTable {
  limiter: string;
  key: string;
  hits: number;
  window_ends_at: Date;
}

/** Failed sign-ins in a row of names that are no account (features/auth). */
export interface SignInUnknownNamesTable {
  username: string;
  failures: number;
  locked_until: Date | null;
  updated_at: Date;
}

export interface AttemptsTables {
  attempt_counters: AttemptCountersTable;
  sign_in_unknown_names: SignInUnknownNamesTable;
}
