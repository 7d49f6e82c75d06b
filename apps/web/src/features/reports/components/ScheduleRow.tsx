import { useState } from 'react';
import { ErrorMessage } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import type { ReportSchedule } from '../api/list-schedules.ts';
import { useUpdateSchedule } from '../api/update-schedule.ts';

/** One vendor's schedule; ops edit the cron and the on/off switch in place (applied at once by the API). */
export function ScheduleRow({
  schedule,
  canEdit,
  onPreview,
}: {
  schedule: ReportSchedule;
  canEdit: boolean;
  onPreview: () => void;
}) {
  const [cron, setCron] = useState(schedule.cron);
  const [enabled, setEnabled] = useState(schedule.enabled);
  const save = useUpdateSchedule();
  const changed = cron !== schedule.cron || enabled !== schedule.enabled;
  return (
    <tr>
      <td>{schedule.vendorName}</td>
      <td>{schedule.timeZone}</td>
      <td>
        {canEdit ? (
          <>
            <input
              aria-label={`Cron for ${schedule.vendorName}`}
              value={cron}
              onChange={(e) => setCron(e.target.value)}
              size={14}
            />{' '}
            <label>
              <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} /> on
            </label>
          </>
        ) : (
          <code>{schedule.enabled ? schedule.cron : 'off'}</code>
        )}
        {schedule.isDefault ? <span className="role"> default</span> : null}
        {save.isError ? <ErrorMessage error={save.error} /> : null}
      </td>
      <td>{schedule.enabled ? formatDateTime(schedule.nextRunAt) : '—'}</td>
      <td>{schedule.recipients.join(', ') || '—'}</td>
      <td>
        {canEdit && changed ? (
          <button
            type="button"
            className="button primary"
            disabled={save.isPending}
            onClick={() => save.mutate({ vendorId: schedule.vendorId, cron, enabled })}
          >
            Save
          </button>
        ) : null}
        <button type="button" className="button small" onClick={onPreview}>
          Preview
        </button>
      </td>
    </tr>
  );
}
