/**
 * The committed examples in reports/ are current: what `npm run reports` (scripts/write-reports.mjs) would write.
 * Figure 3's panels, README and PNGs are checked against the committed results (summary.json), and those results
 * against the engine on the single-step game (the other environments take minutes: `npm run reports` recomputes
 * them); the example counterexample pair is recomputed whole.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { figure3Svg } from '../experiments/figure3Chart.js';
import { FIGURE3_DRIFTS, FIGURE3_NEIGHBOURHOODS, figure3Series, type Figure3Panel } from '../experiments/figure3.js';
import { claimById } from '../suite/claims/index.js';
import { DEFAULT_SEED } from '../suite/configs/defaults.js';
import { INVALID_CONFIGS } from '../suite/configs/registry.js';
import { checkClaim } from '../suite/runner/checkClaim.js';
import { expectTablesWellFormed } from '../suite/report/markdownTable.testkit.js';
import { figure3File, figure3Readme } from './commands/reproduce.js';

const reports = new URL('../../reports/', import.meta.url).pathname;
const figure3 = join(reports, 'figure3');
const read = (...p: string[]) => readFileSync(join(...p), 'utf8');
const { panels } = JSON.parse(read(figure3, 'summary.json')) as { panels: Figure3Panel[] };

describe('reports/figure3', () => {
  test('six panels, each SVG what figure3Svg draws from the committed results', () => {
    expect(panels).toHaveLength(6);
    for (const p of panels) expect(read(figure3, figure3File(p)), figure3File(p)).toBe(figure3Svg(p));
  });

  test('README.md is the table of final returns of those results, with tables GitHub can show', () => {
    const md = read(figure3, 'README.md');
    expect(md).toBe(figure3Readme(panels));
    expectTablesWellFormed(md);
  });

  test('every PNG was rendered from the SVG beside it (png-sources.json holds its SHA-256)', () => {
    const sources = JSON.parse(read(figure3, 'png-sources.json')) as Record<string, string>;
    const svgs = readdirSync(figure3).filter((f) => f.endsWith('.svg'));
    expect(Object.keys(sources).sort()).toEqual(svgs.map((f) => f.replace(/\.svg$/, '.png')).sort());
    for (const svg of svgs) {
      const png = svg.replace(/\.svg$/, '.png');
      expect(existsSync(join(figure3, png)), png).toBe(true);
      expect(sources[png], png).toBe(createHash('sha256').update(read(figure3, svg)).digest('hex'));
    }
  });

  test('the committed results are the engine’s: the single-step game recomputed to 1e-9', () => {
    for (const [n] of FIGURE3_NEIGHBOURHOODS.entries()) {
      const panel = panels.find(
        (p) => p.environment === 'single-step-game' && p.neighbourhood === FIGURE3_NEIGHBOURHOODS[n].id,
      )!;
      for (const [d] of FIGURE3_DRIFTS.entries()) {
        const fresh = figure3Series(0, n, d);
        const committed = panel.series[d];
        for (let k = 0; k < fresh.eta.length; k++) {
          expect(Math.abs(fresh.eta[k] - committed.eta[k]), `${committed.label} η(π${k})`).toBeLessThanOrEqual(1e-9);
          expect(Math.abs(fresh.cumulativeDrift[k] - committed.cumulativeDrift[k])).toBeLessThanOrEqual(1e-9);
        }
      }
    }
  });
});

describe('reports/example', () => {
  test('the example counterexample pair is what the check writes today', () => {
    const committed = readdirSync(join(reports, 'example')).sort();
    expect(committed.length).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'mirror-check-example-'));
    const claim = claimById('definition-1')!;
    const entry = INVALID_CONFIGS.find((e) => e.label === 'invalid:tv-unsquared')!;
    const r = checkClaim(claim, entry, { numRuns: claim.baseRuns, seed: DEFAULT_SEED, reportDir: dir });
    expect(r.status).toBe('violated');
    expect(readdirSync(dir).sort()).toEqual(committed);
    for (const f of committed) {
      expect(read(dir, f).replaceAll(dir, 'reports/example'), f).toBe(read(reports, 'example', f));
    }
  });

  test('reports/README.md names every committed example', () => {
    const md = read(reports, 'README.md');
    for (const p of panels) expect(md).toContain(`figure3/${figure3File(p)}`);
    expect(md).toContain('example/');
    expectTablesWellFormed(md);
  });
});
