/**
 * Every JSON body is camelCase: the response contracts (the `response` of each route, shared
 * with the web) name no snake_case field. Read from `apiRoutes` itself, through the contracts'
 * JSON Schema (as the browser receives them), so nested objects, lists and records all count.
 * Values such as a unit kind 'thanh_pho' are data, not keys, and are not checked.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { apiRoutes } from '@server/app.ts';
import { contractProblem } from '@server/platform/http/route.ts';

/** Every property name of a JSON Schema, with where it is. */
function propertyNames(schema: unknown, at: string): string[] {
  if (Array.isArray(schema)) return schema.flatMap((s, i) => propertyNames(s, `${at}[${i}]`));
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) =>
    key === 'properties' && typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([name, sub]) => [
          `${at}.${name}`,
          ...propertyNames(sub, `${at}.${name}`),
        ])
      : propertyNames(value, at),
  );
}

describe('response contracts', () => {
  const withContract = apiRoutes.filter((route) => route.response);

  it('exist for the routes that have them', () => {
    expect(withContract.length).toBeGreaterThan(0);
  });

  it('name only camelCase fields', () => {
    const snake = withContract.flatMap((route) => {
      const json = z.toJSONSchema(route.response!, { io: 'output', unrepresentable: 'any' });
      return propertyNames(json, `${route.method} ${route.url}`).filter((p) =>
        /_/.test(p.slice(p.lastIndexOf('.') + 1)),
      );
    });
    expect(snake).toEqual([]);
  });

  it('refuse, under test, a result that breaks them or carries unnamed fields', () => {
    const route = {
      method: 'GET',
      url: '/x',
      response: z.object({ id: z.string(), at: z.date().transform((d) => d.toISOString()) }),
    } as const;
    expect(contractProblem(route, { id: 'a', at: new Date() })).toBeNull();
    expect(contractProblem(route, { id: 1, at: new Date() })).toMatch(/GET \/x breaks its contract: id/);
    expect(contractProblem(route, { id: 'a', at: new Date(), full_name: 'x' })).toMatch(
      /fields its contract does not name: full_name/,
    );
  });
});
