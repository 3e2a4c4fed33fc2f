/**
 * `npm run lint:layers` (part of `npm run check`): the layering of docs/ARCHITECTURE.md as a check.
 *
 * - `*.routes.ts` do not reach the database (no kysely, pg, PGlite, nothing from server/db/);
 * - `*.service.ts` know nothing of HTTP (no fastify, @fastify/*, platform/http/route.ts);
 * - server/platform/ imports nothing from server/features/ (mechanisms do not depend on business);
 * - shared/ imports nothing from server/, web/ or Node (it runs in the browser too);
 * - Kysely queries (selectFrom, insertInto, updateTable, deleteFrom, sql`…`) only in `*.repo.ts`,
 *   server/db/ and tests.
 *
 * Imports are read with the TypeScript parser (type-only imports count too), so comments and strings
 * never trip it. Exit code 1 lists every violation as `file:line  rule  message`.
 */
import { readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export type Rule =
  'routes-no-db' | 'service-no-http' | 'platform-no-features' | 'shared-pure' | 'sql-in-repo';

export type Violation = { file: string; line: number; rule: Rule; message: string };

const ROOTS = ['server', 'shared'];
const SKIP_DIRS = new Set(['node_modules', 'dist', 'out']);
const QUERY_METHODS = new Set([
  'selectFrom',
  'insertInto',
  'updateTable',
  'deleteFrom',
  'replaceInto',
  'mergeInto',
]);
const DB_PACKAGES = ['kysely', 'pg', '@electric-sql/pglite'];
const NODE_BUILTINS = new Set(builtinModules);
const ALIASES: Record<string, string> = { '@server/': 'server/', '@shared/': 'shared/', '@web/': 'web/src/' };

/** An import as written and, for our own files, the repository path it points to (no extension). */
type Import = { specifier: string; local: string | null; line: number };

/** Checks every TypeScript file under server/ and shared/ of `root`; returns the violations, sorted. */
export function checkLayers(root: string): Violation[] {
  const violations: Violation[] = [];
  for (const dir of ROOTS) {
    for (const file of listFiles(root, dir)) {
      const source = ts.createSourceFile(
        file,
        ts.sys.readFile(path.join(root, file)) ?? '',
        ts.ScriptTarget.Latest,
        true,
        file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
      );
      violations.push(...checkFile(file, source));
    }
  }
  return violations.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

function listFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const name of entries.sort()) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !name.startsWith('.')) files.push(...listFiles(root, rel));
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) files.push(rel);
  }
  return files;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('server/test/');
const mayQuery = (file: string) => file.endsWith('.repo.ts') || file.startsWith('server/db/') || isTest(file);

function checkFile(file: string, source: ts.SourceFile): Violation[] {
  const out: Violation[] = [];
  const report = (node: ts.Node, rule: Rule, message: string) =>
    out.push({
      file,
      line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      rule,
      message,
    });
  const imports: Import[] = [];

  const visit = (node: ts.Node) => {
    const specifier = moduleSpecifierOf(node);
    if (specifier !== undefined) {
      imports.push({
        specifier,
        local: resolveLocal(file, specifier),
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
      });
    }
    if (file.startsWith('server/') && !mayQuery(file)) {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        QUERY_METHODS.has(node.expression.name.text)
      ) {
        report(
          node.expression.name,
          'sql-in-repo',
          `Truy vấn .${node.expression.name.text}() chỉ được viết trong *.repo.ts (hoặc server/db/): chuyển vào repo của tính năng.`,
        );
      }
      if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') {
        report(
          node,
          'sql-in-repo',
          'Câu lệnh sql`…` chỉ được viết trong *.repo.ts (hoặc server/db/): chuyển vào repo.',
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  for (const imp of imports) {
    const push = (rule: Rule, message: string) => out.push({ file, line: imp.line, rule, message });
    if (file.endsWith('.routes.ts')) {
      if (isPackage(imp, DB_PACKAGES) || imp.local?.startsWith('server/db/'))
        push(
          'routes-no-db',
          `Route không được truy cập cơ sở dữ liệu (import '${imp.specifier}'): gọi một service.`,
        );
    }
    if (file.endsWith('.service.ts')) {
      if (
        isPackage(imp, ['fastify']) ||
        imp.specifier.startsWith('@fastify/') ||
        imp.local === 'server/platform/http/route'
      )
        push(
          'service-no-http',
          `Service không được phụ thuộc HTTP (import '${imp.specifier}'): nhận ServiceContext, để route lo phần HTTP.`,
        );
    }
    if (file.startsWith('server/platform/') && imp.local?.startsWith('server/features/')) {
      push(
        'platform-no-features',
        `server/platform/ không được import từ server/features/ ('${imp.specifier}'): đảo phụ thuộc hoặc chuyển mã sang features/.`,
      );
    }
    if (file.startsWith('shared/')) {
      const bare = imp.specifier.replace(/^node:/, '').split('/')[0]!;
      if (imp.local?.startsWith('server/') || imp.local?.startsWith('web/'))
        push('shared-pure', `shared/ không được import từ server/ hoặc web/ ('${imp.specifier}').`);
      else if (imp.specifier.startsWith('node:') || (!imp.local && NODE_BUILTINS.has(bare)))
        push(
          'shared-pure',
          `shared/ chạy cả trên trình duyệt: không được import mô-đun Node ('${imp.specifier}').`,
        );
    }
  }
  return out;
}

/** The module named by an import/export declaration, `import x = require()` or a dynamic `import()`. */
function moduleSpecifierOf(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier)
    return ts.isStringLiteral(node.moduleSpecifier) ? node.moduleSpecifier.text : undefined;
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
    return ts.isStringLiteral(node.moduleReference.expression)
      ? node.moduleReference.expression.text
      : undefined;
  if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    const [arg] = node.arguments;
    return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
  }
  if (
    ts.isImportTypeNode(node) &&
    ts.isLiteralTypeNode(node.argument) &&
    ts.isStringLiteral(node.argument.literal)
  )
    return node.argument.literal.text;
  return undefined;
}

/** Repository path (forward slashes, no extension) of a relative or aliased import; null for a package. */
function resolveLocal(file: string, specifier: string): string | null {
  let target: string | null = null;
  if (specifier.startsWith('.')) target = path.posix.join(path.posix.dirname(file), specifier);
  for (const [alias, dir] of Object.entries(ALIASES))
    if (specifier.startsWith(alias)) target = dir + specifier.slice(alias.length);
  return target === null ? null : path.posix.normalize(target).replace(/\.(tsx?|jsx?)$/, '');
}

function isPackage(imp: Import, names: string[]): boolean {
  return !imp.local && names.some((n) => imp.specifier === n || imp.specifier.startsWith(`${n}/`));
}

function main() {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..'));
  const violations = checkLayers(root);
  for (const v of violations) console.error(`${v.file}:${v.line}  ${v.rule}  ${v.message}`);
  if (violations.length) {
    console.error(`\nVi phạm phân lớp: ${violations.length} (xem docs/ARCHITECTURE.md, "Layering").`);
    process.exitCode = 1;
  } else console.log('Phân lớp: không có vi phạm.');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
