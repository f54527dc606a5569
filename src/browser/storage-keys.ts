// Where Cookie Lens keeps things in storage.local and storage.session.
export const STORE_KEY = 'cookieLens';
/** The counts behind "is my choice holding?" (their schema: src/storage/evidence.ts). */
export const EVIDENCE_KEY = 'cookieLensEvidence';
/** The parsed managed policy, shared by the background with the pages (see background/settings.ts). */
export const POLICY_KEY = 'managedPolicy';
/** The popup's layout preferences (src/storage/view-prefs.ts). */
export const VIEW_KEY = 'popupView';
/** Ids of the undo snapshots restored this browser session, so a repeated undo is told from an unknown one. */
export const RESTORED_SNAPSHOTS_KEY = 'restoredSnapshots';
/** The tabs of sites marked "clean up when I close its last tab" (src/storage/cleanup-session.ts). */
export const CLEAN_UP_TABS_KEY = 'cleanUpTabs';
/** What the last clean-up of each site removed, for its popup (src/storage/cleanup-session.ts). */
export const CLEAN_UP_NOTICES_KEY = 'cleanUpNotices';
/** storage.session: set by the first worker start of a browser session (the session's clean-up of marked sites without tabs ran). */
export const CLEAN_UP_SESSION_KEY = 'cleanUpSessionStarted';
