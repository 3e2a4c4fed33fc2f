import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Whether process `pid` exists on this machine (EPERM: it exists but belongs to another user). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A job's scratch folder in the system temp folder, named `<prefix><pid>-<random>`: the job removes
 * it in a `finally`, and a later start removes it if the process that made it was killed first.
 */
export async function makeJobTempDir(prefix: string, base = tmpdir()): Promise<string> {
  return mkdtemp(path.join(base, `${prefix}${process.pid}-`));
}

/**
 * Removes the folders `<prefix>*` left by a killed process: those whose process no longer exists,
 * and those named without a pid (made before this version) older than `olderThanMs`. Returns them.
 */
export async function sweepJobTempDirs(prefix: string, olderThanMs: number, base = tmpdir()) {
  const removed: string[] = [];
  let names: string[];
  try {
    names = await readdir(base);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const owner = /^(\d+)-/.exec(name.slice(prefix.length));
    if (owner && (Number(owner[1]) === process.pid || isProcessAlive(Number(owner[1])))) continue;
    const full = path.join(base, name);
    try {
      const info = await stat(full);
      if (!info.isDirectory() || (!owner && Date.now() - info.mtimeMs < olderThanMs)) continue;
      await rm(full, { recursive: true, force: true });
      removed.push(full);
    } catch {
      // Already gone, or removed by another process sweeping at the same time.
    }
  }
  return removed;
}
