import { Icon } from './Icon';

/**
 * The search box and filters above a list (customers, orders, products): a search form whose
 * box and selects are kept in the URL by the page (useUrlFilters), with "clear filters" once
 * anything is filtered. `before` goes between the search box and the selects, `after` below.
 */
export function FilterBar({
  className,
  searchId,
  searchLabel,
  searchPlaceholder,
  search,
  onSearch,
  searchInputMode,
  filtered,
  clearLabel,
  onClear,
  before,
  after,
  children,
}: {
  className?: string;
  searchId: string;
  searchLabel: string;
  searchPlaceholder: string;
  search: string;
  onSearch: (value: string) => void;
  searchInputMode?: 'search';
  filtered: boolean;
  clearLabel: string;
  onClear: () => void;
  before?: React.ReactNode;
  after?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <form className={className ? `filters ${className}` : 'filters'} role="search" onSubmit={(e) => e.preventDefault()}>
      <SearchBox
        label={
          <label htmlFor={searchId} className="visually-hidden">
            {searchLabel}
          </label>
        }
        id={searchId}
        placeholder={searchPlaceholder}
        value={search}
        onChange={(e) => onSearch(e.target.value)}
        enterKeyHint="search"
        inputMode={searchInputMode}
      />
      {before}
      <div className="filters__selects">
        {children}
        {filtered ? (
          <button type="button" className="btn btn--plain" onClick={onClear}>
            {clearLabel}
          </button>
        ) : null}
      </div>
      {after}
    </form>
  );
}

/** A search box with its magnifier icon (`label`, when given, goes before the input). */
export function SearchBox({
  label,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & { label?: React.ReactNode }) {
  return (
    <div className="filters__search">
      <Icon name="search" size={18} />
      {label}
      <input type="search" autoComplete="off" {...input} />
    </div>
  );
}

/** One filter of a FilterBar: a labelled select whose first option, "all", clears it. */
export function FilterSelect<T extends string>({
  label,
  value,
  all,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T | undefined;
  all: string;
  options: readonly (readonly [T, string])[];
  onChange: (v: string | undefined) => void;
  testId: string;
}) {
  return (
    <label className="select-label">
      <span className="select-label__text">{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
