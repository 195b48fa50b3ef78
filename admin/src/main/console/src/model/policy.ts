// The policy as GET/PUT /api/v1/policy answer it (docs/api.md, Policy).
export interface PolicyDocument {
  policy: string;
  updatedAt: string;
  version: number;
  sha256: string;
}

/** One assertion of the policy's `tests` or `sshTests`, as the console lists it. */
export interface PolicyTestCase {
  section: 'tests' | 'sshTests';
  source: string;
  destination: string;
  expect: 'accept' | 'deny' | 'check';
}

/** What the server said about a text: the check's verdict, with a position when the parser gave one. */
export type PolicyVerdict =
  | { state: 'checking' }
  | { state: 'valid' }
  | { state: 'invalid'; message: string; line?: number; column?: number; testFailures: string[] };
