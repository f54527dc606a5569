// One-shot runtime messages between extension pages and the background.
import type { Api, MessageName, Reply, Request } from '../protocol/messages.ts';
import { browser, type Runtime } from './api.ts';

/** Sends a typed request to the background and resolves with its typed reply. */
export async function sendRequest<K extends MessageName>(type: K, payload: Api[K]['req']): Promise<Reply<K>> {
  try {
    // The background answers every request with a Reply of the matching type (see serveRequests).
    return (await browser.runtime.sendMessage({ type, payload })) as Reply<K>;
  } catch (error) {
    return { ok: false, error: { code: 'internal', detail: error instanceof Error ? error.message : String(error) } };
  }
}

/**
 * Installs the background's one message listener. `parse` (src/protocol/messages.ts parseRequest)
 * checks each message; unknown or malformed ones get a bad-request reply.
 */
export function serveRequests(parse: (message: unknown) => Request | null, handle: (request: Request) => Promise<Reply<MessageName>>): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    // Only our own pages may ask; content scripts of web pages never send to us.
    if (sender.id !== browser.runtime.id || sender.tab?.url?.startsWith('http') === true) return undefined;
    const request = parse(message);
    if (request === null) return Promise.resolve({ ok: false, error: { code: 'bad-request', detail: 'malformed message' } });
    return handle(request);
  });
}
