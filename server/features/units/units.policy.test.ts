import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@shared/access/roles.ts';
import { canEditUnit, canViewUnit } from './units.policy.ts';
import { isNationwide } from './units.scope.ts';

const actor = (role: Role, unitPath: string) => ({
  userId: 'u',
  username: 'u',
  fullName: 'u',
  grants: [{ role, unitId: 'x', unitPath, unitName: 'x' }],
});

describe('units policy', () => {
  it('lets every role see the units under its own, and nothing above or beside', () => {
    for (const role of ROLES) {
      const who = actor(role, '/n/p/');
      expect(canViewUnit(who, { path: '/n/p/a/' })).toBe(true);
      expect(canViewUnit(who, { path: '/n/' })).toBe(false);
      expect(canViewUnit(who, { path: '/n/q/' })).toBe(false);
      expect(canViewUnit(who, { path: '' })).toBe(false);
    }
  });

  it('lets only the system administrator edit units', () => {
    expect(ROLES.filter((role) => canEditUnit(actor(role, '/n/'), { path: '/n/p/' }))).toEqual([
      'system_admin',
    ]);
  });

  it('tells a nationwide scope', () => {
    expect(isNationwide(['/n/'])).toBe(true);
    expect(isNationwide(['/n/p/'])).toBe(false);
    expect(isNationwide([])).toBe(false);
  });
});
