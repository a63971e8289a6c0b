/**
 * The category mapping between the General Staff's daily tally (json keys) and Oryx's equipment
 * types (daily_count.csv, country Russia). Pure data plus lookups; the README is generated from it,
 * so the documentation cannot drift from what the adapter does.
 *
 * The rule behind every Oryx entry: an Oryx category may only be attached to a General Staff
 * category it is contained in, because the catalog turns the attachment into `GS total ≥ Oryx
 * floor` (directly, or via `whole ≥ Σ parts`). Where containment is doubtful the Oryx category
 * stays unmapped rather than creating a false conflict.
 */

export const METRIC_PREFIX = "losses."

export type OryxStatus = "destroyed" | "damaged" | "abandoned" | "captured"

/** Oryx's four statuses, in the order the metric parts are declared. */
export const ORYX_STATUSES: readonly OryxStatus[] = ["destroyed", "damaged", "abandoned", "captured"]

export interface GsCategory {
  /** The key in russia_losses_equipment.json. */
  readonly key: string
  readonly metric: string
  readonly title: string
  readonly note?: string
}

export interface OryxCategory {
  /** Oryx equipment_type spellings that denote this category (Oryx renamed some over time). */
  readonly types: readonly string[]
  /** The metric the Oryx total is claimed on. */
  readonly metric: string
  /** When several Oryx categories add up under one GS category: that GS category's metric. */
  readonly partOf?: string
  readonly title: string
  readonly note?: string
}

/** Every numeric General Staff equipment category, in the order of the upstream file. */
export const GS_CATEGORIES: readonly GsCategory[] = [
  { key: "aircraft", metric: "losses.aircraft", title: "Aircraft (fixed-wing)" },
  { key: "helicopter", metric: "losses.helicopters", title: "Helicopters" },
  { key: "tank", metric: "losses.tanks", title: "Tanks" },
  {
    key: "APC", metric: "losses.apc", title: "Armoured combat vehicles",
    note: "the upstream key says APC; the General Staff's wording is 'armoured combat vehicles' (ББМ), which covers Oryx's AFVs, IFVs, APCs, MRAPs and IMVs",
  },
  { key: "field artillery", metric: "losses.artillery", title: "Artillery systems" },
  { key: "MRL", metric: "losses.mrl", title: "Multiple rocket launchers" },
  { key: "anti-aircraft warfare", metric: "losses.air-defence", title: "Air defence systems" },
  { key: "drone", metric: "losses.drones", title: "Operational-tactical UAVs" },
  { key: "naval ship", metric: "losses.naval-ships", title: "Warships and boats" },
  { key: "submarines", metric: "losses.submarines", title: "Submarines", note: "reported from 2023-09-14" },
  { key: "vehicles and fuel tanks", metric: "losses.vehicles-and-fuel-tanks", title: "Vehicles and fuel tanks", note: "reported from 2022-05-01, replacing 'military auto' and 'fuel tank'" },
  { key: "special equipment", metric: "losses.special-equipment", title: "Special equipment", note: "reported from 2022-03-16" },
  { key: "cruise missiles", metric: "losses.cruise-missiles", title: "Cruise missiles", note: "reported from 2022-05-01" },
  { key: "ground robotic systems", metric: "losses.ground-robotic-systems", title: "Ground robotic systems", note: "reported from 2026-05-03" },
  { key: "military auto", metric: "losses.military-auto", title: "Military vehicles", note: "reported 2022-02-25 .. 2022-04-30 only" },
  { key: "fuel tank", metric: "losses.fuel-tanks", title: "Fuel tanks", note: "reported 2022-02-25 .. 2022-04-30 only" },
  { key: "mobile SRBM system", metric: "losses.mobile-srbm-systems", title: "Mobile SRBM systems", note: "reported 2022-03-26 .. 2022-04-30 only" },
]

/** Every Oryx (Russia) equipment type the adapter claims, and where. */
export const ORYX_CATEGORIES: readonly OryxCategory[] = [
  { types: ["Aircraft"], metric: "losses.aircraft", title: "Aircraft" },
  { types: ["Helicopters"], metric: "losses.helicopters", title: "Helicopters" },
  { types: ["Tanks"], metric: "losses.tanks", title: "Tanks" },
  {
    types: ["Multiple Rocket Launchers", "Rocket and Missile Artillery"], metric: "losses.mrl", title: "Multiple rocket launchers",
    note: "Oryx renamed the category on 2025-06-27; the tally continues (498 on 2025-06-12, 502 on 2025-06-27)",
  },
  {
    types: ["Trucks, Vehicles, and Jeeps", "Trucks, Vehicles, Jeeps, and Trains"], metric: "losses.vehicles-and-fuel-tanks", title: "Trucks, vehicles and jeeps",
    note: "Oryx added trains to the category on 2025-05-27; strictly, trains are not General Staff vehicles, kept because the General Staff figure (≈50,000) is more than ten times Oryx's (≈4,000), so no false conflict can come of it",
  },
  { types: ["Unmanned Ground Vehicles"], metric: "losses.ground-robotic-systems", title: "Unmanned ground vehicles" },
  { types: ["Armoured Fighting Vehicles"], metric: "losses.apc.afv", partOf: "losses.apc", title: "Armoured fighting vehicles" },
  { types: ["Infantry Fighting Vehicles"], metric: "losses.apc.ifv", partOf: "losses.apc", title: "Infantry fighting vehicles" },
  { types: ["Armoured Personnel Carriers"], metric: "losses.apc.apc", partOf: "losses.apc", title: "Armoured personnel carriers" },
  { types: ["Mine-Resistant Ambush Protected"], metric: "losses.apc.mrap", partOf: "losses.apc", title: "MRAPs" },
  { types: ["Infantry Mobility Vehicles"], metric: "losses.apc.imv", partOf: "losses.apc", title: "Infantry mobility vehicles" },
  { types: ["Towed Artillery"], metric: "losses.artillery.towed", partOf: "losses.artillery", title: "Towed artillery" },
  { types: ["Self-Propelled Artillery"], metric: "losses.artillery.self-propelled", partOf: "losses.artillery", title: "Self-propelled artillery" },
  {
    types: ["Surface-To-Air Missile Systems"], metric: "losses.air-defence.sam", partOf: "losses.air-defence", title: "Surface-to-air missile systems",
    note: "the upstream mapping file puts SAM systems under 'Multiple Rocket Launchers'; they are air defence, which is what the General Staff's 'anti-aircraft warfare' counts",
  },
  { types: ["Anti-Aircraft Guns"], metric: "losses.air-defence.aa-guns", partOf: "losses.air-defence", title: "Anti-aircraft guns" },
  { types: ["Self-Propelled Anti-Aircraft Guns"], metric: "losses.air-defence.spaag", partOf: "losses.air-defence", title: "Self-propelled anti-aircraft guns" },
  { types: ["Reconnaissance Unmanned Aerial Vehicles"], metric: "losses.drones.recon-uav", partOf: "losses.drones", title: "Reconnaissance UAVs" },
  { types: ["Unmanned Combat Aerial Vehicles"], metric: "losses.drones.ucav", partOf: "losses.drones", title: "Unmanned combat aerial vehicles" },
  { types: ["Radars"], metric: "losses.special-equipment.radars", partOf: "losses.special-equipment", title: "Radars" },
  { types: ["Jammers And Deception Systems"], metric: "losses.special-equipment.jammers", partOf: "losses.special-equipment", title: "Jammers and deception systems" },
  {
    types: ["Naval Ships and Submarines"], metric: "losses.naval", title: "Naval ships and submarines (Oryx only)",
    note: "Oryx counts ships and submarines together, the General Staff separately; a metric has one list of parts (Oryx's statuses), so this stays an Oryx-only metric. Its single row (at least 28 on 2024-09-30) is compatible with the General Staff's 28 ships + 1 submarine of that day",
  },
]

/** Oryx equipment types (Russia) deliberately left out, with the reason. */
export const UNMAPPED_ORYX: readonly { readonly type: string; readonly reason: string }[] = [
  { type: "Command Posts And Communications Stations", reason: "the upstream mapping file counts them as 'APC', but many are trucks or containers; the General Staff's 'armoured combat vehicles' need not include them (plausibly 'special equipment'), so attaching them could fabricate a conflict" },
  { type: "Engineering Vehicles And Equipment", reason: "same as command posts: mixed armoured and soft-skin vehicles, General Staff category unclear" },
  { type: "Artillery Support Vehicles And Equipment", reason: "ammunition carriers and command vehicles, not artillery systems" },
  { type: "Self-Propelled Anti-Tank Missile Systems", reason: "the upstream mapping file says artillery; the General Staff has no anti-tank category and may count them as armoured vehicles, so no containment is certain" },
  { type: "All Types", reason: "Oryx's grand total; the General Staff gives no total over categories" },
  { type: "Losses excluding Recon Drones and Trucks - N, of which: …", reason: "summary row whose name embeds the day's numbers; no General Staff counterpart" },
  { type: "Losses of Armoured Combat Vehicles [Tanks, AFVs, IFVs, APCs, and MRAPs] - N, …", reason: "summary row including tanks, which the General Staff counts separately" },
]

/** General Staff data deliberately left out, with the reason. */
export const UNMAPPED_GS: readonly { readonly key: string; readonly reason: string }[] = [
  { key: "personnel (russia_losses_personnel.json)", reason: "not equipment; Oryx has no counterpart. A separate event if ever needed" },
  { key: "greatest losses direction", reason: "a place name, not a count" },
  { key: "day", reason: "day number of the war, not a count" },
]

const gsByKey = new Map(GS_CATEGORIES.map((c) => [c.key, c]))
const oryxByType = new Map(ORYX_CATEGORIES.flatMap((c) => c.types.map((t) => [t, c] as const)))

/** The General Staff category of an upstream json key, if it is a tally the adapter claims. */
export const gsCategoryByKey = (key: string): GsCategory | undefined => gsByKey.get(key)

/** The Oryx category of an equipment_type spelling, if the adapter claims it. */
export const oryxCategoryByType = (type: string): OryxCategory | undefined => oryxByType.get(type)

/**
 * The metric of one Oryx status under a category total.
 * @example statusMetric("losses.aircraft", "destroyed") === "losses.aircraft.destroyed"
 */
export const statusMetric = (metric: string, status: OryxStatus): string => `${metric}.${status}`

/**
 * The readable slug of a metric for claim ids.
 * @example metricSlug("losses.apc.ifv.destroyed") === "apc-ifv-destroyed"
 */
export const metricSlug = (metric: string): string =>
  (metric.startsWith(METRIC_PREFIX) ? metric.slice(METRIC_PREFIX.length) : metric).replaceAll(".", "-")
