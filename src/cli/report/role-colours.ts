/** Every role a claim can play in a figure (SPEC §6), in the order the legend lists them. */
export const ROLES = ["support", "excluded", "contested", "possible", "superseded", "repeat", "relayed"] as const

/**
 * The colour of each role in the interval plot: kept voices green, what the consensus rules out
 * red-orange, tie-dependent purple; claims that do not constrain the figure in light or grey tones.
 * Chosen from ColorBrewer's Dark2/Paired so that the strong roles stay apart for colour-blind readers.
 */
export const ROLE_COLOURS: Readonly<Record<(typeof ROLES)[number], string>> = {
  support: "#1b9e77",
  excluded: "#d95f02",
  contested: "#7570b3",
  possible: "#a6cee3",
  superseded: "#b3b3b3",
  repeat: "#8fd1bb",
  relayed: "#e6ab02",
}

/** The consensus range's band and the best estimate's line. */
export const BAND_COLOUR = "#fdd835"
export const BEST_COLOUR = "#212121"

/** Colours of the sources in a tally plot (Observable's observable10 scheme), repeating past ten. */
const SOURCE_COLOURS = ["#4269d0", "#efb118", "#ff725c", "#6cc5b0", "#3ca951", "#ff8ab7", "#a463f2", "#97bbf5", "#9c6b4e", "#9498a0"]
export const sourceColour = (i: number): string => SOURCE_COLOURS[i % SOURCE_COLOURS.length]!
