import type { Outcome } from "../../answer/types.js";
import type { Insights } from "../../feedback/insights.js";
import type { Language } from "../../letter/types.js";
import { ADMIN_STRINGS, type AdminStrings } from "./admin-i18n.js";
import { type Child, h, uniqueId } from "./dom.js";

/**
 * The insights page (`/admin`). The admin token typed into the form is kept in this module's
 * memory only (never in storage, a cookie or the URL) and sent as a bearer token. Everything is
 * built with DOM APIs: charts are inline SVG with presentation attributes and CSS classes, so the
 * page runs under the same strict CSP as the others, and each chart has its figures as text.
 */

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 24 * 3_600_000;

function svg(tag: string, attributes: Record<string, string | number>, ...children: Node[]) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children);
  return element;
}

const lang: Language = document.documentElement.lang === "nl" ? "nl" : "en";
const strings: AdminStrings = ADMIN_STRINGS[lang];
const number = new Intl.NumberFormat(lang);
const dayFormat = new Intl.DateTimeFormat(lang, {
  day: "numeric",
  month: "short",
  timeZone: "UTC",
});
const dateFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeZone: "UTC" });
const dateTimeFormat = new Intl.DateTimeFormat(lang, {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

class Problem extends Error {}

let token: string | undefined;

const percent = (count: number, total: number) =>
  total === 0 ? 0 : Math.round((count / total) * 100);

function section(heading: string, ...content: Child[]): HTMLElement {
  const id = uniqueId("admin-heading");
  return h(
    "section",
    { class: "admin-section", "aria-labelledby": id },
    h("h2", { id }, heading),
    ...content,
  );
}

function table(labelledBy: string, head: string[], rows: Child[][], numeric: number[] = []) {
  const cell = (tag: "th" | "td", content: Child, i: number) =>
    h(tag, numeric.includes(i) ? { class: "admin-number" } : {}, content);
  return h(
    "div",
    { class: "admin-table-wrap" },
    h(
      "table",
      { class: "admin-table", "aria-labelledby": labelledBy },
      h("thead", {}, h("tr", {}, ...head.map((text, i) => cell("th", text, i)))),
      h(
        "tbody",
        {},
        ...rows.map((row) =>
          h(
            "tr",
            {},
            ...row.map((content, i) =>
              i === 0 ? h("th", { scope: "row" }, content) : cell("td", content, i),
            ),
          ),
        ),
      ),
    ),
  );
}

/** A table inside a section; the section's heading names it. */
function tableSection(heading: string, head: string[], rows: Child[][], numeric: number[] = []) {
  const element = section(heading);
  const id = element.getAttribute("aria-labelledby") as string;
  element.append(rows.length === 0 ? h("p", {}, strings.nothing) : table(id, head, rows, numeric));
  return element;
}

/** Horizontal bars as a list: the label, a bar drawn to scale, and the count with its share. */
function bars(items: Array<{ label: string; count: number }>, total: number): HTMLElement {
  const max = Math.max(1, ...items.map((item) => item.count));
  return h(
    "ul",
    { class: "admin-bars" },
    ...items.map((item) => {
      const bar = svg(
        "svg",
        {
          class: "admin-bars__bar",
          viewBox: "0 0 100 10",
          preserveAspectRatio: "none",
          "aria-hidden": "true",
          focusable: "false",
        },
        svg("rect", { class: "admin-bars__fill", width: (item.count / max) * 100, height: 10 }),
      );
      return h(
        "li",
        {},
        h("span", { class: "admin-bars__label" }, item.label),
        bar,
        h(
          "span",
          { class: "admin-bars__value" },
          strings.share(item.count, percent(item.count, total)),
        ),
      );
    }),
  );
}

/** A round step for an axis: 1, 2 or 5 times a power of ten. */
function niceStep(max: number): number {
  const rough = Math.max(1, max / 4);
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
  return Math.max(1, step);
}

/** Questions per day, stacked by outcome, with a legend and the figures as a table. */
function overTime(insights: Insights): HTMLElement {
  const days = insights.byDay;
  const outcomes = insights.byOutcome.map((o) => o.outcome);
  const width = 720;
  const height = 260;
  const left = 44;
  const bottom = 30;
  const top = 12;
  const plotWidth = width - left - 12;
  const plotHeight = height - top - bottom;
  const max = Math.max(1, ...days.map((d) => d.total));
  const step = niceStep(max);
  const ceiling = Math.ceil(max / step) * step;
  const y = (value: number) => top + plotHeight - (value / ceiling) * plotHeight;
  const slot = plotWidth / Math.max(1, days.length);
  const barWidth = Math.max(1, slot * 0.75);

  const titleId = uniqueId("admin-chart-title");
  const descId = uniqueId("admin-chart-desc");
  const chart = svg(
    "svg",
    {
      class: "admin-chart",
      viewBox: `0 0 ${width} ${height}`,
      preserveAspectRatio: "xMinYMid meet",
      role: "img",
      "aria-labelledby": titleId,
      "aria-describedby": descId,
    },
    svg("title", { id: titleId }, document.createTextNode(strings.overTime.heading)),
    svg(
      "desc",
      { id: descId },
      document.createTextNode(strings.overTime.description(insights.totals.questions, days.length)),
    ),
  );
  for (let value = 0; value <= ceiling; value += step) {
    chart.append(
      svg("line", { class: "admin-grid", x1: left, x2: width - 12, y1: y(value), y2: y(value) }),
      svg(
        "text",
        { class: "admin-axis", x: left - 6, y: y(value) + 4, "text-anchor": "end" },
        document.createTextNode(number.format(value)),
      ),
    );
  }
  const labelEvery = Math.max(1, Math.ceil(days.length / 8));
  days.forEach((day, i) => {
    const x = left + i * slot + (slot - barWidth) / 2;
    let stacked = 0;
    for (const outcome of outcomes) {
      const count = day.outcomes[outcome];
      if (count === 0) continue;
      chart.append(
        svg("rect", {
          class: `admin-o-${outcome}`,
          x,
          width: barWidth,
          y: y(stacked + count),
          height: y(stacked) - y(stacked + count),
        }),
      );
      stacked += count;
    }
    if (i % labelEvery === 0) {
      chart.append(
        svg(
          "text",
          { class: "admin-axis", x: x + barWidth / 2, y: height - 10, "text-anchor": "middle" },
          document.createTextNode(dayFormat.format(new Date(`${day.day}T00:00:00Z`))),
        ),
      );
    }
  });

  const legend = h(
    "ul",
    { class: "admin-legend" },
    ...insights.byOutcome.map(({ outcome, count }) =>
      h(
        "li",
        {},
        h("span", { class: `admin-swatch admin-o-${outcome}`, "aria-hidden": "true" }),
        `${strings.outcomeNames[outcome]}: ${number.format(count)}`,
      ),
    ),
  );
  const tableId = uniqueId("admin-table");
  const figures = h(
    "details",
    { class: "admin-details" },
    h("summary", { id: tableId }, strings.showTable),
    table(
      tableId,
      [strings.day, ...outcomes.map((o) => strings.outcomeNames[o]), strings.total],
      days
        .filter((day) => day.total > 0)
        .map((day) => [
          dateFormat.format(new Date(`${day.day}T00:00:00Z`)),
          ...outcomes.map((o) => number.format(day.outcomes[o])),
          number.format(day.total),
        ]),
      outcomes.map((_, i) => i + 1).concat(outcomes.length + 1),
    ),
  );
  return section(
    strings.overTime.heading,
    h("figure", { class: "admin-figure" }, chart, legend),
    figures,
  );
}

function totals(insights: Insights): HTMLElement {
  const t = insights.totals;
  const entry = (term: string, value: string) =>
    h("div", { class: "admin-total" }, h("dt", {}, term), h("dd", {}, value));
  return section(
    strings.totals.heading,
    h(
      "dl",
      { class: "admin-totals" },
      entry(strings.totals.questions, number.format(t.questions)),
      entry(strings.totals.answered, strings.share(t.answered, percent(t.answered, t.questions))),
      entry(
        strings.totals.unanswered,
        strings.share(t.unanswered, percent(t.unanswered, t.questions)),
      ),
      entry(strings.totals.followUps, number.format(t.followUps)),
      entry(strings.totals.cacheHits, number.format(t.cacheHits)),
      entry(
        strings.totals.latency,
        insights.latencyMs
          ? strings.totals.latencyValue(insights.latencyMs.p50, insights.latencyMs.p95)
          : strings.totals.none,
      ),
      entry(strings.totals.ratings, strings.totals.ratingsValue(t.ratingsUp, t.ratingsDown)),
    ),
  );
}

const outcomeList = (counts: Record<Outcome, number>) =>
  (Object.entries(counts) as Array<[Outcome, number]>)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${strings.outcomeNames[outcome]} ${number.format(count)}`)
    .join(", ");

/** A long answer as its opening words, the whole of it one click away. */
function answerCell(answer: string): Child {
  const EXCERPT = 180;
  if (answer.length <= EXCERPT) return answer;
  const cut = answer.lastIndexOf(" ", EXCERPT);
  return h(
    "details",
    { class: "admin-answer" },
    h("summary", {}, `${answer.slice(0, cut > 0 ? cut : EXCERPT)} …`),
    h("p", {}, answer),
  );
}

function render(insights: Insights): Node[] {
  const total = insights.totals.questions;
  const shares = h(
    "div",
    { class: "admin-columns" },
    section(
      strings.byChannel,
      bars(
        insights.byChannel.map((c) => ({ label: strings.channelNames[c.channel], count: c.count })),
        total,
      ),
    ),
    section(
      strings.byLanguage,
      bars(
        insights.byLanguage.map((l) => ({
          label: strings.languageNames[l.language],
          count: l.count,
        })),
        total,
      ),
    ),
  );
  const citations = insights.sections.reduce((sum, s) => sum + s.citations, 0);
  const sections = section(
    strings.bySections,
    insights.sections.length === 0
      ? h("p", {}, strings.nothing)
      : bars(
          insights.sections
            .filter((s) => s.citations > 0)
            .slice(0, 12)
            .map((s) => ({ label: s.title[lang], count: s.citations })),
          citations,
        ),
  );
  const topQuestions = tableSection(
    strings.topQuestions,
    [strings.question, strings.timesAsked, strings.outcomes, strings.alsoAskedAs],
    insights.topQuestions.map((q) => [
      q.question,
      number.format(q.count),
      outcomeList(q.outcomes),
      q.variants.join(" · "),
    ]),
    [1],
  );
  const unanswered = tableSection(
    strings.unanswered,
    [strings.topic, strings.questions, strings.question],
    insights.unanswered.map((topic) => [
      topic.topic,
      number.format(topic.count),
      h(
        "ul",
        { class: "admin-plain-list" },
        ...topic.questions.map((q) =>
          h(
            "li",
            {},
            `${q.question} (${number.format(q.count)}, ${strings.outcomeNames[q.outcome]})`,
          ),
        ),
      ),
    ]),
    [1],
  );
  const thumbsDown = tableSection(
    strings.thumbsDown,
    [
      strings.date,
      strings.question,
      strings.answer,
      strings.comment,
      strings.sections,
      strings.channel,
    ],
    insights.thumbsDown.map((r) => [
      dateTimeFormat.format(new Date(r.createdAt)),
      r.question,
      answerCell(r.answer),
      r.comment ?? "",
      r.sections.map((s) => s.title[lang]).join(", "),
      r.channel ? strings.channelNames[r.channel] : "",
    ]),
  );
  return [
    ...(insights.questionLog ? [] : [h("p", { class: "admin-note" }, strings.questionLogOff)]),
    totals(insights),
    overTime(insights),
    shares,
    sections,
    topQuestions,
    unanswered,
    thumbsDown,
  ];
}

/** A GET of the insights endpoint with the token; the API's errors become words. */
async function fetchInsights(query: URLSearchParams): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api/admin/insights?${query}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: "no-store",
    });
  } catch {
    throw new Problem(strings.problems.unreachable);
  }
  if (response.ok) return response;
  const body = (await response.json().catch(() => undefined)) as
    | { error?: { message?: string } }
    | undefined;
  if (response.status === 401) {
    token = undefined;
    throw new Problem(strings.problems.unauthorized);
  }
  if (response.status === 403) throw new Problem(strings.problems.disabled);
  if (response.status === 400) {
    throw new Problem(strings.problems.invalid(body?.error?.message ?? ""));
  }
  if (response.status === 429) throw new Problem(strings.problems.rateLimited);
  if (response.status === 503) throw new Problem(strings.problems.unavailable);
  throw new Problem(strings.problems.failed);
}

function main(): void {
  const form = document.getElementById("admin-form") as HTMLFormElement | null;
  const tokenField = document.getElementById("admin-token") as HTMLInputElement | null;
  const fromField = document.getElementById("admin-from") as HTMLInputElement | null;
  const toField = document.getElementById("admin-to") as HTMLInputElement | null;
  const forget = document.getElementById("admin-forget") as HTMLButtonElement | null;
  const status = document.getElementById("admin-status");
  const results = document.getElementById("admin-results");
  if (!form || !tokenField || !fromField || !toField || !forget || !status || !results) return;

  const today = new Date();
  toField.value = today.toISOString().slice(0, 10);
  fromField.value = new Date(today.getTime() - 29 * DAY_MS).toISOString().slice(0, 10);

  const holdToken = (held: boolean) => {
    forget.hidden = !held;
    tokenField.required = !held;
  };
  const period = () => {
    const query = new URLSearchParams();
    if (fromField.value) query.set("from", fromField.value);
    if (toField.value) query.set("to", toField.value);
    return query;
  };
  const fail = (error: unknown) => {
    status.textContent = error instanceof Problem ? error.message : strings.problems.failed;
    status.classList.add("admin-status--problem");
    if (!token) {
      holdToken(false);
      tokenField.focus();
    }
  };

  const download = h("button", { type: "button", class: "admin-button admin-button--secondary" });
  download.textContent = strings.downloadCsv;
  download.addEventListener("click", async () => {
    status.classList.remove("admin-status--problem");
    status.textContent = strings.downloading;
    try {
      const query = period();
      query.set("format", "csv");
      const response = await fetchInsights(query);
      const name = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") ?? "");
      const url = URL.createObjectURL(await response.blob());
      const link = h("a", { href: url, download: name?.[1] ?? "questions.csv", hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      URL.revokeObjectURL(url);
      status.textContent = "";
    } catch (error) {
      fail(error);
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    token = tokenField.value.trim() || token;
    tokenField.value = "";
    if (!token) {
      fail(new Problem(strings.problems.unauthorized));
      return;
    }
    holdToken(true);
    status.classList.remove("admin-status--problem");
    status.textContent = strings.loading;
    results.setAttribute("aria-busy", "true");
    try {
      const insights = (await (await fetchInsights(period())).json()) as Insights;
      results.replaceChildren(h("div", { class: "admin-actions" }, download), ...render(insights));
      results.hidden = false;
      const last = new Date(new Date(insights.to).getTime() - DAY_MS);
      status.textContent = strings.loaded(
        dateFormat.format(new Date(insights.from)),
        dateFormat.format(last),
      );
    } catch (error) {
      fail(error);
    } finally {
      results.setAttribute("aria-busy", "false");
    }
  });

  forget.addEventListener("click", () => {
    token = undefined;
    holdToken(false);
    results.replaceChildren();
    results.hidden = true;
    status.classList.remove("admin-status--problem");
    status.textContent = "";
    tokenField.focus();
  });
}

main();
