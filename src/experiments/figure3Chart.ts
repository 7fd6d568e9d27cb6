import { FIGURE3_ITERATIONS, type Figure3Panel } from './figure3.js';
import { lineChartSvg } from './svgPlot.js';

/** One colour per drift of Figure 3 (matplotlib's first four, as in the paper). */
export const FIGURE3_COLORS: Readonly<Record<string, string>> = {
  zero: '#1f77b4',
  tv2: '#d62728',
  l2: '#2ca02c',
  kl: '#9467bd',
};

/**
 * One panel of Figure 3 (Kuba et al. 2022, Section 7) as an SVG: per drift the return η(πₙ) (solid) and
 * η(π₀) + Σ_k E_d[(ν/β)·D] (dashed; Theorem 1.1 keeps the first above the second), and η* (dotted). The legend names
 * each drift's colour once (first row) and each line style once (second row).
 */
export function figure3Svg(p: Figure3Panel): string {
  return lineChartSvg({
    title: `${p.environmentTitle} — ${p.neighbourhoodLabel}`,
    subtitle: [`exact mirror learning · β = ν = uniform · π₀ uniform · ${FIGURE3_ITERATIONS} iterations`],
    xLabel: 'iteration n',
    yLabel: 'return',
    series: p.series.flatMap((s) => [
      { label: `${s.label}: return`, color: FIGURE3_COLORS[s.drift], y: s.eta },
      { label: `${s.label}: lower bound`, color: FIGURE3_COLORS[s.drift], dash: '6 4', y: s.cumulativeDrift },
    ]),
    references: [{ label: 'η* (exact)', y: p.etaStar }],
    legend: [
      p.series.map((s) => ({ label: s.label, color: FIGURE3_COLORS[s.drift] })),
      [
        { label: 'return η(πₙ)', color: '#333' },
        { label: 'η(π₀) + Σₖ E_d[(ν/β)D] (Thm 1.1)', color: '#333', dash: '6 4' },
        { label: `η* = ${Number(p.etaStar.toPrecision(6))} (exact)`, color: '#777', dash: '2 3' },
      ],
    ],
  });
}
