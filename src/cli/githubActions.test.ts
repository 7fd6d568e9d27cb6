import { describe, expect, test } from 'vitest';
import { errorAnnotation, escapeData, escapeProperty, onGitHubActions, violationAnnotation } from './githubActions.js';

describe('GitHub Actions annotations', () => {
  test('messages and properties are escaped as the runner expects', () => {
    expect(escapeData('50% done\nnext')).toBe('50%25 done%0Anext');
    expect(escapeProperty('lemma-2 on kl | kl-ball:0.05, x')).toBe('lemma-2 on kl | kl-ball%3A0.05%2C x');
  });

  test('one ::error line per violation: file, title = claim on configuration, message = inequality, margin, replay', () => {
    const a = violationAnnotation(
      {
        claim: 'lemma-2',
        config: 'module:d.js | trivial',
        inequality: 'D ≥ 0',
        margin: -0.5,
        error: 1e-16,
        replay: 'npx mirror-check replay r.json',
      },
      'drifts/d.js',
    );
    expect(errorAnnotation(a)).toBe(
      '::error file=drifts/d.js,title=lemma-2 on module%3Ad.js | trivial::D ≥ 0 is violated: margin -0.5 beyond the ' +
        'certified error 1e-16%0Areplay: npx mirror-check replay r.json',
    );
    expect(errorAnnotation(a).split('\n')).toHaveLength(1);
  });

  test('only under GITHUB_ACTIONS=true', () => {
    expect(onGitHubActions({ GITHUB_ACTIONS: 'true' })).toBe(true);
    expect(onGitHubActions({})).toBe(false);
  });
});
