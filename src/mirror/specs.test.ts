import { describe, expect, test } from 'vitest';
import { INSTANCE_KINDS, parseInstanceSpec } from './instances.js';
import fc from 'fast-check';
import { neighbourhoodArbitrary } from './neighbourhoods/neighbourhoodArbitrary.js';
import { parseNeighbourhoodSpec } from './neighbourhoods/neighbourhoodSpec.js';
import { parseNuSpec } from './nu.js';
import { parseSamplingSpec } from './sampling.js';

describe('neighbourhood specs', () => {
  test('trivial, expected balls, state balls and intersections', () => {
    expect(parseNeighbourhoodSpec('trivial').balls).toEqual([]);
    const kl = parseNeighbourhoodSpec('kl-ball:0.05');
    expect(kl.balls).toMatchObject([{ kind: 'expected-ball', radius: 0.05, weighting: 'sampling' }]);
    expect(parseNeighbourhoodSpec('drift-ball:0.1:visitation').balls).toMatchObject([
      { kind: 'expected-ball', divergence: 'drift', weighting: 'visitation' },
    ]);
    expect(parseNeighbourhoodSpec('l2-state-ball:0.2').balls).toMatchObject([{ kind: 'state-ball', radius: 0.2 }]);
    expect(parseNeighbourhoodSpec('kl-ball:0.05+tv2-state-ball:0.1').balls).toHaveLength(2);
  });
  test.each([
    ['ball:0.1', /--neighbourhood: unknown neighbourhood "ball:0.1"/],
    ['kl-ball', /--neighbourhood: "kl-ball" needs a radius/],
    ['kl-ball:0', /radius 0 must be > 0 \(Definition 2 needs a ball around π\)/],
    ['kl-ball:x', /"x" is not a finite number/],
    ['foo-ball:0.1', /unknown divergence "foo"/],
    ['ppo-ball:0.1', /unknown divergence "ppo"/],
    ['kl-ball:0.1:everywhere', /weighting "everywhere" must be sampling or visitation/],
    ['kl-state-ball:0.1:visitation', /a state ball takes no weighting/],
  ])('rejects %s', (spec, message) => {
    expect(() => parseNeighbourhoodSpec(spec)).toThrow(message);
  });
});

describe('sampling and nu specs', () => {
  test('sampling', () => {
    expect(parseSamplingSpec('uniform')).toEqual({ kind: 'uniform' });
    expect(parseSamplingSpec('off-policy')).toEqual({ kind: 'off-policy' });
    const fixed = parseSamplingSpec('fixed:1,3');
    expect(fixed.kind === 'fixed' && Array.from(fixed.weights)).toEqual([0.25, 0.75]);
    expect(() => parseSamplingSpec('fixed:1,0')).toThrow(
      /--sampling: "fixed:1,0": weight 1 = "0" must be a number > 0 \(β needs full support\)/,
    );
    expect(() => parseSamplingSpec('often')).toThrow(/--sampling: unknown sampling "often"/);
  });
  test('nu', () => {
    expect(parseNuSpec('max-state')).toBe('max-state');
    expect(() => parseNuSpec('dirac')).toThrow(/--nu: unknown nu "dirac"/);
  });
});

describe('instances (Kuba et al. 2022, Section 4 and Appendix D)', () => {
  test.each(INSTANCE_KINDS.map((k) => k.name))('%s parses with its default parameter', (name) => {
    const config = parseInstanceSpec(name);
    expect(config.name).toContain(name);
  });
  test('the table of instances (Appendix D)', () => {
    expect(parseInstanceSpec('gpi')).toMatchObject({
      nu: 'sampling',
      sampling: { kind: 'uniform' },
      neighbourhood: { balls: [] },
    });
    expect(parseInstanceSpec('trl')).toMatchObject({ nu: 'max-state', sampling: { kind: 'visitation' } });
    expect(parseInstanceSpec('trpo:0.02').neighbourhood.balls).toMatchObject([
      { kind: 'expected-ball', radius: 0.02, weighting: 'visitation' },
    ]);
    expect(parseInstanceSpec('ppo')).toMatchObject({ nu: 'visitation', sampling: { kind: 'visitation' } });
    expect(parseInstanceSpec('ppo-kl:3').drift.name).toBe('kl:3');
    expect(parseInstanceSpec('mdpo:0.5').drift.name).toBe('rkl:2');
    expect(parseInstanceSpec('mdpo-off')).toMatchObject({ sampling: { kind: 'off-policy' } });
    expect(() => parseInstanceSpec('sac')).toThrow(/--instance: unknown instance "sac"/);
    expect(() => parseInstanceSpec('trpo:-1')).toThrow(/trust-region radius δ must be > 0/);
  });
});

describe('random neighbourhoods', () => {
  test('have positive radii and names that parse back to the same balls', () => {
    const kinds = new Set<string>();
    fc.assert(
      fc.property(neighbourhoodArbitrary(), (n) => {
        kinds.add(n.balls.length === 0 ? 'trivial' : n.balls.map((b) => b.kind).join('+'));
        for (const b of n.balls) expect(b.radius).toBeGreaterThan(0);
        const again = parseNeighbourhoodSpec(n.name);
        expect(again.balls.map((b) => [b.kind, b.radius])).toEqual(n.balls.map((b) => [b.kind, b.radius]));
      }),
      { numRuns: 200 },
    );
    expect(kinds).toContain('trivial');
    expect(kinds).toContain('expected-ball');
    expect(kinds).toContain('state-ball');
    expect([...kinds].some((k) => k.includes('+'))).toBe(true);
  });
});
