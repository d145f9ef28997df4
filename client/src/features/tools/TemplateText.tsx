import { Button, Input, Modal, Space, Spin, type InputRef } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../../api/client';
import { useI18n } from '../../i18n';
import './tools.css';
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
  /** set by Form.Item: its label names the text area */
  id?: string;
  'data-testid'?: string;
}

/**
 * A text area with the reply templates of its purpose: `/` typed on an empty line (or the button)
 * opens a searchable list; Enter inserts the chosen template, filled, where the caret was.
 */
export function TemplateText({ value = '', onChange, purpose, ticketId, category, type, values, minRows = 2, id, ...rest }: Props) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const area = useRef<TextAreaRef>(null);
  const search = useRef<InputRef>(null);
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const caret = useRef<number | null>(null);
  const testId = rest['data-testid'] ?? `template-text-${purpose}`;

  const show = () => {
    caret.current = area.current?.resizableTextArea?.textArea.selectionStart ?? value.length;
    setOpen(true);
    setTemplates(null);
    setFilter('');
    setActive(0);
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
  const words = filter.trim().toLowerCase();
  const shown = (templates ?? []).filter((tpl) => !words || `${tpl.name} ${textOf(tpl)}`.toLowerCase().includes(words));
  // the list is worked from the search field: arrows move, Enter inserts (Esc closes the dialog)
  const onPickerKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((i) => Math.max(0, Math.min(shown.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1))));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const tpl = shown[active];
      if (tpl) insert(tpl.id);
    }
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
      <Input.TextArea ref={area} id={id} value={value} onChange={(e) => onChange?.(e.target.value)} onKeyDown={onKeyDown} autoSize={{ minRows, maxRows: 10 }}
        data-testid={testId} aria-describedby={`${testId}-hint`} />
      <Space size={4} className="muted" style={{ fontSize: 12 }}>
        {/* the keyboard's way in is `/` (announced by the hint): the button is no extra Tab stop in long forms */}
        <Button size="small" type="link" tabIndex={-1} onClick={show} data-testid={`${testId}-templates`} style={{ padding: 0 }}>{t('tools.templateButton')}</Button>
        <span id={`${testId}-hint`}>{t('tools.templateHint')}</span>
      </Space>
      <Modal open={open} title={t('tools.pickTemplate')} footer={null} onCancel={() => setOpen(false)} destroyOnHidden
        afterOpenChange={(visible) => (visible ? search.current?.focus() : area.current?.focus())}>
        <Input ref={search} autoFocus value={filter} onChange={(e) => { setFilter(e.target.value); setActive(0); }} onKeyDown={onPickerKey}
          placeholder={t('tools.pickTemplateSearch')} aria-label={t('tools.pickTemplate')} role="combobox" aria-expanded aria-controls={`${testId}-options`}
          aria-activedescendant={shown[active] ? `${testId}-option-${shown[active]!.id}` : undefined} data-testid="template-search" />
        <ul role="listbox" id={`${testId}-options`} aria-label={t('tools.pickTemplate')} className="template-options" data-testid="template-picker">
          {shown.map((tpl, i) => (
            <li key={tpl.id} id={`${testId}-option-${tpl.id}`} role="option" aria-selected={i === active} data-template={tpl.name}
              className={i === active ? 'active' : ''} onMouseEnter={() => setActive(i)} onClick={() => insert(tpl.id)}>
              <b>{tpl.name}</b> <span className="muted">{textOf(tpl).slice(0, 80)}</span>
            </li>
          ))}
        </ul>
        {templates === null ? <Spin size="small" /> : shown.length === 0 && <div className="muted">{t('tools.noTemplates')}</div>}
      </Modal>
    </div>
  );
}
