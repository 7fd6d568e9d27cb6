#!/usr/bin/env node
/**
 * Paired comparison of two builds (issue 11's before/after tables): `node bench/compare.mjs <other-dist> [sizes]
 * [drift:neighbourhood,...]` loads `<other-dist>/index.js` (e.g. a `git worktree` of the old commit, built) beside this
 * checkout's `dist/`, and times the same update under each, alternately, in one process — so the machine's drifts hit
 * both sides alike, where two `npm run bench` runs one after the other differed by 1.5× on a shared machine. Prints the
 * median of each side and their ratio (A = 4, γ = 0.99, from the uniform policy, ν = β uniform).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { row } from './measure.mjs';

const [otherDist, sizesArg = '20,200', casesArg] = process.argv.slice(2);
if (!otherDist) {
  process.stderr.write('usage: node bench/compare.mjs <other-dist> [sizes] [drift:neighbourhood,...]\n');
  process.exit(2);
}
const before = await import(pathToFileURL(resolve(otherDist, 'index.js')).href);
const after = await import(new URL('../dist/index.js', import.meta.url).href);
const sizes = sizesArg.split(',').map(Number);
const cases = (
  casesArg ??
  'l2:kl-ball:0.05,l2:drift-ball:0.05,tv2:kl-ball:0.05,tv2:drift-ball:0.05,kl:kl-ball:0.05,kl:drift-ball:0.05,l2:trivial,tv2:trivial,kl:trivial'
).split(',');

/** One update of `drift` in `neighbourhood` at S states, under library L, as a thunk. */
function update(L, drift, neighbourhood, S) {
  const mdp = L.generateMdp({ seed: 1, states: S, actions: 4, gamma: 0.99 });
  const config = {
    drift: L.parseDriftSpec(drift),
    nu: 'sampling',
    neighbourhood: L.parseNeighbourhoodSpec(neighbourhood),
    sampling: { kind: 'uniform' },
  };
  const piOld = L.uniformPolicy(S, 4);
  const evaluation = new L.PolicyEvaluator(mdp).evaluate(piOld);
  const beta = new Float64Array(S).fill(1 / S);
  return () => L.mirrorUpdate({ mdp, piOld, evaluation, beta }, config);
}

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const micro = (ms) => (ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`);
row(['drift:neighbourhood', ...sizes.map((S) => `S=${S}: before → after`)]);
row(['---', ...sizes.map(() => '---:')]);
for (const c of cases) {
  const [drift, ...rest] = c.split(':');
  const neighbourhood = rest.join(':');
  const cells = [c];
  for (const S of sizes) {
    const a = update(before, drift, neighbourhood, S);
    const b = update(after, drift, neighbourhood, S);
    for (let i = 0; i < 3; i++) {
      a();
      b();
    }
    const ta = [];
    const tb = [];
    const start = performance.now();
    while (ta.length < 2000 && (ta.length < 15 || performance.now() - start < 1500)) {
      let t = performance.now();
      a();
      ta.push(performance.now() - t);
      t = performance.now();
      b();
      tb.push(performance.now() - t);
    }
    const [ma, mb] = [median(ta), median(tb)];
    cells.push(`${micro(ma)} → ${micro(mb)} (×${(ma / mb).toFixed(2)})`);
  }
  row(cells);
}
