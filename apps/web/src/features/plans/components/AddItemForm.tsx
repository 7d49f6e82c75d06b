/** "Add action item" on the plan page: description, owner (staff or the vendor's users) and due date. */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useAddItem } from '../api/add-item.ts';
import { useAssignees } from '../api/get-assignees.ts';

export function AddItemForm({ planId, vendorId, onDone }: { planId: number; vendorId: number; onDone: () => void }) {
  const [description, setDescription] = useState('');
  const [ownerUserId, setOwnerUserId] = useState('');
  const [dueDate, setDueDate] = useState('');
  const assignees = useAssignees(vendorId);
  const add = useAddItem();

  function submit(event: FormEvent) {
    event.preventDefault();
    add.mutate(
      { planId, description: description.trim(), ownerUserId: Number(ownerUserId), dueDate },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="plan-form card" onSubmit={submit} aria-label="New action item">
      <div className="field">
        <label htmlFor="new-item-description">Description</label>
        <input
          id="new-item-description"
          required
          maxLength={2000}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
        />
      </div>
      <div className="form-row">
        <div className="field">
          <label htmlFor="new-item-owner">Owner</label>
          <select id="new-item-owner" required value={ownerUserId} onChange={(e) => setOwnerUserId(e.target.value)}>
            <option value="">Choose an owner</option>
            {(assignees.data ?? []).map((u) => (
              <option key={u.id} value={u.id}>
                {u.name} ({u.role})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="new-item-due">Due date</label>
          <input id="new-item-due" type="date" required value={dueDate} onChange={(e) => setDueDate(e.target.value)} />
        </div>
      </div>
      <div className="form-row">
        <button type="submit" className="button primary" disabled={add.isPending || !description.trim()}>
          Save action item
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
      {add.isError ? <ErrorMessage error={add.error} /> : null}
    </form>
  );
}
