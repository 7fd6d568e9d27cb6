/** One line of a chart. */
export interface PlotSeries {
  readonly label: string;
  readonly color: string;
  /** SVG stroke-dasharray, e.g. '6 4' for dashed; undefined for solid. */
  readonly dash?: string;
  readonly y: readonly number[];
}

/** One legend entry: a line sample and its label. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash?: string;
}

export interface LineChart {
  readonly title: string;
  /** One or more lines under the title (12 px; keep each under ~100 characters at 760 px). */
  readonly subtitle?: string | readonly string[];
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly PlotSeries[];
  /** Horizontal reference lines (e.g. η*). */
  readonly references?: readonly { label: string; y: number }[];
  /** The legend, row by row, each row's entries spread evenly (default: one per series and reference, two per row). */
  readonly legend?: readonly (readonly LegendItem[])[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** About `count` round tick values covering [lo, hi] (1, 2, 2.5, 5 × 10^k steps). */
export function niceTicks(lo: number, hi: number, count = 6): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return ticks;
}

/**
 * A self-contained SVG line chart (no scripts, no external fonts): title, subtitle, axes with ticks and labels, one
 * polyline per series (x = index), dotted reference lines, and a legend below the plot, row by row.
 * Long on purpose (docs/architecture.md): one SVG template, read top to bottom.
 */
export function lineChartSvg(chart: LineChart, width = 760, height = 480): string {
  const defaults: LegendItem[] = [
    ...chart.series.map((s) => ({ label: s.label, color: s.color, dash: s.dash })),
    ...(chart.references ?? []).map((r) => ({
      label: `${r.label} = ${Number(r.y.toPrecision(6))}`,
      color: '#777',
      dash: '2 3',
    })),
  ];
  const legend: readonly (readonly LegendItem[])[] =
    chart.legend ?? Array.from({ length: Math.ceil(defaults.length / 2) }, (_, r) => defaults.slice(2 * r, 2 * r + 2));
  const subtitles =
    chart.subtitle === undefined ? [] : typeof chart.subtitle === 'string' ? [chart.subtitle] : chart.subtitle;
  const legendRows = legend.length;
  const margin = { left: 78, right: 24, top: 44 + 16 * subtitles.length, bottom: 64 + legendRows * 20 };
  const w = width - margin.left - margin.right;
  const h = height - margin.top - margin.bottom;
  const n = Math.max(...chart.series.map((s) => s.y.length));
  const values = [...chart.series.flatMap((s) => s.y), ...(chart.references ?? []).map((r) => r.y)].filter(
    Number.isFinite,
  );
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < 1e-9 * Math.max(1, Math.abs(hi))) {
    lo -= 0.5;
    hi += 0.5;
  }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const x = (i: number) => margin.left + (w * i) / Math.max(1, n - 1);
  const y = (v: number) => margin.top + h - (h * (v - lo)) / (hi - lo);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="24" text-anchor="middle" font-size="17" font-weight="bold">${esc(chart.title)}</text>`,
  );
  subtitles.forEach((line, i) =>
    out.push(
      `<text x="${width / 2}" y="${44 + 16 * i}" text-anchor="middle" font-size="12" fill="#444">${esc(line)}</text>`,
    ),
  );
  for (const t of niceTicks(lo, hi)) {
    out.push(
      `<line x1="${margin.left}" x2="${margin.left + w}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e4e4e4"/>`,
      `<text x="${margin.left - 8}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end" font-size="11">${esc(String(t))}</text>`,
    );
  }
  for (const t of niceTicks(0, n - 1, 10).filter((t) => Number.isInteger(t))) {
    out.push(
      `<line x1="${x(t).toFixed(1)}" x2="${x(t).toFixed(1)}" y1="${margin.top + h}" y2="${margin.top + h + 5}" stroke="#333"/>`,
      `<text x="${x(t).toFixed(1)}" y="${margin.top + h + 19}" text-anchor="middle" font-size="11">${t}</text>`,
    );
  }
  out.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${w}" height="${h}" fill="none" stroke="#333"/>`,
    `<text x="${margin.left + w / 2}" y="${margin.top + h + 40}" text-anchor="middle" font-size="13">${esc(chart.xLabel)}</text>`,
    `<text transform="translate(18 ${margin.top + h / 2}) rotate(-90)" text-anchor="middle" font-size="13">${esc(chart.yLabel)}</text>`,
  );
  for (const r of chart.references ?? []) {
    out.push(
      `<line x1="${margin.left}" x2="${margin.left + w}" y1="${y(r.y).toFixed(1)}" y2="${y(r.y).toFixed(1)}" stroke="#777" stroke-dasharray="2 3"/>`,
    );
  }
  for (const s of chart.series) {
    const pts = s.y.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} points="${pts}"/>`,
    );
  }
  // Entries sit in even slots, widened where a label is longer than its slot (≈ 7.2 px per character at 12 px).
  legend.forEach((items, row) => {
    let lx = margin.left;
    items.forEach((item, k) => {
      if (k > 0) lx += Math.max(w / Math.max(2, items.length), 38 + 7.2 * items[k - 1].label.length + 16);
      const ly = margin.top + h + 58 + row * 20;
      out.push(
        `<line x1="${lx}" x2="${lx + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${item.color}" stroke-width="2"${item.dash ? ` stroke-dasharray="${item.dash}"` : ''}/>`,
        `<text x="${lx + 38}" y="${ly}" font-size="12">${esc(item.label)}</text>`,
      );
    });
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
