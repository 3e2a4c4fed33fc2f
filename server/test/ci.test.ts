import { afterEach, describe, expect, it, vi } from 'vitest';

describe('requireInCI', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('fails, naming what is missing, when CI=true', async () => {
    vi.stubEnv('CI', 'true');
    const { requireInCI } = await import('./ci.ts');
    expect(() => requireInCI(false, 'LibreOffice')).toThrow(/CI=true: LibreOffice is required/);
    expect(() => requireInCI(true, 'LibreOffice')).not.toThrow();
  });

  it('lets a developer machine without the program go on', async () => {
    vi.stubEnv('CI', '');
    const { requireInCI } = await import('./ci.ts');
    expect(() => requireInCI(false, 'LibreOffice')).not.toThrow();
  });
});
