/**
 * Archiving, restoring and deleting vendors (docs/definitions.md "Archived vendors"). Each asks for a
 * confirmation that says what follows; a delete the API refuses (the vendor has data) shows its answer,
 * which tells the user to archive instead.
 */
import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { Truncated } from '../../../components/Truncated.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useDeleteVendor, useSetVendorArchived } from '../api/archive-vendor.ts';
import { useArchivedVendors, type Vendor } from '../api/get-vendors.ts';

const ARCHIVE_CONSEQUENCES =
  'Past weeks keep its scorecards, ranks and statements. From this week on it leaves the scorecards, vendor ' +
  'pickers, weekly report emails, alerts and sampling, and its users and API tokens are refused. Imports still ' +
  'attribute its cases (and say so). You can restore it at any time.';

function DeleteButton({ vendor, onDelete }: { vendor: Vendor; onDelete: (id: number) => void }) {
  return (
    <button
      type="button"
      className="button small danger"
      onClick={() => {
        if (window.confirm(`Delete ${vendor.name}? Only a vendor without data can be deleted; this cannot be undone.`))
          onDelete(vendor.id);
      }}
    >
      Delete
    </button>
  );
}

/** Archive and delete, below an active vendor's form. */
export function VendorLifecycleActions({ vendor }: { vendor: Vendor }) {
  const archive = useSetVendorArchived();
  const remove = useDeleteVendor();
  const pending = archive.isPending || remove.isPending;
  return (
    <div className="vendor-lifecycle">
      <div className="button-row">
        <button
          type="button"
          className="button small"
          disabled={pending}
          onClick={() => {
            if (window.confirm(`Archive ${vendor.name}? ${ARCHIVE_CONSEQUENCES}`))
              archive.mutate({ id: vendor.id, archived: true });
          }}
        >
          Archive
        </button>
        <DeleteButton vendor={vendor} onDelete={(id) => remove.mutate(id)} />
      </div>
      {archive.isError ? <ErrorMessage error={archive.error} /> : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
    </div>
  );
}

/** The archived vendors, apart from the active ones, with restore and delete. */
export function ArchivedVendors() {
  const query = useArchivedVendors();
  const restore = useSetVendorArchived();
  const remove = useDeleteVendor();
  return (
    <section className="archived-vendors" aria-labelledby="archived-vendors-title">
      <h3 id="archived-vendors-title">Archived vendors{query.data ? ` (${query.data.length})` : ''}</h3>
      <p className="hint">
        Kept with their history; listed on the scorecards of the weeks before they were archived only.
      </p>
      {restore.isError ? <ErrorMessage error={restore.error} /> : null}
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Empty title="No archived vendors">A vendor you archive is listed here and can be restored.</Empty>
      ) : (
        <div className="table-scroll">
          <table aria-labelledby="archived-vendors-title">
            <thead>
              <tr>
                <th scope="col">Vendor</th>
                <th scope="col">Archived</th>
                <th scope="col">Off scorecards from</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((vendor) => (
                <tr key={vendor.id}>
                  <th scope="row">
                    <Truncated text={vendor.name} />
                  </th>
                  <td>{formatDateTime(vendor.archivedAt)}</td>
                  <td>{vendor.unlistedFromWeek}</td>
                  <td>
                    <div className="button-row">
                      <button
                        type="button"
                        className="button small"
                        disabled={restore.isPending}
                        onClick={() => {
                          if (
                            window.confirm(
                              `Restore ${vendor.name}? It returns to the scorecards (including the weeks since it ` +
                                'was archived), pickers, report emails, alerts and sampling; its users can sign in again.',
                            )
                          )
                            restore.mutate({ id: vendor.id, archived: false });
                        }}
                      >
                        Restore
                      </button>
                      <DeleteButton vendor={vendor} onDelete={(id) => remove.mutate(id)} />
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
