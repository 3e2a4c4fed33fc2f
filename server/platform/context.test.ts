import { describe, expect, it } from 'vitest';
import type { AppContext } from '@server/app-context.ts';
import { cliContext, isSystem, type ServiceContext } from './context.ts';

const app = {} as AppContext;
const actor = { userId: 'u1', username: 'a', fullName: 'A', grants: [] };

describe('cliContext', () => {
  it('acts as the system only when made by cliContext without an actor', () => {
    expect(isSystem(cliContext(app))).toBe(true);
    expect(cliContext(app)).toMatchObject({ actor: null, ip: 'cli' });
    expect(isSystem(cliContext(app, actor))).toBe(false);
    // What registerRoutes builds for a public request: no actor, but not the system.
    const anonymous: ServiceContext = { actor: null, ip: '203.0.113.5', app };
    expect(isSystem(anonymous)).toBe(false);
  });
});
