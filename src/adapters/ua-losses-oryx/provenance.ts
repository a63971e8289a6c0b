/**
 * Where the two upstream series come from: repository, pinned commit and file paths
 * (see /work/shared/data/README.md). Every claim's `url` points at the exact line of the file at
 * that commit, so a reader can check the number without trusting this adapter.
 */
export const GS_REPO = "PetroIvaniuk/2022-Ukraine-Russia-War-Dataset"
export const GS_COMMIT = "37655f8bbdd6806d2f94416253116b02a750c97b"
export const GS_EQUIPMENT_PATH = "data/russia_losses_equipment.json"
export const GS_CORRECTION_PATH = "data/russia_losses_equipment_correction.json"

export const ORYX_REPO = "scarnecchia/oryx_data"
export const ORYX_COMMIT = "a8624b4781666b73440fba89824133cb41531a72"
export const ORYX_DAILY_PATH = "daily_count.csv"

/** Local file names inside the shared data folder (`<dataDir>/ua-losses`, `<dataDir>/oryx`). */
export const LOCAL_FILES = {
  gsEquipment: ["ua-losses", "russia_losses_equipment.json"],
  gsCorrection: ["ua-losses", "russia_losses_equipment_correction.json"],
  gsLicense: ["ua-losses", "LICENSE"],
  oryxDaily: ["oryx", "daily_count.csv"],
  oryxLicense: ["oryx", "LICENSE"],
} as const

/**
 * The GitHub URL of a file at a pinned commit, optionally anchored at a line.
 * @example githubUrl("scarnecchia/oryx_data", "a862…", "daily_count.csv", 94)
 *   === "https://github.com/scarnecchia/oryx_data/blob/a862…/daily_count.csv#L94"
 */
export const githubUrl = (repo: string, commit: string, path: string, line?: number): string =>
  `https://github.com/${repo}/blob/${commit}/${path}${line === undefined ? "" : `#L${line}`}`

/** URL of a line of the General Staff equipment tally. */
export const gsEquipmentUrl = (line?: number): string => githubUrl(GS_REPO, GS_COMMIT, GS_EQUIPMENT_PATH, line)

/** URL of a line of the General Staff correction file. */
export const gsCorrectionUrl = (line?: number): string => githubUrl(GS_REPO, GS_COMMIT, GS_CORRECTION_PATH, line)

/** URL of a line of Oryx's daily_count.csv. */
export const oryxDailyUrl = (line?: number): string => githubUrl(ORYX_REPO, ORYX_COMMIT, ORYX_DAILY_PATH, line)
