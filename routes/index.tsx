import { AppShell } from "../components/AppShell.tsx";
import { define } from "../lib/state.ts";

export default define.page(function Home() {
  return (
    <AppShell title="Production overview">
      <p class="lede">
        Tasks, budget, script breakdown, VFX shots and files for the whole crew,
        live in every browser.
      </p>
      <p>
        Sign-in and the live modules arrive with the next releases; this page is
        served by the framework foundation.
      </p>
    </AppShell>
  );
});
