import { Card, Space, Statistic, Table, Typography } from 'antd';
import { api } from '../../api/client';
import type { CallbackChannelFigures } from '../../api/types';
import { LoadError, useLoad } from '../../components/common';
import { useI18n } from '../../i18n';

type Row = CallbackChannelFigures['attempts'][number];
const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

/** The month's callbacks by channel: agents' calls, SMS surveys and the voice platform; what needed no agent. */
export function CallbackChannels({ month }: { month: string }) {
  const { t, tv } = useI18n();
  const loaded = useLoad(() => api<CallbackChannelFigures>('/api/reports/callback-channels', { query: { month } }), [month]);
  if (loaded.error) return <LoadError error={loaded.error} path="/api/reports/callback-channels" retry={loaded.reload} />;
  const data = loaded.data;
  if (!data) return <Card size="small" loading title={t('report.channels.title')} />;
  const answers = data.answers.map((a) => `${tv('via', a.via)} ${a.satisfied + a.unsatisfied}`).join(' · ') || '—';
  return (
    <Card size="small" title={t('report.channels.title')} data-testid="callback-channels">
      <Space size="large" wrap style={{ marginBottom: 12 }}>
        <Statistic title={t('report.channels.withoutAgent')} value={data.settled_without_agent} />
        <Statistic title={t('report.channels.byAgent')} value={data.settled_by_agent} />
        <Statistic title={t('report.channels.optOuts')} value={data.opt_outs} />
      </Space>
      <Table<Row> size="small" pagination={false} rowKey="channel" dataSource={data.attempts}
        columns={[
          { title: t('report.channels.channel'), dataIndex: 'channel', render: (c: string) => tv('cbChannel', c) },
          { title: t('report.channels.attempts'), dataIndex: 'attempts', align: 'right' },
          { title: t('report.channels.answered'), dataIndex: 'answered', align: 'right' },
          { title: t('report.channels.satisfied'), dataIndex: 'satisfied', align: 'right' },
          { title: t('report.channels.noReply'), dataIndex: 'no_reply', align: 'right' },
          { title: t('report.channels.replyRate'), dataIndex: 'reply_rate', align: 'right', render: percent },
          { title: t('report.channels.answerRate'), dataIndex: 'answer_rate', align: 'right', render: percent },
        ]} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('report.channels.answers', { list: answers })}<br />
        {t('report.channels.smsSent', { ...data.sms })}
      </Typography.Paragraph>
    </Card>
  );
}
