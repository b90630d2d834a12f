import { useEffect, useId, useRef, useState } from 'react';
import { Icon, type IconName } from './Icon';
import './action-menu.css';

/**
 * A button that opens a menu of actions (WAI-ARIA menu button): the first item takes the focus,
 * arrows, Home and End move, Escape closes and returns to the button, Tab and clicks outside
 * close. `children` renders the items (elements with role="menuitem" and tabIndex={-1}, class
 * `action-menu__item`) and gets `close` to call when one is chosen.
 */
export function ActionMenu({
  label,
  icon = 'menu',
  disabled,
  testId,
  children,
}: {
  label: React.ReactNode;
  icon?: IconName;
  disabled?: boolean;
  testId?: string;
  children: (close: () => void) => React.ReactNode;
}) {
  const menuId = useId();
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDown = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function onMenuKeyDown(e: React.KeyboardEvent) {
    const items = [...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    } else if (e.key === 'Tab') {
      setOpen(false);
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items[(at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      items[e.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  }

  return (
    <div className="action-menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        className="btn btn--secondary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
        disabled={disabled}
        data-testid={testId}
      >
        <Icon name={icon} size={16} />
        <span>{label}</span>
      </button>
      {open ? (
        <div ref={menuRef} id={menuId} className="action-menu" role="menu" onKeyDown={onMenuKeyDown}>
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}
