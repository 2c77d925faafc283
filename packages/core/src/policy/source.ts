import { isScalar, LineCounter, parseDocument } from "yaml";

/** Maps a document path (and an offset inside a scalar) to a line and column of the YAML text. */
export interface SourceMap {
  locate(path: readonly (string | number)[], offset?: number): { line: number; column: number } | undefined;
}

export interface ParsedSource {
  readonly value: unknown;
  readonly map: SourceMap | undefined;
}

/** Parses YAML keeping positions; duplicate keys are errors, aliases are refused (no alias bombs). */
export function parseYamlSource(
  text: string,
): ParsedSource | { error: string; line: number; column: number } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const first = doc.errors[0];
  if (first !== undefined) {
    const pos = lineCounter.linePos(first.pos[0]);
    return { error: first.message.split("\n")[0] ?? "invalid YAML", line: pos.line, column: pos.col };
  }
  const map: SourceMap = {
    locate(path, offset = 0) {
      for (let n = path.length; n >= 0; n--) {
        const node = doc.getIn(path.slice(0, n), true);
        const range = (node as { range?: [number, number, number] } | undefined)?.range;
        if (range === undefined) continue;
        let at = range[0];
        // Inside a one-line scalar, point at the offending character of the expression.
        if (n === path.length && isScalar(node) && offset > 0) {
          const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
          if (node.type === "PLAIN" || quoted) at += offset + (quoted ? 1 : 0);
        }
        const pos = lineCounter.linePos(at);
        return { line: pos.line, column: pos.col };
      }
      return undefined;
    },
  };
  return { value: doc.toJS({ maxAliasCount: 0 }), map };
}
