// No zod here: islands import role names and labels into the browser.

/** Every role, by wire name (DESIGN §3). */
export const ROLES = [
  "producer",
  "production_manager",
  "director",
  "crew",
  "vfx",
  "distribution_manager",
] as const;

/** A user's role. */
export type Role = typeof ROLES[number];

/** "Management": producer, production manager and director. */
export const MANAGEMENT: readonly Role[] = [
  "producer",
  "production_manager",
  "director",
];

/** Human labels for roles, for the UI. */
export const ROLE_LABELS: Record<Role, string> = {
  producer: "Producer",
  production_manager: "Production manager",
  director: "Director",
  crew: "Crew",
  vfx: "VFX",
  distribution_manager: "Distribution manager",
};
