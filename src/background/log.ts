// Background errors are logged with what was being done; nothing is swallowed silently.
export function logError(doing: string, error: unknown): void {
  console.error(`Cookie Lens: error while ${doing}:`, error);
}
