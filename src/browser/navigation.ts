// Top-level navigations: the moment a page of a site commits is when its rule is enforced.
import { browser } from './api.ts';

/** Fires before the request of a top-level navigation is sent: the earliest moment to act. */
export function onTopLevelBeforeNavigate(listener: (tabId: number, url: string) => void): void {
  browser.webNavigation.onBeforeNavigate.addListener((details) => {
    if (details.frameId === 0) listener(details.tabId, details.url);
  });
}

export function onTopLevelCommitted(listener: (tabId: number, url: string) => void): void {
  browser.webNavigation.onCommitted.addListener((details) => {
    if (details.frameId === 0) listener(details.tabId, details.url);
  });
}

export function onTabRemoved(listener: (tabId: number) => void): void {
  browser.tabs.onRemoved.addListener((tabId) => listener(tabId));
}

export function onTopLevelCompleted(listener: (tabId: number, url: string) => void): void {
  browser.webNavigation.onCompleted.addListener((details) => {
    if (details.frameId === 0) listener(details.tabId, details.url);
  });
}
