/** Options for `new App(config)`. */
export interface FreshConfig {
  /** A path prefix the app is served under, e.g. `/app`. */
  basePath?: string;
  /** `"production"` or `"development"`; defaults from the environment. */
  mode?: "development" | "production";
}

/** The configuration after defaults are applied (`app.config`). */
export interface ResolvedFreshConfig {
  /** Project root: the folder of the entry module. */
  root: string;
  /** Path prefix, `""` when none. */
  basePath: string;
  /** Build and run mode. */
  mode: "development" | "production";
}

/** Applies defaults to a user config. */
export function resolveConfig(config: FreshConfig = {}): ResolvedFreshConfig {
  return {
    root: Deno.cwd(),
    basePath: config.basePath?.replace(/\/$/, "") ?? "",
    mode: config.mode ?? "production",
  };
}
