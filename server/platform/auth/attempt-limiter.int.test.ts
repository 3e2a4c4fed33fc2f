import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { AttemptLimiter } from './attempt-limiter.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

describe('attempt limiter in the database (several instances, ADR 0020)', () => {
  it('counts the attempts of every instance together, concurrent ones included, until the window ends', async () => {
    // Two limiters on one database stand for two app processes behind a load balancer.
    const first = new AttemptLimiter(database.db, 'sign-in', 5, 600_000);
    const second = new AttemptLimiter(database.db, 'sign-in', 5, 600_000);
    const waits = await Promise.all([0, 1, 2, 3, 4].map((i) => (i % 2 ? first : second).hit('10.0.0.1')));
    expect(waits).toEqual([0, 0, 0, 0, 0]);
    const refused = await first.hit('10.0.0.1');
    expect(refused).toBeGreaterThan(590);
    expect(refused).toBeLessThanOrEqual(600);
    expect(await second.check('10.0.0.1')).toBe(refused);
    // Another address, and the same address in another limiter, are counted apart.
    expect(await second.check('10.0.0.2')).toBe(0);
    expect(await new AttemptLimiter(database.db, 'comment', 5, 600_000).check('10.0.0.1')).toBe(0);

    // The window ends: the address starts again from one, and the ended rows are pruned.
    await sql`update attempt_counters set window_ends_at = now() - interval '1 second'`.execute(database.db);
    expect(await first.check('10.0.0.1')).toBe(0);
    expect(await new AttemptLimiter(database.db, 'sign-in', 5, 600_000).hit('10.0.0.3')).toBe(0);
    const rows = await database.db.selectFrom('attempt_counters').select(['key', 'hits']).execute();
    expect(rows).toEqual([{ key: '10.0.0.3', hits: 1 }]);
  });
});
