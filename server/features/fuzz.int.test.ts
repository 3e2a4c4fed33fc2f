/**
 * Fuzz suite (hardening): every write route of `apiRoutes` (POST/PUT/PATCH/DELETE) and every public
 * route receives fast-check-generated hostile input — wrong types, 1e308 and 500-digit numbers,
 * negative numbers, NUL, lone surrogates, 5,000-level nesting (sent as raw JSON text), strings up to
 * 200 KB, SQL metacharacters, `__proto__`/`constructor` keys, and mutations of the route's valid
 * sample (a field dropped, retyped or replaced, unknown fields added) — in its body, query string and
 * path parameters, sent by a role allowed to call the route at its own unit, so validation is
 * really reached (public routes: by an anonymous citizen, as in real life).
 *
 * Per case: never a 5xx; a refusal is a 4xx whose `error.message` is Vietnamese and, for a 400 with
 * `details.problems`, names the fields; a refused request writes nothing. An accepted request (a
 * mutation that happens to be valid) is fine and rolled back.
 *
 * Reproducible: the cases come from `fc.sample` with a fixed seed (FUZZ_SEED overrides it, FUZZ_CASES
 * the total), per route derived from the seed and the route's key, so adding a route does not change
 * the cases of the others. Failures are collected (not thrown at the first) and listed at the end.
 *
 * Valid samples and the table fingerprint are the access test's (server/test/route-samples.ts).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@shared/access/roles.ts';
import { LIMITS } from '@shared/limits.ts';
import { apiRoutes } from '@server/app.ts';
import { AttemptLimiter } from '@server/platform/auth/attempt-limiter.ts';
import type { RouteDef } from '@server/platform/http/route.ts';
import type { RollbackControl } from '@server/test/rollback-dialect.ts';
import { createTestApp, type TestApp } from '@server/test/test-app.ts';
import { multipartBody } from '@server/test/multipart.ts';
import {
  clientFor,
  fingerprint,
  keyOf,
  samples,
  seedRouteWorld,
  type Actor,
  type Built,
  type Tree,
} from '@server/test/route-samples.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 42);
// `npm test` runs 2,048 cases (about 10 s); CI's PostgreSQL pass runs 8,192 (.ci/run), so a CI run sends
// 10,240 (issue #11 asks for 10,000 per run; issue #9 for a quick `npm test`).
const TOTAL_CASES = Number(process.env.FUZZ_CASES ?? 2_048);
/** Routes whose accepted or valid-looking cases cost an argon2 hash (and, for sign-in, the failure
 * delay of 300 ms and more): fewer cases, to keep the run near a minute. */
const FEW_CASES: Record<string, number> = {
  'POST /api/auth/sign-in': 24,
  'POST /api/auth/password': 80,
  // A temporary password is hashed for every accepted case (the reset takes no body at all).
  'POST /api/users/:id/reset-password': 60,
  'POST /api/users': 120,
};
/** Refusals that write by design: a failed sign-in counts against the account (lockout) and is
 * audited. Such cases are rolled back like accepted ones instead of being fingerprinted. */
const REFUSALS_THAT_WRITE: Record<string, number[]> = { 'POST /api/auth/sign-in': [401, 423, 429] };

const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

// ---------------------------------------------------------------- generators

const LONG = 'x'.repeat(200_000);
const SQL_META = ["'; drop table users; --", "' or '1'='1", '1; select pg_sleep(10)--', '"; \\', '%_%'];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'];

/** The edge values every field of a sample is tried with. */
const EDGE_VALUES: unknown[] = [
  1e308,
  -1e308,
  -1,
  0,
  -0.5,
  2 ** 53 + 1,
  '9'.repeat(500),
  `-${'9'.repeat(500)}`,
  '1e308',
  'NaN',
  'Infinity',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfff',
  '',
  ' ',
  '\u202e\u200b',
  '2026-02-30',
  '0000-00-00',
  '00000000-0000-0000-0000-000000000000',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  'Nguyễn Văn 😀',
  2 ** 31,
  -(2 ** 31) - 1,
  '99999-01-01',
  '1900-02-29',
  // Long strings: past any column's width, at the body guard's limit (allowed by it), past it.
  'a'.repeat(300),
  'Đ'.repeat(5000),
  'x'.repeat(LIMITS.jsonMaxStringLength),
  LONG,
  'ư'.repeat(LIMITS.jsonMaxStringLength + 1),
  true,
  false,
  null,
  [],
  {},
  ...SQL_META,
  ...PROTO_KEYS,
];

/** One hostile JSON value (shallow, so JSON.stringify never recurses deeply). */
const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...EDGE_VALUES),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  // Any UTF-16 code unit, lone surrogates and NUL included.
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 20 }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileScalar },
  { weight: 1, arbitrary: fc.array(hostileScalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), hostileScalar, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4 }) },
);

const hostileKey = fc.oneof(fc.constantFrom(...PROTO_KEYS, ...SQL_META, '\u0000', '\ud800', ''), fc.string());

/** Raw JSON texts no generator should build as objects (JSON.stringify of them could overflow). */
const RAW_BODIES: string[] = [
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
  `{"expectedVersion":${'9'.repeat(500)}}`,
  '{"expectedVersion":1e999}',
  '{"expectedVersion":-1e999}',
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  `[${Array(LIMITS.jsonMaxEntries + 5)
    .fill(0)
    .join(',')}]`,
  '{"a":"\\u0000"}',
  '{"a":"\\ud800"}',
  '{"a":',
  '',
  'null',
  '"texte"',
  '[]',
];

type Mutation = { path: string[]; op: 'drop' | 'set' } | { path: string[]; op: 'add'; key: string };

/** Every path to a value in a (small) JSON sample body, the root included. */
function pathsOf(value: unknown, prefix: string[] = [], depth = 0): string[][] {
  const paths = [prefix];
  if (depth < 4 && typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value))
      paths.push(...pathsOf(child, [...prefix, key], depth + 1));
  return paths;
}

/** A copy of `body` with one mutation applied (keys set with defineProperty: `__proto__` stays a key). */
function mutate(body: unknown, m: Mutation, value: unknown): unknown {
  const copy: unknown = structuredClone(body);
  const parentPath = m.op === 'add' ? m.path : m.path.slice(0, -1);
  let parent: unknown = copy;
  for (const key of parentPath) parent = (parent as Record<string, unknown>)[key];
  if (m.path.length === 0 && m.op !== 'add') return m.op === 'drop' ? undefined : value;
  if (typeof parent !== 'object' || parent === null) return copy;
  const key = m.op === 'add' ? m.key : m.path[m.path.length - 1]!;
  if (m.op === 'drop') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete (parent as Record<string, unknown>)[key];
  } else Object.defineProperty(parent, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A path segment, percent-encoded; a lone surrogate (which encodeURIComponent refuses) is sent as
 * the bytes of its invalid UTF-8 encoding, i.e. a malformed URL. */
function encodeSegment(text: string) {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '')) + '%ED%A0%80';
  }
}

type Case = {
  /** What the case does, for the failure list. */
  label: string;
  url: string;
  /** JSON text (or raw bytes for multipart). */
  payload?: string | Buffer;
  contentType?: string;
  /** The sample's own headers (an API token), sent with every case of the route. */
  headers?: Record<string, string>;
};

/** The cases of one route: generated from its valid sample. */
function casesArbitrary(route: RouteDef, built: Built): fc.Arbitrary<Case> {
  const json = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));
  const [pathPart, query = ''] = built.url.split('?');
  const segments = pathPart!.split('/');
  const idSegments = segments.flatMap((s, i) => (/^[0-9a-f-]{36}$|^\d+$/.test(s) ? [i] : []));
  const queryPairs = [...new URLSearchParams(query)];
  const withBody = route.method !== 'GET';
  const original: Pick<Case, 'payload' | 'contentType'> = built.multipart
    ? { payload: built.multipart.payload, contentType: built.multipart.headers['content-type'] }
    : built.body === undefined
      ? {}
      : { payload: json(built.body) };
  const asString = (v: unknown) => (typeof v === 'string' ? v : (JSON.stringify(v) ?? 'undefined'));

  const kinds: fc.Arbitrary<Case>[] = [];
  const weights: number[] = [];
  const add = (weight: number, arbitrary: fc.Arbitrary<Case>) => {
    kinds.push(arbitrary);
    weights.push(weight);
  };
  if (withBody && !built.multipart) {
    const paths = pathsOf(built.body ?? {});
    add(
      4,
      fc
        .record({
          path: fc.constantFrom(...paths),
          op: fc.constantFrom('drop' as const, 'set' as const, 'add' as const),
          key: hostileKey,
          value: hostileValue,
        })
        .map(({ path, op, key, value }) => {
          const m: Mutation = op === 'add' ? { path, op, key } : { path, op };
          const target = `${path.join('.') || '(gốc)'}${op === 'add' ? `+${JSON.stringify(key).slice(0, 30)}` : ''}`;
          return {
            label: `${op} ${target} = ${asString(value).slice(0, 60)}`,
            url: built.url,
            payload: json(mutate(built.body ?? {}, m, value)),
          };
        }),
    );
    // Each field of the sample (each leaf) set to each edge value in turn, more or less.
    const leaves = paths.filter((p) => p.length > 0);
    if (leaves.length)
      add(
        3,
        fc
          .record({ path: fc.constantFrom(...leaves), value: fc.constantFrom(...EDGE_VALUES) })
          .map(({ path, value }) => ({
            label: `set ${path.join('.')} = ${asString(value).slice(0, 60)}`,
            url: built.url,
            payload: json(mutate(built.body, { path, op: 'set' }, value)),
          })),
      );
    add(
      1,
      hostileValue.map((value) => ({
        label: `body = ${asString(value).slice(0, 60)}`,
        url: built.url,
        payload: json(value),
      })),
    );
  }
  if (withBody)
    add(
      1,
      fc.constantFrom(...RAW_BODIES.keys()).map((i) => ({
        label: `raw body #${i}: ${RAW_BODIES[i]!.slice(0, 40)}`,
        url: built.url,
        payload: RAW_BODIES[i]!,
      })),
    );
  if (built.multipart)
    add(
      2,
      fc.oneof(hostileScalar.map(asString), fc.constantFrom(...SQL_META)).map((fileName) => ({
        label: `file name ${JSON.stringify(fileName.slice(0, 60))}`,
        url: built.url,
        ...(() => {
          const body = multipartBody({
            data: Buffer.from('%PDF-1.4\n%%EOF\n'),
            fileName: fileName.slice(0, 4000),
          });
          return { payload: body.payload, contentType: body.headers['content-type'] };
        })(),
      })),
    );
  if (idSegments.length)
    add(
      2,
      fc.record({ at: fc.constantFrom(...idSegments), value: hostileScalar }).map(({ at, value }) => {
        const copy = [...segments];
        copy[at] = encodeSegment(asString(value).slice(0, 300));
        return {
          label: `path segment ${at} = ${asString(value).slice(0, 60)}`,
          url: `${copy.join('/')}${query ? `?${query}` : ''}`,
          ...original,
        };
      }),
    );
  add(
    queryPairs.length ? 2 : 1,
    fc
      .record({
        key: queryPairs.length
          ? fc.oneof(fc.constantFrom(...queryPairs.map(([k]) => k)), hostileKey)
          : hostileKey,
        value: hostileScalar,
        twice: fc.boolean(),
      })
      .map(({ key, value, twice }) => {
        const params = new URLSearchParams(query);
        const text = asString(value).slice(0, 2000);
        params.set(key, text);
        if (twice) params.append(key, text);
        return {
          label: `query ${key}=${text.slice(0, 60)}${twice ? ' (twice)' : ''}`,
          url: `${pathPart}?${params}`,
          ...original,
        };
      }),
  );
  if (withBody)
    add(
      1,
      fc
        .constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1')
        .map((contentType) => ({
          label: `content-type ${contentType}`,
          url: built.url,
          payload: 'a=1',
          contentType,
        })),
    );
  return fc
    .oneof(...kinds.map((arbitrary, i) => ({ weight: weights[i]!, arbitrary })))
    .map((c) => (built.headers ? { ...c, headers: built.headers } : c));
}

// ---------------------------------------------------------------- running

let t: TestApp;
let tree: Tree;
let bystander: Actor;
let rollback: RollbackControl;

type Answer = { statusCode: number; body: string };
type Sender = { role: Role | 'anonymous'; send(c: Case): Promise<Answer> };

function senderFor(route: RouteDef, role: Role | 'anonymous'): Sender {
  const session = role === 'anonymous' ? {} : clientFor(role).headers;
  return {
    role,
    send: (c) =>
      t.app.inject({
        method: route.method,
        url: c.url,
        headers: {
          ...session,
          ...c.headers,
          ...(c.contentType
            ? { 'content-type': c.contentType }
            : c.payload !== undefined
              ? { 'content-type': 'application/json' }
              : {}),
        },
        ...(c.payload === undefined ? {} : { payload: c.payload }),
      }),
  };
}

/** Who builds the sample: the acting user when the sample depends on who acts, else a bystander. */
const builderFor = (key: string, role: Role | 'anonymous'): Actor =>
  role !== 'anonymous' && samples[key]!.perRole ? clientFor(role).user : bystander;

/** The valid sample of the route, built in the route's own commune. */
async function buildSample(key: string, role: Role | 'anonymous') {
  const sample = samples[key]!;
  return sample.build(sample.targets ? tree.communeA : null, builderFor(key, role));
}

const asCase = (built: Built): Case => ({
  label: 'valid sample',
  url: built.url,
  ...(built.headers ? { headers: built.headers } : {}),
  ...(built.multipart
    ? { payload: built.multipart.payload, contentType: built.multipart.headers['content-type'] }
    : built.body === undefined
      ? {}
      : { payload: JSON.stringify(built.body) }),
});

/** A role whose valid sample is accepted (2xx), tried in ROLES order; public routes: anonymous. */
async function findCaller(route: RouteDef, key: string): Promise<Sender | null> {
  const candidates: (Role | 'anonymous')[] = route.access === 'public' ? ['anonymous'] : [...ROLES];
  for (const role of candidates) {
    await rollback.mark();
    try {
      const sender = senderFor(route, role);
      const response = await sender.send(asCase(await buildSample(key, role)));
      if (response.statusCode < 300) return sender;
    } finally {
      await rollback.reset();
    }
  }
  return null;
}

/** What is wrong with one answer, or null. */
function problemOf(response: { statusCode: number; body: string }): string | null {
  const status = response.statusCode;
  if (status >= 500) return `${status} ${response.body.slice(0, 200)}`;
  if (status < 400) return null;
  let error: { message?: unknown; details?: { problems?: { field?: unknown; message?: unknown }[] } };
  try {
    error = (JSON.parse(response.body) as { error: typeof error }).error;
  } catch {
    return `${status} without a JSON error body: ${response.body.slice(0, 120)}`;
  }
  if (typeof error?.message !== 'string' || !VIETNAMESE.test(error.message))
    return `${status} message not Vietnamese: ${JSON.stringify(error?.message)}`;
  const problems = error.details?.problems;
  if (status === 400 && problems !== undefined) {
    if (!Array.isArray(problems) || problems.length === 0) return '400 with an empty problem list';
    for (const p of problems)
      if (typeof p.field !== 'string' || p.field === '' || typeof p.message !== 'string')
        return `400 problem without field or message: ${JSON.stringify(p)}`;
    // A schema refusal lists its fields in the message; a service's refusal explains in words
    // ("Không có chỉ tiêu … trong bộ tiêu chí") and names the field in `problems` only.
    if (
      error.message.startsWith('Dữ liệu không hợp lệ') &&
      !problems.some((p) => (error.message as string).includes(p.field as string))
    )
      return `400 message names no field: ${error.message}`;
  }
  return null;
}

const allRoutes = apiRoutes.filter((r) => r.method !== 'GET' || r.access === 'public');
/** FUZZ_ROUTE: only the routes whose key contains it (e.g. "evidence"), to replay a failure; each
 * route keeps the cases it has in a full run. */
const routes = allRoutes.filter((r) => keyOf(r).includes(process.env.FUZZ_ROUTE ?? ''));
const failures: string[] = [];
let casesRun = 0;
/** Answers by status class ('2xx', '4xx', …), for the summary. */
const answered: Record<string, number> = {};
const started = performance.now();

/** The seed of one route: the run's seed mixed with the route's key (FNV-1a). */
function routeSeed(key: string) {
  let h = 0x811c9dc5 ^ SEED;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

beforeAll(async () => {
  t = await createTestApp({ rollback: true });
  rollback = t.database.rollback!;
  ({ tree, bystander } = await seedRouteWorld(t));
  await rollback.begin();
});
afterAll(async () => {
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(
    `fuzz: ${casesRun.toLocaleString('fr-FR')} cases on ${routes.length} write routes, ` +
      `${failures.length} failures, seed ${SEED}, ${seconds} s ` +
      `(${Object.entries(answered)
        .sort()
        .map(([k, n]) => `${k}: ${n}`)
        .join(', ')})`,
  );
  for (const failure of failures) console.log(`fuzz failure: ${failure.slice(0, 500)}`);
  await rollback?.end();
  await t?.close();
});

describe('hostile input on every write and public route: 4xx in Vietnamese, nothing written', () => {
  it('covers every write and public route with a valid sample', () => {
    if (!process.env.FUZZ_ROUTE) expect(routes.length).toBeGreaterThan(30);
    expect(routes.filter((r) => !samples[keyOf(r)]).map(keyOf)).toEqual([]);
  });

  // Found by this suite: Fastify's router answered these itself, in English (fixed: frameworkErrors).
  it("answers the router's own refusals in Vietnamese (path parameter too long, bad percent-encoding)", async () => {
    const client = clientFor('system_admin');
    for (const url of [`/api/units/${'x'.repeat(300)}`, '/api/units/%ED%A0%80']) {
      const response = await t.app.inject({ method: 'PATCH', url, headers: client.headers, payload: {} });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(problemOf(response), url).toBeNull();
    }
  });

  it('sees a write kept from a released case in the batch fingerprint (the check works)', async () => {
    await rollback.mark('test_group');
    try {
      const before = await fingerprint();
      await rollback.mark();
      await t.ctx.db
        .insertInto('holidays')
        .values({ day: '2040-01-02', name: 'Ghi thử', kind: 'holiday' })
        .execute();
      expect(await released()).toBe(true);
      expect(await fingerprint()).not.toEqual(before);
    } finally {
      await rollback.reset('test_group');
    }
  });

  const fixed = Object.values(FEW_CASES).reduce((a, b) => a + b, 0);
  const perRoute = Math.ceil((TOTAL_CASES - fixed) / (allRoutes.length - Object.keys(FEW_CASES).length));

  for (const route of routes) {
    const key = keyOf(route);
    it(key, async () => {
      await rollback.mark('test_group');
      try {
        const sender = await findCaller(route, key);
        expect(sender, `no role may call the valid sample of ${key}`).not.toBeNull();
        const built = await buildSample(key, sender!.role);
        // The state every case of the batch starts from (the sample's objects exist).
        await rollback.mark('route_sample');
        const cases = fc.sample(casesArbitrary(route, built), {
          seed: routeSeed(key),
          numRuns: FEW_CASES[key] ?? perRoute,
        });
        const writing = REFUSALS_THAT_WRITE[key] ?? [];
        /*
         * Fingerprint once per route, not per case (it reads every table: ~100 ms, more than a
         * thousand refused requests' worth of savepoints). Each case runs in its own savepoint;
         * an ACCEPTED case (2xx, or a refusal that writes by design) is rolled back to it, while a
         * REFUSED case is released, i.e. whatever it wrote stays. So the fingerprint after the
         * batch equals the one before it only if no refused case wrote anything; when it differs,
         * each refused case is replayed with a fingerprint of its own to name the culprit.
         */
        const before = await fingerprint();
        const refused: Case[] = [];
        const mine: string[] = [];
        for (const c of cases) {
          t.ctx.commentLimiter = new AttemptLimiter(t.ctx.db, 'comment', 1000, 600_000);
          t.ctx.signInLimiter = new AttemptLimiter(t.ctx.db, 'sign-in', 1000, 600_000);
          t.ctx.apiTokenLimiter = new AttemptLimiter(t.ctx.db, 'api-token', 1000, 600_000);
          await rollback.mark();
          const response = await sender!.send(c);
          casesRun++;
          const statusClass = `${String(response.statusCode)[0]}xx`;
          answered[statusClass] = (answered[statusClass] ?? 0) + 1;
          const problem = problemOf(response);
          if (problem) mine.push(`${key} as ${sender!.role}: ${c.label} → ${problem}`);
          const keep = response.statusCode >= 400 && !writing.includes(response.statusCode);
          if (keep) refused.push(c);
          if (keep && (await released())) continue;
          await rollback.reset();
        }
        const after = await fingerprint();
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          await rollback.reset('route_sample');
          await rollback.mark('route_sample');
          mine.push(...(await culprits(key, sender!, refused)));
        }
        await rollback.reset('route_sample');
        failures.push(...mine);
        expect(mine.length, mine.join('\n')).toBe(0);
      } finally {
        await rollback.reset('test_group');
      }
    });
  }
});

/** Keeps the case's writes (drops its savepoint); false when a failed statement had aborted the
 * transaction (the caller then rolls it back: nothing of it could have been kept anyway). */
async function released() {
  try {
    await rollback.release();
    return true;
  } catch {
    return false;
  }
}

/** Replays each refused case with a fingerprint of its own: the ones that wrote something. */
async function culprits(key: string, sender: Sender, refused: Case[]) {
  const found: string[] = [];
  for (const c of refused) {
    await rollback.mark();
    const before = (await fingerprint())!;
    const response = await sender.send(c);
    const after = (await fingerprint())!;
    const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
    // Replayed alone a case may be accepted (it was refused in the batch because of an earlier
    // case's leftover, e.g. a duplicate day): only a refusal that writes is a culprit.
    const refusedNow =
      response.statusCode >= 400 && !(REFUSALS_THAT_WRITE[key] ?? []).includes(response.statusCode);
    if (changed.length && refusedNow)
      found.push(`${key}: ${c.label} → ${response.statusCode}, yet wrote ${changed.join(', ')}`);
    await rollback.reset();
  }
  return found.length
    ? found
    : [`${key}: the tables changed over the batch, no single refused case replays it`];
}
