/**
 * `npm run --silent cli -- sessions end-all`: signs every user out. Run it after restoring a backup:
 * the restored database brings back sessions that had been signed out since (ADR 0011).
 */
import { endAllSessions } from '@server/features/auth/auth.service.ts';
import { runCli, withCliDatabase } from './open-database.ts';

export const summary =
  'Phiên đăng nhập: end-all (đăng xuất mọi người dùng, chạy sau khi phục hồi bản sao lưu)';

export async function run(args: string[]): Promise<number> {
  if (args[0] !== 'end-all' || args.length > 1) {
    console.error('Cách dùng: sessions end-all');
    return 2;
  }
  return runCli(async () => {
    const ended = await withCliDatabase((db) => endAllSessions(db));
    console.log(`Đã kết thúc ${ended} phiên đăng nhập. Mọi người dùng phải đăng nhập lại.`);
    return 0;
  });
}
