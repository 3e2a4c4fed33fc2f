/** Command-line entry: `npm run --silent cli -- <command> [options]` (the commands are in cli.ts). */
import { runCommandLine } from './cli.ts';

process.exit(await runCommandLine(process.argv.slice(2)));
