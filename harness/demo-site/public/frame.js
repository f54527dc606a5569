// @ts-check
// The embedded widget's script: like a chat frame, it keeps a visitor id in a partitioned
// cookie (CHIPS), so the id is tied to the site that embeds it.
(() => {
  const existing = document.cookie.split('; ').find((entry) => entry.startsWith('messagesUtk='));
  let visitorId = existing?.slice('messagesUtk='.length) ?? '';
  if (!/^[0-9a-f]{32}$/.test(visitorId)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    visitorId = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
    const expires = new Date(Date.now() + 180 * 24 * 60 * 60 * 1000).toUTCString();
    document.cookie = `messagesUtk=${visitorId}; expires=${expires}; path=/; Secure; SameSite=None; Partitioned`;
  }
  document.body.dataset['visitorId'] = visitorId;
  document.body.dataset['ready'] = '1';
})();
