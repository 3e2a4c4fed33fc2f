import { describe, expect, it } from 'vitest';
import { timeOrderedIds } from './tthc.import.repo.ts';

describe('the ids an import gives its dossiers', () => {
  it('are UUIDs of version 7, distinct, in the order they were made (so the primary key grows at its end)', () => {
    const next = timeOrderedIds();
    const ids = Array.from({ length: 70_000 }, next);
    for (const id of [ids[0]!, ids[4095]!, ids[4096]!, ids[69_999]!])
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // A later import starts after this one's ids (its first milliseconds are later).
    const later = Date.now() + 2;
    while (Date.now() < later);
    expect(timeOrderedIds()() > ids[69_999]!).toBe(true);
  });
});
