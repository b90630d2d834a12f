import { Icon } from './Icon';

/**
 * The "Editar" and "Eliminar" buttons of one item of a panel (an address, a note). `prefix` is
 * the panel's class prefix (`addr`, `notes`) and `item` names the test ids (`edit-address`).
 */
export function ItemActions({
  label,
  prefix,
  item,
  editLabel,
  deleteLabel,
  onEdit,
  onDelete,
  busy,
}: {
  label: string;
  prefix: string;
  item: string;
  editLabel: string;
  deleteLabel: string;
  onEdit: () => void;
  onDelete: () => void;
  busy: boolean;
}) {
  return (
    <div className={`${prefix}-item__actions`} role="group" aria-label={label}>
      <button type="button" className={`btn btn--plain ${prefix}-btn--sm`} onClick={onEdit} data-testid={`edit-${item}`}>
        <Icon name="edit" size={15} />
        {editLabel}
      </button>
      <button
        type="button"
        className={`btn btn--plain ${prefix}-btn--sm ${prefix}-btn--critical`}
        onClick={onDelete}
        disabled={busy}
        data-testid={`delete-${item}`}
      >
        <Icon name="trash" size={15} />
        {deleteLabel}
      </button>
    </div>
  );
}
