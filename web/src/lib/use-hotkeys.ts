import { useEffect, useRef } from 'react';

/** Whether a key press happened while typing, where letters must stay letters. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (target as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit'].includes(type);
  }
  return false;
}

/**
 * Single-key shortcuts (no modifiers) on the whole document, ignored while typing or while a dialog
 * is open. The handlers may change on every render; the listener stays the same.
 */
export function useHotkeys(handlers: Record<string, (event: KeyboardEvent) => void>, isEnabled = true): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (!isEnabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event)) return;
      if (document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]'))
        return;
      // Named keys are looked up in lower case ("enter", "escape"); characters as typed ("?", "/").
      const handler = latest.current[event.key.length > 1 ? event.key.toLowerCase() : event.key];
      if (handler) {
        event.preventDefault();
        handler(event);
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [isEnabled]);
}
