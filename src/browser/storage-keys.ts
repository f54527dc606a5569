// Where Cookie Lens keeps things in storage.local and storage.session.
export const STORE_KEY = 'cookieLens';
export const VERIFY_KEY = 'verification';
/** The parsed managed policy, shared by the background with the pages (see background/settings.ts). */
export const POLICY_KEY = 'managedPolicy';
/** The popup's layout preferences (src/storage/view-prefs.ts). */
export const VIEW_KEY = 'popupView';
