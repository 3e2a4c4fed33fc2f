/**
 * Roles and the role → permission matrix, written once as data. The matrix type has one row per
 * permission and one column per role, so the compiler rejects a missing permission or a row
 * with a missing role. Evaluation is fail-closed: an unknown role or permission grants nothing.
 */
export const ROLES = [
  'system_admin',
  'province_admin',
  'province_reviewer',
  'council_member',
  'council_secretary',
  'commune_chairman',
  'commune_officer',
  'viewer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  system_admin: 'Quản trị hệ thống',
  province_admin: 'Quản trị Sở Tư pháp',
  province_reviewer: 'Chuyên viên thẩm định (Sở Tư pháp)',
  council_member: 'Thành viên Hội đồng đánh giá',
  council_secretary: 'Thư ký Hội đồng đánh giá',
  commune_chairman: 'Chủ tịch UBND cấp xã',
  commune_officer: 'Công chức cấp xã',
  viewer: 'Người xem (cấp trên)',
};

export const PERMISSIONS = [
  'units.read',
  'units.manage',
  'users.read',
  'users.manage',
  'audit.read',
  'audit.verify',
  'system.admin',
  'frameworks.read',
  'frameworks.manage',
  'periods.read',
  'periods.manage',
  'assessments.read',
  'assessments.edit',
  'assessments.submit',
  'comments.respond',
  'appraisals.edit',
  'council.read',
  'council.manage',
  'council.opinion',
  'decisions.manage',
  'documents.generate',
  'jobs.read',
  'calendar.manage',
  'registers.read',
  'registers.edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

type Cell = 0 | 1;
/** Columns in ROLES order: system_admin, province_admin, province_reviewer, council_member,
 * council_secretary, commune_chairman, commune_officer, viewer. */
type Row = readonly [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell];

// prettier-ignore
const MATRIX: Record<Permission, Row> = {
  //                     sa pa pr cm cs cc co v
  'units.read':         [1, 1, 1, 1, 1, 1, 1, 1],
  'units.manage':       [1, 0, 0, 0, 0, 0, 0, 0],
  'users.read':         [1, 1, 0, 0, 0, 1, 0, 0],
  'users.manage':       [1, 1, 0, 0, 0, 0, 0, 0],
  'audit.read':         [1, 1, 0, 0, 0, 1, 0, 0],
  'audit.verify':       [1, 0, 0, 0, 0, 0, 0, 0],
  'system.admin':       [1, 0, 0, 0, 0, 0, 0, 0],
  'frameworks.read':    [1, 1, 1, 1, 1, 1, 1, 1],
  'frameworks.manage':  [1, 1, 0, 0, 0, 0, 0, 0],
  'periods.read':       [1, 1, 1, 1, 1, 1, 1, 1],
  'periods.manage':     [1, 1, 0, 0, 0, 0, 0, 0],
  'assessments.read':   [1, 1, 1, 1, 1, 1, 1, 1],
  'assessments.edit':   [0, 0, 0, 0, 0, 1, 1, 0],
  'assessments.submit': [0, 0, 0, 0, 0, 1, 0, 0],
  'comments.respond':   [0, 0, 0, 0, 0, 1, 1, 0],
  'appraisals.edit':    [0, 1, 1, 0, 0, 0, 0, 0],
  'council.read':       [1, 1, 1, 1, 1, 0, 0, 1],
  'council.manage':     [0, 1, 0, 0, 1, 0, 0, 0],
  'council.opinion':    [0, 0, 0, 1, 1, 0, 0, 0],
  'decisions.manage':   [0, 1, 0, 0, 0, 0, 0, 0],
  'documents.generate': [1, 1, 1, 0, 1, 1, 1, 0],
  'jobs.read':          [1, 1, 1, 1, 1, 1, 1, 1],
  'calendar.manage':    [1, 1, 0, 0, 0, 0, 0, 0],
  'registers.read':     [1, 1, 1, 1, 1, 1, 1, 1],
  'registers.edit':     [0, 1, 0, 0, 0, 1, 1, 0],
};

/** Whether a role carries a permission anywhere (the unit scope is checked separately). */
export function roleHasPermission(role: string, permission: string): boolean {
  const index = ROLES.indexOf(role as Role);
  const row = (MATRIX as Record<string, Row | undefined>)[permission];
  return index >= 0 && row !== undefined && row[index] === 1;
}

/** Every permission a role carries, for presenting abilities and building navigation. */
export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((p) => roleHasPermission(role, p));
}
