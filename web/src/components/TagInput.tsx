import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from './Icon';

/**
 * A list of short strings typed as chips: Enter or comma adds, Backspace on an empty box
 * removes the last one, leaving the box adds what was typed. Enter with an empty box
 * submits the form as usual.
 */
export function TagInput({
  id,
  value,
  onChange,
  placeholder,
  invalid,
  describedBy,
  suggestions,
}: {
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string;
  suggestions?: string[];
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');

  function add(raw: string) {
    const parts = raw
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    if (parts.length === 0) return;
    const next = [...value];
    for (const p of parts) {
      if (!next.some((v) => v.toLocaleLowerCase() === p.toLocaleLowerCase())) next.push(p);
    }
    onChange(next);
    setText('');
  }

  function remove(index: number) {
    onChange(value.filter((_, i) => i !== index));
  }

  const listId = suggestions?.length ? `${id}-suggestions` : undefined;

  return (
    <div className={`tag-input${invalid ? ' tag-input--invalid' : ''}`}>
      {value.map((tag, i) => (
        <span className="chip" key={`${tag}-${i}`}>
          {tag}
          <button
            type="button"
            className="chip__remove"
            onClick={() => remove(i)}
            aria-label={t('form.removeItem', { item: tag })}
          >
            <Icon name="close" size={12} />
          </button>
        </span>
      ))}
      <input
        id={id}
        className="tag-input__box"
        value={text}
        placeholder={value.length === 0 ? placeholder : undefined}
        list={listId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          const v = e.target.value;
          if (v.endsWith(',')) add(v);
          else setText(v);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && text.trim() !== '') {
            e.preventDefault();
            add(text);
          } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
            remove(value.length - 1);
          }
        }}
        onBlur={() => add(text)}
      />
      {listId ? (
        <datalist id={listId}>
          {suggestions!.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      ) : null}
    </div>
  );
}
