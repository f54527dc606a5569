// Parsing of HTTP `Cookie` and `Set-Cookie` header values, as browsers read them (RFC 6265
// section 5.2 and 5.4): lenient, never throwing, keeping whatever names and values they carry.

export interface HeaderCookie {
  readonly name: string;
  readonly value: string;
}

export interface SetCookie extends HeaderCookie {
  /** The Domain attribute with its leading dot (`.example.com`), when the header has one. */
  readonly domain?: string;
}

const COOKIE_PREFIX = /^\s*cookie\s*:/i;

/** One `name=value` pair. Without `=` a browser takes the whole text as the value of an unnamed cookie. */
function splitPair(pair: string): HeaderCookie {
  const equals = pair.indexOf('=');
  return equals === -1 ? { name: '', value: pair.trim() } : { name: pair.slice(0, equals).trim(), value: pair.slice(equals + 1).trim() };
}

/** The cookies of a `Cookie` request header; a leading `Cookie:` (pasted from dev tools) is allowed. */
export function parseCookieHeader(header: string): HeaderCookie[] {
  const cookies: HeaderCookie[] = [];
  for (const pair of header.replace(COOKIE_PREFIX, '').split(';')) {
    if (pair.trim().length === 0) continue;
    cookies.push(splitPair(pair));
  }
  return cookies;
}

/** One `Set-Cookie` header value; undefined when it holds no cookie at all. */
export function parseSetCookie(header: string): SetCookie | undefined {
  const [pair = '', ...attributes] = header.split(';');
  if (pair.trim().length === 0) return undefined;
  const cookie = splitPair(pair);
  let domain: string | undefined;
  for (const attribute of attributes) {
    const equals = attribute.indexOf('=');
    if (equals === -1 || attribute.slice(0, equals).trim().toLowerCase() !== 'domain') continue;
    // As browsers do: a leading dot is ignored, an empty Domain means none, the last one wins.
    const bare = attribute.slice(equals + 1).trim().replace(/^\.+/, '').toLowerCase();
    domain = bare.length === 0 ? undefined : `.${bare}`;
  }
  return domain === undefined ? cookie : { ...cookie, domain };
}
