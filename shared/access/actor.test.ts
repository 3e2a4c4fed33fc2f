import { describe, expect, it } from 'vitest';
import { can, type Actor } from './actor';

const province = '/vn/p1/';
const communeA = '/vn/p1/a/';
const communeB = '/vn/p1/b/';
const otherProvince = '/vn/p2/x/';

function actor(role: Actor['grants'][number]['role'], unitPath: string): Actor {
  return {
    userId: 'u',
    username: 'u',
    fullName: 'U',
    grants: [{ role, unitId: 'x', unitPath, unitName: 'X' }],
  };
}

describe('can(actor, permission, unit)', () => {
  it('covers the unit where the role is held and every unit below it', () => {
    const reviewer = actor('province_reviewer', province);
    expect(can(reviewer, 'appraisals.edit', communeA)).toBe(true);
    expect(can(reviewer, 'appraisals.edit', province)).toBe(true);
    expect(can(reviewer, 'appraisals.edit', otherProvince)).toBe(false);
  });

  it('does not reach a sibling commune', () => {
    const officer = actor('commune_officer', communeA);
    expect(can(officer, 'assessments.edit', communeA)).toBe(true);
    expect(can(officer, 'assessments.edit', communeB)).toBe(false);
    expect(can(officer, 'assessments.edit', province)).toBe(false);
  });

  it('denies without an actor, without a unit path or without the permission', () => {
    expect(can(null, 'units.read')).toBe(false);
    expect(can(actor('viewer', province), 'assessments.edit', communeA)).toBe(false);
    expect(can(actor('viewer', province), 'units.read', '')).toBe(false);
    expect(can(actor('viewer', province), 'units.read', null)).toBe(false);
  });
});
