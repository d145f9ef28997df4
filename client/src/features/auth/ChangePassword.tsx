import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import { useI18n } from '../../i18n';

/**
 * An admin reset the password: the console shows only this until the user chose their own (the
 * API refuses everything else with `password_change_required` meanwhile).
 */
export function ChangePassword({ onChanged, onSignOut }: { onChanged(token: string): void; onSignOut(): void }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { current_password: string; new_password: string; repeat: string }) => {
    setError(null);
    if (values.new_password !== values.repeat) return setError(t('password.mismatch'));
    setBusy(true);
    try {
      const { token } = await api<{ token: string }>('/api/auth/password', { method: 'POST', body: { current_password: values.current_password, new_password: values.new_password } });
      onChanged(token);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="center" data-testid="change-password">
      <Card title={<h1 style={{ fontSize: 16, margin: 0 }}>{t('password.title')}</h1>} style={{ width: 400 }}>
        <Typography.Paragraph>{t('password.reason')}</Typography.Paragraph>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="current_password" label={t('password.current')} rules={[{ required: true }]}>
            <Input.Password autoFocus autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item name="new_password" label={t('password.new')} extra={t('password.policy')} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item name="repeat" label={t('password.repeat')} rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" data-testid="repeat-password" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="password-error" role="alert" />}
          <Space>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">{t('password.submit')}</Button>
            <Button onClick={onSignOut}>{t('password.signOut')}</Button>
          </Space>
        </Form>
      </Card>
    </main>
  );
}
