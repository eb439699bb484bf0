import LinkPanel from "@/islands/LinkPanel.tsx";
import type { RecordLinks } from "@/lib/links/shared.ts";
import type { RecordRef } from "@/lib/records/shared.ts";

/**
 * What every record page shows below the record itself: its links both
 * ways and its conversation. Pages load the props with
 * `recordPanels(ctx, ref)` (server/record_panels.ts).
 */
export function RecordPanels(
  { record, links }: { record: RecordRef; links: RecordLinks | null },
) {
  return (
    <div class="record-panels">
      {links !== null && <LinkPanel record={record} initial={links} />}
      {
        /*
         * CONVERSATION: the record's comments island goes here, beside the
         * links — <CommentThread record={record} … /> (lib/comments).
         */
      }
    </div>
  );
}
