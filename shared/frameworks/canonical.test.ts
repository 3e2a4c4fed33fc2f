import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash, sha256Hex } from './canonical.ts';
import { copyFramework, exportFrameworkJson, importFrameworkJson } from './io.ts';
import { listBuiltinMappings, getBuiltinFramework } from './registry.ts';
import { mapCode, parseVersionMapping, previousCodes } from './mapping.ts';

describe('canonical JSON and hash', () => {
  it('sorts keys, drops undefined, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined, d: { z: 0.5, y: 'é' } })).toBe(
      '{"a":[true,null,"x"],"b":1,"d":{"y":"é","z":0.5}}',
    );
  });

  it('is independent of key order', () => {
    expect(contentHash({ a: 1, b: { c: 2, d: 3 } })).toBe(contentHash({ b: { d: 3, c: 2 }, a: 1 }));
  });

  it('rejects values JSON cannot represent', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow('số không hợp lệ');
  });

  it('SHA-256 matches the standard test vector', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('export → import keeps the hash; any change alters it', () => {
    const fw = getBuiltinFramework('TCPL-2021');
    const again = importFrameworkJson(exportFrameworkJson(fw));
    expect(again.ok).toBe(true);
    if (!again.ok) return;
    expect(contentHash(again.framework)).toBe(contentHash(fw));
    const changed = structuredClone(fw);
    changed.nodes[0]!.title += ' ';
    expect(contentHash(changed)).not.toBe(contentHash(fw));
  });

  it('a province copies the CCHC template under its own code', () => {
    const copy = copyFramework(getBuiltinFramework('CCHC-XA-MAU'), {
      code: 'CCHC-XA-HNI',
      name: 'Chỉ số CCHC cấp xã Hà Nội',
    });
    expect(copy.code).toBe('CCHC-XA-HNI');
    expect(copy.version).toBe(1);
    expect(contentHash(copy)).not.toBe(contentHash(getBuiltinFramework('CCHC-XA-MAU')));
  });
});

describe('version mapping TCPL-2021 → TCPL-2025', () => {
  const [mapping] = listBuiltinMappings();

  it('is valid and tagged as inferred', () => {
    expect(mapping!.provenance).toBe('I');
    expect(mapping!.from).toEqual({ code: 'TCPL-2021', version: 1 });
  });

  it('maps old indicators to new ones, dropped ones to []', () => {
    expect(mapCode(mapping!, '2.1')?.to).toEqual(['2.1', '2.2']);
    expect(mapCode(mapping!, '3.3')?.to).toEqual(['2.7']);
    expect(mapCode(mapping!, '5.2')?.to).toEqual([]);
    expect(mapCode(mapping!, '9.9')).toBeUndefined();
    expect(previousCodes(mapping!, '2.6')).toEqual(['2.5', '2.6']);
  });

  it('rejects codes missing on either side, in Vietnamese', () => {
    const bad = structuredClone(mapping!);
    bad.entries.push({ from: '2.9', to: ['4.1'], provenance: 'I' });
    const result = parseVersionMapping(
      bad,
      getBuiltinFramework('TCPL-2021'),
      getBuiltinFramework('TCPL-2025'),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.message)).toEqual([
      `Bảng chuyển đổi, mã 2.9 (trường "entries[${bad.entries.length - 1}].from"): không có trong TCPL-2021`,
      `Bảng chuyển đổi, mã 2.9 (trường "entries[${bad.entries.length - 1}].to"): mã mới 4.1 không có trong TCPL-2025`,
    ]);
  });
});
