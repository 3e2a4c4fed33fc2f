import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import { ApiError } from '@web/lib/api.ts';
import { hasPermission, useMe } from '@web/lib/auth.tsx';
import { downloadFile, evaluationDocumentChoices } from './documents.ts';
import type { EvaluationDetail } from './types.ts';

const FORMAT_LABELS = { docx: 'Word (DOCX)', xlsx: 'Excel (XLSX)', pdf: 'PDF' } as const;

/** "Văn bản" dropdown: the official forms this evaluation's stored data can produce at its current step. */
export function EvaluationDocumentsMenu({ evaluation: e }: { evaluation: EvaluationDetail }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const { data: me } = useMe();
  const choices = evaluationDocumentChoices(e.framework, {
    submitted: e.submittedAt !== null,
    posted: e.posting !== null,
    appraised: e.appraisedResult !== null,
  });
  // The server refuses documents without documents.generate (council members, viewers).
  if (choices.length === 0 || !hasPermission(me, 'documents.generate')) return null;

  const download = async (form: string, format: string) => {
    setBusy(true);
    try {
      await downloadFile(`/api/evaluations/${e.id}/documents/${form}?format=${format}`, `${form}.${format}`);
    } catch (error) {
      message.error(error instanceof ApiError ? error.message : 'Không tạo được văn bản.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: choices.map((c) => ({
          key: c.form,
          label: c.label,
          children: c.formats.map((f) => ({ key: `${c.form}:${f}`, label: FORMAT_LABELS[f] })),
        })),
        onClick: ({ key }) => {
          const [form, format] = key.split(':');
          if (form && format) void download(form, format);
        },
      }}
    >
      <Button loading={busy}>Văn bản ▾</Button>
    </Dropdown>
  );
}
