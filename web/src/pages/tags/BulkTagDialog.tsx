import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage, isApiError } from '../../api/errors';
import { bulkTags, BULK_MAX_TAGS, type BulkTagsResult } from '../../api/tags';
import { DialogShell } from '../customers/DialogShell';
import { TagInput } from './TagInput';

export type BulkMode = 'add' | 'remove';

/**
 * Asks which tags to add to (or remove from) the selected customers and applies them in one
 * request (all or nothing on the server). The dialog frame (focus, Escape, backdrop) is the
 * shared DialogShell; the tag box gets the focus first.
 */
export function BulkTagDialog({
  mode,
  customerIds,
  onDone,
  onCancel,
}: {
  mode: BulkMode;
  customerIds: readonly string[];
  onDone: (result: BulkTagsResult) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const inputId = useId();
  const formId = useId();
  const [tags, setTags] = useState<string[]>([]);
  const [empty, setEmpty] = useState(false);
  const apply = useMutation({
    mutationFn: (chosen: string[]) => bulkTags({ customer_ids: [...customerIds], [mode]: chosen }),
    onSuccess: onDone,
  });

  function submit(e: React.FormEvent) {
    e.preventDefault();
    // What is still in the box counts too: the person typed it and pressed Apply.
    const box = document.getElementById(inputId) as HTMLInputElement | null;
    const typed = box?.value.trim() ? [...tags, box.value.trim()] : tags;
    if (typed.length === 0) {
      setEmpty(true);
      box?.focus();
      return;
    }
    apply.mutate(typed);
  }

  const count = customerIds.length;
  const serverError = apply.error
    ? isApiError(apply.error) && apply.error.fieldErrors.length
      ? apply.error.fieldErrors
          .slice(0, 3)
          .map((f) => `${f.field}: ${f.message}`)
          .join(' · ')
      : errorMessage(apply.error, t)
    : null;
  const hintId = `${inputId}-hint`;
  // A press on a button must not blur the tag box first: that would fold the suggestions away
  // and move the buttons up under the finger before the click lands.
  const keepFocus = (e: React.MouseEvent) => e.preventDefault();

  return (
    <DialogShell
      title={t(mode === 'add' ? 'tags.bulk.dialog.addTitle' : 'tags.bulk.dialog.removeTitle', { count })}
      icon="tag"
      tone="neutral"
      busy={apply.isPending}
      onClose={onCancel}
      testId="bulk-tag-dialog"
      actions={
        <>
          <button
            type="button"
            className="btn btn--secondary"
            onMouseDown={keepFocus}
            onClick={onCancel}
            disabled={apply.isPending}
          >
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            form={formId}
            className="btn btn--primary"
            onMouseDown={keepFocus}
            disabled={apply.isPending}
            data-testid="bulk-tag-apply"
          >
            {apply.isPending ? t('tags.bulk.dialog.applying') : t('tags.bulk.dialog.apply')}
          </button>
        </>
      }
    >
      <form id={formId} className="tag-dialog__form" onSubmit={submit} noValidate>
        <label className="field__label" htmlFor={inputId}>
          {t('tags.bulk.dialog.label')}
        </label>
        <TagInput
          id={inputId}
          value={tags}
          onChange={(next) => {
            setTags(next);
            setEmpty(false);
          }}
          max={BULK_MAX_TAGS}
          commitOnBlur={false}
          placeholder={t('tags.bulk.dialog.placeholder')}
          invalid={empty}
          describedBy={hintId}
          testId="bulk-tag-input"
        />
        <p className={empty ? 'field__error' : 'field__hint'} id={hintId}>
          {empty
            ? t('tags.bulk.dialog.empty')
            : t(mode === 'add' ? 'tags.bulk.dialog.addHint' : 'tags.bulk.dialog.removeHint')}
        </p>
        {serverError ? (
          <p className="field__error" role="alert">
            {serverError}
          </p>
        ) : null}
      </form>
    </DialogShell>
  );
}
