import type { Scene, SceneElement } from "@/lib/script/shared.ts";
import { sceneNumber } from "./model.ts";

/** One screenplay element in the reading view's classes. */
function Element({ element }: { element: SceneElement }) {
  switch (element.type) {
    case "scene_heading":
      return <p class="sp-heading">{element.text}</p>;
    case "action":
      return (
        <p class={element.centered ? "sp-action sp-centered" : "sp-action"}>
          {element.text}
        </p>
      );
    case "character":
      return (
        <p class={element.dual ? "sp-character sp-dual" : "sp-character"}>
          {element.name}
          {element.extension && ` ${
            element.extension.startsWith("(")
              ? element.extension
              : `(${element.extension})`
          }`}
        </p>
      );
    case "parenthetical":
      return <p class="sp-parenthetical">{element.text}</p>;
    case "dialogue":
      return <p class="sp-dialogue">{element.text}</p>;
    case "transition":
      return <p class="sp-transition">{element.text}</p>;
    case "lyrics":
      return <p class="sp-lyrics">{element.text}</p>;
    case "page_break":
      return <hr class="sp-page-break" aria-label="Page break" />;
  }
}

/** A scene's body as a screenplay: heading (linked), then its elements. */
export function ScreenplayScene(
  { scene, href }: { scene: Scene; href?: string },
) {
  const number = sceneNumber(scene);
  return (
    <section
      class={`sp-scene${scene.change === "removed" ? " is-removed" : ""}`}
      id={`scene-${scene.id}`}
      aria-label={`Scene ${number}`}
    >
      <h3 class="sp-heading">
        <span class="sp-number" aria-hidden="true">{number}</span>
        {href ? <a href={href}>{scene.heading}</a> : scene.heading}
        <span class="sp-number" aria-hidden="true">{number}</span>
      </h3>
      {scene.text.map((element, i) => <Element key={i} element={element} />)}
    </section>
  );
}

/** The formatted screenplay: a monospace, page-like column. */
export function Screenplay(
  { scenes, hrefOf, title }: {
    scenes: Scene[];
    hrefOf?: (scene: Scene) => string;
    title?: string;
  },
) {
  return (
    <article class="screenplay" aria-label={title ?? "Screenplay"}>
      {
        /* The title is the outline level between the page's h1 and the
          scene headings (h3). */
      }
      {title && <h2 class="sp-title">{title}</h2>}
      {scenes.map((scene) => (
        <ScreenplayScene scene={scene} href={hrefOf?.(scene)} />
      ))}
    </article>
  );
}
