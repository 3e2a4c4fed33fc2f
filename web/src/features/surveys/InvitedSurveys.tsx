import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Form, Input, List, Modal, Radio, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { questionsOf, type AnswerValues } from '@shared/surveys/surveys.ts';
import type { invitedSurveysResponse } from '@shared/surveys/surveys.contract.ts';
import { api, ApiError } from '@web/lib/api.ts';
import { dateOrDash } from '@web/features/evaluations/display.tsx';

type Invited = z.output<typeof invitedSurveysResponse>['items'][number];

/**
 * The open surveys the signed-in account is invited to answer (officials, council members), each
 * answered once in a dialog. Shown above the survey list; nothing when there is none.
 */
export function InvitedSurveys() {
  const client = useQueryClient();
  const { message } = App.useApp();
  const { data } = useQuery({
    queryKey: ['surveys', 'invited'],
    queryFn: () => api.get<{ items: Invited[] }>('/api/surveys/invited'),
  });
  const [open, setOpen] = useState<Invited | null>(null);
  const [form] = Form.useForm<AnswerValues>();
  if (!data?.items.length) return null;
  return (
    <Card size="small" title="Phiếu mời Ông/Bà trả lời">
      <List
        dataSource={data.items}
        renderItem={(s) => (
          <List.Item
            actions={[
              s.answered ? (
                <Tag color="green">Đã trả lời</Tag>
              ) : (
                <Button type="primary" onClick={() => setOpen(s)}>
                  Trả lời
                </Button>
              ),
            ]}
          >
            <List.Item.Meta
              title={s.title}
              description={`${s.unit.name} — nhận đến ${dateOrDash(s.closesOn)}`}
            />
          </List.Item>
        )}
      />
      <Modal
        open={open !== null}
        title={open?.title}
        okText="Gửi phiếu"
        cancelText="Đóng"
        width={720}
        destroyOnHidden
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
      >
        {open && (
          <Form
            form={form}
            layout="vertical"
            onFinish={async (values) => {
              const answers = Object.fromEntries(
                Object.entries(values).filter(
                  ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length),
                ),
              );
              try {
                const r = await api.post<{ message: string }>(`/api/surveys/${open.id}/answers`, { answers });
                message.success(r.message);
                setOpen(null);
                form.resetFields();
                await client.invalidateQueries({ queryKey: ['surveys', 'invited'] });
              } catch (e) {
                message.error(e instanceof ApiError ? e.message : 'Không gửi được phiếu.');
              }
            }}
          >
            <Typography.Paragraph type="secondary">{open.intro}</Typography.Paragraph>
            {questionsOf(open.definition).map((q) => (
              <Form.Item
                key={q.id}
                name={q.id}
                label={q.text}
                rules={q.required ? [{ required: true, message: 'Cần trả lời câu này' }] : []}
              >
                {q.type === 'single' ? (
                  <Radio.Group options={(q.options ?? []).map((o) => ({ value: o.id, label: o.label }))} />
                ) : q.type === 'multiple' ? (
                  <Checkbox.Group options={(q.options ?? []).map((o) => ({ value: o.id, label: o.label }))} />
                ) : q.type === 'scale' ? (
                  <Radio.Group
                    options={Array.from({ length: q.scale?.max ?? 5 }, (_, i) => ({
                      value: i + 1,
                      label: String(i + 1),
                    }))}
                  />
                ) : (
                  <Input.TextArea rows={3} maxLength={500} />
                )}
              </Form.Item>
            ))}
          </Form>
        )}
      </Modal>
    </Card>
  );
}
