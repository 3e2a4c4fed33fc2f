import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * PGlite keeps its files in DATA_DIR and must be opened by one process only; a second `npm start`
 * on the same folder would corrupt it. The lock file holds the owner's pid.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'danhgia.lock');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch {
    const owner = Number(readFileSync(file, 'utf8'));
    if (owner && owner !== process.pid && isAlive(owner)) {
      throw new Error(
        `Thư mục dữ liệu ${dataDir} đang được tiến trình khác (pid ${owner}) sử dụng. Hãy dừng tiến trình đó hoặc đặt DATA_DIR khác.`,
      );
    }
    writeFileSync(file, String(process.pid)); // left behind by a process that died
  }
  return () => rmSync(file, { force: true });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
