/**
 * Running the command line in a test: in the test's own process (`runCliInProcess`, what most tests use:
 * starting node with tsx and importing the server took seconds of CPU per command, issue #9), or as the
 * real binary (`runCliProcess`, for the few tests that prove `node --import tsx server/cli/main.ts` works).
 * Both give the same result: exit code, stdout, stderr.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { vi } from 'vitest';
import { runCommandLine } from '@server/cli/cli.ts';
import { getAuditKey, setAuditKey } from '@server/platform/audit/audit-key.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Environment variables of one command; '' is passed as the empty string, as a shell would. */
export type CliEnv = Record<string, string>;

/** The real binary, as `npm run cli` ends up running it: one node process (`npx tsx` would start three). */
export function runCliProcess(args: string[], env: CliEnv = {}): CliResult {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * `runCommandLine(args)` in this process, with `env` set in process.env for the command's duration,
 * console and process.stdout/stderr captured, and the process-wide audit key (which the command sets from
 * its DATA_DIR or AUDIT_KEY) given back afterwards. One command at a time: the capture is process-wide.
 */
export async function runCliInProcess(args: string[], env: CliEnv = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const toOut = (...parts: unknown[]) => void (stdout += `${format(...parts)}\n`);
  const toErr = (...parts: unknown[]) => void (stderr += `${format(...parts)}\n`);
  const write =
    (append: (text: string) => void) =>
    (chunk: unknown, ...rest: unknown[]): boolean => {
      append(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  const spies = [
    vi.spyOn(console, 'log').mockImplementation(toOut),
    vi.spyOn(console, 'info').mockImplementation(toOut),
    vi.spyOn(console, 'error').mockImplementation(toErr),
    vi.spyOn(console, 'warn').mockImplementation(toErr),
    vi.spyOn(process.stdout, 'write').mockImplementation(write((t) => (stdout += t))),
    vi.spyOn(process.stderr, 'write').mockImplementation(write((t) => (stderr += t))),
  ];
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const savedKey = currentAuditKey();
  try {
    const code = await runCommandLine(args);
    return { code, stdout, stderr };
  } finally {
    for (const spy of spies) spy.mockRestore();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    if (savedKey) setAuditKey(savedKey);
  }
}

function currentAuditKey(): Buffer | undefined {
  try {
    return getAuditKey();
  } catch {
    return undefined;
  }
}
