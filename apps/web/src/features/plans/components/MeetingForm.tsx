/** Records a review meeting and the action items decided in it (one request, one transaction). */
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { useAddMeeting } from '../api/add-meeting.ts';
import { useAssignees } from '../api/get-assignees.ts';

interface DraftItem {
  description: string;
  ownerUserId: string;
  dueDate: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const emptyItem = (): DraftItem => ({ description: '', ownerUserId: '', dueDate: '' });

export function MeetingForm({ planId, vendorId, onDone }: { planId: number; vendorId: number; onDone: () => void }) {
  const [heldOn, setHeldOn] = useState(today());
  const [attendees, setAttendees] = useState('');
  const [notes, setNotes] = useState('');
  const [items, setItems] = useState<DraftItem[]>([emptyItem()]);
  const assignees = useAssignees(vendorId);
  const add = useAddMeeting();

  const setItem = (index: number, change: Partial<DraftItem>) =>
    setItems((current) => current.map((item, i) => (i === index ? { ...item, ...change } : item)));

  function submit(event: FormEvent) {
    event.preventDefault();
    const decided = items.filter((i) => i.description.trim());
    add.mutate(
      {
        planId,
        heldOn,
        attendees: attendees
          .split(',')
          .map((a) => a.trim())
          .filter(Boolean),
        notes,
        items: decided.map((i) => ({
          description: i.description.trim(),
          ownerUserId: Number(i.ownerUserId),
          dueDate: i.dueDate,
        })),
      },
      { onSuccess: onDone },
    );
  }

  return (
    <form className="plan-form card" onSubmit={submit} aria-label="Review meeting">
      <div className="form-row">
        <div className="field">
          <label htmlFor="meeting-date">Meeting date</label>
          <input id="meeting-date" type="date" required value={heldOn} onChange={(e) => setHeldOn(e.target.value)} />
        </div>
        <div className="field" style={{ flex: 1 }}>
          <label htmlFor="meeting-attendees">Attendees (comma-separated)</label>
          <input id="meeting-attendees" value={attendees} onChange={(e) => setAttendees(e.target.value)} />
        </div>
      </div>
      <div className="field">
        <label htmlFor="meeting-notes">Notes</label>
        <textarea
          id="meeting-notes"
          rows={3}
          maxLength={20000}
          value={notes}
          onChange={(e) => setNotes(e.target.value)}
        />
      </div>
      {items.map((item, index) => (
        <fieldset key={index}>
          <legend>Action item {index + 1}</legend>
          <div className="field">
            <label htmlFor={`item-${index}-description`}>Description</label>
            <input
              id={`item-${index}-description`}
              maxLength={2000}
              value={item.description}
              onChange={(e) => setItem(index, { description: e.target.value })}
            />
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor={`item-${index}-owner`}>Owner</label>
              <select
                id={`item-${index}-owner`}
                required={!!item.description}
                value={item.ownerUserId}
                onChange={(e) => setItem(index, { ownerUserId: e.target.value })}
              >
                <option value="">Choose an owner</option>
                {(assignees.data ?? []).map((u) => (
                  <option key={u.id} value={u.id}>
                    {u.name} ({u.role})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`item-${index}-due`}>Due date</label>
              <input
                id={`item-${index}-due`}
                type="date"
                required={!!item.description}
                value={item.dueDate}
                onChange={(e) => setItem(index, { dueDate: e.target.value })}
              />
            </div>
          </div>
        </fieldset>
      ))}
      <div className="form-row">
        <button type="button" className="button" onClick={() => setItems((current) => [...current, emptyItem()])}>
          Add another action item
        </button>
        <button type="submit" className="button primary" disabled={add.isPending}>
          Save meeting
        </button>
      </div>
      {add.isError ? <ErrorMessage error={add.error} /> : null}
    </form>
  );
}
