import assert from "node:assert/strict";
import { tasks } from "@/lib/tasks/task_store.ts";
import { api, sessions } from "./helpers/api_client.ts";
import { pageAs, withoutScripts } from "./helpers/pages.ts";
import { withApp } from "./helpers/test_app.ts";

Deno.test("record pages - the conversation renders with the page, comments and all", () =>
  withApp(
    async (app) => {
      const s = await sessions(app);
      const task = (await tasks.list(app.services.kv)).find((t) =>
        t.assigneeId === s.crew.id
      )!;
      await api(app, s.producer).post("/api/p/northern-lights/comments", {
        record: `task:${task.id}`,
        body: "Is the van booked, @crew?",
      });
      const { status, html } = await pageAs(
        app,
        "crew",
        `/p/northern-lights/tasks/${task.id}`,
      );
      assert.equal(status, 200);
      const shown = withoutScripts(html);
      assert.match(shown, /data-comments="task:[^"]+"/);
      assert.match(shown, /Conversation/);
      assert.match(
        shown,
        /Is the van booked, <strong class="mention">@crew<\/strong>\?/,
      );
      assert.match(
        shown,
        /<label for="thread-task-[^"]+-field">Add a comment<\/label>/,
      );
    },
    {},
    { moduleData: true },
  ));
