/**
 * Generates TTHC dossiers for benches in SQL (generate_series, a million rows per statement): received
 * every day of 2021–2025, spread evenly over `unitIds`; due 5–14 days later; 1 % never resolved, the
 * rest resolved 0–16 days after receipt (some early, some on the due date, some late); 2 % waiting for
 * supplements; ⅓ online; 8 fields. Used by bieu06.bench.ts and analytics.bench.ts.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '@server/db/schema.ts';

const FIELDS = [
  'Hộ tịch',
  'Chứng thực',
  'Đất đai',
  'Bảo trợ xã hội',
  'Người có công',
  'Xây dựng',
  'Tư pháp',
  'Văn hóa',
];

export async function generateDossiers(db: Kysely<Database>, unitIds: string[], count: number) {
  const CHUNK = 1_000_000;
  const units = unitIds.length;
  for (let first = 1; first <= count; first += CHUNK) {
    const last = Math.min(count, first + CHUNK - 1);
    await sql`
      insert into tthc_dossiers (unit_id, code, field, channel, received_on, due_on, resolved_on, status_kind, source)
      select (${unitIds}::uuid[])[1 + g % ${units}], 'HS' || g, (${FIELDS}::text[])[1 + (g / ${units}) % ${FIELDS.length}],
             case when g % 3 = 0 then 'truc_tuyen' else 'truc_tiep' end,
             r, r + (5 + g % 10),
             case when g % 100 = 0 then null else r + ((g * 7) % 17) end,
             case when g % 50 = 0 then 'bo_sung' else 'binh_thuong' end, 'import'
      from generate_series(${first}::int, ${last}::int) g,
           lateral (select date '2021-01-01' + (g % 1826) as r) d`.execute(db);
    process.stdout.write(`  ${last.toLocaleString('vi-VN')} hồ sơ\r`);
  }
  process.stdout.write('\n');
}
