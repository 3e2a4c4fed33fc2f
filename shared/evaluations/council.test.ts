import { describe, expect, it } from 'vitest';
import { isQuorate, quorumOf } from './council.ts';

describe('council quorum', () => {
  it('needs two thirds of the members, rounded up', () => {
    expect([3, 4, 5, 9, 15].map(quorumOf)).toEqual([2, 3, 4, 6, 10]);
    expect(isQuorate('meeting', 2, 4)).toBe(false);
    expect(isQuorate('meeting', 3, 4)).toBe(true);
    // A written consultation replaces a meeting without quorum.
    expect(isQuorate('written', 0, 4)).toBe(true);
  });
});
