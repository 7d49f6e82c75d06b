/**
 * The plan's action items: status (changeable by staff, and by a vendor user on the items assigned to that
 * user), owner, due date with the overdue flag, and comments. The API enforces who may change what; this only hides controls that would 403.
 */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useSessionUser } from '../../../lib/session.ts';
import { useAssignees } from '../api/get-assignees.ts';
import type { PlanItem } from '../api/get-plan.ts';
import type { ItemStatus } from '../api/get-plans.ts';
import { useAddComment, useItem } from '../api/item-comments.ts';
import { useUpdateItem } from '../api/update-item.ts';
import { OverdueBadge } from '../../../components/OverdueFlag.tsx';
import { ITEM_LABELS } from './PlanStatusBadge.tsx';

const STATUSES: ItemStatus[] = ['open', 'in_progress', 'done'];

export function ActionItems({ items }: { items: PlanItem[] }) {
  const user = useSessionUser();
  const mayUpdate = user !== null && user.role !== 'viewer';
  const mayEdit = user?.role === 'admin' || user?.role === 'ops';
  const mayChangeStatus = (item: PlanItem) => mayEdit || (mayUpdate && item.ownerUserId === user.id);
  const update = useUpdateItem();
  if (items.length === 0) return <p className="lede">No action items yet.</p>;
  return (
    <div className="table-scroll">
      {update.isError ? <ErrorMessage error={update.error} /> : null}
      <table className="plan-table" data-testid="action-items">
        <thead>
          <tr>
            <th scope="col">Action item</th>
            <th scope="col">Owner</th>
            <th scope="col">Due</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} data-item={item.description} className={item.overdue ? 'overdue' : undefined}>
              <td>
                {item.description}
                {mayEdit ? <ItemEditor item={item} /> : null}
                <Comments item={item} mayComment={mayUpdate} />
              </td>
              <td>{item.ownerName}</td>
              <td>
                {item.dueDate} {item.overdue ? <OverdueBadge /> : null}
              </td>
              <td>
                {mayChangeStatus(item) ? (
                  <select
                    aria-label={`Status of “${item.description}”`}
                    value={item.status}
                    disabled={update.isPending}
                    onChange={(e) => update.mutate({ id: item.id, status: e.target.value as ItemStatus })}
                  >
                    {STATUSES.map((s) => (
                      <option key={s} value={s}>
                        {ITEM_LABELS[s]}
                      </option>
                    ))}
                  </select>
                ) : (
                  ITEM_LABELS[item.status]
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Comments({ item, mayComment }: { item: PlanItem; mayComment: boolean }) {
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const detail = useItem(item.id, open);
  const add = useAddComment();
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!body.trim()) return;
    add.mutate({ itemId: item.id, body: body.trim() }, { onSuccess: () => setBody('') });
  }
  return (
    <div>
      <button type="button" className="button small" aria-expanded={open} onClick={() => setOpen(!open)}>
        Comments ({item.comments})
      </button>
      {open ? (
        <div>
          <ul className="comments">
            {(detail.data?.comments ?? []).map((c) => (
              <li key={c.id}>
                <strong>{c.authorName ?? 'API token'}</strong>{' '}
                <span className="sub">{formatDateTime(c.createdAt)}</span>: {c.body}
              </li>
            ))}
          </ul>
          {mayComment ? (
            <form className="form-row" onSubmit={submit}>
              <input aria-label="Comment" maxLength={5000} value={body} onChange={(e) => setBody(e.target.value)} />
              <button type="submit" className="button small" disabled={add.isPending}>
                Add comment
              </button>
            </form>
          ) : null}
          {add.isError ? <ErrorMessage error={add.error} /> : null}
        </div>
      ) : null}
    </div>
  );
}

/** Admin/ops only (vendor users change the status alone): description, owner and due date. */
function ItemEditor({ item }: { item: PlanItem }) {
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState(item.description);
  const [ownerUserId, setOwnerUserId] = useState(String(item.ownerUserId));
  const [dueDate, setDueDate] = useState(item.dueDate);
  const assignees = useAssignees(open ? item.vendorId : null);
  const update = useUpdateItem();
  if (!open) {
    return (
      <button type="button" className="button small" onClick={() => setOpen(true)}>
        Edit
      </button>
    );
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    const changes = {
      ...(description.trim() !== item.description ? { description: description.trim() } : {}),
      ...(Number(ownerUserId) !== item.ownerUserId ? { ownerUserId: Number(ownerUserId) } : {}),
      ...(dueDate !== item.dueDate ? { dueDate } : {}),
    };
    if (Object.keys(changes).length === 0) return setOpen(false);
    update.mutate({ id: item.id, ...changes }, { onSuccess: () => setOpen(false) });
  }
  return (
    <form className="form-row" onSubmit={submit} aria-label={`Edit “${item.description}”`}>
      <input
        aria-label="Description"
        required
        maxLength={2000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <select aria-label="Owner" value={ownerUserId} onChange={(e) => setOwnerUserId(e.target.value)}>
        {(assignees.data ?? [{ id: item.ownerUserId, name: item.ownerName }]).map((u) => (
          <option key={u.id} value={u.id}>
            {u.name}
          </option>
        ))}
      </select>
      <input aria-label="Due date" type="date" required value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
      <button type="submit" className="button small" disabled={update.isPending}>
        Save
      </button>
      <button type="button" className="button small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      {update.isError ? <ErrorMessage error={update.error} /> : null}
    </form>
  );
}
