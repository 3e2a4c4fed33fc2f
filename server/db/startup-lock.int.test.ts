import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@server/test/test-db.ts';
import { openDatabase, type Db } from './client.ts';
import { DEMO_USERS, seedDemo } from './seeds/demo.seed.ts';
import { withStartupLock } from './startup-lock.ts';

let database: TestDatabase;
let other: Db;
let closeOther = async () => {};
beforeAll(async () => {
  database = await createTestDatabase();
  other = database.db;
  if (database.url) {
    // A second pool on the same server database: a second instance starting at the same moment.
    const second = await openDatabase({ engine: 'postgres', url: database.url, poolSize: 2 });
    other = second.db;
    closeOther = () => second.close();
  }
});
afterAll(async () => {
  await closeOther();
  await database?.drop();
});

describe('two instances starting at once on one database', () => {
  it('seed the demo data once: the second waits for the first and finds it done', async () => {
    const results = await Promise.all([database.db, other].map((db) => withStartupLock(db, seedDemo)));
    expect(results.map((r) => r.seeded).sort()).toEqual([false, true]);
    const users = await database.db.selectFrom('users').select('username').execute();
    expect(users).toHaveLength(DEMO_USERS.length);
  });
});
