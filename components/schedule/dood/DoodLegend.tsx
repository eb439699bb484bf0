import { DOOD_CODE_LABELS } from "@/lib/schedule/shared.ts";
import { codeClass, LEGEND_CODES } from "./model.ts";

/** What each day-out-of-days code means, as the printed report's legend. */
export function DoodLegend() {
  return (
    <dl class="dood-legend" aria-label="Codes">
      {LEGEND_CODES.map((code) => (
        <div key={code} class="dood-legend-item">
          <dt class={`dood-code ${codeClass(code)}`}>{code}</dt>
          <dd>{DOOD_CODE_LABELS[code]}</dd>
        </div>
      ))}
    </dl>
  );
}
