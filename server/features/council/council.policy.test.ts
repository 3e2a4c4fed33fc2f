import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/access/actor.ts';
import type { Role } from '@shared/access/roles.ts';
import { canRecordOpinionOf } from './council.policy.ts';

const province = '/vn/p1/';
const actor = (role: Role, userId = 'u1'): Actor => ({
  userId,
  username: userId,
  fullName: userId,
  grants: [{ role, unitId: 'p1', unitPath: province, unitName: 'Tỉnh' }],
});

describe('council policy', () => {
  it('lets a member record only their own opinion, and the secretary record anyone’s', () => {
    expect(canRecordOpinionOf(actor('council_member', 'u1'), { userId: 'u1' }, province)).toBe(true);
    expect(canRecordOpinionOf(actor('council_member', 'u1'), { userId: 'u2' }, province)).toBe(false);
    expect(canRecordOpinionOf(actor('council_member', 'u1'), { userId: null }, province)).toBe(false);
    expect(canRecordOpinionOf(actor('council_secretary', 'u3'), { userId: 'u2' }, province)).toBe(true);
    expect(canRecordOpinionOf(actor('council_secretary', 'u3'), { userId: 'u2' }, '/vn/p2/')).toBe(false);
  });
});
