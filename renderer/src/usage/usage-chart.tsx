// The last 30 days as plain SVG bars of tokens, each with its cost in a tooltip. Screen readers get
// a one-sentence summary (role="img") and the same numbers as a visually hidden table.
import type { UsageSummary } from '../../../common/contract';
import { formatCount, formatDay, formatUsd } from './format';
import { UsageTable } from './usage-table';

type Day = UsageSummary['days'][number];

const width = 600;
const height = 160;
const top = 16;
const bottom = 20;
const gap = 4;

export function chartSummary(days: Day[]): string {
  const tokens = days.reduce((sum, d) => sum + d.totalTokens, 0);
  const cost = days.reduce((sum, d) => sum + d.costUsd, 0);
  if (tokens === 0) return 'Tokens per day, last 30 days: none used.';
  const busiest = days.reduce((best, d) => (d.totalTokens > best.totalTokens ? d : best));
  const active = days.filter((d) => d.totalTokens > 0).length;
  return (
    `Tokens per day, last 30 days: ${formatCount(tokens)} tokens on ${active} ${active === 1 ? 'day' : 'days'}, ` +
    `estimated ${formatUsd(cost)}. Busiest day ${formatDay(busiest.date)} with ${formatCount(busiest.totalTokens)} tokens.`
  );
}

export function UsageChart({ days }: { days: Day[] }) {
  const max = Math.max(1, ...days.map((d) => d.totalTokens));
  const slot = width / Math.max(1, days.length);
  const plot = height - top - bottom;
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure className="usage-chart">
      <svg role="img" aria-label={chartSummary(days)} viewBox={`0 0 ${width} ${height}`}>
        <line className="axis" x1={0} x2={width} y1={height - bottom} y2={height - bottom} />
        <text className="chart-label" x={0} y={top - 4}>
          {formatCount(days.some((d) => d.totalTokens > 0) ? max : 0)} tokens
        </text>
        {days.map((day, index) => {
          const barHeight = day.totalTokens === 0 ? 0 : Math.max(2, (day.totalTokens / max) * plot);
          return (
            <g key={day.date} className="bar">
              <title>
                {`${formatDay(day.date, true)}: ${formatCount(day.totalTokens)} tokens, ${formatUsd(day.costUsd)}`}
              </title>
              {/* A full-height, invisible target so the tooltip shows on short bars too. */}
              <rect className="bar-hit" x={index * slot} y={top} width={slot} height={plot} />
              <rect
                className="bar-fill"
                x={index * slot + gap / 2}
                y={height - bottom - barHeight}
                width={Math.max(1, slot - gap)}
                height={barHeight}
              />
            </g>
          );
        })}
        {first && (
          <text className="chart-label" x={0} y={height - 4}>
            {formatDay(first.date)}
          </text>
        )}
        {last && (
          <text className="chart-label" x={width} y={height - 4} textAnchor="end">
            {formatDay(last.date)}
          </text>
        )}
      </svg>
      <UsageTable
        className="sr-only"
        caption="Tokens and estimated cost per day"
        columns={['Day', 'Tokens', 'Cost']}
        rows={days.map((day) => ({
          key: day.date,
          name: formatDay(day.date, true),
          cells: [formatCount(day.totalTokens), formatUsd(day.costUsd)],
        }))}
      />
    </figure>
  );
}
