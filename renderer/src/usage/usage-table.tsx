// Tables of usage numbers: one row per model, conversation or day, its name as the row's header.
import type { ReactNode } from 'react';

export interface UsageRow {
  key: string;
  /** The row's header cell: the model, the conversation, the day. */
  name: ReactNode;
  cells: ReactNode[];
}

interface Props {
  /** The first names the rows' header column. */
  columns: string[];
  rows: UsageRow[];
  className?: string;
  caption?: string;
}

export function UsageTable({ columns, rows, className = 'usage-table', caption }: Props) {
  return (
    <table className={className}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.name}</th>
            {row.cells.map((cell, index) => (
              <td key={index}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface CardProps {
  headingId: string;
  title: string;
  /** Said instead of a table without rows. */
  empty: string;
  columns: string[];
  rows: UsageRow[];
}

/** A card with its heading and the table, or the line saying there is nothing to count. */
export function UsageTableCard({ headingId, title, empty, columns, rows }: CardProps) {
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      {rows.length === 0 ? <p className="empty">{empty}</p> : <UsageTable columns={columns} rows={rows} />}
    </section>
  );
}
