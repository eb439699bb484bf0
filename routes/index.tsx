import { page } from "fresh";
import { Shell } from "@/components/Shell.tsx";
import HomeCards from "@/islands/HomeCards.tsx";
import { homeCards } from "@/lib/production/home_card.ts";
import type { HomeCard } from "@/lib/production/shared.ts";
import { define } from "@/server/state.ts";
import { studioContextOf } from "@/server/studio_context.ts";

interface HomeData {
  cards: HomeCard[];
}

export const handler = define.handlers({
  /** The signed-in account's home; signed out, the login page. */
  async GET(ctx) {
    if (ctx.state.account === null) return ctx.redirect("/login", 303);
    const cards = await homeCards(studioContextOf(ctx));
    return page<HomeData>({ cards });
  },
});

/**
 * The home page (`/`): every production the user is a member of, as a card
 * with what waits for them there, live over the home socket.
 */
export default define.page<typeof handler>(function Home({ data, state }) {
  const account = state.account!;
  return (
    <Shell
      user={account}
      path="/"
      productions={data.cards.map((c) => ({ title: c.title, slug: c.slug }))}
    >
      <header class="page-header home-header">
        <h1>Your productions</h1>
        <p class="muted">
          Welcome,{" "}
          {account.name}. What waits for you in each production you work on.
        </p>
        {account.admin && (
          <p>
            <a class="button button-quiet" href="/admin">Studio admin</a>
          </p>
        )}
      </header>
      <HomeCards initial={data.cards} />
    </Shell>
  );
});
