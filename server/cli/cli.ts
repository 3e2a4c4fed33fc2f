/**
 * The command line as a function: `runCommandLine(argv)` runs one command and returns its exit code
 * instead of exiting, so tests can run commands in their own process (server/test/cli-run.ts) and only
 * the bin wrapper (main.ts) ends the process.
 * Each command lives in its own module exporting `run(args): Promise<number>` (the exit code),
 * so commands load only what they need and can run without a server.
 */
type CommandModule = { run(args: string[]): Promise<number>; summary: string };

const commands: Record<string, () => Promise<CommandModule>> = {
  frameworks: () => import('./frameworks.command.ts'),
  score: () => import('./score.command.ts'),
  document: () => import('./document.command.ts'),
  units: () => import('./units.command.ts'),
  users: () => import('./users.command.ts'),
  audit: () => import('./audit.command.ts'),
  sessions: () => import('./sessions.command.ts'),
  registers: () => import('./registers.command.ts'),
};

/** Runs `argv` (without node and the script); an unexpected error becomes its message on stderr and exit code 1. */
export async function runCommandLine(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name ? commands[name] : undefined;
  if (!load) {
    if (name && name !== 'help' && name !== '--help') console.error(`Lệnh không tồn tại: ${name}`);
    console.error('Cách dùng: npm run --silent cli -- <lệnh> [tuỳ chọn]\nCác lệnh:');
    for (const [command, loader] of Object.entries(commands)) {
      const summary = await loader()
        .then((m) => m.summary)
        .catch(() => '(chưa có)');
      console.error(`  ${command.padEnd(12)} ${summary}`);
    }
    return name && name !== 'help' && name !== '--help' ? 2 : 0;
  }
  return (await load()).run(rest);
}
