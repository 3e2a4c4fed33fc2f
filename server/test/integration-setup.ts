/** Vitest setup file of the integration tests (runs in each worker, before each file). */
import { useCheapPasswordHashingInTests } from '@server/platform/auth/passwords.ts';

// Hundreds of sign-ins, password changes and new accounts (the fuzz suite alone hashes about 300):
// at the real argon2id cost that was tens of seconds of CPU (issue #9). What the tests check —
// a password verifies, a wrong one does not, a missing user costs a check too — holds at any cost.
useCheapPasswordHashingInTests();
