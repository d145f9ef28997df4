import { Alert, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { SignedIn } from '../../api/types';
import { useI18n } from '../../i18n';

export function SignIn({ onSignedIn }: { onSignedIn(token: string, user: SignedIn): void }) {
  const { t, locale, setLocale } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { token, user } = await api<{ token: string; user: SignedIn }>('/api/auth/login', { method: 'POST', body: values });
      onSignedIn(token, user);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t('signin.tooMany') : t('signin.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="center">
      <Card title={t('app.title')} style={{ width: 340 }} extra={<Button size="small" type="link" onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} data-testid="language">{t('app.language')}</Button>}>
        <Form layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="username" label={t('signin.username')} rules={[{ required: true }]}>
            <Input autoFocus autoComplete="username" data-testid="username" />
          </Form.Item>
          <Form.Item name="password" label={t('signin.password')} rules={[{ required: true }]}>
            <Input.Password autoComplete="current-password" data-testid="password" />
          </Form.Item>
          {error && <Alert type="error" title={error} style={{ marginBottom: 12 }} data-testid="signin-error" />}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin">{t('signin.submit')}</Button>
        </Form>
      </Card>
    </div>
  );
}
