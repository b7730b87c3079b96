/**
 * The Insights page's charts: small Lit templates drawing inline SVG, no
 * charting library (the dashboard bundle has a 60 KB budget). Every chart
 * shows its numbers as text beside it, and that text is its accessible
 * alternative: the SVG itself is hidden from assistive technology.
 */
import { html, svg, nothing } from 'lit';

export interface BarRow {
  label: string;
  value: number;
  /** The number shown beside the bar, e.g. "12 (40 %)". */
  text: string;
}

/** Horizontal bars, one per row, scaled to `max` (default: the largest value). */
export function bars(rows: BarRow[], max = Math.max(1, ...rows.map((r) => r.value))) {
  return html`<ul class="bars">
    ${rows.map(
      (r) => html`<li>
        <span class="bar-label">${r.label}</span>
        <svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
          <rect class="track" width="100" height="10" rx="2"></rect>
          ${r.value > 0 ? svg`<rect class="fill" width=${Math.max(1, (r.value / max) * 100)} height="10" rx="2"></rect>` : nothing}
        </svg>
        <span class="num">${r.text}</span>
      </li>`,
    )}
  </ul>`;
}

/** A week's or a month's published reviews and their average. */
export interface SeriesPoint {
  count: number;
  average: number | null;
}

/**
 * Reviews per week (or month) as columns, and its average rating (0-5,
 * right scale) as a line over them. The table after it says the same in numbers.
 */
export function weeklyChart(weeks: SeriesPoint[], label: string) {
  const w = 10;
  const width = weeks.length * w;
  const maxCount = Math.max(1, ...weeks.map((p) => p.count));
  const y = (avg: number) => 100 - (avg / 5) * 100;
  // The line breaks over weeks without a review rather than drawing a rating nobody gave.
  const segments: string[][] = [[]];
  weeks.forEach((p, i) => {
    if (p.average === null) segments.push([]);
    else segments[segments.length - 1]!.push(`${i * w + w / 2},${y(p.average)}`);
  });
  return html`<svg class="weekly" viewBox="0 0 ${width} 100" preserveAspectRatio="none" role="img" aria-label=${label}>
    ${[1, 2, 3, 4].map((r) => svg`<line class="grid" x1="0" x2=${width} y1=${y(r)} y2=${y(r)} vector-effect="non-scaling-stroke"></line>`)}
    ${weeks.map((p, i) => (p.count > 0 ? svg`<rect class="fill" x=${i * w + 1.5} width=${w - 3} y=${100 - (p.count / maxCount) * 100} height=${(p.count / maxCount) * 100}></rect>` : nothing))}
    ${segments.filter((s) => s.length > 0).map((s) => (s.length === 1 ? svg`<polyline class="line" points="${s[0]} ${s[0]}" vector-effect="non-scaling-stroke"></polyline>` : svg`<polyline class="line" points=${s.join(' ')} vector-effect="non-scaling-stroke"></polyline>`))}
  </svg>`;
}
