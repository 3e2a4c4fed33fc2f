import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/access/actor.ts';
import type { Role } from '@shared/access/roles.ts';
import { canRecordOpinionOf, isProxyNote, opinionRefusal, provincePathOf } from './council.policy.ts';

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

  it('refuses an absent member at a meeting, another member’s opinion, and a proxy without its note', () => {
    const meeting = { mode: 'meeting' as const, presentMemberIds: ['m1', 'm2'] };
    const member = { id: 'm1', userId: 'u1', fullName: 'Phạm Văn Đức' };
    const absent = { id: 'm3', userId: 'u1', fullName: 'Lê Văn Vắng' };
    expect(opinionRefusal(actor('council_member', 'u1'), province, meeting, member, undefined)).toBeNull();
    expect(opinionRefusal(actor('council_member', 'u1'), province, meeting, absent, undefined)?.reason).toBe(
      'absent',
    );
    // A written consultation has no attendance: every member answers.
    expect(
      opinionRefusal(
        actor('council_member', 'u1'),
        province,
        { ...meeting, mode: 'written' },
        absent,
        undefined,
      ),
    ).toBeNull();
    expect(opinionRefusal(actor('council_member', 'u9'), province, meeting, member, undefined)?.reason).toBe(
      'not_own',
    );
    const secretary = actor('council_secretary', 'u3');
    expect(opinionRefusal(secretary, province, meeting, member, undefined)?.reason).toBe('note_required');
    expect(opinionRefusal(secretary, province, meeting, member, 'đã nghe')?.reason).toBe('note_required');
    expect(
      opinionRefusal(secretary, province, meeting, member, 'Ghi thay theo phát biểu tại cuộc họp'),
    ).toBeNull();
    expect(isProxyNote('ghi thay theo')).toBe(false);
    expect(isProxyNote('  ghi thay theo ý kiến phát biểu ')).toBe(true);
  });

  it('finds the province of a unit path', () => {
    expect(provincePathOf('/vn/p1/c1/')).toBe('/vn/p1/');
    expect(provincePathOf('/vn/p1/')).toBe('/vn/p1/');
    expect(provincePathOf('/vn/')).toBe('/vn/');
  });
});
