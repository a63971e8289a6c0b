/**
 * Test helpers: an independent number → English words writer and a thousands-separator formatter,
 * so properties can check the parser against text it did not produce itself.
 */
const ONES = [
  "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
]
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
const SCALES: ReadonlyArray<readonly [number, string]> = [[1e9, "billion"], [1e6, "million"], [1e3, "thousand"]]

export interface WordStyle {
  /** British "one hundred and twelve", "one thousand and five". */
  readonly and?: boolean
  /** "forty-one" rather than "forty one". */
  readonly hyphen?: boolean
}

const below100 = (n: number, style: WordStyle): string => {
  if (n < 20) return ONES[n] ?? ""
  const unit = n % 10
  const tens = TENS[Math.floor(n / 10)] ?? ""
  return unit === 0 ? tens : `${tens}${style.hyphen === false ? " " : "-"}${ONES[unit]}`
}

const below1000 = (n: number, style: WordStyle): string => {
  if (n < 100) return below100(n, style)
  const rest = n % 100
  const head = `${ONES[Math.floor(n / 100)]} hundred`
  return rest === 0 ? head : `${head}${style.and ? " and " : " "}${below100(rest, style)}`
}

/** 0 ≤ n < 10^12 in English words: 2345 → "two thousand three hundred forty-five". */
export const numberToWords = (n: number, style: WordStyle = {}): string => {
  if (n === 0) return "zero"
  const parts: string[] = []
  let rest = n
  for (const [scale, word] of SCALES) {
    const count = Math.floor(rest / scale)
    if (count > 0) parts.push(`${below1000(count, style)} ${word}`)
    rest %= scale
  }
  if (rest > 0) parts.push(parts.length > 0 && rest < 100 && style.and ? `and ${below100(rest, style)}` : below1000(rest, style))
  return parts.join(" ")
}

/** 1234567 → "1,234,567". */
export const groupDigits = (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",")

/** Words that name or imply a quantity; a text containing none of them (and no digit) holds no number. */
export const QUANTITY_VOCABULARY: readonly string[] = [
  ...ONES, ...TENS.filter((t) => t !== ""), "hundred", "thousand", "million", "billion", "trillion", "dozen",
  "couple", "pair", "single", "none", "nil", "several", "few", "handful",
]
