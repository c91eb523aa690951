import { useId, type ReactNode } from 'react';
import { ResponsiveContainer } from 'recharts';
import { useT } from '../../i18n';

export interface Column<Row> {
  header: string;
  value: (row: Row) => string | number;
}

interface Props<Row> {
  title: string;
  /** What the chart shows, in words: the chart's accessible description. */
  description: string;
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  children: ReactNode;
  testId: string;
  height?: number;
}

/**
 * One chart with its title and description, and the same numbers as a table (a `<details>`): the
 * table is what screen readers and keyboard users read, and what anyone can copy.
 */
export function ChartFigure<Row>({
  title,
  description,
  rows,
  columns,
  children,
  testId,
  height = 280,
}: Props<Row>) {
  const t = useT();
  const titleId = useId();
  const descriptionId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId} aria-describedby={descriptionId} data-testid={testId}>
      <figcaption>
        <h2 id={titleId} className="chart__title">
          {title}
        </h2>
        <p id={descriptionId} className="chart__description muted">
          {description}
        </p>
      </figcaption>
      {rows.length === 0 ? (
        <p className="muted">{t('indicators.noData')}</p>
      ) : (
        <div className="chart__plot" aria-hidden="true">
          <ResponsiveContainer width="100%" height={height}>
            {children}
          </ResponsiveContainer>
        </div>
      )}
      {rows.length > 0 && (
        <details className="chart__table">
          <summary>{t('indicators.table')}</summary>
          <table>
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column.header} scope="col">
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column.header}>{column.value(row)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </figure>
  );
}
