import { useId, useRef, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { suggestTags, tagKey, tagKeys, TAG_MAX_LENGTH } from '../../api/tags';
import { Icon } from '../../components/Icon';
import { useDebounced } from '../../lib/useDebounced';
import { addTags, pickableSuggestions } from './tagList';
import './tags.css';

export const SUGGEST_DEBOUNCE_MS = 150;

/**
 * Short texts typed as chips: the customer's tags and tag filters, with suggestions from the
 * tags in use (`GET /tags?q=`), and other lists such as payment methods (`suggest={false}`).
 *
 * Keyboard: typing (or ArrowDown) shows suggestions, a listbox tied to the box by
 * aria-activedescendant; ArrowDown/ArrowUp move through them, Enter takes the highlighted one or else what was typed,
 * a comma adds what was typed, Escape closes the list, Backspace in an empty box removes the last
 * chip. Enter in an empty box submits the form as usual. Tags are unique ignoring case and
 * accents, like on the server; one that is already there is not added twice.
 */
export function TagInput({
  id,
  value,
  onChange,
  placeholder,
  invalid,
  describedBy,
  max,
  maxLength = TAG_MAX_LENGTH,
  suggest = true,
  removeLabel,
  commitOnBlur = true,
  testId,
}: {
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  /** The most tags it takes (the server's limit for the field). */
  max?: number;
  /** The longest text of one chip (the server's limit for one item). */
  maxLength?: number;
  /** Offer the tags in use as suggestions (off for lists that are not tags). */
  suggest?: boolean;
  /** The name of a chip's remove button (default "Quitar la etiqueta …"). */
  removeLabel?: (item: string) => string;
  /** Leaving the box adds what was typed (forms); off for filters, where it would surprise. */
  commitOnBlur?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  const optionId = (i: number) => `${listId}-option-${i}`;

  const prefix = useDebounced(text.trim(), SUGGEST_DEBOUNCE_MS);
  const suggestions = useQuery({
    queryKey: tagKeys.suggestions(prefix),
    queryFn: () => suggestTags(prefix),
    enabled: open && suggest,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const options = open && suggest ? pickableSuggestions(suggestions.data ?? [], value, text) : [];
  const expanded = open && options.length > 0;
  const full = max !== undefined && value.length >= max;

  function commit(raw: string) {
    const next = addTags(value, raw, max, maxLength);
    if (next !== value) onChange(next);
    setText('');
    setActive(-1);
    // Closed until the person types again (or asks with ArrowDown): an open list would cover
    // the buttons below the box.
    setOpen(false);
  }

  function remove(index: number) {
    onChange(value.filter((_, i) => i !== index));
    inputRef.current?.focus();
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!open) setOpen(true);
      if (options.length === 0) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => {
        const next = i + step;
        if (next < -1) return options.length - 1;
        if (next >= options.length) return -1;
        return next;
      });
    } else if (e.key === 'Enter') {
      if (expanded && active >= 0 && options[active]) {
        e.preventDefault();
        commit(options[active].name);
      } else if (text.trim() !== '') {
        e.preventDefault();
        commit(text);
      }
    } else if (e.key === 'Escape') {
      if (expanded) {
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
        setActive(-1);
      }
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      remove(value.length - 1);
    }
  }

  return (
    <div className="tag-combo">
      <div
        className={`tag-input${invalid ? ' tag-input--invalid' : ''}`}
        onMouseDown={(e) => {
          // A click on the frame (not a chip button) puts the caret in the box.
          if (e.target === e.currentTarget) {
            e.preventDefault();
            inputRef.current?.focus();
          }
        }}
        data-testid={testId}
      >
        {value.map((tag, i) => (
          <span className="chip" key={tagKey(tag)} data-testid="tag-chip">
            {tag}
            <button
              type="button"
              className="chip__remove"
              onClick={() => remove(i)}
              aria-label={removeLabel ? removeLabel(tag) : t('tags.input.remove', { tag })}
            >
              <Icon name="close" size={12} />
            </button>
          </span>
        ))}
        <input
          ref={inputRef}
          id={id}
          className="tag-input__box"
          type="text"
          value={text}
          maxLength={maxLength}
          placeholder={value.length === 0 ? placeholder : undefined}
          readOnly={full}
          autoComplete="off"
          {...(suggest
            ? {
                role: 'combobox',
                'aria-autocomplete': 'list',
                'aria-expanded': expanded,
                'aria-controls': listId,
                'aria-activedescendant': expanded && active >= 0 ? optionId(active) : undefined,
              }
            : {})}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            const v = e.target.value;
            setOpen(true);
            setActive(-1);
            if (v.includes(',')) commit(v);
            else setText(v);
          }}
          onBlur={() => {
            setOpen(false);
            setActive(-1);
            if (commitOnBlur) commit(text);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {suggest ? (
        <ul
          id={listId}
          role="listbox"
          className="tag-combo__list"
          aria-label={t('tags.input.suggestions')}
          hidden={!expanded}
        >
          {options.map((option, i) => (
            <li
              key={tagKey(option.name)}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={`tag-combo__option${i === active ? ' tag-combo__option--active' : ''}`}
              // mousedown, not click: the box keeps focus, so blur does not close the list first.
              onMouseDown={(e) => {
                e.preventDefault();
                commit(option.name);
              }}
              onMouseMove={() => setActive(i)}
              data-testid="tag-suggestion"
            >
              <Icon name="tag" size={14} />
              <span className="tag-combo__name">{option.name}</span>
              <span className="tag-combo__count">
                {t('tags.input.customers', { count: option.customer_count })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {full ? (
        <p className="field__hint" role="status">
          {t('tags.input.full', { count: max })}
        </p>
      ) : null}
    </div>
  );
}
