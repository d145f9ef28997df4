import { Button, Input, Modal, Select, Space, type RefSelectProps } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import { fillPlaceholders, type Placeholder, type ReplyTemplate, type TemplatePurpose } from './model';

interface Props {
  value?: string;
  onChange?(value: string): void;
  purpose: TemplatePurpose;
  /** a ticket: the server filters by its category and type and fills the placeholders */
  ticketId?: number;
  /** intake: no ticket yet, the console filters and fills what the form knows */
  category?: string;
  type?: string;
  values?: Partial<Record<Placeholder, string | undefined>>;
  minRows?: number;
  'data-testid'?: string;
}

/**
 * A text area with the reply templates of its purpose: `/` typed on an empty line (or the button)
 * opens a searchable list; Enter inserts the chosen template, filled, where the caret was.
 */
export function TemplateText({ value = '', onChange, purpose, ticketId, category, type, values, minRows = 2, ...rest }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const area = useRef<TextAreaRef>(null);
  const picker = useRef<RefSelectProps>(null);
  const caret = useRef<number | null>(null);
  const testId = rest['data-testid'] ?? `template-text-${purpose}`;

  const show = () => {
    caret.current = area.current?.resizableTextArea?.textArea.selectionStart ?? value.length;
    setOpen(true);
    setTemplates(null);
    api<{ items: ReplyTemplate[] }>('/api/reply-templates', { query: ticketId ? { purpose, ticket_id: ticketId } : { purpose, category, type } })
      .then((r) => setTemplates(r.items), () => setTemplates([]));
  };
  const textOf = (tpl: ReplyTemplate) => {
    const body = tpl.rendered ? (locale === 'en' ? tpl.rendered.en : tpl.rendered.zh) : locale === 'en' ? tpl.body_en : tpl.body_zh;
    return fillPlaceholders(body, values ?? {});
  };
  const insert = (id: number) => {
    const tpl = templates?.find((x) => x.id === id);
    setOpen(false);
    if (!tpl) return;
    const at = caret.current ?? value.length;
    const next = value.slice(0, at) + textOf(tpl) + value.slice(at);
    onChange?.(next);
    // back in the text, after what was inserted
    setTimeout(() => {
      const el = area.current?.resizableTextArea?.textArea;
      if (!el) return;
      el.focus();
      el.setSelectionRange(at + textOf(tpl).length, at + textOf(tpl).length);
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    const el = e.currentTarget;
    const before = value.slice(0, el.selectionStart);
    // only where a slash cannot be meant as text: an empty field or the start of a line
    if (before === '' || before.endsWith('\n')) {
      e.preventDefault();
      show();
    }
  };

  return (
    <div className="template-text">
      <Input.TextArea ref={area} value={value} onChange={(e) => onChange?.(e.target.value)} onKeyDown={onKeyDown} autoSize={{ minRows, maxRows: 10 }}
        data-testid={testId} aria-describedby={`${testId}-hint`} />
      <Space size={4} className="muted" style={{ fontSize: 12 }}>
        <Button size="small" type="link" onClick={show} data-testid={`${testId}-templates`} style={{ padding: 0 }}>{t('tools.templateButton')}</Button>
        <span id={`${testId}-hint`}>{t('tools.templateHint')}</span>
      </Space>
      <Modal open={open} title={t('tools.pickTemplate')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden
        afterOpenChange={(visible) => (visible ? picker.current?.focus() : area.current?.focus())}>
        <Select<number> ref={picker} autoFocus defaultOpen showSearch={{ optionFilterProp: 'search' }} style={{ width: '100%' }} loading={templates === null}
          aria-label={t('tools.pickTemplate')} placeholder={t('tools.pickTemplateSearch')} notFoundContent={templates === null ? undefined : t('tools.noTemplates')}
          data-testid="template-picker" onChange={insert}
          options={(templates ?? []).map((tpl) => ({ value: tpl.id, search: `${tpl.name} ${textOf(tpl)}`, label: <span data-template={tpl.name}><b>{tpl.name}</b> <span className="muted">{textOf(tpl).slice(0, 60)}</span></span> }))} />
      </Modal>
    </div>
  );
}
