import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_OBJECT_TYPE_LABELS } from '@shared/audit/labels.ts';

/*
 * Why the source text is scanned: writeAudit takes the action as a plain string, written as a
 * literal at each call site across the features; there is no enum to import, and importing every
 * service here would pull in the database. Reading the files that call writeAudit and collecting
 * their `action: '…'` / `objectType: '…'` literals finds every code a new feature adds, so a row
 * never reaches the audit page as an English code.
 */
const serverDir = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Actions built from a template, with what they expand to. The evaluation transitions write
 * `evaluation.${pastTense(action)}` (evaluations.service.ts); a new template must be added here.
 */
const TEMPLATES: Record<string, string[]> = {
  'evaluation.${pastTense(action)}': [
    'evaluation.submitted',
    'evaluation.posted',
    'evaluation.sent',
    'evaluation.returned',
    'evaluation.explained',
    'evaluation.appraised',
    'evaluation.decided',
  ],
};

function written(property: 'action' | 'objectType') {
  const codes = new Set<string>();
  const unknownTemplates: string[] = [];
  for (const file of sourceFiles(serverDir)) {
    const text = readFileSync(file, 'utf8');
    if (!text.includes('writeAudit')) continue;
    for (const match of text.matchAll(new RegExp(`\\b${property}:\\s*([^,\\n}]+)`, 'g'))) {
      const expression = match[1]!;
      for (const literal of expression.matchAll(/'([^']+)'/g)) codes.add(literal[1]!);
      const template = /`([^`]+)`/.exec(expression)?.[1];
      if (template) {
        if (TEMPLATES[template]) TEMPLATES[template].forEach((c) => codes.add(c));
        else unknownTemplates.push(`${path.relative(serverDir, file)}: ${template}`);
      }
      // Anything else is a variable carrying a literal written elsewhere in the same file
      // (e.g. `action: audit.action`), or a reader of the column (audit.service.ts).
    }
  }
  return { codes: [...codes].sort(), unknownTemplates };
}

describe('audit labels', () => {
  it('names in Vietnamese every action the server writes', () => {
    const { codes, unknownTemplates } = written('action');
    expect(unknownTemplates).toEqual([]);
    expect(codes.length).toBeGreaterThan(30);
    expect(codes.filter((c) => !AUDIT_ACTION_LABELS[c])).toEqual([]);
  });

  it('names in Vietnamese every object type the server writes', () => {
    const { codes, unknownTemplates } = written('objectType');
    expect(unknownTemplates).toEqual([]);
    expect(codes.filter((c) => !AUDIT_OBJECT_TYPE_LABELS[c])).toEqual([]);
  });
});
