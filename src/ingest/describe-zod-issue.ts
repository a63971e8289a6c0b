import type { z } from "zod"

/**
 * One readable line for the first problem zod found, naming the field.
 * @example describeZodIssue(error.issues[0]) === 'field "metrics[2].kind": must be one of "count", "real"'
 */
export const describeZodIssue = (issue: z.core.$ZodIssue): string => {
  const where = issue.path.length === 0 ? "" : `field "${formatPath(issue.path)}": `
  if (issue.code === "unrecognized_keys") {
    return `${where}unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`
  }
  if (issue.code === "invalid_value") {
    return `${where}must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`
  }
  if (issue.code === "invalid_type" && issue.message.includes("received undefined")) {
    return `missing required field "${formatPath(issue.path)}"`
  }
  return `${where}${issue.message}`
}

const formatPath = (p: readonly PropertyKey[]): string =>
  p.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("")
