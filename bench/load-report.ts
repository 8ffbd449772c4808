/**
 * Pure helpers of the load test (`npm run load`, `bench/load.ts`): what is requested, how the
 * connections are shared out, what each target's autocannon result comes to, whether the run met its
 * targets, and the table it prints. No I/O, so they are unit tested in `load-report.test.ts`.
 */

/** One URL the load test requests over and over. */
export interface LoadTarget {
  /** What it stands for, as the table shows it. */
  readonly name: string;
  /** The path (and query) requested. */
  readonly path: string;
  /** The status every response should have. */
  readonly expectedStatus: number;
  /** Request headers: what a browser sends for it. */
  readonly headers: Readonly<Record<string, string>>;
}

/** The part of an autocannon result the report reads (autocannon's own `Result` has these fields). */
export interface AutocannonOutcome {
  /** `total`: responses received. */
  readonly requests: { readonly total: number };
  /** Latency percentiles, in ms. */
  readonly latency: { readonly p99: number };
  /** How long the run took, in seconds. */
  readonly duration: number;
  /** Connection errors, timeouts included. */
  readonly errors: number;
  /** Requests that got no response in time. */
  readonly timeouts: number;
  /** Responses with a status outside 200–299. */
  readonly non2xx: number;
  /** Responses with a status from 500 to 599. */
  readonly '5xx': number;
  /** Responses by status code. */
  readonly statusCodeStats?:
    Readonly<Record<string, { readonly count?: number | string }>> | undefined;
}

/** What one target came to in one run. */
export interface TargetResult {
  readonly name: string;
  readonly path: string;
  /** Connections that requested this target. */
  readonly connections: number;
  readonly responses: number;
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  readonly non2xx: number;
  readonly status5xx: number;
  /** Responses whose status was not the target's expected one (for a 404 target, anything but 404). */
  readonly unexpectedStatus: number;
}

/** One run: all targets at once, sharing `connections`. */
export interface LoadRun {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly results: readonly TargetResult[];
}

/** What a run must achieve. */
export interface LoadCriteria {
  /** From this many connections on, a run must have no errors, no timeouts and no 5xx. */
  readonly errorFreeFromConnections: number;
  /** The target whose rate is compared to the reference's (the page). */
  readonly compared: string;
  /** The reference target (the main script). */
  readonly reference: string;
  /** The least share of the reference's requests/s the compared target must reach, in every run. */
  readonly minimumRateRatio: number;
}

/** Shares `total` connections out over `count` targets as evenly as possible (the first ones get the rest). */
export function connectionsPerTarget(total: number, count: number): number[] {
  if (!Number.isInteger(total) || !Number.isInteger(count) || count <= 0 || total < count) {
    throw new RangeError(`cannot share ${total} connections over ${count} targets`);
  }
  const base = Math.floor(total / count);
  return Array.from({ length: count }, (_, index) => base + (index < total % count ? 1 : 0));
}

/** What one target's autocannon result comes to. */
export function summarizeTarget(
  target: LoadTarget,
  connections: number,
  outcome: AutocannonOutcome,
): TargetResult {
  const expected = outcome.statusCodeStats?.[String(target.expectedStatus)]?.count;
  const responsesWithExpectedStatus = Number(expected ?? 0);
  return {
    name: target.name,
    path: target.path,
    connections,
    responses: outcome.requests.total,
    requestsPerSecond: outcome.duration > 0 ? outcome.requests.total / outcome.duration : 0,
    p99Ms: outcome.latency.p99,
    errors: outcome.errors,
    non2xx: outcome.non2xx,
    status5xx: outcome['5xx'],
    unexpectedStatus: outcome.requests.total - responsesWithExpectedStatus,
  };
}

/** The ways a run missed its targets, one sentence each (empty when it met them all). */
export function runFailures(run: LoadRun, criteria: LoadCriteria): string[] {
  const failures: string[] = [];
  for (const result of run.results) {
    if (result.responses === 0) failures.push(`${result.name}: no responses at all`);
    if (result.unexpectedStatus > 0)
      failures.push(
        `${result.name}: ${result.unexpectedStatus} responses with another status than expected`,
      );
    if (run.connections >= criteria.errorFreeFromConnections) {
      if (result.errors > 0)
        failures.push(`${result.name}: ${result.errors} errors at ${run.connections} connections`);
      if (result.status5xx > 0)
        failures.push(
          `${result.name}: ${result.status5xx} 5xx responses at ${run.connections} connections`,
        );
    }
  }
  const compared = run.results.find((result) => result.name === criteria.compared);
  const reference = run.results.find((result) => result.name === criteria.reference);
  if (compared === undefined || reference === undefined) {
    failures.push(`the run lacks "${criteria.compared}" or "${criteria.reference}"`);
  } else {
    const ratio = rateRatio(compared, reference);
    if (ratio < criteria.minimumRateRatio) {
      failures.push(
        `${compared.name} at ${formatPercent(ratio)} of ${reference.name}'s requests/s at ${run.connections} connections (at least ${formatPercent(criteria.minimumRateRatio)} expected)`,
      );
    }
  }
  return failures;
}

/** `compared`'s requests/s as a share of `reference`'s (0 when the reference had none). */
export function rateRatio(compared: TargetResult, reference: TargetResult): number {
  return reference.requestsPerSecond > 0
    ? compared.requestsPerSecond / reference.requestsPerSecond
    : 0;
}

function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)} %`;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** A run as a Markdown table, with the compared target's rate as a share of the reference's below it. */
export function runTable(run: LoadRun, criteria: LoadCriteria): string {
  const rows = run.results.map((result) =>
    [
      result.name,
      `\`${result.path.length > 48 ? `${result.path.slice(0, 45)}…` : result.path}\``,
      String(result.connections),
      integer.format(result.requestsPerSecond),
      `${integer.format(result.p99Ms)} ms`,
      String(result.errors),
      String(result.non2xx),
      String(result.status5xx),
      String(result.unexpectedStatus),
    ].join(' | '),
  );
  const compared = run.results.find((result) => result.name === criteria.compared);
  const reference = run.results.find((result) => result.name === criteria.reference);
  const ratio =
    compared && reference
      ? `\n\n${compared.name} at **${formatPercent(rateRatio(compared, reference))}** of ${reference.name}'s requests/s.`
      : '';
  return (
    [
      `**${run.connections} connections**, ${run.durationSeconds} s, all targets at once:`,
      '',
      '| target | path | connections | requests/s | p99 latency | errors | non-2xx | 5xx | unexpected status |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows.map((row) => `| ${row} |`),
    ].join('\n') + ratio
  );
}
