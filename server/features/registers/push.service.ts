import { parseDossierRow, type DossierInput } from '@shared/tthc/dossier-row.ts';
import type { PushDossiersBody } from '@shared/registers/push.contract.ts';
import { formatDecimal } from '@shared/format/vi.ts';
import { upsertDossiers } from '@server/features/tthc/tthc.repo.ts';
import { writeAudit } from '@server/platform/audit/audit.ts';
import type { ApiTokenContext } from '@server/platform/context.ts';
import { ValidationError, type FieldProblem } from '@server/platform/http/errors.ts';
import { touchToken } from './tokens.repo.ts';

/** Problems named in the error message itself; all of them are in `details.problems`. */
const PROBLEMS_IN_MESSAGE = 10;

/** JSON values as the file import would read them: yes/no as 1/0, numbers as written, null as empty. */
function asText(value: string | number | boolean | null): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

/**
 * Reads a pushed batch with the import's rules (parseDossierRow): every element checked, duplicate
 * codes refused naming both positions. Either every dossier, or the problems of all bad elements.
 */
export function readPushedBatch(body: PushDossiersBody): {
  dossiers: DossierInput[];
  problems: FieldProblem[];
} {
  const dossiers: DossierInput[] = [];
  const problems: FieldProblem[] = [];
  const firstAt = new Map<string, number>();
  body.dossiers.forEach((element, i) => {
    const record = Object.fromEntries(Object.entries(element).map(([k, v]) => [k, asText(v)]));
    const code = (record.ma_ho_so ?? '').trim();
    const where = `Hồ sơ dossiers[${i}]${code ? ` (mã ${code.slice(0, 100)})` : ''}`;
    const parsed = parseDossierRow(record);
    if (!parsed.ok)
      for (const issue of parsed.issues)
        problems.push({ field: `dossiers.${i}.${issue.column}`, message: `${where}: ${issue.message}` });
    if (code) {
      const first = firstAt.get(code);
      if (first === undefined) firstAt.set(code, i);
      else
        problems.push({
          field: `dossiers.${i}.ma_ho_so`,
          message: `${where}: mã hồ sơ trùng với dossiers[${first}] trong cùng lần gửi`,
        });
    }
    if (parsed.ok) dossiers.push(parsed.dossier);
  });
  return { dossiers, problems };
}

/**
 * A one-stop system's batch into its commune's TTHC register: all or nothing. The unit is the
 * token's — the body names none — so a token can write no other commune's register. Re-sending
 * a dossier updates it (same commune, same `ma_ho_so`). One audit row per batch, signed by the token.
 */
export async function pushTthcDossiers(ctx: ApiTokenContext, body: PushDossiersBody) {
  const { dossiers, problems } = readPushedBatch(body);
  if (problems.length) {
    const bad = new Set(problems.map((p) => p.field.split('.')[1])).size;
    const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => p.message);
    const more = problems.length - shown.length;
    throw new ValidationError(
      `Không ghi hồ sơ nào: ${formatDecimal(bad)} hồ sơ không hợp lệ. ` +
        shown.map((m, i) => `(${i + 1}) ${m}.`).join(' ') +
        (more > 0 ? ` Và ${formatDecimal(more)} lỗi khác (xem details.problems).` : ''),
      problems,
    );
  }
  const token = ctx.apiToken;
  const counts = await ctx.app.db.transaction().execute(async (trx) => {
    const written = await upsertDossiers(trx, token.unitId, dossiers, 'api');
    await touchToken(trx, token.id);
    await writeAudit(trx, {
      action: 'tthc.dossiers-pushed',
      objectType: 'register_token',
      objectId: token.id,
      unitId: token.unitId,
      actor: null,
      actorLabel: `Kết nối API: ${token.name}`,
      diff: {
        token: { id: token.id, name: token.name },
        received: dossiers.length,
        created: written.created,
        updated: written.updated,
      },
      ip: ctx.ip,
    });
    return written;
  });
  return { received: dossiers.length, ...counts };
}
