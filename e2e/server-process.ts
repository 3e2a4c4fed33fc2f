/**
 * One server process as `npm start` runs it. Apart from support.ts because the journeys' global setup
 * (global-setup.ts) uses it, and support.ts registers Vitest hooks that only exist inside a test file.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Where e2e/global-setup.ts leaves the run's seeded data folder. */
export const DATA_TEMPLATE_ENV = 'DANHGIA_E2E_DATA_TEMPLATE';

export type Process = { url: string; process: ChildProcess; output: () => string; stop(): Promise<void> };

/** One server process as `npm start` runs it, once its banner says where it listens. */
export async function startProcess(env: Record<string, string>): Promise<Process> {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 150_000);
    const check = setInterval(() => {
      const match = /đang chạy tại (http:\/\/\S+)/.exec(output);
      if (match) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(match[1]!);
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(check);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
