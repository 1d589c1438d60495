/**
 * A chart with its title, its note, a "show query" control revealing the GraphQL operation that
 * feeds it (ready to paste into a dashboard tool), a CSV download of its data, and the same data
 * as a table for people who do not read charts.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ENDPOINT, operationText, request } from '../api/client';
import type { ChartSpec } from '../dashboard/charts';
import { echarts } from '../dashboard/echarts';
import { toCsv } from '../lib/csv';
import { download } from '../lib/download';
import { ErrorBox, useAsync } from './common';

export function ChartFrame({ spec }: { spec: ChartSpec }) {
  const result = useAsync(() => request(spec.operation, {}), [spec.id]);
  const table = useMemo(() => (result.state === 'done' ? spec.table(result.data) : null), [result]);
  const [showQuery, setShowQuery] = useState(false);
  const [copied, setCopied] = useState(false);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!table || !box.current) return;
    const chart = echarts.init(box.current, undefined, { renderer: 'svg' });
    chart.setOption(spec.option(table));
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [table]);

  const height = table ? Math.max(220, Math.min(520, 60 + table.rows.length * 26)) : 220;
  const text = operationText(spec.operation);
  return (
    <section class="panel chart" id={spec.id} aria-labelledby={`${spec.id}-title`} data-rows={table?.rows.length ?? ''}>
      <header class="chart-head">
        <h2 id={`${spec.id}-title`}>{spec.title}</h2>
        <div class="chart-actions">
          <button type="button" aria-expanded={showQuery} aria-controls={`${spec.id}-query`} onClick={() => setShowQuery(!showQuery)}>
            {showQuery ? 'Hide query' : 'Show query'}
          </button>
          <button type="button" disabled={!table} onClick={() => table && download(`${spec.id}.csv`, toCsv(table.header, table.rows), 'text/csv')}>
            CSV
          </button>
        </div>
      </header>
      <p class="muted note">{spec.note}</p>
      {showQuery && (
        <div class="query" id={`${spec.id}-query`}>
          <pre>
            <code>{text}</code>
          </pre>
          <p class="muted">
            POST to <code>{ENDPOINT}</code> as <code>{`{"query": …, "operationName": "${spec.operation.name}"}`}</code>.{' '}
            <button
              type="button"
              onClick={() =>
                navigator.clipboard?.writeText(text).then(
                  () => setCopied(true),
                  () => setCopied(false),
                )
              }
            >
              {copied ? 'Copied' : 'Copy'}
            </button>
          </p>
        </div>
      )}
      {result.state === 'error' && <ErrorBox error={result.error} />}
      {result.state === 'loading' && <p class="loading">Loading…</p>}
      {table && table.rows.length === 0 && <p class="muted">No data.</p>}
      <div class="chart-box" ref={box} style={{ height: `${height}px` }} role="img" aria-label={`${spec.title}; the data is in the table below.`} />
      {table && (
        <details class="chart-table">
          <summary>Table</summary>
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  {table.header.map((h) => (
                    <th key={h} scope="col">
                      {h}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) => (
                      <td key={j}>{cell ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </section>
  );
}
