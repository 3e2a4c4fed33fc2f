/**
 * `npm run --silent cli -- audit verify`: recomputes the hash chain of the audit trail.
 * Exit 0 with a one-line summary when intact; exit 1 naming the first bad row when not.
 */
import { verifyAudit } from '@server/features/audit/audit.service.ts';
import { cliContext } from '@server/platform/context.ts';
import { runCli, withCliApp } from './open-database.ts';

export const summary = 'Nhật ký thao tác: verify (kiểm tra tính toàn vẹn của chuỗi mã băm)';

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'verify' || args.length > 1) {
    console.error('Cách dùng: audit verify');
    return 2;
  }
  return runCli(async () => {
    const report = await withCliApp((app) => verifyAudit(cliContext(app)));
    if (report.ok) {
      console.log(`Nhật ký toàn vẹn: ${report.rows} dòng, mã băm cuối ${report.lastHash.slice(0, 16)}….`);
      return 0;
    }
    console.error(`Nhật ký KHÔNG toàn vẹn: ${report.reason}.`);
    return 1;
  });
}
