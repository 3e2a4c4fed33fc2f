import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, permissionsOf, roleHasPermission } from './roles';

describe('role → permission matrix', () => {
  it('denies unknown roles and unknown permissions (fail-closed)', () => {
    expect(roleHasPermission('superuser', 'units.read')).toBe(false);
    expect(roleHasPermission('system_admin', 'units.destroy')).toBe(false);
    expect(roleHasPermission('', '')).toBe(false);
  });

  it('lets only commune roles edit a self-assessment and only the chairman submit it', () => {
    const editors = ROLES.filter((r) => roleHasPermission(r, 'assessments.edit'));
    expect(editors).toEqual(['commune_chairman', 'commune_officer']);
    expect(ROLES.filter((r) => roleHasPermission(r, 'assessments.submit'))).toEqual(['commune_chairman']);
  });

  it('keeps the read-only viewer read-only', () => {
    const granted = permissionsOf('viewer');
    expect(granted.length).toBeGreaterThan(0);
    expect(granted.every((p) => p.endsWith('.read'))).toBe(true);
  });

  it('names every permission as resource.action', () => {
    for (const p of PERMISSIONS) expect(p).toMatch(/^[a-z]+\.[a-z]+$/);
  });
});
