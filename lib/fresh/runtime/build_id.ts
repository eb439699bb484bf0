let buildId = "";

/** The current build id (server: set per render; browser: set by boot). */
export function getBuildId(): string {
  return buildId;
}

/** Records the build id; the framework calls this, apps do not. */
export function setBuildId(id: string): void {
  buildId = id;
}
