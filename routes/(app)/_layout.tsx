import { Shell } from "../../components/Shell.tsx";
import { define } from "../../lib/state.ts";

export default define.layout(function AppLayout({ Component, state, url }) {
  return (
    <Shell user={state.user!} path={url.pathname}>
      <Component />
    </Shell>
  );
});
