import { describe, expect, it } from 'vitest';
import type { Actor } from '@shared/access/actor.ts';
import type { Role } from '@shared/access/roles.ts';
import {
  canDeactivate,
  canGrantRole,
  canManageUser,
  canRemoveRole,
  canResetPassword,
  canViewUser,
  roleFitsUnit,
} from './users.policy.ts';

const NATION = '/n/';
const PROVINCE = '/n/p/';
const COMMUNE_A = '/n/p/a/';
const COMMUNE_B = '/n/p/b/';
const OTHER = '/n/q/c/';

function actor(role: Role, unitPath: string, userId = 'me'): Actor {
  return {
    userId,
    username: userId,
    fullName: userId,
    grants: [{ role, unitId: 'x', unitPath, unitName: 'x' }],
  };
}
const user = (...grants: [Role, string][]) => ({
  id: 'them',
  grants: grants.map(([role, unitPath]) => ({ role, unitPath })),
});

describe('users policy', () => {
  const sa = actor('system_admin', NATION);
  const pa = actor('province_admin', PROVINCE);
  const chairman = actor('commune_chairman', COMMUNE_A);
  const officer = actor('commune_officer', COMMUNE_A);

  it.each([
    ['system admin, any user', sa, user(['commune_officer', OTHER]), true],
    ['system admin, a user without roles', sa, user(), true],
    ['province admin, a commune of the province', pa, user(['commune_officer', COMMUNE_B]), true],
    ['province admin, another province', pa, user(['commune_officer', OTHER]), false],
    ['province admin, a user without roles', pa, user(), false],
    ['chairman, own commune', chairman, user(['commune_officer', COMMUNE_A]), true],
    ['chairman, the other commune', chairman, user(['commune_officer', COMMUNE_B]), false],
    ['officer (no users.read)', officer, user(['commune_officer', COMMUNE_A]), false],
  ])('view: %s', (_label, who, subject, expected) => {
    expect(canViewUser(who, subject)).toBe(expected);
  });

  it.each([
    ['province admin, user only in the province', pa, user(['commune_officer', COMMUNE_A]), true],
    [
      'province admin, user also in another province',
      pa,
      user(['commune_officer', COMMUNE_A], ['viewer', OTHER]),
      false,
    ],
    ['province admin, a system administrator', pa, user(['system_admin', NATION]), false],
    ['system admin, a system administrator', sa, user(['system_admin', NATION]), true],
    ['chairman (read only)', chairman, user(['commune_officer', COMMUNE_A]), false],
  ])('manage: %s', (_label, who, subject, expected) => {
    expect(canManageUser(who, subject)).toBe(expected);
    expect(canResetPassword(who, subject)).toBe(expected);
    expect(canDeactivate(who, subject)).toBe(expected);
  });

  it('never lets an administrator reset or deactivate themselves here', () => {
    const self = { id: 'me', grants: [{ role: 'province_admin' as const, unitPath: PROVINCE }] };
    expect(canManageUser(pa, self)).toBe(true);
    expect(canResetPassword(pa, self)).toBe(false);
    expect(canDeactivate(pa, self)).toBe(false);
  });

  it.each([
    [sa, 'system_admin', NATION, true],
    [pa, 'system_admin', PROVINCE, false],
    [pa, 'province_reviewer', PROVINCE, true],
    [pa, 'commune_officer', COMMUNE_B, true],
    [pa, 'commune_officer', OTHER, false],
    [chairman, 'commune_officer', COMMUNE_A, false],
  ] as const)('grant %#', (who, role, unitPath, expected) => {
    expect(canGrantRole(who, role, { path: unitPath })).toBe(expected);
  });

  it('removes roles within scope; system_admin only by another system_admin', () => {
    expect(
      canRemoveRole(pa, user(['commune_officer', COMMUNE_A]), {
        role: 'commune_officer',
        unitPath: COMMUNE_A,
      }),
    ).toBe(true);
    expect(canRemoveRole(pa, user(['viewer', OTHER]), { role: 'viewer', unitPath: OTHER })).toBe(false);
    expect(
      canRemoveRole(pa, user(['system_admin', NATION]), { role: 'system_admin', unitPath: NATION }),
    ).toBe(false);
    expect(
      canRemoveRole(sa, user(['system_admin', NATION]), { role: 'system_admin', unitPath: NATION }),
    ).toBe(true);
    const selfSa = { id: 'me', grants: [{ role: 'system_admin' as const, unitPath: NATION }] };
    expect(canRemoveRole(sa, selfSa, { role: 'system_admin', unitPath: NATION })).toBe(false);
  });

  it('places roles at the right level of current units', () => {
    expect(roleFitsUnit('commune_officer', { level: 'commune', valid_to: null })).toBe(true);
    expect(roleFitsUnit('commune_officer', { level: 'province', valid_to: null })).toBe(false);
    expect(roleFitsUnit('province_admin', { level: 'province', valid_to: '2025-07-01' }, '2026-01-01')).toBe(
      false,
    );
    expect(roleFitsUnit('viewer', { level: 'nation', valid_to: null })).toBe(true);
    expect(roleFitsUnit('system_admin', { level: 'province', valid_to: null })).toBe(false);
  });
});
