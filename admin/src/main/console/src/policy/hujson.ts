// HuJSON (JSON with comments and trailing commas, Tailscale's policy syntax) as tokens: for the editor's
// highlighting, and to read the policy's tests without a second parser. Never throws: text that is not HuJSON
// becomes 'invalid' tokens, so a half-typed policy still highlights.
export type TokenKind =
  | 'key' | 'string' | 'number' | 'literal' | 'comment' | 'punctuation' | 'whitespace' | 'invalid';

export interface Token {
  kind: TokenKind;
  text: string;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /(?:true|false|null)\b/y;
const WHITESPACE = /\s+/y;
const UNKNOWN = /[^\s{}[\],:"/]+/y;

function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else if (c === '\n') return i;
    else i++;
  }
  return text.length;
}

function sticky(pattern: RegExp, text: string, at: number): string | null {
  pattern.lastIndex = at;
  const found = pattern.exec(text);
  return found ? found[0] : null;
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    let kind: TokenKind;
    let end: number;
    const space = sticky(WHITESPACE, text, i);
    if (space) {
      kind = 'whitespace';
      end = i + space.length;
    } else if (c === '/' && text[i + 1] === '/') {
      kind = 'comment';
      const newline = text.indexOf('\n', i);
      end = newline < 0 ? text.length : newline;
    } else if (c === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      kind = close < 0 ? 'invalid' : 'comment';
      end = close < 0 ? text.length : close + 2;
    } else if (c === '"') {
      end = stringEnd(text, i);
      kind = text[end - 1] === '"' && end - i >= 2 ? 'string' : 'invalid';
    } else if ('{}[],:'.includes(c)) {
      kind = 'punctuation';
      end = i + 1;
    } else {
      const number = sticky(NUMBER, text, i);
      const literal = number ? null : sticky(LITERAL, text, i);
      kind = number ? 'number' : literal ? 'literal' : 'invalid';
      end = i + (number ?? literal ?? sticky(UNKNOWN, text, i) ?? c).length;
    }
    tokens.push({ kind, text: text.slice(i, end) });
    i = end;
  }
  markKeys(tokens);
  return tokens;
}

/** A string followed by a colon (comments and whitespace between them allowed) is an object's key. */
function markKeys(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].kind !== 'string') continue;
    const next = nextMeaningful(tokens, i + 1);
    if (next >= 0 && tokens[next].text === ':') tokens[i].kind = 'key';
  }
}

function nextMeaningful(tokens: Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) {
    if (tokens[i].kind !== 'whitespace' && tokens[i].kind !== 'comment') return i;
  }
  return -1;
}

/** The same document as standard JSON: comments and trailing commas dropped. */
export function toStandardJson(text: string): string {
  const tokens = tokenize(text);
  return tokens.map((token, i) => {
    if (token.kind === 'comment') return ' ';
    if (token.text === ',') {
      const next = nextMeaningful(tokens, i + 1);
      if (next < 0 || tokens[next].text === '}' || tokens[next].text === ']') return ' ';
    }
    return token.text;
  }).join('');
}

/** The document parsed, or null when it is not (yet) valid HuJSON. */
export function parseHuJson(text: string): unknown {
  try {
    return JSON.parse(toStandardJson(text));
  } catch {
    return null;
  }
}
