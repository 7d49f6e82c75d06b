import { Empty, ErrorMessage, Loading } from '../../../components/QueryState.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useDeleteVendorMapping } from '../api/delete-vendor-mapping.ts';
import { useVendorMappings } from '../api/list-vendor-mappings.ts';
import { Truncated } from '../../../components/Truncated.tsx';

export function MappingsTable() {
  const query = useVendorMappings();
  const remove = useDeleteVendorMapping();
  return (
    <section className="section" aria-labelledby="mappings-title">
      <h2 id="mappings-title">Vendor mappings</h2>
      {remove.isError ? <ErrorMessage error={remove.error} /> : null}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorMessage error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <Empty title="No mappings">
          Cases are attributed to a vendor whose name equals the exported value; map other values on the Imports page.
        </Empty>
      ) : (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col">Field</th>
                <th scope="col">Value</th>
                <th scope="col">Vendor</th>
                <th scope="col">Since</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((m) => (
                <tr key={m.id}>
                  <td>{m.source}</td>
                  <td>{m.field}</td>
                  <th scope="row">
                    <Truncated text={m.value} />
                  </th>
                  <td>{m.vendorName}</td>
                  <td>{formatDateTime(m.createdAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button small danger"
                      disabled={remove.isPending}
                      onClick={() => {
                        if (
                          window.confirm(
                            `Remove the mapping of “${m.value}” to ${m.vendorName}? Its cases become unmapped.`,
                          )
                        )
                          remove.mutate(m.id);
                      }}
                    >
                      Remove
                    </button>
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
