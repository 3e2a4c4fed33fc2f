import { App, Button, Flex, Modal, Popconfirm, Spin, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import {
  ALLOWED_EVIDENCE_LABEL,
  EVIDENCE_TYPES,
  formatFileSize,
  type EvidenceItem,
  type EvidenceList as EvidenceListData,
} from '@shared/evaluations/evidence.ts';
import { formatDate } from '@shared/format/vi.ts';
import { LIMITS } from '@shared/limits.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { uploadFile } from '@web/lib/upload.ts';

/** What the evaluation response says about evidence (server/features/evidence/evidence.presenter.ts). */
export type EvidenceOfEvaluation = Pick<EvidenceListData, 'byNode' | 'count'>;

/** Evidence context handed down the node tree. */
export type EvidenceContext = {
  evaluationId: string;
  byNode: EvidenceListData['byNode'];
  canUpload: boolean;
  onChanged: () => void;
};

const ACCEPT = '.pdf,.docx,.xlsx,.jpg,.jpeg,.png';
const fileUrl = (evaluationId: string, fileId: string) =>
  `/api/evaluations/${evaluationId}/evidence/${fileId}`;

/** One indicator's evidence files: download links, preview, delete, and the upload button. */
export function EvidenceList({ nodeCode, context }: { nodeCode: string; context: EvidenceContext }) {
  const { message } = App.useApp();
  const files = context.byNode[nodeCode] ?? [];
  const [uploading, setUploading] = useState(false);
  const [preview, setPreview] = useState<EvidenceItem | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  if (files.length === 0 && !context.canUpload) return null;

  async function upload(file: File) {
    if (file.size > LIMITS.evidenceMaxBytes) {
      message.error(`Tệp "${file.name}" quá lớn: tối đa ${formatFileSize(LIMITS.evidenceMaxBytes)}.`);
      return;
    }
    setUploading(true);
    try {
      await uploadFile(
        `/api/evaluations/${context.evaluationId}/evidence?nodeCode=${encodeURIComponent(nodeCode)}`,
        file,
      );
      message.success(`Đã tải lên "${file.name}".`);
      context.onChanged();
    } catch (e) {
      message.error((e as Error).message);
    } finally {
      setUploading(false);
    }
  }

  async function remove(file: EvidenceItem) {
    try {
      await api.delete(fileUrl(context.evaluationId, file.id));
      message.success(`Đã xóa "${file.fileName}".`);
      context.onChanged();
    } catch (e) {
      message.error(e instanceof ApiError ? e.message : 'Không xóa được tài liệu.');
    }
  }

  return (
    <div data-testid={`evidence-${nodeCode}`} style={{ borderTop: '1px dashed #d9d9d9', paddingTop: 8 }}>
      <Typography.Text strong style={{ fontSize: 13 }}>
        Tài liệu kiểm chứng{files.length ? ` (${files.length})` : ''}
      </Typography.Text>
      {files.length > 0 && (
        <ul style={{ listStyle: 'none', margin: '4px 0', padding: 0 }}>
          {files.map((file) => (
            <li key={file.id} style={{ padding: '2px 0' }}>
              <Flex wrap gap={8} align="center">
                <a
                  href={fileUrl(context.evaluationId, file.id)}
                  download={file.fileName}
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {file.fileName}
                </a>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatFileSize(file.sizeBytes)} · {formatDate(new Date(file.createdAt))} ·{' '}
                  {file.uploadedBy.fullName}
                </Typography.Text>
                {EVIDENCE_TYPES[file.contentType].preview && (
                  <Button size="small" type="link" onClick={() => setPreview(file)}>
                    Xem
                  </Button>
                )}
                {file.canDelete && (
                  <Popconfirm
                    title="Xóa tài liệu kiểm chứng này?"
                    okText="Xóa"
                    cancelText="Không"
                    onConfirm={() => remove(file)}
                  >
                    <Button size="small" type="link" danger aria-label={`Xóa ${file.fileName}`}>
                      Xóa
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            </li>
          ))}
        </ul>
      )}
      {context.canUpload && (
        <>
          {/* A plain file input (antd Upload and its progress bar weigh ~17 KB gzip for one button). */}
          <input
            ref={fileInput}
            type="file"
            accept={ACCEPT}
            hidden
            aria-label={`Tải lên tài liệu kiểm chứng cho ${nodeCode}`}
            onChange={(ev) => {
              const file = ev.target.files?.[0];
              ev.target.value = '';
              if (file) void upload(file);
            }}
          />
          <Button
            size="small"
            loading={uploading}
            style={{ marginTop: 4 }}
            onClick={() => fileInput.current?.click()}
          >
            Tải lên tài liệu
          </Button>
        </>
      )}
      {context.canUpload && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {ALLOWED_EVIDENCE_LABEL}; tối đa {formatFileSize(LIMITS.evidenceMaxBytes)} mỗi tệp.
        </Typography.Text>
      )}
      {preview && (
        <EvidencePreview
          url={fileUrl(context.evaluationId, preview.id)}
          file={preview}
          onClose={() => setPreview(null)}
        />
      )}
    </div>
  );
}

/**
 * PDF in a frame, images inline. The file is fetched as a blob and shown from a local object URL:
 * the server forbids framing its responses (X-Frame-Options: DENY) and sends them as attachments.
 */
function EvidencePreview({ url, file, onClose }: { url: string; file: EvidenceItem; onClose: () => void }) {
  const [objectUrl, setObjectUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let created: string | null = null;
    let cancelled = false;
    fetch(url, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
      .then((blob) => {
        if (cancelled) return;
        created = URL.createObjectURL(new Blob([blob], { type: file.contentType }));
        setObjectUrl(created);
      })
      .catch(() => !cancelled && setFailed(true));
    return () => {
      cancelled = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [url, file.contentType]);

  const isPdf = EVIDENCE_TYPES[file.contentType].preview === 'pdf';
  return (
    <Modal
      open
      title={file.fileName}
      onCancel={onClose}
      footer={
        <a href={url} download={file.fileName}>
          Tải về
        </a>
      }
      width={isPdf ? 900 : 720}
      styles={{ body: { textAlign: 'center' } }}
    >
      {failed ? (
        <Typography.Text type="danger">Không mở được tệp để xem trước. Hãy tải về để xem.</Typography.Text>
      ) : !objectUrl ? (
        <Spin />
      ) : isPdf ? (
        <iframe title={file.fileName} src={objectUrl} style={{ width: '100%', height: '70vh', border: 0 }} />
      ) : (
        <img src={objectUrl} alt={file.fileName} style={{ maxWidth: '100%', maxHeight: '70vh' }} />
      )}
    </Modal>
  );
}
