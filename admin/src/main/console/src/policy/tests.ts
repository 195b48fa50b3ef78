// The policy's own tests (its "tests" and "sshTests" sections) as one line per assertion, and each one's result
// from the check's verdict: the server runs them and names each failure "src -> dst: ...", or "src: ..." when the
// source itself resolved to nothing.
import type { PolicyTestCase, PolicyVerdict } from '../model/policy';
import { parseHuJson } from './hujson';

interface Section {
  src?: unknown;
  dst?: unknown;
  accept?: unknown;
  deny?: unknown;
  check?: unknown;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export function testCases(text: string): PolicyTestCase[] {
  const document = parseHuJson(text) as { tests?: unknown; sshTests?: unknown } | null;
  if (!document || typeof document !== 'object') return [];
  const cases: PolicyTestCase[] = [];
  for (const test of (Array.isArray(document.tests) ? document.tests : []) as Section[]) {
    const source = String(test.src ?? '');
    strings(test.accept).forEach((destination) => cases.push({ section: 'tests', source, destination, expect: 'accept' }));
    strings(test.deny).forEach((destination) => cases.push({ section: 'tests', source, destination, expect: 'deny' }));
  }
  for (const test of (Array.isArray(document.sshTests) ? document.sshTests : []) as Section[]) {
    const source = String(test.src ?? '');
    for (const destination of strings(test.dst)) {
      for (const expect of ['accept', 'deny', 'check'] as const) {
        strings(test[expect]).forEach((user) =>
          cases.push({ section: 'sshTests', source, destination: `${user}@${destination}`, expect }));
      }
    }
  }
  return cases;
}

export type TestResult = { result: 'passed' } | { result: 'failed'; why: string } | { result: 'not run'; why: string };

export function resultOf(test: PolicyTestCase, verdict: PolicyVerdict | null): TestResult {
  if (!verdict || verdict.state === 'checking') return { result: 'not run', why: 'checking…' };
  if (verdict.state === 'valid') return { result: 'passed' };
  if (verdict.testFailures.length === 0) return { result: 'not run', why: 'the policy is invalid, so its tests did not run' };
  const failure = verdict.testFailures.find((line) => failureMatches(line, test));
  return failure ? { result: 'failed', why: failure } : { result: 'passed' };
}

function failureMatches(line: string, test: PolicyTestCase): boolean {
  const arrow = line.indexOf(' -> ');
  if (arrow < 0) return line.startsWith(`${test.source}:`);
  const [source, user] = line.slice(0, arrow).split('/');
  if (source !== test.source) return false;
  const rest = line.slice(arrow + 4);
  const destination = rest.slice(0, rest.indexOf(': ') < 0 ? undefined : rest.indexOf(': '));
  // An SSH failure names the destination node, not the alias the test wrote: match on the user instead.
  if (test.section === 'sshTests') return user !== undefined && test.destination.startsWith(`${user}@`);
  return destination === test.destination;
}
