import { useEffect, useId, useRef, useState } from 'react';
import { keepPreviousData, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { catalogKeys, getProduct, listProducts, type Product } from '../../api/catalog';
import { errorMessage, isApiError } from '../../api/errors';
import { Icon } from '../../components/Icon';
import { useDebounced } from '../../lib/useDebounced';
import './catalog.css';

const RESULTS = 8;

/**
 * Chooses products by searching: the chosen ones are chips (× removes), the box below
 * searches SKU and name as you type. Arrow keys move through the results, Enter adds the
 * highlighted one, Escape closes the list, Backspace in an empty box removes the last chip.
 */
export function ProductPicker({
  id,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: string[];
  onChange: (next: string[]) => void;
  invalid?: boolean;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const boxRef = useRef<HTMLDivElement>(null);
  const q = useDebounced(text.trim(), 250);

  const chosen = useQueries({
    queries: value.map((pid) => ({
      queryKey: catalogKeys.product(pid),
      queryFn: () => getProduct(pid),
      staleTime: 5 * 60_000,
    })),
  });

  const results = useQuery({
    queryKey: [...catalogKeys.productLists(), 'picker', q],
    queryFn: () => listProducts({ ...(q ? { q } : {}), limit: RESULTS }),
    enabled: open,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
  const items = results.data?.items ?? [];
  // Results of an older search while the person is still typing.
  const stale = text.trim() !== q;

  // A new search starts at its first result.
  const [activeFor, setActiveFor] = useState(q);
  if (activeFor !== q) {
    setActiveFor(q);
    setActive(0);
  }

  // Clicking outside closes the list.
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (boxRef.current && !boxRef.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  function add(p: Product) {
    queryClient.setQueryData(catalogKeys.product(p.id), p);
    if (!value.includes(p.id)) onChange([...value, p.id]);
    setText('');
  }

  function remove(pid: string) {
    onChange(value.filter((v) => v !== pid));
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) setOpen(true);
      else setActive((a) => Math.min(a + 1, Math.max(items.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      if (stale) {
        // The list is about to change: never add a result of the previous search.
        e.preventDefault();
      } else if (open && items[active]) {
        e.preventDefault();
        add(items[active]);
      } else if (text.trim()) {
        // A search without a highlighted result must not submit the form.
        e.preventDefault();
      }
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        setOpen(false);
      }
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      remove(value[value.length - 1]);
    }
  }

  const optionId = (i: number) => `${listId}-opt-${i}`;

  return (
    <div className="product-picker" ref={boxRef}>
      <div className={`tag-input${invalid ? ' tag-input--invalid' : ''}`}>
        {value.map((pid, i) => {
          const c = chosen[i];
          const p = c?.data;
          const label = p
            ? `${p.sku} · ${p.name}`
            : c?.isError
              ? isApiError(c.error) && c.error.status === 404
                ? t('catalog.picker.missing', { id: pid })
                : pid
              : t('common.loading');
          return (
            <span className={`chip${c?.isError ? ' chip--missing' : ''}`} key={pid} data-testid="product-chip">
              {label}
              <button
                type="button"
                className="chip__remove"
                onClick={() => remove(pid)}
                aria-label={t('form.removeItem', { item: p ? p.name : pid })}
              >
                <Icon name="close" size={12} />
              </button>
            </span>
          );
        })}
        <input
          id={id}
          className="tag-input__box"
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open && items[active] ? optionId(active) : undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          value={text}
          placeholder={value.length === 0 ? t('catalog.picker.placeholder') : t('catalog.picker.placeholderMore')}
          onChange={(e) => {
            setText(e.target.value);
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
      </div>
      {open ? (
        <div className="picker-popover">
          <ul id={listId} role="listbox" aria-label={t('catalog.picker.results')} className={`picker-list${stale ? ' picker-list--stale' : ''}`}>
            {items.map((p, i) => {
              const selected = value.includes(p.id);
              return (
                <li
                  key={p.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={selected}
                  className={`picker-option${i === active ? ' picker-option--active' : ''}`}
                  onMouseEnter={() => setActive(i)}
                  onMouseDown={(e) => e.preventDefault()}
                  onClick={() => add(p)}
                  data-testid="picker-option"
                >
                  <span className="picker-option__check" aria-hidden="true">
                    {selected ? <Icon name="check" size={16} /> : null}
                  </span>
                  <span className="picker-option__text">
                    <span className="picker-option__name">{p.name}</span>
                    <span className="picker-option__sku">{p.sku}</span>
                  </span>
                  {p.active ? null : <span className="badge">{t('catalog.product.inactive')}</span>}
                </li>
              );
            })}
          </ul>
          {results.isPending ? (
            <p className="picker-status" role="status">{t('common.loading')}</p>
          ) : results.isError ? (
            <p className="picker-status picker-status--error" role="alert">{errorMessage(results.error, t)}</p>
          ) : items.length === 0 ? (
            <p className="picker-status" role="status">
              {q ? t('catalog.picker.noResults', { q }) : t('catalog.picker.noProducts')}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
