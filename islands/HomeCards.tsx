import { useSignal } from "@preact/signals";
import { useEffect } from "preact/hooks";
import { send } from "@/components/api.ts";
import { ProductionCard } from "@/components/home/ProductionCard.tsx";
import type { HomeCard } from "@/lib/production/shared.ts";
import { getRealtimeClient } from "@/realtime/client.ts";

/**
 * The home page's production cards, kept live over the home socket: a
 * change in a production reads its card again, a change of the user's
 * memberships (added to a production, removed, a new role) reads the list
 * again, and so does a reconnect.
 */
export default function HomeCards(props: { initial: HomeCard[] }) {
  const cards = useSignal(props.initial);
  useEffect(() => {
    const client = getRealtimeClient();
    const reloadAll = async () => {
      try {
        cards.value = await send<HomeCard[]>("GET", "/api/home");
      } catch {
        // Keep what is shown; the next hint reads again.
      }
    };
    const reloadOne = async (id: string) => {
      try {
        const card = await send<HomeCard>(
          "GET",
          `/api/productions/${encodeURIComponent(id)}/summary`,
        );
        cards.value = cards.value.map((c) => c.id === id ? card : c);
      } catch {
        await reloadAll();
      }
    };
    // Hints missed while the socket was away: read everything again each
    // time it comes back (not on the first connect: the page is fresh).
    let online = false;
    let connectedBefore = false;
    const stopState = client.state.subscribe((state) => {
      const now = state.status === "online";
      if (now && !online && connectedBefore) reloadAll();
      if (now) connectedBefore = true;
      online = now;
    });
    const stopHome = client.onHome(({ productionId, memberships }) => {
      if (memberships || !cards.value.some((c) => c.id === productionId)) {
        reloadAll();
      } else reloadOne(productionId);
    });
    return () => {
      stopState();
      stopHome();
    };
  }, []);
  if (cards.value.length === 0) {
    return (
      <div class="empty-state" data-home-empty>
        <p class="empty-title">You are not in any production yet</p>
        <p>
          When a producer or production manager adds you to a production, it
          appears here at once.
        </p>
      </div>
    );
  }
  return (
    <div class="card-grid production-cards" aria-live="polite">
      {cards.value.map((card) => <ProductionCard key={card.id} card={card} />)}
    </div>
  );
}
