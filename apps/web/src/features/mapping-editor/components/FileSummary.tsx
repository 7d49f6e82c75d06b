import { useEffect, useState } from 'react';
import type { DryRunResult } from '../api/dry-run.ts';
import { readFirstRows } from './first-rows.ts';

const SHOWN_ROWS = 5;
const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** What the dry run sniffed (encoding, delimiter, header row, best presets) and the file's first rows. */
export function FileSummary({ file, result }: { file: File; result: DryRunResult }) {
  const [rows, setRows] = useState<string[][] | null>(null);
  useEffect(() => {
    let live = true;
    readFirstRows(file, result.file, SHOWN_ROWS)
      .then((read) => live && setRows(read))
      .catch(() => live && setRows([]));
    return () => {
      live = false;
    };
  }, [file, result.file]);
  const best = result.presets[0];
  return (
    <section className="card" aria-labelledby="file-title">
      <h2 id="file-title">{file.name}</h2>
      <dl className="stats" data-testid="sniffed-options">
        <div>
          <dt>Encoding</dt>
          <dd>{result.file.encoding}</dd>
        </div>
        <div>
          <dt>Delimiter</dt>
          <dd>
            {DELIMITER_NAMES[result.file.delimiter] ?? result.file.delimiter} ({result.file.delimiterReason})
          </dd>
        </div>
        <div>
          <dt>Header row</dt>
          <dd>line {result.file.headerRow}</dd>
        </div>
        <div>
          <dt>Columns</dt>
          <dd>{result.headers.length}</dd>
        </div>
        <div>
          <dt>Closest built-in format</dt>
          <dd>{best ? `${best.name}: ${best.reason}` : 'none'}</dd>
        </div>
      </dl>
      <p className="hint">
        {result.preset
          ? `The fields start from the preset “${result.preset.key}”, which reads every column it needs.`
          : 'No preset fits this file: the fields start from a suggestion made from its headers and values.'}
      </p>
      <div className="table-scroll">
        <table data-testid="file-rows">
          <caption className="visually-hidden">First rows of the file</caption>
          <thead>
            <tr>
              {result.headers.map((header, index) => (
                <th key={index} scope="col">
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((row, index) => (
              <tr key={index}>
                {result.headers.map((_, column) => (
                  <td key={column}>{row[column] ?? ''}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
