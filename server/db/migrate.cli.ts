/**
 * `npm run db:migrate`: applies pending migrations to the database named by DATABASE_URL (or the
 * embedded one in DATA_DIR). Safe to run from several machines at once (advisory lock).
 */
import { ConfigError, loadConfig } from '@server/config.ts';
import { openDatabase } from './client.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { migrate } from './migrator.ts';

async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const unlock = config.engine === 'pglite' ? lockDataDir(config.dataDir) : () => {};
  try {
    const handle = await openDatabase(
      config.engine === 'pglite'
        ? { engine: 'pglite', dataDir: config.dataDir }
        : { engine: 'postgres', url: config.databaseUrl! },
    );
    try {
      const report = await migrate(handle.db);
      console.log(
        report.applied.length
          ? `Đã áp dụng ${report.applied.length} migration (${Math.round(report.ms)} ms):\n${report.applied.map((n) => `  - ${n}`).join('\n')}`
          : `Cơ sở dữ liệu đã ở phiên bản mới nhất (${report.alreadyApplied} migration).`,
      );
      return 0;
    } finally {
      await handle.close();
    }
  } finally {
    unlock();
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`Không áp dụng được migration: ${error.message}`);
    process.exit(1);
  },
);
