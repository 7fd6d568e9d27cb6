import { describe, expect, test } from 'vitest';
import { canonicalDrift } from '../../mirror/drifts/drift.js';
import { parseDriftSpec } from '../../mirror/drifts/driftRegistry.js';
import { asInteriorOnly } from '../gate/interiorOnly.js';
import { INVALID_DRIFTS } from './teeth.js';

describe('the teeth’s drifts', () => {
  test('have the engine’s one drift shape (canonicalDrift), as the gate’s interior-only copies do', () => {
    const shape = Object.keys(canonicalDrift({ name: 'x', value: () => 0 }));
    for (const drift of Object.values(INVALID_DRIFTS)) expect(Object.keys(drift)).toEqual(shape);
    expect(Object.keys(asInteriorOnly(parseDriftSpec('kl')))).toEqual(shape);
  });
});
