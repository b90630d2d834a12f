// A small rich-text editor for emails and email templates: a contentEditable area with a toolbar
// (bold, italic, bulleted and numbered lists, link), Ctrl/⌘+B, I and K, pasting as plain text,
// and insertion of HTML (templates, placeholders) at the last caret position.
import { useEffect, useId, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { insertHtmlAt, isBlankHtml, safeHref, sanitizeHtml, textToHtml } from './richText';

export interface RichTextHandle {
  /** Inserts HTML at the caret (or where it last was; at the end when it never was inside). */
  insertHtml: (html: string) => void;
  /** Replaces the whole content. */
  setHtml: (html: string) => void;
  /** The sanitised content. */
  getHtml: () => string;
  isBlank: () => boolean;
  focus: () => void;
}

type Command = 'bold' | 'italic' | 'insertUnorderedList' | 'insertOrderedList';

const PATHS: Record<Command | 'link', string> = {
  bold: 'M7 5h6a3.5 3.5 0 0 1 0 7H7zM7 12h7a3.5 3.5 0 0 1 0 7H7z',
  italic: 'M10 5h8M6 19h8M14 5l-4 14',
  insertUnorderedList: 'M9 6h11M9 12h11M9 18h11M4.5 6h.01M4.5 12h.01M4.5 18h.01',
  insertOrderedList: 'M10 6h10M10 12h10M10 18h10M4 5l1.5-1v5M3.5 14.5a1.5 1.5 0 1 1 2.5 1L3.5 19H6.5',
  link: 'M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1',
};

function ToolIcon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" width={16} height={16} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={name === 'bold' ? 2.2 : 1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}

const isMac = () => typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function exec(command: string, value?: string): boolean {
  try {
    return typeof document.execCommand === 'function' ? document.execCommand(command, false, value) : false;
  } catch {
    return false;
  }
}

function commandState(command: Command): boolean {
  try {
    return typeof document.queryCommandState === 'function' ? document.queryCommandState(command) : false;
  } catch {
    return false;
  }
}

export function RichTextEditor({
  id,
  ref,
  labelledBy,
  initialHtml = '',
  onChange,
  invalid,
  describedBy,
  placeholder,
  testId = 'rich-text',
  minHeight,
  readOnly,
  onFocus,
}: {
  id: string;
  ref?: React.Ref<RichTextHandle>;
  labelledBy: string;
  initialHtml?: string;
  /** Called on every edit with the raw content (sanitise with getHtml() before sending). */
  onChange?: (html: string) => void;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  testId?: string;
  minHeight?: number;
  readOnly?: boolean;
  onFocus?: () => void;
}) {
  const { t } = useTranslation();
  const areaRef = useRef<HTMLDivElement>(null);
  const savedRange = useRef<Range | null>(null);
  const [active, setActive] = useState<Record<Command, boolean>>({
    bold: false,
    italic: false,
    insertUnorderedList: false,
    insertOrderedList: false,
  });
  const [empty, setEmpty] = useState(() => isBlankHtml(initialHtml));
  const [link, setLink] = useState<{ url: string; error: boolean } | null>(null);
  const linkInputId = useId();
  const mod = isMac() ? '⌘' : 'Ctrl+';

  // Only the first content: later renders must not reset what the person wrote.
  const firstHtml = useRef(initialHtml);
  useEffect(() => {
    if (areaRef.current) areaRef.current.innerHTML = sanitizeHtml(firstHtml.current);
  }, []);

  // Remember where the caret is inside the editor, so buttons outside it insert there.
  useEffect(() => {
    const onSelection = () => {
      const sel = document.getSelection();
      const area = areaRef.current;
      if (!sel || sel.rangeCount === 0 || !area) return;
      const range = sel.getRangeAt(0);
      if (area.contains(range.commonAncestorContainer)) {
        savedRange.current = range.cloneRange();
        setActive({
          bold: commandState('bold'),
          italic: commandState('italic'),
          insertUnorderedList: commandState('insertUnorderedList'),
          insertOrderedList: commandState('insertOrderedList'),
        });
      }
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, []);

  function currentRange(): Range | null {
    const area = areaRef.current;
    const sel = document.getSelection();
    if (area && sel && sel.rangeCount > 0 && area.contains(sel.getRangeAt(0).commonAncestorContainer)) {
      return sel.getRangeAt(0).cloneRange();
    }
    return savedRange.current && area?.contains(savedRange.current.commonAncestorContainer) ? savedRange.current : null;
  }

  function placeCaret(range: Range) {
    savedRange.current = range.cloneRange();
    const sel = document.getSelection();
    const area = areaRef.current;
    // Move the caret after what was inserted when it is in the editor (focus stays there when
    // a button that does not take the focus inserted it).
    const inside = !!sel && sel.rangeCount > 0 && !!area?.contains(sel.getRangeAt(0).commonAncestorContainer);
    if (sel && (inside || document.activeElement === area)) {
      sel.removeAllRanges();
      sel.addRange(range);
    }
  }

  function changed() {
    const html = areaRef.current?.innerHTML ?? '';
    setEmpty(isBlankHtml(html));
    onChange?.(html);
  }

  function insert(html: string) {
    const area = areaRef.current;
    if (!area) return;
    const next = insertHtmlAt(area, currentRange(), html);
    placeCaret(next);
    changed();
  }

  useImperativeHandle(ref, () => ({
    insertHtml: insert,
    setHtml: (html: string) => {
      if (!areaRef.current) return;
      areaRef.current.innerHTML = sanitizeHtml(html);
      const end = document.createRange();
      end.selectNodeContents(areaRef.current);
      end.collapse(false);
      savedRange.current = end;
      changed();
    },
    getHtml: () => sanitizeHtml(areaRef.current?.innerHTML ?? ''),
    isBlank: () => isBlankHtml(areaRef.current?.innerHTML ?? ''),
    focus: () => areaRef.current?.focus(),
  }));

  function run(command: Command) {
    const area = areaRef.current;
    if (!area) return;
    area.focus();
    const range = savedRange.current;
    if (range && document.getSelection()?.rangeCount === 0) document.getSelection()?.addRange(range);
    exec('styleWithCSS', 'false');
    exec(command);
    setActive((a) => ({ ...a, [command]: commandState(command) }));
    changed();
  }

  function openLink() {
    const range = currentRange();
    const anchor = range ? (range.startContainer.parentElement?.closest('a') ?? null) : null;
    setLink({ url: anchor?.getAttribute('href') ?? 'https://', error: false });
  }

  function applyLink(e?: React.FormEvent) {
    e?.preventDefault();
    if (!link) return;
    const url = link.url.trim();
    if (!safeHref(url) || url === 'https://' || url === 'http://') {
      setLink({ ...link, error: true });
      return;
    }
    const area = areaRef.current;
    const range = currentRange();
    if (area && range && !range.collapsed) {
      area.focus();
      const sel = document.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
      if (!exec('createLink', url)) insert(`<a href="${url.replace(/"/g, '&quot;')}">${range.toString().replace(/</g, '&lt;')}</a>`);
      changed();
    } else {
      const escaped = url.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
      insert(`<a href="${escaped}">${escaped}</a>`);
    }
    setLink(null);
    area?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key === 'b' || key === 'i') {
      e.preventDefault();
      run(key === 'b' ? 'bold' : 'italic');
    } else if (key === 'k') {
      e.preventDefault();
      openLink();
    }
  }

  function onPaste(e: React.ClipboardEvent<HTMLDivElement>) {
    // Pasted formatting from other programs is mostly what the server would drop: keep the text.
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    insert(text.includes('\n') ? textToHtml(text) : text.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  }

  const tool = (name: Command | 'link', label: string, shortcut?: string) => (
    <button
      type="button"
      className={`rte__tool${name !== 'link' && active[name] ? ' rte__tool--on' : ''}`}
      aria-label={label}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-pressed={name === 'link' ? undefined : active[name]}
      onMouseDown={(e) => e.preventDefault()}
      onClick={() => (name === 'link' ? openLink() : run(name))}
      data-testid={`rte-${name}`}
    >
      <ToolIcon name={name} />
    </button>
  );

  return (
    <div className={`rte${invalid ? ' rte--invalid' : ''}`} data-testid={testId}>
      {readOnly ? null : (
      <div className="rte__toolbar" role="toolbar" aria-label={t('messaging.editor.toolbar')} aria-controls={id}>
        {tool('bold', t('messaging.editor.bold'), `${mod}B`)}
        {tool('italic', t('messaging.editor.italic'), `${mod}I`)}
        <span className="rte__sep" aria-hidden="true" />
        {tool('insertUnorderedList', t('messaging.editor.bulleted'))}
        {tool('insertOrderedList', t('messaging.editor.numbered'))}
        <span className="rte__sep" aria-hidden="true" />
        {tool('link', t('messaging.editor.link'), `${mod}K`)}
      </div>
      )}
      {link ? (
        <div className="rte__link" role="group" aria-label={t('messaging.editor.linkTitle')}>
          <label htmlFor={linkInputId} className="visually-hidden">
            {t('messaging.editor.linkUrl')}
          </label>
          <input
            id={linkInputId}
            type="url"
            inputMode="url"
            value={link.url}
            autoFocus
            onChange={(e) => setLink({ url: e.target.value, error: false })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') applyLink(e);
              if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                setLink(null);
                areaRef.current?.focus();
              }
            }}
            aria-invalid={link.error || undefined}
            data-testid="rte-link-url"
          />
          <button type="button" className="btn btn--secondary rte__btn" onClick={() => applyLink()} data-testid="rte-link-apply">
            {t('messaging.editor.linkApply')}
          </button>
          <button type="button" className="btn btn--plain rte__btn" onClick={() => { setLink(null); areaRef.current?.focus(); }}>
            {t('common.cancel')}
          </button>
          {link.error ? <p className="field__error rte__link-error">{t('messaging.editor.linkInvalid')}</p> : null}
        </div>
      ) : null}
      <div className="rte__wrap">
        {empty && placeholder ? (
          <div className="rte__placeholder" aria-hidden="true">
            {placeholder}
          </div>
        ) : null}
        <div
          id={id}
          ref={areaRef}
          className="rte__area"
          contentEditable={!readOnly}
          suppressContentEditableWarning
          role="textbox"
          aria-multiline="true"
          aria-readonly={readOnly || undefined}
          aria-labelledby={labelledBy}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          tabIndex={0}
          style={minHeight ? { minHeight } : undefined}
          onInput={changed}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          onFocus={() => {
            exec('defaultParagraphSeparator', 'p');
            onFocus?.();
          }}
          data-testid={`${testId}-area`}
        />
      </div>
    </div>
  );
}
