import CommentThread from "@/islands/CommentThread.tsx";
import LinkPanel from "@/islands/LinkPanel.tsx";
import RecordFlags from "@/islands/RecordFlags.tsx";
import type { RecordLinks } from "@/lib/links/shared.ts";
import type { RecordRef } from "@/lib/records/shared.ts";
import type { CommentPanel } from "@/lib/comments/shared.ts";
import type { FlagView } from "@/lib/ripple/shared.ts";

/**
 * What every record page shows below the record itself: its open
 * script-change flags (live, until resolved), its links both ways and its
 * conversation. Pages load the props with
 * `recordPanels(ctx, ref)` (server/record_panels.ts).
 */
export function RecordPanels(
  { record, flags = [], links, comments = null }: {
    record: RecordRef;
    flags?: FlagView[];
    links: RecordLinks | null;
    comments?: CommentPanel | null;
  },
) {
  return (
    <div class="record-panels">
      <RecordFlags record={record} initial={flags} />
      {links !== null && <LinkPanel record={record} initial={links} />}
      {comments !== null && (
        <CommentThread
          record={record}
          initial={comments.thread}
          viewerId={comments.viewerId}
          moderator={comments.moderator}
          timeZone={comments.timeZone}
        />
      )}
    </div>
  );
}
