import { Modal } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../i18n';

const CLEAR_BUTTONS = '.ant-select-clear, .ant-input-clear-icon';

/**
 * The clear (×) of a select or input is for the mouse: keyboard users clear with Delete or
 * Backspace, so it must not be a Tab stop between two fields. antd renders it focusable, and it
 * comes and goes with the value, so every one that appears is taken out of the Tab order.
 */
export function useNoTabStopOnClearButtons(): void {
  useEffect(() => {
    const fix = (root: ParentNode) => root.querySelectorAll<HTMLElement>(CLEAR_BUTTONS).forEach((el) => {
      if (el.tabIndex !== -1) el.tabIndex = -1;
      el.querySelectorAll<HTMLElement>('[tabindex]').forEach((inner) => { inner.tabIndex = -1; });
    });
    fix(document);
    const observer = new MutationObserver(() => fix(document));
    observer.observe(document.body, { childList: true, subtree: true });
    // one rendered between the observer's pass and a Tab still passes focus on, in the Tab's direction
    let backwards = false;
    const onKey = (e: KeyboardEvent) => { if (e.key === 'Tab') backwards = e.shiftKey; };
    const onFocus = (e: FocusEvent) => {
      const clear = (e.target as HTMLElement | null)?.closest?.(CLEAR_BUTTONS);
      if (!clear) return;
      const tabbable = [...document.querySelectorAll<HTMLElement>('input, select, textarea, button, a[href], [tabindex]')]
        .filter((el) => el.tabIndex >= 0 && !el.closest(CLEAR_BUTTONS) && !(el as HTMLInputElement).disabled && el.offsetParent !== null);
      const after = tabbable.filter((el) => clear.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      const before = tabbable.filter((el) => clear.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
      (backwards ? before.at(-1) : after[0])?.focus();
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('focusin', onFocus);
    };
  }, []);
}

/** The shortcut sheet ("?" anywhere outside a text field, or the header button). */
export function ShortcutSheet({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useI18n();
  const lines = ['keys.nav', 'keys.search', 'keys.sheet', 'keys.submit', 'keys.queue', 'keys.select', 'keys.dateTime'] as const;
  return (
    <Modal open={open} onCancel={onClose} footer={null} title={t('keys.sheetTitle')} data-testid="shortcut-sheet">
      <ul data-testid="shortcut-list">{lines.map((k) => <li key={k}>{t(k)}</li>)}</ul>
    </Modal>
  );
}
