import { hash, verify, type Options } from '@node-rs/argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): ≈ 50 ms here, slow enough for guessing, fast for people.
// Algorithm.Argon2id is a const enum, which isolated modules cannot read: its value is 2.
const OPTIONS: Options = {
  algorithm: 2 as Options['algorithm'],
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};
let options = OPTIONS;

/**
 * Tests only (the integration tests' setup file): the cheapest argon2id, since the suite hashes and
 * checks hundreds of passwords and each costs 50–200 ms at the real cost. Refused outside Vitest, so
 * no deployment can weaken its hashes with it. Hashes verify by the cost written in them either way.
 */
export function useCheapPasswordHashingInTests() {
  if (!process.env.VITEST) throw new Error('useCheapPasswordHashingInTests: only under Vitest');
  options = { ...OPTIONS, memoryCost: 1024, timeCost: 1 };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so a missing user cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<void> {
  dummyHash ??= hashPassword('dummy-password-for-timing');
  await verifyPassword(await dummyHash, password);
}
