import type { ComponentChildren } from "preact";
import { can, canOpen } from "@/lib/policy.ts";
import type { Role } from "@/lib/roles.ts";

/** The schedule's pages, as tabs under its header. */
export type ScheduleTab = "board" | "dood" | "versions" | "settings";

interface Props {
  /** The production's base path: `/p/<slug>`. */
  base: string;
  current: ScheduleTab;
  role: Role;
  /** An extra class for the header. */
  class?: string;
  /** What the page says under its heading. */
  children?: ComponentChildren;
}

/** Every schedule page's heading, with the tabs between its pages. */
export function ScheduleHeader({ children, ...props }: Props) {
  return (
    <>
      <header class={`page-header ${props.class ?? ""}`.trim()}>
        <h1>Schedule</h1>
        {children}
      </header>
      <ScheduleTabs {...props} />
    </>
  );
}

/**
 * The tabs of the schedule: the stripboard, the day out of days, saved
 * versions, and (for who may edit) the calendar and settings. Call sheets
 * have their own sidebar entry (crew reach them without the schedule).
 */
function ScheduleTabs({ base, current, role }: Props) {
  const tabs: { id: ScheduleTab; href: string; label: string }[] = [
    { id: "board", href: `${base}/schedule`, label: "Stripboard" },
    { id: "dood", href: `${base}/schedule/dood`, label: "Day out of days" },
    { id: "versions", href: `${base}/schedule/versions`, label: "Versions" },
  ];
  if (can({ id: "", role }, "schedule", "edit")) {
    tabs.push({
      id: "settings",
      href: `${base}/schedule/settings`,
      label: "Calendar & settings",
    });
  }
  return (
    <nav class="schedule-tabs" aria-label="Schedule">
      {tabs.map((t) => (
        <a
          key={t.id}
          href={t.href}
          class="schedule-tab"
          aria-current={t.id === current ? "page" : undefined}
        >
          {t.label}
        </a>
      ))}
      {canOpen(role, "callsheets") && (
        <a href={`${base}/callsheets`} class="schedule-tab">Call sheets</a>
      )}
    </nav>
  );
}
