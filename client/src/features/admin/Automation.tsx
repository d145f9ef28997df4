import { App, Button, Card, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CallbackAutomation } from '../../api/types';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { useServerErrors } from './forms';
import type { AdminText } from './texts';

type Automation = CallbackAutomation;
type Draft = Automation & { secret: string };
const CHANNELS = ['none', 'sms', 'ivr'] as const;

/** The automatic first attempt of callbacks: channel, wait, caps, the send rate and the voice platform's endpoint and secret. */
export function AutomationCard({ a }: { a: AdminText }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { user } = useSession();
  const editable = user.role === 'admin' || user.role === 'supervisor' || user.role === 'manager';
  const loaded = useLoad(() => api<Automation>('/api/callbacks/automation'), []);
  const [draft, setDraft] = useState<Draft | null>(null);
  const { field, submit } = useServerErrors(a);
  if (loaded.error) return <LoadError error={loaded.error} path="/api/callbacks/automation" retry={loaded.reload} />;
  const value: Draft | null = draft ?? (loaded.data ? { ...loaded.data, secret: '' } : null);
  if (!value) return null;
  const set = (changes: Partial<Draft>) => setDraft({ ...value, ...changes });
  const save = () => submit(async () => {
    const body = {
      channel: value.channel, reply_wait_seconds: value.reply_wait_seconds, daily_cap: value.daily_cap, send_rate_per_second: value.send_rate_per_second,
      ivr: { endpoint: value.ivr.endpoint || null, ...(value.secret ? { secret: value.secret } : {}) },
    };
    setDraft({ ...(await api<Automation>('/api/callbacks/automation', { method: 'PUT', body })), secret: '' });
    message.success(t('auto.saved'));
  });
  return (
    <Card size="small" title={t('auto.title')} style={{ minWidth: 420, maxWidth: 560 }} data-testid="callback-automation">
      <Typography.Paragraph type="secondary">{t('auto.hint')}</Typography.Paragraph>
      <Typography.Paragraph strong={!value.sms.configured}>
        {value.sms.configured ? t('auto.smsOn', { source: value.sms.source }) : t('auto.smsOff')}
      </Typography.Paragraph>
      <Form layout="vertical" disabled={!editable}>
        <Form.Item label={t('auto.channel')} htmlFor="auto-channel" {...field('channel')}>
          <Select id="auto-channel" aria-label={t('auto.channel')} value={value.channel} style={{ width: 240 }} onChange={(channel) => set({ channel })}
            options={CHANNELS.map((c) => ({ value: c, label: t(`auto.channel.${c}`) }))} data-testid="auto-channel" />
        </Form.Item>
        <Space wrap>
          <Form.Item label={t('auto.waitHours')} htmlFor="auto-wait" {...field('reply_wait_seconds')}>
            <InputNumber id="auto-wait" aria-label={t('auto.waitHours')} min={0.1} step={0.5} value={value.reply_wait_seconds / 3600} onChange={(v) => set({ reply_wait_seconds: Math.round(Number(v ?? 0) * 3600) })} />
          </Form.Item>
          <Form.Item label={t('auto.dailyCap')} htmlFor="auto-cap" {...field('daily_cap')}>
            <InputNumber id="auto-cap" aria-label={t('auto.dailyCap')} min={1} max={20} value={value.daily_cap} onChange={(v) => set({ daily_cap: Number(v ?? 1) })} />
          </Form.Item>
          <Form.Item label={t('auto.rate')} htmlFor="auto-rate" {...field('send_rate_per_second')}>
            <InputNumber id="auto-rate" aria-label={t('auto.rate')} min={1} max={1000} value={value.send_rate_per_second} onChange={(v) => set({ send_rate_per_second: Number(v ?? 1) })} />
          </Form.Item>
        </Space>
        <Form.Item label={t('auto.ivrEndpoint')} htmlFor="auto-ivr-endpoint" {...field('ivr.endpoint')}>
          <Input id="auto-ivr-endpoint" value={value.ivr.endpoint ?? ''} placeholder="https://ivr.example/calls" onChange={(e) => set({ ivr: { ...value.ivr, endpoint: e.target.value } })} />
        </Form.Item>
        <Form.Item label={t('auto.ivrSecret')} htmlFor="auto-ivr-secret" {...field('ivr.secret')}>
          <Input.Password id="auto-ivr-secret" value={value.secret} autoComplete="new-password"
            placeholder={value.ivr.secret_set ? t('auto.ivrSecretSet') : t('auto.ivrSecretUnset')} onChange={(e) => set({ secret: e.target.value })} />
        </Form.Item>
        <Typography.Paragraph type="secondary" copyable={{ text: value.ivr.result_url }}>{t('auto.resultUrl', { url: value.ivr.result_url })}</Typography.Paragraph>
        {editable && <div><Button onClick={save} data-testid="callback-automation-save">{t('auto.save')}</Button></div>}
      </Form>
    </Card>
  );
}
