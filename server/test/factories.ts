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

let dossierCounter = 0;

/**
 * Inserts one TTHC dossier of `unitId` (typed by hand), resolved on time by default:
 * received 2026-03-02, due 2026-03-10, resolved 2026-03-09, in person, no optional marks.
 */
export async function tthcDossier(
  db: Db,
  input: {
    unitId: string;
    code?: string;
    field?: string;
    channel?: 'truc_tuyen' | 'truc_tiep' | 'buu_chinh';
    receivedOn?: string;
    dueOn?: string;
    resolvedOn?: string | null;
    statusKind?: 'binh_thuong' | 'rut' | 'tra_lai' | 'bo_sung';
    digitised?: boolean | null;
    electronicResult?: boolean | null;
    onlinePayment?: boolean | null;
    fullProcess?: boolean | null;
    apologyLetter?: boolean | null;
  },
) {
  return db
    .insertInto('tthc_dossiers')
    .values({
      unit_id: input.unitId,
      code: input.code ?? `HS-${++dossierCounter}-${randomUUID().slice(0, 6)}`,
      procedure_code: null,
      procedure_name: null,
      field: input.field ?? 'Hộ tịch',
      channel: input.channel ?? 'truc_tiep',
      received_on: input.receivedOn ?? '2026-03-02',
      due_on: input.dueOn ?? '2026-03-10',
      resolved_on: input.resolvedOn === undefined ? '2026-03-09' : input.resolvedOn,
      status: null,
      status_kind: input.statusKind ?? 'binh_thuong',
      digitised: input.digitised ?? null,
      electronic_result: input.electronicResult ?? null,
      online_payment: input.onlinePayment ?? null,
      full_process: input.fullProcess ?? null,
      apology_letter: input.apologyLetter ?? null,
      source: 'typed',
      import_id: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}
