/**
 * Demo budget for the sample production ("Northern Lights", EUR): a top
 * sheet of 13 categories and their expenses from prep through the shoot,
 * February–April 2027. Camera runs hot (≈90 %), nothing is over budget.
 *
 * @module
 */
import { transact } from "@/lib/store/transaction.ts";
import { categories, expenses } from "./budget_store.ts";
import { sumCents } from "./money.ts";
import type { Section } from "./schemas.ts";

/** One expense of the plan: [date, vendor, description, amount in cents]. */
type PlannedExpense = [
  date: string,
  vendor: string,
  description: string,
  cents: number,
];

interface PlannedCategory {
  code: string;
  name: string;
  section: Section;
  allocatedCents: number;
  expenses: PlannedExpense[];
}

// Amounts are written in cents (1_234_56 = €1,234.56) so no float is ever
// converted; the grouping shows the euros. One expense a line, as a table.
// deno-fmt-ignore
const PLAN: PlannedCategory[] = [
  {
    code: "1100",
    name: "Story & Rights",
    section: "above_the_line",
    allocatedCents: 180_000_00,
    expenses: [
      ["2027-02-01", "Hollow Pine Literary Agency", "Option exercise — novel rights, 'Northern Lights'", 60_000_00],
      ["2027-02-03", "Ruth Adeyemi", "Screenplay — production draft fee", 42_500_00],
      ["2027-02-10", "Brandt & Koenig Rechtsanwälte", "Chain-of-title review and E&O clearance", 6_480_00],
      ["2027-02-24", "Ruth Adeyemi", "Polish — revised blue pages", 12_000_00],
      ["2027-03-02", "Scriptclear Research", "Script clearance report", 2_350_00],
    ],
  },
  {
    code: "1200",
    name: "Producers",
    section: "above_the_line",
    allocatedCents: 320_000_00,
    expenses: [
      ["2027-02-01", "Aurora Pictures GmbH", "Producer fee — 1st installment (prep)", 80_000_00],
      ["2027-02-15", "Lena Fischer", "Line producer — prep weeks 1–3", 14_400_00],
      ["2027-02-19", "Lufthansa", "Recce flights Berlin–Tromsø, 3 travellers", 2_186_40],
      ["2027-03-01", "Aurora Pictures GmbH", "Producer fee — 2nd installment (first day of photography)", 80_000_00],
      ["2027-03-15", "Lena Fischer", "Line producer — shoot weeks 1–3", 14_400_00],
    ],
  },
  {
    code: "1300",
    name: "Director",
    section: "above_the_line",
    allocatedCents: 275_000_00,
    expenses: [
      ["2027-02-01", "Kowalski Film Ltd.", "Director fee — prep installment", 68_750_00],
      ["2027-02-08", "Mia Sørensen", "Director's assistant — February", 4_800_00],
      ["2027-02-22", "Hotel Arctic Tromsø", "Director's recce accommodation, 6 nights", 1_314_60],
      ["2027-03-01", "Kowalski Film Ltd.", "Director fee — shoot installment", 68_750_00],
      ["2027-03-08", "Mia Sørensen", "Director's assistant — March", 4_800_00],
    ],
  },
  {
    code: "1400",
    name: "Cast",
    section: "above_the_line",
    allocatedCents: 640_000_00,
    expenses: [
      ["2027-02-05", "Holm Casting", "Casting director — flat fee", 24_000_00],
      ["2027-02-12", "CAA (for Elin Vos)", "Lead — pay-or-play guarantee, 1st half", 150_000_00],
      ["2027-03-05", "United Agents (for Jonah Reed)", "Supporting lead — fee", 85_000_00],
      ["2027-03-12", "Cast & Crew Payroll", "Day players — weeks 1–2 (8 performers)", 18_640_00],
      ["2027-03-26", "Cast & Crew Payroll", "Day players — weeks 3–4 (6 performers)", 13_980_00],
      ["2027-04-09", "Nordlys Stunts AS", "Stunt coordinator and 3 stunt performers", 16_750_00],
    ],
  },
  {
    code: "2000",
    name: "Production Staff",
    section: "below_the_line",
    allocatedCents: 210_000_00,
    expenses: [
      ["2027-02-11", "Regus Tromsø", "Production office rent, February–April", 9_600_00],
      ["2027-02-15", "Cast & Crew Payroll", "Production office payroll, weeks 1–2", 18_425_80],
      ["2027-03-01", "Cast & Crew Payroll", "Production office payroll, weeks 3–4", 18_425_80],
      ["2027-03-15", "Cast & Crew Payroll", "Production office payroll, weeks 5–6", 21_960_00],
      ["2027-03-29", "Cast & Crew Payroll", "Production office payroll, weeks 7–8", 21_960_00],
      ["2027-04-12", "Cast & Crew Payroll", "Production office payroll, weeks 9–10", 21_960_00],
    ],
  },
  {
    code: "2200",
    name: "Art Department",
    section: "below_the_line",
    allocatedCents: 195_000_00,
    expenses: [
      ["2027-02-17", "Bauhaus Tromsø", "Set dressing hardware and timber", 3_482_17],
      ["2027-02-26", "Props Unlimited Berlin", "Period props rental — 1970s kitchen", 7_850_00],
      ["2027-03-04", "Nordic Scenic Studios", "Cabin interior build — labour and materials", 64_000_00],
      ["2027-03-11", "Farrow & Ball", "Paint — cabin and lighthouse sets", 1_926_35],
      ["2027-03-18", "Picture Vehicles Norway", "Picture car — 1978 Volvo 245, 12 shoot days", 4_200_00],
      ["2027-04-02", "Gjenbruk Antikk", "Lighthouse keeper's furniture, purchase", 2_745_00],
    ],
  },
  {
    code: "2300",
    name: "Camera",
    section: "below_the_line",
    allocatedCents: 185_000_00,
    expenses: [
      ["2027-02-22", "ARRI Rental Berlin", "Camera prep and lens tests, 3 days", 4_850_00],
      ["2027-03-01", "ARRI Rental Berlin", "Camera package weeks 1–2 — 2 × ALEXA 35, Signature Primes", 46_800_00],
      ["2027-03-08", "Vantage Film", "Anamorphic lenses — dream sequences", 9_350_00],
      ["2027-03-15", "ARRI Rental Berlin", "Camera package weeks 3–4", 46_800_00],
      ["2027-03-20", "Frame Store Media", "CFexpress cards and shuttle drives", 3_612_90],
      ["2027-03-29", "ARRI Rental Berlin", "Camera package weeks 5–6", 46_800_00],
      ["2027-04-05", "Skyline Aerials AS", "Drone unit — 2 days, coastline aerials", 7_900_00],
    ],
  },
  {
    code: "2500",
    name: "Grip & Electric",
    section: "below_the_line",
    allocatedCents: 160_000_00,
    expenses: [
      ["2027-02-26", "Nordic Lighting Rentals", "Lighting prep and 10-ton truck", 3_200_00],
      ["2027-03-01", "Nordic Lighting Rentals", "Lighting package — weeks 1–3", 31_500_00],
      ["2027-03-10", "Aggreko", "Generator 100 kVA — 3 weeks incl. fuel", 8_940_50],
      ["2027-03-17", "Grip Factory München", "Dolly and crane day — lighthouse exterior", 4_275_00],
      ["2027-03-22", "Nordic Lighting Rentals", "Lighting package — weeks 4–6", 31_500_00],
    ],
  },
  {
    code: "2800",
    name: "Locations",
    section: "below_the_line",
    allocatedCents: 240_000_00,
    expenses: [
      ["2027-02-09", "Tromsø Kommune", "Filming permits — harbour and old town", 1_850_00],
      ["2027-02-18", "Sommarøy Lighthouse Foundation", "Location fee — lighthouse, 9 days", 22_500_00],
      ["2027-03-03", "Kvaløya Cabins AS", "Location fee — cabin exterior, 12 days", 18_000_00],
      ["2027-03-03", "Scandic Ishavshotel", "Crew accommodation — March, 38 rooms", 61_740_00],
      ["2027-03-14", "Arctic Catering", "Unit catering — weeks 1–2", 16_425_60],
      ["2027-03-31", "Scandic Ishavshotel", "Crew accommodation — April", 44_210_00],
      ["2027-04-01", "Nordic Security AS", "Overnight location security — 3 weeks", 5_940_00],
    ],
  },
  {
    code: "4100",
    name: "Editorial",
    section: "post",
    allocatedCents: 140_000_00,
    expenses: [
      ["2027-02-25", "Avid Technology", "Media Composer licences and NEXIS storage", 6_380_00],
      ["2027-03-01", "Cutting Room Berlin", "Editor — weeks 1–4", 22_000_00],
      ["2027-03-01", "Cutting Room Berlin", "Assistant editor — weeks 1–8", 11_200_00],
      ["2027-03-29", "Cutting Room Berlin", "Editor — weeks 5–8", 22_000_00],
    ],
  },
  {
    code: "4400",
    name: "Music",
    section: "post",
    allocatedCents: 90_000_00,
    expenses: [
      ["2027-03-10", "Hildur Bjørk", "Composer fee — 1st installment", 20_000_00],
      ["2027-04-06", "Nordic Music Licensing", "Sync licence — 'Polar Night' (source cue)", 7_500_00],
      ["2027-04-20", "Teldex Studio Berlin", "Scoring session — strings pre-record", 9_850_00],
    ],
  },
  {
    code: "4500",
    name: "Visual Effects",
    section: "post",
    allocatedCents: 260_000_00,
    expenses: [
      ["2027-02-16", "Pixomondo", "VFX supervision — prep and on-set", 18_000_00],
      ["2027-03-09", "Lidar Norge AS", "LiDAR scan — lighthouse and cliffs", 5_600_00],
      ["2027-03-19", "Pixomondo", "Aurora sky replacement — milestone 1 (24 shots)", 42_000_00],
      ["2027-04-13", "Cinesite", "Previs — storm sequence", 12_500_00],
      ["2027-04-16", "Pixomondo", "Aurora sky replacement — milestone 2", 42_000_00],
    ],
  },
  {
    code: "6500",
    name: "Insurance",
    section: "other",
    allocatedCents: 72_000_00,
    expenses: [
      ["2027-02-01", "Hiscox", "Production package policy — premium", 36_500_00],
      ["2027-02-01", "Hiscox", "Errors & omissions policy — premium", 8_250_00],
      ["2027-02-12", "Film Finances Ltd.", "Completion bond fee — 1st installment", 9_600_00],
    ],
  },
];

/** Marks the demo budget as written, so a second start does not add it again. */
const SEEDED_KEY: Deno.KvKey = ["budget_seeded"];

/** Who the demo expenses are booked by. */
export interface SeedBudgetOptions {
  createdBy: { id: string; name: string };
}

/**
 * Writes the demo budget, one commit per category with its expenses so the
 * category's `spentCents` equals their sum in every committed state. Logs no
 * events: nobody is watching before the app starts. Returns false (writing
 * nothing) when a budget exists or was seeded already.
 */
export async function seedBudget(
  kv: Deno.Kv,
  options: SeedBudgetOptions,
): Promise<boolean> {
  for await (const _ of kv.list({ prefix: [categories.name] }, { limit: 1 })) {
    return false;
  }
  for (const [index, plan] of PLAN.entries()) {
    const { result } = await transact(kv, async (tx) => {
      if (index === 0) {
        // Checked: of two instances seeding at once, only one goes on.
        if ((await tx.get(SEEDED_KEY)).value !== null) return false;
        tx.set(SEEDED_KEY, new Date().toISOString());
      }
      const category = await categories.insert(tx, {
        code: plan.code,
        name: plan.name,
        section: plan.section,
        allocatedCents: plan.allocatedCents,
        spentCents: sumCents(plan.expenses.map(([, , , cents]) => cents)),
        expenseCount: plan.expenses.length,
      });
      for (const [date, vendor, description, amountCents] of plan.expenses) {
        await expenses.insert(tx, {
          categoryId: category.id,
          amountCents,
          description,
          vendor,
          date,
          createdBy: options.createdBy.id,
          createdByName: options.createdBy.name,
        });
      }
      return true;
    });
    if (!result) return false;
  }
  return true;
}
