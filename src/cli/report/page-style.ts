/** The pages' stylesheet, inlined into every page (no network). */
export const PAGE_CSS = `
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #ffffff; --soft: #f6f8fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: var(--bg); }
header.top { display: flex; gap: 1.5rem; align-items: baseline; padding: .6rem 1.5rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; }
header.top nav a { margin-right: 1rem; }
main { padding: 1rem 1.5rem 3rem; max-width: 1200px; }
a { color: #0969da; }
h1 { font-size: 1.4rem; margin: .4rem 0 .8rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; }
.muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.status, .role { display: inline-block; padding: 0 .45rem; border-radius: 1rem; font-size: 12px; white-space: nowrap; border: 1px solid var(--line); }
.status-conflict { background: #ffebe9; border-color: #ff8182; }
.status-consistent { background: #dafbe1; border-color: #4ac26b; }
.status-single-source { background: #ddf4ff; border-color: #54aeff; }
.status-derived { background: #fff8c5; border-color: #d4a72c; }
.status-no-data { background: #f6f8fa; }
.role { color: #fff; border: 0; }
.role-possible, .role-repeat, .role-superseded, .role-relayed { color: #1f2328; }
form.filter { display: flex; flex-wrap: wrap; gap: .8rem; align-items: end; margin: .5rem 0 1rem; }
form.filter label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: .5rem 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
ul.legend { list-style: none; padding: 0; margin: .3rem 0 .8rem; display: flex; flex-wrap: wrap; gap: .3rem 1rem; font-size: 12px; }
ul.legend .swatch { display: inline-block; width: 12px; height: 12px; margin-right: .3rem; vertical-align: -2px; border-radius: 2px; }
ul.legend .swatch.line { height: 3px; vertical-align: 3px; }
.interval-plot, .tally-plot { overflow-x: auto; }
ol.explanation li { margin-bottom: .3rem; }
blockquote { margin: 0; padding-left: .6rem; border-left: 3px solid var(--line); color: var(--muted); white-space: pre-wrap; overflow-wrap: anywhere; }
.url { overflow-wrap: anywhere; }
/* The report file holds every page; the one named by the URL's #fragment shows (the index by default). */
body.report section.page { display: none; }
body.report section.page:target { display: block; }
body.report:not(:has(section.page:target)) #index { display: block; }
`
