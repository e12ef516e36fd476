import { useCallback, useEffect, useState } from 'react';
import { App, Button, Descriptions, Drawer, Form, Input, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  COMPLAINT_ACTIONS, COMPLAINT_CATEGORY_LABELS, COMPLAINT_CHANNEL_LABELS, COMPLAINT_EVENT_LABELS, COMPLAINT_KIND_LABELS, COMPLAINT_MACHINE, COMPLAINT_NOTE_MAX,
  PASSENGER_VISIBLE_EVENTS, canApply, complaintNoteProblem,
  type AdminComplaintView, type ComplaintAction,
} from '@dzky/contracts';
import { isApiError } from '../../../../request';
import { formatTime } from '../../../../utils/time';
import { labelOf } from '../../../archive/components/labels';
import { feedbackApi } from '../service';
import { ComplaintStatusTag } from './labels';

const ACTIONS = Object.keys(COMPLAINT_ACTIONS) as ComplaintAction[];

export interface ComplaintDrawerProps {
  id: number | null;
  onClose: () => void;
  onChanged: () => void;
}

/**
 * One complaint or suggestion: what the passenger wrote, its history, and the actions its state
 * allows (受理 · 回复 · 办结 · 关闭), each with the note written to the passenger.
 */
export default function ComplaintDrawer({ id, onClose, onChanged }: ComplaintDrawerProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [item, setItem] = useState<AdminComplaintView | null>(null);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [busy, setBusy] = useState<ComplaintAction | null>(null);

  const load = useCallback(async (which: number) => {
    try {
      setItem(await feedbackApi.complaint(which));
    } catch {
      // reported by the request wrapper
    }
  }, []);

  useEffect(() => {
    setItem(null);
    setNote('');
    setNoteError(null);
    if (id) void load(id);
  }, [id, load]);

  const act = async (action: ComplaintAction) => {
    if (!item) return;
    const problem = complaintNoteProblem(action, note);
    setNoteError(problem?.reason ?? null);
    if (problem) return;
    setBusy(action);
    try {
      setItem(await feedbackApi.act(item.id, action, note.trim()));
      setNote('');
      message.success(t('feedback.drawer.done', { action: t(`feedback.drawer.${action}`) }));
      onChanged();
    } catch (e) {
      if (!isApiError(e)) throw e;
      if (e.errorCode === 'FEEDBACK.STATE_INVALID') {
        message.warning(t('feedback.drawer.stateChanged'));
        await load(item.id);
        onChanged();
      } else if (e.errors.length) setNoteError(e.errors[0].reason);
      else message.error(e.errorMessage);
    } finally {
      setBusy(null);
    }
  };

  const open = item && !COMPLAINT_MACHINE.final.includes(item.status);

  return (
    <Drawer open={id !== null} onClose={onClose} width={640} title={item ? t('feedback.drawer.title', { no: item.complaintNo }) : ''} destroyOnHidden>
      {item && (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="complaint-drawer">
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('feedback.common.kind')}>{labelOf(COMPLAINT_KIND_LABELS, item.kind)}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.common.category')}>{labelOf(COMPLAINT_CATEGORY_LABELS, item.category)}</Descriptions.Item>
            <Descriptions.Item label={t('common.status')}>
              <ComplaintStatusTag status={item.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.common.operator')}>{item.orgName ?? t('feedback.common.platform')}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.drawer.order')}>{item.orderNo ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.drawer.contact')}>{item.contactPhoneMasked ?? '-'}</Descriptions.Item>
            <Descriptions.Item label={t('feedback.common.channel')} span={2}>
              {labelOf(COMPLAINT_CHANNEL_LABELS, item.channel)}
              {item.channel === 'hotline' && <Typography.Text type="secondary">{` · ${t('feedback.drawer.hotlineNote')}`}</Typography.Text>}
            </Descriptions.Item>
            <Descriptions.Item label={t('feedback.drawer.content')} span={2}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.content}</Typography.Paragraph>
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>{t('feedback.drawer.timeline')}</Typography.Title>
            <Timeline
              data-testid="complaint-timeline"
              items={item.timeline.map((e) => ({
                key: e.id,
                color: e.event === 'RESOLVED' ? 'green' : e.event === 'CLOSED' ? 'gray' : 'blue',
                children: (
                  <div>
                    <Space size={6}>
                      <Typography.Text strong>{labelOf(COMPLAINT_EVENT_LABELS, e.event)}</Typography.Text>
                      <Typography.Text type="secondary">{e.actorName ?? t('feedback.drawer.system')}</Typography.Text>
                      <Typography.Text type="secondary">{formatTime(e.at, 'YYYY-MM-DD HH:mm')}</Typography.Text>
                      {e.note && item.channel === 'app' && PASSENGER_VISIBLE_EVENTS.includes(e.event) && (
                        <Tag bordered={false} color="blue">
                          {t('feedback.drawer.passengerVisible')}
                        </Tag>
                      )}
                    </Space>
                    {e.note && <div style={{ whiteSpace: 'pre-wrap' }}>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </div>
          {open && (
            <Form layout="vertical">
              <Form.Item label={t('feedback.drawer.note')} validateStatus={noteError ? 'error' : undefined} help={noteError ?? undefined}>
                <Input.TextArea
                  aria-label={t('feedback.drawer.note')}
                  rows={4}
                  maxLength={COMPLAINT_NOTE_MAX}
                  showCount
                  value={note}
                  // a hotline caller has no app to read replies in: they are told by phone
                  placeholder={t(item.channel === 'hotline' ? 'feedback.drawer.notePlaceholderHotline' : 'feedback.drawer.notePlaceholder')}
                  onChange={(e) => setNote(e.target.value)}
                />
              </Form.Item>
              <Space>
                {ACTIONS.filter((a) => canApply(COMPLAINT_MACHINE, item.status, COMPLAINT_ACTIONS[a])).map((a) => (
                  <Button key={a} type={a === 'resolve' || (a === 'accept' && item.status === 'submitted') ? 'primary' : 'default'} danger={a === 'close'} loading={busy === a} disabled={busy !== null && busy !== a} onClick={() => void act(a)}>
                    {t(`feedback.drawer.${a}`)}
                  </Button>
                ))}
              </Space>
            </Form>
          )}
        </Space>
      )}
    </Drawer>
  );
}
