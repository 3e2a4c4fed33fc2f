import { randomUUID } from 'node:crypto';
import type { Role } from '@shared/access/roles.ts';
import { foldVietnamese } from '@shared/format/vi.ts';
import type { Db } from '@server/db/client.ts';
import { hashPassword } from '@server/platform/auth/passwords.ts';
import type { UnitKind, UnitLevel } from '@server/features/units/units.tables.ts';

export const TEST_PASSWORD = 'matkhau-thu-nghiem';
let cachedHash: Promise<string> | undefined;

export type TestUnit = { id: string; path: string; name: string; code: string };

/** Inserts one unit under `parent` (or at the top). */
export async function createUnit(
  db: Db,
  input: {
    name: string;
    code?: string;
    level: UnitLevel;
    kind?: UnitKind;
    parent?: TestUnit | null;
    validFrom?: string;
  },
): Promise<TestUnit> {
  const id = randomUUID();
  const path = `${input.parent?.path ?? '/'}${id}/`;
  const code = input.code ?? String(Math.floor(Math.random() * 1e9));
  await db
    .insertInto('units')
    .values({
      id,
      code,
      name: input.name,
      name_folded: foldVietnamese(input.name),
      level: input.level,
      kind:
        input.kind ?? (input.level === 'commune' ? 'xa' : input.level === 'province' ? 'tinh' : 'quoc_gia'),
      parent_id: input.parent?.id ?? null,
      path,
      valid_from: input.validFrom ?? '2025-07-01',
    })
    .execute();
  return { id, path, name: input.name, code };
}

/** A small realistic tree: two provinces, two communes in the first, one in the second. */
export async function createUnitTree(db: Db) {
  const nation = await createUnit(db, { name: 'Việt Nam', code: 'VN', level: 'nation' });
  const province = await createUnit(db, {
    name: 'Tỉnh Thái Nguyên',
    code: '19',
    level: 'province',
    parent: nation,
  });
  const communeA = await createUnit(db, {
    name: 'Phường Phan Đình Phùng',
    code: '05443',
    level: 'commune',
    kind: 'phuong',
    parent: province,
  });
  const communeB = await createUnit(db, {
    name: 'Xã Đại Phúc',
    code: '05500',
    level: 'commune',
    parent: province,
  });
  const otherProvince = await createUnit(db, {
    name: 'Tỉnh Cao Bằng',
    code: '04',
    level: 'province',
    parent: nation,
  });
  const otherCommune = await createUnit(db, {
    name: 'Phường Thục Phán',
    code: '01273',
    level: 'commune',
    kind: 'phuong',
    parent: otherProvince,
  });
  return { nation, province, communeA, communeB, otherProvince, otherCommune };
}

/** Inserts a user holding `role` at `unit`, with TEST_PASSWORD. */
export async function createUser(
  db: Db,
  input: { role: Role; unit: TestUnit; username?: string; fullName?: string },
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const username = input.username ?? `${input.role}-${randomUUID().slice(0, 8)}`;
  const user = await db
    .insertInto('users')
    .values({
      username,
      full_name: input.fullName ?? `Người dùng ${username}`,
      password_hash: await cachedHash,
    })
    .returning(['id', 'username'])
    .executeTakeFirstOrThrow();
  await db
    .insertInto('role_assignments')
    .values({ user_id: user.id, role: input.role, unit_id: input.unit.id })
    .execute();
  return user;
}
