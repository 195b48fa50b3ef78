// What POST /api/v1/policy/check (and /impact, PUT) said about a text, read from the server's message: the
// parser's "line L, column C: ..." position, and the failed tests' lines after "test(s) failed:".
import type { PolicyVerdict } from '../model/policy';

const POSITION = /line (\d+), column (\d+)/;
const TESTS_FAILED = 'test(s) failed:';

export function rejection(message: string): PolicyVerdict {
  const position = POSITION.exec(message);
  const failed = message.indexOf(TESTS_FAILED);
  const testFailures = failed < 0 ? [] : message.slice(failed + TESTS_FAILED.length).split('\n').map((l) => l.trim()).filter(Boolean);
  return {
    state: 'invalid',
    message,
    line: position ? Number(position[1]) : undefined,
    column: position ? Number(position[2]) : undefined,
    testFailures,
  };
}
