import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  type AutocannonOutcome,
  connectionsPerTarget,
  type LoadCriteria,
  type LoadRun,
  type LoadTarget,
  rateRatio,
  runFailures,
  runTable,
  summarizeTarget,
  type TargetResult,
} from './load-report';

const CRITERIA: LoadCriteria = {
  errorFreeFromConnections: 500,
  compared: 'page',
  reference: 'main script',
  minimumRateRatio: 0.8,
};

function outcome(overrides: Partial<AutocannonOutcome> = {}): AutocannonOutcome {
  return {
    requests: { total: 10_000 },
    latency: { p99: 120 },
    duration: 10,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    '5xx': 0,
    statusCodeStats: { '200': { count: 10_000 } },
    ...overrides,
  };
}

function result(name: string, overrides: Partial<TargetResult> = {}): TargetResult {
  return {
    name,
    path: `/${name}`,
    connections: 50,
    responses: 1000,
    requestsPerSecond: 100,
    p99Ms: 80,
    errors: 0,
    non2xx: 0,
    status5xx: 0,
    unexpectedStatus: 0,
    ...overrides,
  };
}

function loadRun(connections: number, results: readonly TargetResult[]): LoadRun {
  return { connections, durationSeconds: 10, results };
}

describe('connectionsPerTarget', () => {
  it('shares the connections out evenly, the rest to the first targets', () => {
    assert.deepEqual(connectionsPerTarget(200, 4), [50, 50, 50, 50]);
    assert.deepEqual(connectionsPerTarget(10, 4), [3, 3, 2, 2]);
    assert.equal(
      connectionsPerTarget(503, 4).reduce((sum, share) => sum + share, 0),
      503,
    );
  });

  it('refuses fewer connections than targets, or nonsense', () => {
    assert.throws(() => connectionsPerTarget(3, 4), RangeError);
    assert.throws(() => connectionsPerTarget(10, 0), RangeError);
    assert.throws(() => connectionsPerTarget(10.5, 2), RangeError);
  });
});

describe('summarizeTarget', () => {
  const page: LoadTarget = {
    name: 'page',
    path: '/identity/password_set',
    expectedStatus: 200,
    headers: {},
  };
  const missing: LoadTarget = {
    name: '404',
    path: '/themes/x.json',
    expectedStatus: 404,
    headers: {},
  };

  it('computes requests/s over the run and keeps p99, errors, non-2xx and 5xx', () => {
    assert.deepEqual(
      summarizeTarget(
        page,
        50,
        outcome({
          errors: 2,
          '5xx': 1,
          non2xx: 1,
          statusCodeStats: { '200': { count: 9_999 }, '503': { count: 1 } },
        }),
      ),
      {
        name: 'page',
        path: '/identity/password_set',
        connections: 50,
        responses: 10_000,
        requestsPerSecond: 1000,
        p99Ms: 120,
        errors: 2,
        non2xx: 1,
        status5xx: 1,
        unexpectedStatus: 1,
      },
    );
  });

  it('counts as unexpected every response without the expected status (404s are expected for a 404 target)', () => {
    const all404 = outcome({
      non2xx: 500,
      requests: { total: 500 },
      statusCodeStats: { '404': { count: 500 } },
    });
    assert.equal(summarizeTarget(missing, 50, all404).unexpectedStatus, 0);
    assert.equal(summarizeTarget(page, 50, all404).unexpectedStatus, 500);
    // autocannon has reported counts as strings in some versions.
    assert.equal(
      summarizeTarget(
        missing,
        50,
        outcome({ requests: { total: 3 }, statusCodeStats: { '404': { count: '3' } } }),
      ).unexpectedStatus,
      0,
    );
    assert.equal(
      summarizeTarget(missing, 50, outcome({ requests: { total: 3 }, statusCodeStats: undefined }))
        .unexpectedStatus,
      3,
    );
  });

  it('gives a run that took no time no rate rather than infinity', () => {
    assert.equal(summarizeTarget(page, 1, outcome({ duration: 0 })).requestsPerSecond, 0);
  });
});

describe('runFailures', () => {
  it('passes a clean run with the page at 80 % or more of the main script', () => {
    assert.deepEqual(
      runFailures(
        loadRun(500, [
          result('page', { requestsPerSecond: 80 }),
          result('main script', { requestsPerSecond: 100 }),
        ]),
        CRITERIA,
      ),
      [],
    );
  });

  it('fails the page below 80 % of the main script, in any run', () => {
    const failures = runFailures(
      loadRun(200, [
        result('page', { requestsPerSecond: 79 }),
        result('main script', { requestsPerSecond: 100 }),
      ]),
      CRITERIA,
    );
    assert.deepEqual(failures, [
      "page at 79 % of main script's requests/s at 200 connections (at least 80 % expected)",
    ]);
  });

  it('fails errors and 5xx from 500 connections on, and unexpected statuses or silence at any load', () => {
    const faulty = [result('page', { errors: 3, status5xx: 2 }), result('main script')];
    assert.deepEqual(runFailures(loadRun(200, faulty), CRITERIA), []);
    assert.deepEqual(runFailures(loadRun(500, faulty), CRITERIA), [
      'page: 3 errors at 500 connections',
      'page: 2 5xx responses at 500 connections',
    ]);
    assert.deepEqual(
      runFailures(
        loadRun(200, [
          result('page', { unexpectedStatus: 4 }),
          result('main script', { responses: 0, requestsPerSecond: 0 }),
        ]),
        CRITERIA,
      ),
      [
        'page: 4 responses with another status than expected',
        'main script: no responses at all',
        "page at 0 % of main script's requests/s at 200 connections (at least 80 % expected)",
      ],
    );
  });

  it('fails a run without the compared targets', () => {
    assert.deepEqual(runFailures(loadRun(200, [result('page')]), CRITERIA), [
      'the run lacks "page" or "main script"',
    ]);
  });
});

describe('runTable', () => {
  it('prints one row per target and the page rate as a share of the main script', () => {
    const table = runTable(
      loadRun(200, [
        result('page', { requestsPerSecond: 1234.6, p99Ms: 81.4 }),
        result('main script', { requestsPerSecond: 1500 }),
      ]),
      CRITERIA,
    );
    assert.equal(
      table,
      [
        '**200 connections**, 10 s, all targets at once:',
        '',
        '| target | path | connections | requests/s | p99 latency | errors | non-2xx | 5xx | unexpected status |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        '| page | `/page` | 50 | 1,235 | 81 ms | 0 | 0 | 0 | 0 |',
        '| main script | `/main script` | 50 | 1,500 | 80 ms | 0 | 0 | 0 | 0 |',
        '',
        "page at **82 %** of main script's requests/s.",
      ].join('\n'),
    );
    assert.equal(
      rateRatio(result('a', { requestsPerSecond: 1 }), result('b', { requestsPerSecond: 0 })),
      0,
    );
  });

  it('shortens long paths', () => {
    const table = runTable(
      loadRun(200, [result('page', { path: `/identity/password_set?${'x'.repeat(80)}` })]),
      CRITERIA,
    );
    assert.match(table, /`\/identity\/password_set\?x+…`/);
    assert.doesNotMatch(table, /of main script/);
  });
});
