import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { README_END, README_START, replaceBetweenMarkers } from './readme-table';

describe('replaceBetweenMarkers', () => {
  it('replaces only what lies between the markers', () => {
    const text = `# Title\n\n${README_START}\nold table\n${README_END}\n\nMore text.\n`;
    assert.equal(
      replaceBetweenMarkers(text, '| new |\n'),
      `# Title\n\n${README_START}\n| new |\n${README_END}\n\nMore text.\n`,
    );
  });

  it('returns null when a marker is missing or they are out of order', () => {
    assert.equal(replaceBetweenMarkers(`${README_START} only`, 'x'), null);
    assert.equal(replaceBetweenMarkers(`${README_END} ${README_START}`, 'x'), null);
  });

  it('takes other markers (the load test has its own table)', () => {
    const text = `a\n<!-- load:latest:start -->\nold\n<!-- load:latest:end -->\n${README_START}\nbench\n${README_END}\n`;
    assert.equal(
      replaceBetweenMarkers(text, 'new', '<!-- load:latest:start -->', '<!-- load:latest:end -->'),
      `a\n<!-- load:latest:start -->\nnew\n<!-- load:latest:end -->\n${README_START}\nbench\n${README_END}\n`,
    );
  });
});
