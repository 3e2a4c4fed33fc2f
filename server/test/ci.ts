/**
 * In CI (`CI=true`), a test that needs an external program (LibreOffice for PDF, Chromium for the
 * browser journeys) must fail when the program is missing instead of quietly testing less: a
 * skipped test in CI looks green and hides a broken pipeline image.
 */
export const isCI = process.env.CI === 'true' || process.env.CI === '1';

/** Throws, in CI, when `present` is false, naming what to install. Outside CI, does nothing. */
export function requireInCI(present: boolean, what: string): void {
  if (isCI && !present)
    throw new Error(`CI=true: ${what} is required here and is missing; tests do not skip in CI.`);
}
