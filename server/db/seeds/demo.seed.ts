import type { Role } from '@shared/access/roles.ts';
import type { Db } from '@server/db/client.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import { hashPassword } from '@server/platform/auth/passwords.ts';
import { importNewUnits } from '@server/features/units/units.import.ts';
import { readMergesFile } from '@server/features/units/units.source.ts';

/** Seeds are not migrations: demo data for a first embedded start, never run against real data. */
export const DEMO_PROVINCE_CODE = '19'; // Tỉnh Thái Nguyên, 92 communes
export const DEMO_PASSWORD = 'DanhGia@2026';

type DemoUser = { username: string; fullName: string; role: Role; at: 'nation' | 'province' | 'commune' };

export const DEMO_USERS: DemoUser[] = [
  { username: 'quantri', fullName: 'Nguyễn Văn Quản', role: 'system_admin', at: 'nation' },
  { username: 'sotuphap', fullName: 'Trần Thị Hồng', role: 'province_admin', at: 'province' },
  { username: 'thamdinh', fullName: 'Lê Minh Tuấn', role: 'province_reviewer', at: 'province' },
  { username: 'hoidong', fullName: 'Phạm Văn Đức', role: 'council_member', at: 'province' },
  { username: 'thuky', fullName: 'Hoàng Thị Lan', role: 'council_secretary', at: 'province' },
  { username: 'chutich', fullName: 'Đỗ Văn Hùng', role: 'commune_chairman', at: 'commune' },
  { username: 'canbo', fullName: 'Vũ Thị Mai', role: 'commune_officer', at: 'commune' },
  { username: 'xem', fullName: 'Bùi Quang Huy', role: 'viewer', at: 'province' },
];

export type DemoSeedResult = { seeded: boolean; communeName?: string; provinceName?: string };

/** Seeds one real province, its communes and one demo account per role, once (when no unit exists). */
export async function seedDemo(db: Db): Promise<DemoSeedResult> {
  const any = await db.selectFrom('units').select('id').limit(1).executeTakeFirst();
  if (any) return { seeded: false };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const report = await importNewUnits(trx, readMergesFile(), [DEMO_PROVINCE_CODE]);
    await writeAudit(trx, {
      action: 'units.imported',
      objectType: 'unit',
      diff: { ...report, source: 'demo seed' },
    });
    const nation = await trx
      .selectFrom('units')
      .select(['id'])
      .where('level', '=', 'nation')
      .executeTakeFirstOrThrow();
    const province = await trx
      .selectFrom('units')
      .select(['id', 'name'])
      .where('level', '=', 'province')
      .where('code', '=', DEMO_PROVINCE_CODE)
      .executeTakeFirstOrThrow();
    const commune = await trx
      .selectFrom('units')
      .select(['id', 'name'])
      .where('parent_id', '=', province.id)
      .orderBy('code')
      .limit(1)
      .executeTakeFirstOrThrow();
    const unitOf = { nation: nation.id, province: province.id, commune: commune.id };
    for (const user of DEMO_USERS) {
      const row = await trx
        .insertInto('users')
        .values({ username: user.username, full_name: user.fullName, password_hash: passwordHash })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('role_assignments')
        .values({ user_id: row.id, role: user.role, unit_id: unitOf[user.at] })
        .execute();
      await writeAudit(trx, {
        action: 'user.created',
        objectType: 'user',
        objectId: row.id,
        unitId: unitOf[user.at],
        diff: { username: user.username, role: user.role, source: 'demo seed' },
      });
    }
    return { seeded: true, communeName: commune.name, provinceName: province.name };
  });
}

/** Where each demo account acts, for the start banner ("canbo — Công chức cấp xã — Phường …"). */
export async function findDemoAccountUnits(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('users')
    .innerJoin('role_assignments', 'role_assignments.user_id', 'users.id')
    .innerJoin('units', 'units.id', 'role_assignments.unit_id')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .select(['users.username', 'units.name', 'units.level', 'parent.name as parent_name'])
    .where(
      'users.username',
      'in',
      DEMO_USERS.map((u) => u.username),
    )
    .execute();
  return new Map(
    rows.map((r) => [
      r.username,
      r.level === 'commune' && r.parent_name ? `${r.name}, ${r.parent_name}` : r.name,
    ]),
  );
}
