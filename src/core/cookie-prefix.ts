// The cookie name prefixes (RFC 6265bis, "Cookie Name Prefixes"): a `__Secure-` cookie must be
// Secure; a `__Host-` cookie must be Secure, host-only (no Domain) and on the path `/`. Browsers
// hold pages to this, but Chromium's extension cookies API stores such a cookie anyway, so Cookie
// Lens checks it before writing one from the edit and add forms.

export type PrefixProblem = 'host-prefix' | 'secure-prefix';

export function prefixProblem(cookie: { readonly name: string; readonly secure: boolean; readonly hostOnly: boolean; readonly path: string }): PrefixProblem | null {
  // Browsers match the prefixes without regard to case.
  const lower = cookie.name.toLowerCase();
  if (lower.startsWith('__host-')) return cookie.secure && cookie.hostOnly && cookie.path === '/' ? null : 'host-prefix';
  if (lower.startsWith('__secure-')) return cookie.secure ? null : 'secure-prefix';
  return null;
}
