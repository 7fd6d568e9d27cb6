import { describe, expect, test } from 'vitest';
import { escapeData, escapeProperty, onGitHubActions, violationAnnotations, workspacePath } from './githubActions.js';

describe('GitHub Actions annotations', () => {
  test('messages and properties are escaped as the runner expects', () => {
    expect(escapeData('50% done\nnext')).toBe('50%25 done%0Anext');
    expect(escapeProperty('lemma-2 on kl | kl-ball:0.05, x')).toBe('lemma-2 on kl | kl-ball%3A0.05%2C x');
  });

  const violation = (config: string) => ({
    claim: 'lemma-2',
    config,
    inequality: 'D ≥ 0',
    margin: -0.5,
    error: 1e-16,
    replay: `npx mirror-check replay ${config}.json`,
  });

  test('one ::error line per claim: file, title = claim on configuration, message = inequality, margin, replay', () => {
    const lines = violationAnnotations([violation('module:d.js | trivial')], 'drifts/d.js');
    expect(lines).toEqual([
      '::error file=drifts/d.js,title=lemma-2 on module%3Ad.js | trivial::D ≥ 0 is violated: margin -0.5 beyond the ' +
        'certified error 1e-16%0Areplay: npx mirror-check replay module:d.js | trivial.json',
    ]);
  });

  test('a claim violated on many configurations is one annotation that counts the others (GitHub shows 10 per step)', () => {
    const lines = violationAnnotations([
      violation('a'),
      violation('b'),
      violation('c'),
      { ...violation('x'), claim: 'theorem-1.1' },
    ]);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::error title=lemma-2 on a \(and 2 more configurations\)::/);
    expect(lines[1]).toMatch(/^::error title=theorem-1.1 on x::/);
  });

  test('the file is relative to the workspace, with forward slashes', () => {
    expect(workspacePath('/repo/drifts/d.js', { GITHUB_WORKSPACE: '/repo' })).toBe('drifts/d.js');
  });

  test('only under GITHUB_ACTIONS=true', () => {
    expect(onGitHubActions({ GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(onGitHubActions({})).toBe(false);
  });
});
