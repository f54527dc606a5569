import { describe, expect, it } from 'vitest';
import { prefixProblem } from '../../../src/core/cookie-prefix.ts';

const ok = { secure: true, hostOnly: true, path: '/' };

describe('prefixProblem', () => {
  it('holds __Host- cookies to Secure, no Domain and path /', () => {
    expect(prefixProblem({ name: '__Host-a', ...ok })).toBeNull();
    expect(prefixProblem({ name: '__Host-a', ...ok, hostOnly: false })).toBe('host-prefix');
    expect(prefixProblem({ name: '__Host-a', ...ok, secure: false })).toBe('host-prefix');
    expect(prefixProblem({ name: '__Host-a', ...ok, path: '/app' })).toBe('host-prefix');
    expect(prefixProblem({ name: '__HOST-a', ...ok, hostOnly: false })).toBe('host-prefix');
  });

  it('holds __Secure- cookies to Secure only, and leaves other names alone', () => {
    expect(prefixProblem({ name: '__Secure-a', secure: true, hostOnly: false, path: '/x' })).toBeNull();
    expect(prefixProblem({ name: '__secure-a', secure: false, hostOnly: true, path: '/' })).toBe('secure-prefix');
    expect(prefixProblem({ name: '_Host-a', secure: false, hostOnly: false, path: '/x' })).toBeNull();
  });
});
