#!/usr/bin/env node
// Regenerates the committed examples in reports/ (run `npm run reports`; reports/README.md says what is where):
// - reports/figure3/: `mirror-check reproduce` (six SVG panels, README.md with the table of final returns,
//   summary.json), plus a PNG of each panel rendered by resvg (and png-sources.json: the SHA-256 of the SVG each PNG
//   was rendered from);
// - reports/example/: one counterexample report pair (JSON + Markdown), Definition 1 on the unsquared total variation.
// src/cli/reports.test.ts fails when any of them is not what this script would write. `--render-only` re-renders
// the panels, README and PNGs from the committed summary.json without recomputing the runs.
import { Resvg } from '@resvg/resvg-js';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { checkClaim, claimById, INVALID_CONFIGS } from '../dist/index.js';
import { DEFAULT_SEED } from '../dist/suite/configs/defaults.js';
import { figure3File, figure3Readme } from '../dist/cli/commands/reproduce.js';
import { figure3Svg } from '../dist/experiments/figure3Chart.js';

const root = new URL('..', import.meta.url).pathname;
const figure3 = join(root, 'reports', 'figure3');

// --render-only: keep reports/figure3/summary.json (the results, ~5 min to recompute) and re-render the rest from it.
if (process.argv.includes('--render-only')) {
  const { panels } = JSON.parse(readFileSync(join(figure3, 'summary.json'), 'utf8'));
  for (const p of panels) writeFileSync(join(figure3, figure3File(p)), figure3Svg(p));
  writeFileSync(join(figure3, 'README.md'), figure3Readme(panels));
} else {
  const run = spawnSync(process.execPath, [join(root, 'bin', 'mirror-check.js'), 'reproduce', '--out', figure3], {
    stdio: 'inherit',
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}

const sources = {};
for (const svgFile of readdirSync(figure3).filter((f) => f.endsWith('.svg'))) {
  const svg = readFileSync(join(figure3, svgFile), 'utf8');
  const png = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    fitTo: { mode: 'width', value: 1520 },
  })
    .render()
    .asPng();
  const pngFile = svgFile.replace(/\.svg$/, '.png');
  writeFileSync(join(figure3, pngFile), png);
  sources[pngFile] = createHash('sha256').update(svg).digest('hex');
  process.stdout.write(`reports/figure3/${pngFile}\n`);
}
writeFileSync(join(figure3, 'png-sources.json'), JSON.stringify(sources, null, 2) + '\n');

const EXAMPLE = { claim: 'definition-1', config: 'invalid:tv-unsquared', dir: 'reports/example' };
rmSync(join(root, EXAMPLE.dir), { recursive: true, force: true });
const claim = claimById(EXAMPLE.claim);
const entry = INVALID_CONFIGS.find((e) => e.label === EXAMPLE.config);
process.chdir(root);
const r = checkClaim(claim, entry, { numRuns: claim.baseRuns, seed: DEFAULT_SEED, reportDir: EXAMPLE.dir });
if (r.status !== 'violated') throw new Error(`${EXAMPLE.claim} on ${EXAMPLE.config}: ${r.status}, expected violated`);
process.stdout.write(`${r.reportPath}\n${r.reportPath.replace(/\.json$/, '.md')}\n`);
