// The toolbar button's badge.
import { browser } from './api.ts';

export async function setBadge(tabId: number, text: string, colour: string, title: string): Promise<void> {
  try {
    await Promise.all([
      browser.action.setBadgeText({ tabId, text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: colour }),
      browser.action.setTitle({ tabId, title }),
    ]);
  } catch {
    // The tab closed while we were updating it: nothing to show any more.
  }
}
