import pino from 'pino';
import { z } from 'zod';
import { boot, BootError } from './boot.ts';
import { ConfigError, loadConfig } from './config.ts';
import { MigrationError } from './db/migrator.ts';
import { DEMO_PASSWORD, DEMO_USERS, findDemoAccountUnits } from './db/seeds/demo.seed.ts';
import { ROLE_LABELS } from '@shared/access/roles.ts';

z.config(z.locales.vi());

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(
        `\n${error.message}\nỨng dụng không khởi động. Hãy sửa các biến môi trường trên (xem README.md).\n`,
      );
      process.exit(1);
    }
    throw error;
  }
  const log = pino({ level: config.logLevel, base: { app: 'danhgia' } });
  let running;
  try {
    running = await boot(config, log);
  } catch (error) {
    if (error instanceof BootError || error instanceof MigrationError) {
      console.error(`\nKhông khởi động được: ${(error as Error).message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { app, worker } = running;
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE'
        ? `\nCổng ${config.port} đang bị chương trình khác dùng. Hãy dừng chương trình đó hoặc đặt PORT khác (ví dụ PORT=3001 npm start).\n`
        : `\nKhông mở được cổng ${config.port}: ${(error as Error).message}\n`,
    );
    await running.close();
    process.exit(1);
  }
  worker.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const shownHost = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const demoUnits = config.seedDemo ? await findDemoAccountUnits(running.ctx.db) : new Map<string, string>();
  printBanner(`http://${shownHost}:${port}`, config.engine, config.dataDir, demoUnits);
  if (config.clockOffsetDays !== 0) {
    console.log(
      `  CHÚ Ý: lịch nghiệp vụ đang lệch ${config.clockOffsetDays} ngày (CLOCK_OFFSET_DAYS) — chỉ dùng để tập huấn, kiểm thử.\n`,
    );
  }

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    await running.close();
    clearTimeout(force);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

function printBanner(url: string, engine: string, dataDir: string, demoUnits: Map<string, string>) {
  const lines = [
    '',
    `  danhgia — Đánh giá chuẩn tiếp cận pháp luật — đang chạy tại ${url}`,
    `  Cơ sở dữ liệu: ${engine === 'pglite' ? `PGlite (nhúng), dữ liệu ở ${dataDir}` : 'máy chủ PostgreSQL (DATABASE_URL)'}`,
  ];
  if (demoUnits.size) {
    lines.push(`  Tài khoản dùng thử (mật khẩu chung: ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) {
      const unit = demoUnits.get(user.username);
      if (unit) lines.push(`    ${user.username.padEnd(10)} ${ROLE_LABELS[user.role].padEnd(36)} ${unit}`);
    }
  }
  lines.push('  Dừng: Ctrl+C', '');
  console.log(lines.join('\n'));
}

void main();
